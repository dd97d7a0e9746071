"""Documents that travel with a run: what ``prereview submit`` sends and what a
worker writes back to disk.

A team's worker runs on another machine (or as another user) and cannot read
the submitter's files, so a submitted document is its bytes (base64, in the
run's parameters) and a display name (its path relative to what was submitted,
never an absolute path of the submitter's disk). Each document is capped
(``PREREVIEW_SUBMIT_MAX_BYTES``, default 4 MiB) so a parameter never grows into
something the Prefect database should not hold; a bigger file belongs on
shared storage, reviewed by path with ``review_batch``.

No Prefect here: the CLI and the flows both use it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from prereview.errors import InputError, PrereviewError

if TYPE_CHECKING:
    from prereview.document import Document
    from prereview.engine import HistoryStep
    from prereview.history import Tracking
    from prereview.review import Review

MAX_BYTES_ENV = "PREREVIEW_SUBMIT_MAX_BYTES"
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""All the documents of one submission together (base64 adds a third)."""
MAX_DOCUMENTS = 5000
MAX_NAME = 255


@dataclass(frozen=True)
class Submitted:
    """One document as it travels: display name and base64 bytes."""

    name: str
    content: str

    def as_parameter(self) -> dict[str, str]:
        return {"name": self.name, "content": self.content}

    @property
    def sha256(self) -> str:
        return hashlib.sha256(decode(self.content, self.name)).hexdigest()


def max_bytes() -> int:
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise PrereviewError(f"{MAX_BYTES_ENV}={raw!r}: not a number of bytes") from None
    if value < 1:
        raise PrereviewError(f"{MAX_BYTES_ENV}={raw!r}: must be at least 1")
    return value


def encode(path: str | Path, name: str, limit: int | None = None) -> Submitted:
    """The file's bytes under ``name``; refused above the cap, one line."""
    limit = max_bytes() if limit is None else limit
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise InputError(str(path), f"too large to submit ({size} bytes; the limit is "
                             f"{limit}, set by {MAX_BYTES_ENV}: put it on the shared folder "
                             "and review it there with the review-batch deployment)")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({(exc.strerror or str(exc)).lower()})"
                         ) from None
    if len(data) > limit:  # grew while we looked
        raise InputError(str(path), f"too large to submit (the limit is {limit} bytes)")
    if not data:
        raise InputError(str(path), "empty file")
    return Submitted(name=name, content=base64.b64encode(data).decode("ascii"))


def collect(paths: Sequence[str]) -> list[Submitted]:
    """Every document the paths name (files, folders, globs, as ``prereview
    batch`` finds them), each under its path relative to their common folder."""
    from prereview.batch.discover import UsageError, discover

    found = discover(list(paths))
    if not found.items:
        raise UsageError(f"no reviewable file in {', '.join(paths)}")
    if len(found.items) > MAX_DOCUMENTS:
        raise UsageError(f"{len(found.items)} documents: at most {MAX_DOCUMENTS} per "
                         "submission (review a shared folder with the review-batch deployment)")
    limit = max_bytes()
    documents: list[Submitted] = []
    total = 0
    for item in found.items:
        doc = encode(item.path, item.rel, limit)
        total += len(doc.content) * 3 // 4
        if total > MAX_TOTAL_BYTES:
            raise UsageError(f"{item.path}: the submission passes {MAX_TOTAL_BYTES} bytes in "
                             "all: submit fewer documents at once, or review a shared folder")
        documents.append(doc)
    return documents


def decode(content: str, name: str) -> bytes:
    try:
        return base64.b64decode(content.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InputError(name, "the submitted content is not valid base64") from None


def safe_name(name: str) -> PurePosixPath:
    """A display name usable as a relative path under a fresh folder: no absolute
    path, no ``..``, no empty or hidden-only parts (a worker never writes outside
    the run's folder, whatever a parameter says)."""
    text = name.replace("\\", "/").strip()
    parts = [p for p in PurePosixPath(text).parts if p not in ("", ".", "/")]
    if (not parts or len(text) > MAX_NAME or any(p == ".." for p in parts)
            or "\x00" in text or text.startswith("/")):
        raise InputError(name or "(no name)", "not a relative document name")
    return PurePosixPath(*parts)


def materialize(documents: Sequence[Submitted], root: Path) -> list[tuple[Path, str]]:
    """Write each document under ``root`` (a folder of the caller's, fresh and
    empty) at its display name; returns (path, name) pairs. Never follows a
    link, never overwrites (two documents under one name are refused)."""
    written: list[tuple[Path, str]] = []
    for doc in documents:
        rel = safe_name(doc.name)
        data = decode(doc.content, doc.name)
        if len(data) > max(max_bytes(), DEFAULT_MAX_BYTES) * 2:
            raise InputError(doc.name, "too large for a submitted document")
        target = root.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            raise InputError(doc.name, "submitted twice under the same name") from None
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        written.append((target, rel.as_posix()))
    return written


def submitted_doc_id(path: Path, name: str) -> str:
    """The document's id across drafts: its own (front matter, .docx property)
    when it has one, else its display name (the worker's temp path means
    nothing next time)."""
    from prereview.history.identity import doc_identity
    from prereview.ingest import load_document

    try:
        document = load_document(path)
    except PrereviewError:
        return name  # the review itself reports why it cannot be read
    doc_id, source = doc_identity(document)
    return name if source == "path" else doc_id


def run_name(title: str | None, name: str, sha256: str) -> str:
    """``review-<title>-<short hash>``: what the UI's run list shows."""
    import re

    basis = title or PurePosixPath(name).stem or "document"
    slug = re.sub(r"[^a-z0-9]+", "-", basis.lower()).strip("-")[:60].strip("-")
    return f"review-{slug or 'document'}-{sha256[:8]}"


def batch_run_name(names: Sequence[str]) -> str:
    """``batch-<n>-documents-<short hash of the names>``: the same at submission
    and once the board is built."""
    basis = "\x00".join(sorted(names)).encode("utf-8")
    return f"batch-{len(names)}-documents-{hashlib.sha256(basis).hexdigest()[:8]}"


def recorded_as(name: str, step: HistoryStep | None = None) -> HistoryStep:
    """The history step, recording the document under its display name rather
    than the worker's temp path (which is deleted with the run)."""
    from prereview import engine

    inner = step or engine.history

    def history(document: Document, review: Review, tracking: Tracking) -> Review:
        return inner(document.model_copy(update={"path": name}), review, tracking)

    return history
