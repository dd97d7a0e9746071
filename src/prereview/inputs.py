"""Checks on the path of an input document, before anything reads it.

Each refusal is an ``InputError`` (one line, exit 2): a file name that is not
valid UTF-8 (it could not be shown or stored faithfully), a path whose folder
cannot be searched, and a symbolic link that leads outside the working tree
(``shadow.md -> /etc/shadow`` would put that file into the HTML report) unless
the user says ``--follow-symlinks``.
"""

from __future__ import annotations

import os
from pathlib import Path

from prereview.errors import InputError
from prereview.outputs import display_path


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def check_name(path: str | Path) -> None:
    """A file name the reports can carry: valid UTF-8 (on POSIX, undecodable bytes
    arrive as lone surrogates)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(display_path(path), "the file name is not valid UTF-8 "
                                             "(rename the file)") from None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_input(path: str | Path, follow_symlinks: bool = False,
                root: str | Path | None = None) -> None:
    """Refuse an input path that must not be read (see the module docstring).
    ``root`` is the working tree, default the current directory."""
    check_name(path)
    path = Path(path)
    name = str(path)
    try:
        os.lstat(path)
    except FileNotFoundError:
        # a missing folder on the way, or no file: let the ingest say "no such file",
        # unless a folder on the way cannot be searched
        parent = path.parent
        try:
            os.stat(parent)
            os.listdir(parent)
        except PermissionError as exc:
            raise InputError(name, f"cannot read its folder ({_reason(exc)})") from None
        except OSError:
            pass
        return
    except PermissionError as exc:
        raise InputError(name, f"cannot read its folder ({_reason(exc)})") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({_reason(exc)})") from None
    if follow_symlinks:
        return
    absolute = Path(os.path.abspath(path))
    cwd = Path(os.path.abspath(root if root is not None else os.getcwd()))
    try:
        resolved = absolute.resolve(strict=False)
        base = cwd.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise InputError(name, f"cannot resolve the path ({exc})") from None
    if _linked(absolute, cwd) and not _inside(resolved, base):
        raise InputError(name, f"is a symbolic link to {display_path(resolved)}, outside the "
                               "working tree (use --follow-symlinks to review it)")


def _linked(absolute: Path, cwd: Path) -> bool:
    """Whether the file is a symbolic link, or a folder between the working tree
    and the file is one (folders above the working tree are the system's own)."""
    if absolute.is_symlink():
        return True
    if not _inside(absolute, cwd):
        return False
    current = cwd
    for part in absolute.relative_to(cwd).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False
