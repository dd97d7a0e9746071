"""Writing output files safely: whole, as a set, never over the author's files.

Every writer of a report (and the reviewer's reply cache) goes through here:

- **Whole**: each file is written to a temporary name in its own folder
  (``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0o644 less the umask), flushed, then
  ``os.replace``-d into place: a reader (or a ``kill -9``) sees the old file or
  the new one, never half of one.
- **As a set**: every temporary file is written first; only then are they
  renamed, and a failure at any point removes the temporaries and (if a rename
  already happened) puts the previous files back, so a set of reports is all new
  or all old.
- **No clobbering**: a target that is the input document, a symbolic link, or
  not a regular file is refused; an existing file is replaced only when it is an
  earlier prereview output (recognised by its content: the report's own
  signature) or with ``force``; each replacement is said on stderr.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from prereview.errors import PrereviewError

FILE_MODE = 0o644
"""Mode of a new file, before the umask."""
_SNIFF_BYTES = 64 * 1024
_TMP_PREFIX = ".prereview-"
_TMP_SUFFIX = ".tmp"


class OutputError(PrereviewError):
    """An output that must not or could not be written: one line, exit 2."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{display_path(path)}: {reason}")
        self.path = str(path)
        self.reason = reason


def display_path(path: str | Path) -> str:
    """A path safe to print: undecodable bytes of the file name shown as escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


# --------------------------------------------------------------------------- ours?

_SIGNATURES: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    (".md", re.compile(rb"\A(?:\xef\xbb\xbf)?# Pre-review: ")),
    (".json", re.compile(rb'\A\s*\{\s*"schema"\s*:\s*"prereview\.review/')),
    (".html", re.compile(rb'<meta name="generator" content="prereview">')),
    (".sarif", re.compile(rb'"tool"\s*:\s*\{\s*"driver"\s*:\s*\{\s*"name"\s*:\s*"prereview"')),
    (".md", re.compile(rb"\A(?:\xef\xbb\xbf)?# Readiness board: ")),
    (".json", re.compile(rb'\A\s*\{\s*"schema"\s*:\s*"prereview\.batch/')),
    # -f concise (findings.txt, board.txt): nothing, or a first line
    # ``path:line:col: severity criterion message`` with prereview's severities
    (".txt", re.compile(rb"\A(?:\n?\Z|[^\n]{0,4096}?:\d{1,9}:\d{1,9}: "
                        rb"(?:blocker|major|minor|error) \S)")),
)
DOCX_AUTHOR = b'w:author="prereview"'
"""The author of the comments the annotator writes (``annotate.AUTHOR``)."""


def _docx_is_ours(path: Path) -> bool:
    """A .docx with at least one comment by prereview (every reviewed copy has the
    summary comment); read with a size cap, never trusting the zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("word/comments.xml")
            if info.file_size > 64 * 1024 * 1024:
                return False
            with zf.open(info) as member:
                return DOCX_AUTHOR in member.read(64 * 1024 * 1024)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError):
        return False


def is_prereview_output(path: str | Path) -> bool:
    """Whether the existing regular file ``path`` is a report an earlier prereview
    run wrote (so replacing it destroys nothing of the author's)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_is_ours(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    return any(suffix == ext and sig.search(head) for ext, sig in _SIGNATURES)


# --------------------------------------------------------------------------- checks


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_target(
    target: Path, inputs: Sequence[Path] = (), force: bool = False
) -> str | None:
    """Refuse what must not be written; return a note when an existing file will
    be replaced (None for a new file)."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(target, f"cannot write ({(exc.strerror or str(exc)).lower()})") from None
    for source in inputs:
        with contextlib.suppress(OSError):
            if _same_file(info, os.stat(source)):
                raise OutputError(target, "is the input document: refusing to overwrite it "
                                          "(choose another --out)")
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(target, "is a symbolic link: refusing to write through it "
                                  "(remove it or choose another --out)")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(target, "exists and is not a regular file")
    if is_prereview_output(target):
        return f"replacing the earlier prereview output {display_path(target)}"
    if force:
        return f"replacing {display_path(target)} (--force)"
    raise OutputError(target, "exists and is not a prereview output: refusing to replace "
                              "it (use --force, or choose another --out)")


# --------------------------------------------------------------------------- writing


def _write_temp(target: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``target`` (never an existing one, never
    through a link), flushed to disk."""
    for attempt in range(100):
        temp = target.with_name(f"{_TMP_PREFIX}{target.name}.{os.getpid()}."
                                f"{threading.get_ident()}.{attempt}{_TMP_SUFFIX}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                         | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return temp
    raise OSError(f"no free temporary name beside {target}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its files alone
    return True


def sweep_stale(target: Path) -> None:
    """Remove the temporary files an earlier writer of ``target`` left when it was
    killed (``kill -9`` between writing and renaming): their process is gone."""
    prefix = f"{_TMP_PREFIX}{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(_TMP_SUFFIX)):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


@dataclass
class Output:
    """One file of a set: where it goes and how to make its bytes (called before
    anything is written, so a renderer that raises leaves the disk untouched)."""

    path: Path
    render: Callable[[], bytes]


def _say(note: str) -> None:
    from prereview.terminal import strip_controls

    sys.stderr.write(strip_controls(f"prereview: {note}") + "\n")
    sys.stderr.flush()


def write_set(
    outputs: Iterable[Output],
    inputs: Sequence[str | Path] = (),
    force: bool = False,
    notify: Callable[[str], None] | None = _say,
    sweep: bool = True,
) -> list[Path]:
    """Write every output or none: checks, then all renders, then all temporary
    files, then the renames. Returns the paths written, in order. ``sweep``
    first removes what a killed earlier writer of the same names left."""
    items = list(outputs)
    sources = [Path(p) for p in inputs]
    notes = [check_target(o.path, sources, force) for o in items]
    for item in items if sweep else ():
        sweep_stale(item.path)
    payloads = [o.render() for o in items]
    temps: list[Path] = []
    backups: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for item, data in zip(items, payloads, strict=True):
            temps.append(_write_temp(item.path, data))
        for item in items:  # keep the old file under a second name until the set is in
            if os.path.lexists(item.path):
                backup = item.path.with_name(f"{_TMP_PREFIX}{item.path.name}.{os.getpid()}."
                                             f"{threading.get_ident()}.old{_TMP_SUFFIX}")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)
                try:
                    os.link(item.path, backup, follow_symlinks=False)
                except OSError:  # no hard links here: the set is then only as
                    continue  # atomic as each file
                backups[item.path] = backup
        for item, temp in zip(items, temps, strict=True):
            check_target(item.path, sources, force=True)  # still not a link or the input
            os.replace(temp, item.path)
            done.append(item.path)
    except BaseException as exc:
        for path in done:  # put back what was there before
            with contextlib.suppress(OSError):
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    os.unlink(path)
        for leftover in [*temps[len(done):], *backups.values()]:
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        if isinstance(exc, OSError):
            where = getattr(exc, "filename", None) or (items[len(done)].path if items else "")
            raise OutputError(_target_of(where, items),
                              f"cannot write ({(exc.strerror or str(exc)).lower()})") from None
        raise
    for backup in backups.values():
        with contextlib.suppress(OSError):
            os.unlink(backup)
    if notify is not None:
        for note in notes:
            if note:
                notify(note)
    return [o.path for o in items]


def _target_of(where: str | Path, items: list[Output]) -> Path:
    """The output a failing temporary or backup name belongs to."""
    name = Path(where).name
    for item in items:
        if name == item.path.name or name.startswith(f"{_TMP_PREFIX}{item.path.name}."):
            return item.path
    return Path(where)


def write_file(path: str | Path, data: bytes, *, force: bool = True,
               notify: Callable[[str], None] | None = None) -> Path:
    """One file written whole (a cache entry, a single report)."""
    return write_set([Output(Path(path), lambda: data)], force=force, notify=notify,
                     sweep=False)[0]


def ensure_dir(path: str | Path) -> Path:
    """The output folder, created if needed; refused if it is not a folder."""
    out = Path(path)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(out, "exists and is not a folder") from None
    except OSError as exc:
        raise OutputError(out, f"cannot create output directory: "
                               f"{(exc.strerror or str(exc)).lower()}") from None
    return out
