"""Which files a batch reviews: folders walked recursively, files as given, globs
expanded; hidden folders, Word lock files and editor temp files left out.

Each document gets a display path relative to the common folder of everything
found, and its own output folder named from that path (mirroring the tree), so
two ``prfaq.md`` in different folders never share a folder.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from prereview.errors import PrereviewError
from prereview.ingest import is_supported

TEMP_PATTERNS = ("~$*", "*~", ".#*", "*.swp", "*.swo", "*.tmp", ".~lock.*#")
"""Word lock files, Emacs/Vim backups and locks, LibreOffice locks: never documents."""

_GLOB_CHARS = frozenset("*?[")


class UsageError(PrereviewError):
    """Bad batch usage (no such path, nothing to review): exit code 2."""


@dataclass(frozen=True)
class Item:
    """One document of the batch."""

    path: str
    """The path to open (as given, or as found under a folder given)."""
    rel: str
    """Display path, POSIX style, relative to the batch's common folder."""

    @property
    def out_name(self) -> str:
        """Its folder under ``--out``: the relative path itself (so the folder tree
        mirrors the documents' tree and names cannot collide)."""
        return self.rel


@dataclass
class Discovery:
    items: list[Item] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(path, why) for files left out on purpose (lock, temp, excluded)."""


def is_temp_file(name: str) -> bool:
    """A lock or editor temp file, by name."""
    return any(fnmatch.fnmatchcase(name, p) for p in TEMP_PATTERNS)


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = PurePosixPath(rel).name
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def _walk(root: Path) -> Iterable[Path]:
    """Files under ``root`` in a stable order; hidden folders pruned, symlinked
    folders not followed (no loops, no escaping the tree)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") or is_temp_file(name):
                yield Path(folder) / name


def _expand(arg: str) -> tuple[list[Path], bool]:
    """The files one argument names, and whether it was a folder or glob (whose
    unsupported files are skipped silently, not reported)."""
    path = Path(arg)
    if path.is_dir():
        return list(_walk(path)), True
    if path.exists() or path.is_symlink():
        return [path], False
    if _GLOB_CHARS & set(arg):
        found: list[Path] = []
        for match in sorted(glob.glob(arg, recursive=True)):
            p = Path(match)
            found.extend(_walk(p) if p.is_dir() else [p])
        if not found:
            raise UsageError(f"{arg}: no file matches")
        return found, True
    raise UsageError(f"{arg}: no such file or folder")


def _common_base(paths: Sequence[Path]) -> Path:
    parents = [os.path.abspath(p.parent) for p in paths]
    return Path(os.path.commonpath(parents)) if parents else Path.cwd()


def _under(path: Path, folders: Sequence[str]) -> bool:
    resolved = os.path.abspath(path)
    return any(resolved == f or resolved.startswith(f + os.sep) for f in folders)


def discover(
    args: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    out_dir: str | None = None,
) -> Discovery:
    """Every document the arguments name, each once, in a stable order; nothing
    under ``out_dir`` (a board written inside the folder it reviews must not be
    reviewed next time). Raises UsageError for a path that does not exist; an
    empty result is the caller's to judge (``prereview batch`` makes it a usage
    error)."""
    if not args:
        raise UsageError("no path given")
    candidates: list[tuple[Path, bool]] = []
    for arg in args:
        files, walked = _expand(arg)
        candidates.extend((f, walked) for f in files)
    result = Discovery()
    seen: set[str] = set()
    kept: list[Path] = []
    outputs = [os.path.abspath(out_dir)] if out_dir else []
    for path, walked in candidates:
        key = os.path.abspath(path)
        if key in seen:
            continue
        seen.add(key)
        if walked and _under(path, outputs):
            continue
        if is_temp_file(path.name):
            result.skipped.append((str(path), "lock or temp file"))
            continue
        if walked and not is_supported(path):
            continue  # a folder's images, PDFs, ... are simply not documents
        kept.append(path)
    base = _common_base(kept)
    for path in kept:
        rel = PurePosixPath(Path(os.path.relpath(os.path.abspath(path), base))).as_posix()
        if include and not _matches(rel, include):
            result.skipped.append((str(path), "not matched by --include"))
            continue
        if exclude and _matches(rel, exclude):
            result.skipped.append((str(path), "matched by --exclude"))
            continue
        result.items.append(Item(path=str(path), rel=rel))
    return result
