"""Where rubrics are found: ``PREREVIEW_RUBRIC_PATH`` first, then the built-in
rubrics shipped as package data; an ``extends`` or ``--rubric`` reference is an
id on that path or a YAML file."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from prereview.errors import RubricError


def builtin_dir() -> Path:
    """The built-in rubrics, installed as package data (or the repo's rubrics/)."""
    return Path(str(resources.files("prereview_rubrics")))


def search_dirs() -> list[Path]:
    extra = os.environ.get("PREREVIEW_RUBRIC_PATH", "")
    dirs = [Path(p) for p in extra.split(os.pathsep) if p]
    return [*dirs, builtin_dir()]


def available() -> list[str]:
    """Ids of every rubric found on the search path, built-ins first."""
    ids: list[str] = []
    for directory in reversed(search_dirs()):
        for path in sorted(directory.glob("*.yaml")):
            if path.stem not in ids:
                ids.append(path.stem)
    return ids


def resolve_ref(ref: str, relative_to: Path | None) -> Path:
    candidate = Path(ref).expanduser()
    if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
        if not candidate.is_absolute() and relative_to is not None:
            near = relative_to / candidate
            if near.exists():
                return near
        if candidate.exists():
            return candidate
        raise RubricError(f"{ref}: rubric file not found")
    for directory in search_dirs():
        path = directory / f"{ref}.yaml"
        if path.exists():
            return path
    raise RubricError(f"unknown rubric '{ref}' (available: {', '.join(available())})")

