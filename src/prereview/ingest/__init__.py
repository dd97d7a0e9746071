"""Ingest: a .md or .docx file in, a Document out (after the input guards).

Every refusal is an InputError naming the file and a short reason, so the CLI can
print one line and exit 2, and a batch can record the file as a failed row.
"""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from prereview.document import BlockKind, Document
from prereview.errors import InputError
from prereview.ingest import guards, limits
from prereview.ingest.docx import parse_docx
from prereview.ingest.markdown import parse_markdown
from prereview.ooxml import paragraph_text_runs

__all__ = [
    "DOCX_EXTENSIONS",
    "MARKDOWN_EXTENSIONS",
    "SUPPORTED_EXTENSIONS",
    "decode_text",
    "has_visible_text",
    "is_supported",
    "load_document",
    "paragraph_text_runs",
    "parse_docx",
    "parse_markdown",
]

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".txt"})
DOCX_EXTENSIONS = frozenset({".docx"})
SUPPORTED_EXTENSIONS = MARKDOWN_EXTENSIONS | DOCX_EXTENSIONS
"""Lowercase suffixes load_document accepts (batch discovery uses the same set)."""

_SUPPORTED_LIST = ", ".join(sorted(SUPPORTED_EXTENSIONS))
_BINARY = "not UTF-8 text (binary data?)"
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]*>")


def is_supported(path: str | Path) -> bool:
    """Whether ``path`` has an extension load_document reads (case-insensitive)."""
    return Path(path).suffix.lower() in SUPPORTED_EXTENSIONS


def decode_text(path: str, data: bytes) -> str:
    """Text of a Markdown file: UTF-8 with or without BOM, or UTF-16 with a BOM.

    Anything else (including NUL bytes, which no text editor writes) is refused as
    binary rather than guessed at, so a renamed image never reaches the checks.
    """
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, _BINARY) from None
    if "\x00" in text:
        raise InputError(path, _BINARY)
    return text.removeprefix("\ufeff")


def has_visible_text(document: Document) -> bool:
    """Whether a reader would see any text: HTML comments and tags, and hidden
    .docx runs, do not count."""
    for block in document.blocks:
        text = block.text
        if block.kind == BlockKind.CODE and block.style == "html":
            text = _HTML_TAG.sub("", _HTML_COMMENT.sub("", text))
        for span in sorted(block.hidden, key=lambda s: s.start, reverse=True):
            text = text[: span.start] + text[span.end :]
        if text.strip():
            return True
    return False


def _read_capped(path: Path, name: str) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({(exc.strerror or str(exc)).lower()})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a document")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file")
    cap = guards.MAX_FILE_BYTES
    mib = 1024 * 1024
    too_big = f"file too large ({info.st_size / mib:.1f} MB; the limit is {cap / mib:.0f} MB)"
    if info.st_size > cap:
        raise InputError(name, too_big)
    try:
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read ({(exc.strerror or str(exc)).lower()})") from None
    if len(data) > cap:
        raise InputError(name, too_big)
    return data


def check_path(path: str | Path) -> None:
    """The checks that need no reading: the CLI runs them before it starts any
    orchestration, so a typo in a path fails at once."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    try:
        missing = not path.exists() and not path.is_symlink()
        is_dir = path.is_dir()
    except OSError as exc:  # e.g. a folder on the way that cannot be searched
        raise InputError(name, f"cannot read ({(exc.strerror or str(exc)).lower()})") from None
    if missing:
        raise InputError(name, "no such file")
    if is_dir:
        raise InputError(name, "is a directory, not a document")
    if suffix not in SUPPORTED_EXTENSIONS:
        if suffix == ".doc":
            raise InputError(name, "legacy .doc is not supported: save it as .docx")
        if path.suffix:
            reason = f"unsupported file type '{path.suffix}' (supported: {_SUPPORTED_LIST})"
        else:
            reason = f"unsupported file type (no extension; supported: {_SUPPORTED_LIST})"
        raise InputError(name, reason)


def load_document(path: str | Path) -> Document:
    """Read, guard and parse one file. Raises InputError naming the file."""
    check_path(path)
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    data = _read_capped(path, name)
    if suffix in DOCX_EXTENSIONS:
        main = guards.check_docx_bytes(name, data)
        limits.check_words(name, limits.docx_words(data, main))
        document = parse_docx(data, name)
    else:
        text = decode_text(name, data)
        limits.check_words(name, limits.text_words(text))
        limits.check_text_size(name, text, len(data))
        document = parse_markdown(text, name, raw=data)
    if not has_visible_text(document):
        raise InputError(name, "empty document (no visible text)")
    return document
