"""The rubric versions a batch's result cache keys on, remembered between runs.

A version is a content hash of the validated rubric, so computing it means
loading (validating, binding) every rubric detection could pick: about 0.4 s,
and the import of every check kind with it, which was a quarter of a re-run over
500 unchanged documents. The versions are kept in one small JSON file beside the
result cache's folder with what they were computed from: prereview's version, the rubric
asked for, ``PREREVIEW_RUBRIC_PATH``, the rubric files on the search path, and
the size and modification time of every file the rubrics were composed from.
Any of them changing, the versions are computed again (as the in-process rubric
cache decides, by size and modification time).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from prereview import __version__
from prereview.home import shared_dir
from prereview.rubric.search import search_dirs

FILE_NAME = "rubric-versions.json"
"""Beside the result cache's folder (whose ``*.json`` files are reviews)."""
_Stamp = list[list[Any]]


def _path() -> Path:
    return shared_dir() / FILE_NAME


def _listing() -> list[list[str]]:
    """The rubric files on the search path, by folder (a new file there can
    change what an id resolves to or what detection picks)."""
    return [[str(d), *sorted(p.name for p in d.glob("*.yaml"))] for d in search_dirs()]


def _basis(rubric: str | None) -> dict[str, Any]:
    return {"prereview": __version__, "rubric": rubric,
            "rubric_path": os.environ.get("PREREVIEW_RUBRIC_PATH", ""),
            "listing": _listing()}


def _stamp(files: list[str]) -> _Stamp | None:
    try:
        return [[f, st.st_mtime_ns, st.st_size] for f in files for st in [os.stat(f)]]
    except OSError:
        return None


def _remembered(rubric: str | None) -> list[str] | None:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
        entry = data.get(json.dumps(rubric)) if isinstance(data, dict) else None
        if not isinstance(entry, dict) or entry.get("basis") != _basis(rubric):
            return None
        files = [str(s[0]) for s in entry["stamps"]]
        if _stamp(files) != entry["stamps"]:
            return None
        versions = entry["versions"]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    if isinstance(versions, list) and all(isinstance(v, str) for v in versions):
        return versions
    return None


def _remember(rubric: str | None, versions: list[str], files: list[str]) -> None:
    """Write the entry (temporary name, then rename); a cache that cannot be
    written only costs the next run the computation."""
    stamps = _stamp(files)
    if stamps is None:
        return
    path = _path()
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        data[json.dumps(rubric)] = {"basis": _basis(rubric), "stamps": stamps,
                                    "versions": versions}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".versions-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def rubric_versions(rubric: str | None) -> list[str]:
    """``id@version`` of the rubric asked for, or of every rubric detection could
    pick: remembered when nothing it depends on changed, else loaded."""
    remembered = _remembered(rubric)
    if remembered is not None:
        return remembered
    from prereview.rubrics import composed_files, document_types, load_rubric

    refs: list[str] = [rubric] if rubric is not None else document_types()
    loaded = [load_rubric(r) for r in refs]
    versions = [f"{r.id}@{r.version}" for r in loaded]
    files = sorted({f for r in refs for f in composed_files(r)})
    if files:
        _remember(rubric, versions, files)
    return versions
