"""The board's "change since the previous review" column, fed by the history
store when one is installed (issue 12), and empty otherwise.

The store is not built here: a provider is any function from the new Review to
the previous score of the same document under the same rubric, or None. The
default looks for ``prereview.history.previous_score`` and, until that exists,
provides nothing; ``Review.history.previous_score`` is used when the engine has
already filled it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from prereview.review import Review

PreviousScore = Callable[[Review], float | None]

_provider: PreviousScore | None = None
_looked_up = False


def set_provider(provider: PreviousScore | None) -> None:
    """Install the provider, or with None go back to the history store's own
    (looked up again on next use); tests and the history store call this."""
    global _provider, _looked_up
    _provider, _looked_up = provider, provider is not None


def provider() -> PreviousScore | None:
    """The installed provider, else ``prereview.history.previous_score`` when that
    module exists, else None."""
    global _provider, _looked_up
    if not _looked_up:
        _looked_up = True
        try:
            module = importlib.import_module("prereview.history")
        except ImportError:
            module = None
        found = getattr(module, "previous_score", None) if module is not None else None
        _provider = found if callable(found) else None
    return _provider


def previous_score(review: Review) -> float | None:
    """The previous score of this document, or None when no history knows it."""
    if review.history is not None and review.history.previous_score is not None:
        return review.history.previous_score
    get = provider()
    if get is None:
        return None
    try:
        return get(review)
    except Exception:  # a broken store must not break the batch: the column stays empty
        return None
