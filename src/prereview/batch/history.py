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

from prereview.document import Document
from prereview.review import Review

PreviousScore = Callable[[Review], float | None]

_provider: PreviousScore | None = None
_looked_up = False
_installed = False
"""Whether the provider was installed by set_provider (it takes the Review only)."""


def set_provider(provider: PreviousScore | None) -> None:
    """Install the provider, or with None go back to the history store's own
    (looked up again on next use); tests and the history store call this."""
    global _provider, _looked_up, _installed
    _provider, _looked_up = provider, provider is not None
    _installed = provider is not None


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


def previous_score(review: Review, document: Document | None = None,
                   just_recorded: bool = False) -> float | None:
    """The previous score of this document, or None when no history knows it.
    With the reviewed ``document``, the store's own provider takes the
    document's identity from it rather than parsing the file again;
    ``just_recorded``: the review was recorded by this run (not reused), so its
    history says all the store knew."""
    if review.history is not None:
        if review.history.previous_score is not None:
            return review.history.previous_score
        if just_recorded and review.history.recorded:
            # recorded just now, and the store had no earlier review of this
            # document at all: nothing to ask it
            return None
    get = provider()
    if get is None:
        return None
    try:
        if document is not None and not _installed:
            return get(review, document=document)  # type: ignore[call-arg]
        return get(review)
    except Exception:  # a broken store must not break the batch: the column stays empty
        return None
