"""The batch result cache: a document whose bytes, rubric and prereview version
are unchanged is not reviewed again.

One JSON file per key under ``$PREREVIEW_SHARED_DIR/reviews/`` (default
``$PREREVIEW_HOME``: see ``prereview.home.shared_dir``), written to a temporary
name and renamed, so concurrent workers never see half a file. It holds the
Review (and the Document when a report that shows the text was asked for); no
settings, so no secret can end up in it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ValidationError

from prereview import __version__
from prereview.document import Document
from prereview.home import shared_dir
from prereview.review import Review

CACHE_FORMAT = "1"


class CachedReview(BaseModel):
    key: str
    review: Review
    document: Document | None = None


def cache_dir() -> Path:
    return shared_dir() / "reviews"


def cache_key(sha256: str, rubric_versions: list[str], llm_model: str | None = None) -> str:
    """Bytes + rubric version(s) + prereview version (+ the model when the LLM
    reviewer is on): any of them changing means a new review."""
    basis = "\x00".join([CACHE_FORMAT, __version__, sha256, *rubric_versions, llm_model or ""])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def cache_path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


def entry_count(limit: int) -> int:
    """How many reviews the cache holds, counting no further than ``limit`` (a
    cheap look at one folder: no file is read)."""
    count = 0
    try:
        with os.scandir(cache_dir()) as entries:
            for entry in entries:
                if entry.name.endswith(".json"):
                    count += 1
                    if count >= limit:
                        break
    except OSError:
        return 0
    return count


def load_cached(key: str, need_document: bool = False) -> CachedReview | None:
    """The cached review, or None (missing, unreadable, from another format, or
    without the Document when the caller needs it)."""
    path = cache_path(key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        cached = CachedReview.model_validate_json(data)
    except (ValidationError, ValueError):
        return None
    if cached.key != key or (need_document and cached.document is None):
        return None
    return cached


def store(key: str, review: Review, document: Document | None = None) -> Path | None:
    """Write atomically; a cache that cannot be written is not an error (the
    review is still good), it just costs the next run."""
    folder = cache_dir()
    payload = CachedReview(key=key, review=review, document=document)
    text = payload.model_dump_json()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, cache_path(key))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return None
    return cache_path(key)


def review_json_text(review: Review) -> str:
    """Helper for tests and tools: the contract JSON of a cached review."""
    return json.dumps(review.to_contract(), indent=2, ensure_ascii=False)
