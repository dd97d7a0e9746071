"""Rubrics as data: YAML files validated on load, composed with ``extends``.

A criterion picks a check kind and gives its parameters; a user rubric extends a
built-in one and overrides weights, thresholds, word lists or disables criteria.
The version is a hash of the resolved rubric, so reviews over time compare like
with like.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from prereview.errors import RubricError
from prereview.review import Severity

BUILTIN_IDS = ("style", "prfaq", "narrative", "design-doc")
DOC_TYPES = ("prfaq", "narrative", "design-doc")
"""The document types a rubric can review; ``style`` is a layer under each."""
SCOPES = ("document", "body")  # the same as prereview.checks.params.SCOPES
"""Scopes every rubric has; a rubric's ``sections`` add their own."""


class CheckSpec(BaseModel):
    """``kind`` picks the rule; the other keys are that kind's parameters, validated
    against the kind's own model when the rubric loads."""

    model_config = ConfigDict(extra="allow")

    kind: str

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Examples(BaseModel):
    """Markdown snippets: the criterion's documentation and its test cases."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    pass_: list[str] = Field(default_factory=list, alias="pass")
    fail: list[str] = Field(default_factory=list)

    @field_validator("pass_", "fail", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    severity: Severity
    weight: float = Field(default=1.0, ge=0)
    check: CheckSpec | None = None
    """The rule that decides it; None for judgment-only criteria."""
    judgment: bool = False
    """Also read by the LLM reviewer ("rule + judgment" or "judgment")."""
    guidance: str = ""
    suggestion: str | None = None
    examples: Examples = Field(default_factory=Examples)
    enabled: bool = True

    @property
    def kind(self) -> str:
        if self.check is not None:
            return "rule + judgment" if self.judgment else "rule"
        return "judgment"


class SectionSpec(BaseModel):
    """A named part of a document, found by its heading."""

    model_config = ConfigDict(extra="forbid")

    headings: list[str]
    """Case-insensitive regular expressions searched in heading text."""
    before: str | None = None
    """When no heading matches: everything before the first heading of this other
    section (a press release often has no heading of its own)."""
    appendix: bool = False
    """Excluded from the ``body`` scope (length limits ignore appendices)."""
    until: list[str] = Field(default_factory=list)
    """Other section ids that end this one: a heading of one of them nested inside
    it cuts it there ("# Press release" wrapping "## Customer FAQ"), and without a
    heading of its own it also ends at the first of them."""


class Detect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headings_any: list[str] = Field(default_factory=list)
    """Regular expressions; each distinct one matching a heading scores a point."""
    min_matches: int = 1


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str = ""
    description: str = ""
    extends: list[str] = Field(default_factory=list)
    threshold: float = Field(default=80.0, ge=0, le=100)
    detect: Detect | None = None
    sections: dict[str, SectionSpec] = Field(default_factory=dict)
    criteria: list[Criterion] = Field(default_factory=list)
    source: str = ""
    """File the rubric was loaded from (not part of the version)."""
    version: str = ""
    _bound: dict[str, Any] = PrivateAttr(default_factory=dict)
    """Checks bound to their kinds (:mod:`prereview.checks.binding`), by criterion
    id: opaque to the rubric, kept with it so they are bound once."""

    @property
    def bound_checks(self) -> dict[str, Any]:
        return self._bound

    def keep_bound(self, bound: dict[str, Any]) -> None:
        """Keep the checks bound to this rubric (the binding's result)."""
        self._bound = bound

    @property
    def active(self) -> list[Criterion]:
        return [c for c in self.criteria if c.enabled]

    @property
    def doc_type(self) -> str:
        """The document type it reviews: itself, or the built-in type it extends
        (a team's rubric extending prfaq reviews PR/FAQs)."""
        for rid in (self.id, *reversed(self.extends)):
            if rid in DOC_TYPES:
                return rid
        return self.id

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)


# --------------------------------------------------------------------------- loading


def builtin_dir() -> Path:
    """The built-in rubrics, installed as package data (or the repo's rubrics/)."""
    return Path(str(resources.files("prereview_rubrics")))


def _search_dirs() -> list[Path]:
    extra = os.environ.get("PREREVIEW_RUBRIC_PATH", "")
    dirs = [Path(p) for p in extra.split(os.pathsep) if p]
    return [*dirs, builtin_dir()]


def available() -> list[str]:
    """Ids of every rubric found on the search path, built-ins first."""
    ids: list[str] = []
    for directory in reversed(_search_dirs()):
        for path in sorted(directory.glob("*.yaml")):
            if path.stem not in ids:
                ids.append(path.stem)
    return ids


def _resolve_ref(ref: str, relative_to: Path | None) -> Path:
    candidate = Path(ref).expanduser()
    if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
        if not candidate.is_absolute() and relative_to is not None:
            near = relative_to / candidate
            if near.exists():
                return near
        if candidate.exists():
            return candidate
        raise RubricError(f"{ref}: rubric file not found")
    for directory in _search_dirs():
        path = directory / f"{ref}.yaml"
        if path.exists():
            return path
    raise RubricError(f"unknown rubric '{ref}' (available: {', '.join(available())})")


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
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


def _fmt_loc(loc: tuple[int | str, ...]) -> str:
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


def _compose(
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
        line = _line_of(node, ("extends",))
        raise RubricError(f"{path}:{line}: extends: must be a rubric id, path or list of them")
    merged: dict[str, Any] = {"sections": {}, "criteria": []}
    parents: list[str] = []
    for ref in extends:
        parent, _ = _compose(_resolve_ref(ref, path.parent), (*seen, path.resolve()), read)
        parents.extend([*parent.get("extends", []), parent["id"]])
        merged["sections"] = _merge(merged["sections"], parent.get("sections") or {})
        merged["criteria"] = _merge_criteria(merged["criteria"], parent.get("criteria") or [],
                                             path, node, own=False)
        for key in ("threshold", "detect", "title", "description"):
            if key in parent:
                merged[key] = parent[key]
    own = {k: v for k, v in data.items() if k not in ("criteria", "sections", "disable")}
    merged.update(own)
    merged["extends"] = list(dict.fromkeys(parents))
    sections = data.get("sections") or {}
    if not isinstance(sections, dict):
        raise RubricError(f"{path}:{_line_of(node, ('sections',))}: sections: must be a mapping")
    merged["sections"] = _merge(merged["sections"], sections)
    merged["criteria"] = _merge_criteria(merged["criteria"], data.get("criteria") or [],
                                         path, node, own=True)
    disable = data.get("disable") or []
    if not isinstance(disable, list):
        raise RubricError(f"{path}:{_line_of(node, ('disable',))}: disable: must be a list of ids")
    known = {c.get("id") for c in merged["criteria"]}
    for cid in disable:
        if cid not in known:
            raise RubricError(
                f"{path}:{_line_of(node, ('disable',))}: disable: unknown criterion '{cid}'"
            )
        for c in merged["criteria"]:
            if c.get("id") == cid:
                c["enabled"] = False
    return merged, node


def _merge_criteria(
    base: list[dict[str, Any]], new: Any, path: Path, node: yaml.Node | None, *, own: bool
) -> list[dict[str, Any]]:
    if not isinstance(new, list):
        raise RubricError(f"{path}:{_line_of(node, ('criteria',))}: criteria: must be a list")
    out = [copy.deepcopy(c) for c in base]
    index = {c.get("id"): i for i, c in enumerate(out)}
    for i, crit in enumerate(new):
        if not isinstance(crit, dict) or not isinstance(crit.get("id"), str):
            line = _line_of(node, ("criteria", i)) if own else None
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


def _validate(data: dict[str, Any], path: Path, node: yaml.Node | None) -> Rubric:
    from prereview.checks.binding import BindError, bind  # binding imports this module

    try:
        rubric = Rubric.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line = _line_of(node, _loc_in_file(loc, data, node))
        raise RubricError(f"{path}:{line}: {_fmt_loc(loc)}: {err['msg']}") from None
    try:
        bind(rubric)
    except BindError as exc:
        loc = ("criteria", exc.index, "check", *exc.loc)
        line = _line_of(node, _loc_in_file(loc, data, node))
        raise RubricError(
            f"{path}:{line}: criteria[{exc.index}] ({exc.criterion}).check."
            f"{_fmt_loc(exc.loc)}: {exc.message}"
        ) from None
    ids = [c.id for c in rubric.criteria]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RubricError(f"{path}: duplicate criterion ids: {', '.join(dupes)}")
    return rubric


def _loc_in_file(
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


def version_of(rubric: Rubric) -> str:
    """Content hash of what decides scores (not the file name or description)."""
    payload = rubric.model_dump(mode="json", exclude={"source", "version", "description"})
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


_Stamp = tuple[tuple[str, int, int], ...]
_LOADED: dict[tuple[str, str], tuple[_Stamp, Rubric]] = {}
"""Rubrics already loaded in this process, by file and rubric search path, with the
size and mtime of every file they were composed from: detection loads three
rubrics per document, and a batch reviews many documents."""


def _stamp(paths: list[Path]) -> _Stamp | None:
    try:
        return tuple((str(p), st.st_mtime_ns, st.st_size) for p in paths for st in [p.stat()])
    except OSError:
        return None


def load_rubric(ref: str | Path) -> Rubric:
    """A built-in id (``prfaq``), an id on ``PREREVIEW_RUBRIC_PATH``, or a YAML path."""
    path = ref if isinstance(ref, Path) else _resolve_ref(ref, None)
    if not path.exists():
        raise RubricError(f"{path}: rubric file not found")
    key = (str(path.resolve()), os.environ.get("PREREVIEW_RUBRIC_PATH", ""))
    cached = _LOADED.get(key)
    if cached is not None and _stamp([Path(p) for p, _, _ in cached[0]]) == cached[0]:
        return cached[1].model_copy(deep=True)
    read: list[Path] = []
    data, node = _compose(path, (), read)
    rubric = _validate(data, path, node)
    rubric.version = version_of(rubric)
    stamp = _stamp(read)
    if stamp is not None:
        _LOADED[key] = (stamp, rubric.model_copy(deep=True))
    return rubric


def load_builtins() -> dict[str, Rubric]:
    return {rid: load_rubric(rid) for rid in BUILTIN_IDS}
