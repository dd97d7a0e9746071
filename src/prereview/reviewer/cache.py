"""The plain runner's disk cache of model replies, keyed like the Prefect task's
(chunk text, criteria, prompt version, model; never the API key or the URL), so
an unchanged document costs no request the second time on either path.

Failures are never stored; a cache that cannot be read or written only costs
requests.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from prereview.reviewer.models import LLMRequest, LLMResponse
from prereview.reviewer.settings import ReviewerSettings

DIRECT_CACHE = "direct"
"""Subfolder of the cache directory for replies cached by the plain runner (the
Prefect task keeps its own result records beside it)."""


def cache_file(request: LLMRequest, settings: ReviewerSettings) -> Path:
    """Where the plain runner keeps the reply to ``request`` (the same key as the
    Prefect task's cache: chunk text, criteria, prompt version, model)."""
    key = request.key(settings.model, settings.response_format)
    return settings.cache_path / DIRECT_CACHE / f"{key}.json"


def cached_reply(request: LLMRequest, settings: ReviewerSettings) -> LLMResponse | None:
    """The stored reply, marked cached; None when absent or unreadable."""
    try:
        text = cache_file(request, settings).read_text(encoding="utf-8")
        response = LLMResponse.model_validate_json(text)
    except (OSError, ValueError):
        return None
    return response.model_copy(update={"cached": True})


def store_reply(request: LLMRequest, settings: ReviewerSettings, response: LLMResponse) -> None:
    """Write atomically (a reader never sees half a reply); a cache that cannot be
    written only costs the next run its requests."""
    from prereview.errors import PrereviewError
    from prereview.outputs import write_file

    path = cache_file(request, settings)
    with contextlib.suppress(OSError, PrereviewError):  # e.g. a link planted there
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, response.model_dump_json().encode("utf-8"))
