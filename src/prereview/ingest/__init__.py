"""Ingest: a .md or .docx file in, a Document out (after the input guards)."""

from __future__ import annotations

from pathlib import Path

from prereview.document import Document
from prereview.errors import InputError
from prereview.ingest.markdown import parse_markdown

__all__ = ["load_document", "parse_markdown"]


def load_document(path: str | Path) -> Document:
    """Read, guard and parse one file. Raises InputError naming the file."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    data = path.read_bytes()
    return parse_markdown(data.decode("utf-8"), str(path), raw=data)
