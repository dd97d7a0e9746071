"""The history store: every review recorded, every new draft compared with the
last (resolved / new / persisting), findings an author settles, and the trend.

The engine calls ``track`` after scoring; the batch board reads
``previous_score``; ``prereview history`` and ``prereview accept`` are in
``prereview.history.cli``. Names are imported on first use so that importing
the package (the CLI does, to register its commands) costs no SQLAlchemy import.
"""

from __future__ import annotations

import importlib
from typing import Any

from prereview.history.tracking import PREVIOUS, Tracking, history_enabled, track

_LAZY = {
    "accept": "prereview.history.queries",
    "document_history": "prereview.history.queries",
    "previous_score": "prereview.history.queries",
    "StoreError": "prereview.history.store",
    "database_url": "prereview.history.store",
    "get_engine": "prereview.history.store",
}

__all__ = [
    "PREVIOUS",
    "StoreError",
    "Tracking",
    "accept",
    "database_url",
    "document_history",
    "get_engine",
    "history_enabled",
    "previous_score",
    "track",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'prereview.history' has no attribute {name!r}")
