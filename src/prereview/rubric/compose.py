"""Composing a rubric from YAML: one parse per file giving data and line
numbers, the ``extends`` chain merged (mappings deeply, criteria by id, ``disable``
last), and a location in the merged rubric mapped back to a line of the file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from prereview.errors import RubricError
from prereview.rubric.search import builtin_dir, resolve_ref


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The source line of the YAML node at a pydantic error location."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == part), None)
            if nxt is None:
                break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
        line = node.start_mark.line + 1
    return line


def fmt_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when PyYAML has it: the pure-Python parser costs ~0.5 s for the
built-in rubrics, most of a ``--fast`` review."""


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """One parse giving both the node tree (for line numbers) and the data."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _read_yaml(path: Path) -> tuple[dict[str, Any], yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"{path}: cannot read rubric: {exc}") from None
    try:
        node, data = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RubricError(f"{path}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise RubricError(f"{path}: a rubric must be a YAML mapping with id and criteria")
    return data, node


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep merge of mappings; lists and scalars in ``override`` replace."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def compose(
    path: Path, seen: tuple[Path, ...], read: list[Path] | None = None
) -> tuple[dict[str, Any], yaml.Node | None]:
    """The raw rubric mapping with its ``extends`` chain merged in; every file read
    is appended to ``read``."""
    if path.resolve() in seen:
        chain = " -> ".join(str(p) for p in (*seen, path))
        raise RubricError(f"{path}: extends cycle: {chain}")
    data, node = _read_yaml(path)
    if read is not None:
        read.append(path)
    extends = data.get("extends") or []
    if isinstance(extends, str):
        extends = [extends]
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        line = line_of(node, ("extends",))
        raise RubricError(f"{path}:{line}: extends: must be a rubric id, path or list of them")
    merged: dict[str, Any] = {"sections": {}, "criteria": []}
    parents: list[str] = []
    for ref in extends:
        parent, _ = compose(resolve_ref(ref, path.parent), (*seen, path.resolve()), read)
        parents.extend([*parent.get("extends", []), parent["id"]])
        merged["sections"] = _merge(merged["sections"], parent.get("sections") or {})
        merged["criteria"] = _merge_criteria(merged["criteria"], parent.get("criteria") or [],
                                             path, node, own=False)
        for key in ("threshold", "detect", "title", "description", "doc_type", "families"):
            if key in parent:
                merged[key] = parent[key]
    own = {k: v for k, v in data.items() if k not in ("criteria", "sections", "disable")}
    merged.update(own)
    if "detect" in data and "doc_type" not in data and _is_builtin(path):
        merged["doc_type"] = data.get("id")
    merged["extends"] = list(dict.fromkeys(parents))
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise RubricError(f"{path}:{line_of(node, ('sections',))}: sections: must be a mapping")
    merged["sections"] = _merge(merged["sections"], sections)
    merged["criteria"] = _merge_criteria(merged["criteria"], data.get("criteria") or [],
                                         path, node, own=True)
    disable = data.get("disable") or []
    if not isinstance(disable, list):
        raise RubricError(f"{path}:{line_of(node, ('disable',))}: disable: must be a list of ids")
    known = {c.get("id") for c in merged["criteria"]}
    for cid in disable:
        if cid not in known:
            raise RubricError(
                f"{path}:{line_of(node, ('disable',))}: disable: unknown criterion '{cid}'"
            )
        for c in merged["criteria"]:
            if c.get("id") == cid:
                c["enabled"] = False
    return merged, node


def _is_builtin(path: Path) -> bool:
    """A built-in rubric with its own ``detect:`` is a document type; a user's
    rubric extending it reviews that type."""
    return path.resolve().parent == builtin_dir().resolve()


def _merge_criteria(
    base: list[dict[str, Any]], new: Any, path: Path, node: yaml.Node | None, *, own: bool
) -> list[dict[str, Any]]:
    if not isinstance(new, list):
        raise RubricError(f"{path}:{line_of(node, ('criteria',))}: criteria: must be a list")
    out = [copy.deepcopy(c) for c in base]
    index = {c.get("id"): i for i, c in enumerate(out)}
    for i, crit in enumerate(new):
        if not isinstance(crit, dict) or not isinstance(crit.get("id"), str):
            line = line_of(node, ("criteria", i)) if own else None
            raise RubricError(f"{path}:{line}: criteria[{i}].id: each criterion needs an id")
        if crit["id"] in index:
            if crit.get("check") and "kind" in crit["check"]:
                old = out[index[crit["id"]]].get("check") or {}
                if old.get("kind") != crit["check"]["kind"]:
                    out[index[crit["id"]]].pop("check", None)
            out[index[crit["id"]]] = _merge(out[index[crit["id"]]], crit)
        else:
            index[crit["id"]] = len(out)
            out.append(copy.deepcopy(crit))
    return out



def loc_in_file(
    loc: tuple[int | str, ...], data: dict[str, Any], node: yaml.Node | None
) -> tuple[int | str, ...]:
    """Map a location in the merged rubric to the same criterion in this file's own
    list (merged criteria come first from parents)."""
    if len(loc) >= 2 and loc[0] == "criteria" and isinstance(loc[1], int):
        merged_id = data["criteria"][loc[1]].get("id") if loc[1] < len(data["criteria"]) else None
        if isinstance(node, yaml.MappingNode):
            seq = next((v for k, v in node.value if k.value == "criteria"), None)
            if isinstance(seq, yaml.SequenceNode):
                for j, item in enumerate(seq.value):
                    if isinstance(item, yaml.MappingNode) and any(
                        k.value == "id" and v.value == merged_id for k, v in item.value
                    ):
                        return ("criteria", j, *loc[2:])
        return ("criteria",)
    return loc

