"""Loading rubrics: find the file, compose its ``extends`` chain
(:mod:`prereview.rubric.compose`), validate the data (:mod:`prereview.rubric.model`),
bind every check to its kind (:mod:`prereview.checks.binding`), hash the version,
and keep the result per process. This module sits above both the rubric data and
the checks, so neither calls back up.

A criterion picks a check kind and gives its parameters; a user rubric extends a
built-in one and overrides weights, thresholds, word lists or disables criteria.
The version is a hash of the resolved rubric, so reviews over time compare like
with like. The document types are the built-in rubrics with ``detect:`` patterns.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from prereview.checks.binding import BindError, bind
from prereview.errors import RubricError
from prereview.rubric.compose import compose, fmt_loc, line_of, loc_in_file
from prereview.rubric.model import (
    CheckSpec,
    Criterion,
    Detect,
    Examples,
    Rubric,
    SectionSpec,
)
from prereview.rubric.search import available, builtin_dir, resolve_ref

__all__ = [
    "BUILTIN_IDS",
    "CheckSpec",
    "Criterion",
    "Detect",
    "Examples",
    "Rubric",
    "SectionSpec",
    "available",
    "builtin_dir",
    "composed_files",
    "document_types",
    "load_builtins",
    "load_rubric",
    "shared_rubric",
    "version_of",
]

BUILTIN_IDS = tuple(sorted(p.stem for p in builtin_dir().glob("*.yaml")))
"""The built-in rubrics: ``style`` (a layer under each type) and the document types."""


def _validate(data: dict[str, Any], path: Path, node: yaml.Node | None) -> Rubric:
    try:
        rubric = Rubric.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line = line_of(node, loc_in_file(loc, data, node))
        raise RubricError(f"{path}:{line}: {fmt_loc(loc)}: {err['msg']}") from None
    try:
        bind(rubric)
    except BindError as exc:
        loc = ("criteria", exc.index, "check", *exc.loc)
        line = line_of(node, loc_in_file(loc, data, node))
        raise RubricError(
            f"{path}:{line}: criteria[{exc.index}] ({exc.criterion}).check."
            f"{fmt_loc(exc.loc)}: {exc.message}"
        ) from None
    ids = [c.id for c in rubric.criteria]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RubricError(f"{path}: duplicate criterion ids: {', '.join(dupes)}")
    return rubric


def version_of(rubric: Rubric) -> str:
    """Content hash of what decides scores (not the file name or description)."""
    payload = rubric.model_dump(
        mode="json", exclude={"source", "version", "description", "doc_type"}
    )
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


_Stamp = tuple[tuple[str, int, int], ...]
_LOADED: dict[tuple[str, str], tuple[_Stamp, Rubric, dict[str, Any]]] = {}
"""Rubrics already loaded in this process, by file and rubric search path, with the
size and mtime of every file they were composed from: detection loads three
rubrics per document, and a batch reviews many documents. The bound checks are
kept apart and shared by every copy (deep-copying them costs more than loading)."""


def _stamp(paths: list[Path]) -> _Stamp | None:
    try:
        return tuple((str(p), st.st_mtime_ns, st.st_size) for p in paths for st in [p.stat()])
    except OSError:
        return None


def load_rubric(ref: str | Path) -> Rubric:
    """A built-in id (``prfaq``), an id on ``PREREVIEW_RUBRIC_PATH``, or a YAML path."""
    rubric, bound = _load(ref)
    return _copy(rubric, bound)


def shared_rubric(ref: str | Path) -> Rubric:
    """Like ``load_rubric`` but the process-wide instance itself, not a copy: for
    the engine, which only reads rubrics (deep-copying three rubrics per document
    cost more than some checks). Callers must not modify it."""
    return _load(ref)[0]


def _load(ref: str | Path) -> tuple[Rubric, dict[str, Any]]:
    """The cached rubric (not to be changed: callers get a copy or share it read
    only) and its bound checks."""
    path = ref if isinstance(ref, Path) else resolve_ref(ref, None)
    if not path.exists():
        raise RubricError(f"{path}: rubric file not found")
    key = (str(path.resolve()), os.environ.get("PREREVIEW_RUBRIC_PATH", ""))
    cached = _LOADED.get(key)
    if cached is not None and _stamp([Path(p) for p, _, _ in cached[0]]) == cached[0]:
        return cached[1], cached[2]
    read: list[Path] = []
    data, node = compose(path, (), read)
    rubric = _validate(data, path, node)
    rubric.version = version_of(rubric)
    stamp = _stamp(read)
    if stamp is not None:
        _LOADED[key] = (stamp, rubric, rubric.bound_checks)
    return rubric, rubric.bound_checks


def composed_files(ref: str | Path) -> list[str]:
    """The files the rubric ``ref`` was composed from (itself and what it
    extends), once it is loaded in this process; empty when it is not cached."""
    path = ref if isinstance(ref, Path) else resolve_ref(ref, None)
    _load(path)
    cached = _LOADED.get((str(path.resolve()), os.environ.get("PREREVIEW_RUBRIC_PATH", "")))
    return [p for p, _, _ in cached[0]] if cached is not None else []


def _copy(rubric: Rubric, bound: dict[str, Any]) -> Rubric:
    """A deep copy of the rubric's data (a caller may change it) with ``bound``
    as its bound checks (shared: they are rebound, not changed, when a criterion
    changes)."""
    kept = rubric.bound_checks
    rubric.keep_bound({})
    try:
        copy = rubric.model_copy(deep=True)
    finally:
        rubric.keep_bound(kept)
    copy.keep_bound(bound)
    return copy


def load_builtins() -> dict[str, Rubric]:
    return {rid: load_rubric(rid) for rid in BUILTIN_IDS}


def document_types() -> list[str]:
    """The document types a review can detect: the built-in rubrics that declare
    their own ``detect:`` patterns, by their ``detect.rank`` (ties in detection go
    to the first). Adding a genre is adding such a rubric."""
    loaded = [_load(rid)[0] for rid in BUILTIN_IDS]
    types = [r for r in loaded if r.detect is not None and r.doc_type == r.id]
    return [r.id for r in sorted(types, key=lambda r: (r.detect.rank if r.detect else 0, r.id))]

