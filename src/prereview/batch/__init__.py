"""Batch review: many documents, one readiness board.

``run_batch`` is the engine entry (no Prefect): discover the files, review each
in a process pool (reusing cached reviews of unchanged documents), and build
the board; the ``review_batch`` flow runs the same pieces as coarse tasks.

Names are imported on first use: the CLI imports this package to register
``prereview batch``, and a batch's own process needs neither the engine nor its
checks when worker processes review the documents (they are imported there,
once, in the forkserver the workers are forked from).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# eagerly: the function ``discover`` shares its name with its module, which would
# replace it here when first imported
from prereview.batch.discover import Discovery, Item, UsageError, discover

if TYPE_CHECKING:
    from prereview.batch.board import SCHEMA, Board, Row, build_board, gate_failed
    from prereview.batch.local import review_items, run_batch
    from prereview.batch.progress import Progress
    from prereview.batch.render import render_board, write_board
    from prereview.batch.runner import DocumentPool, OnRow, default_workers
    from prereview.batch.worker import Options, prepared, review_one

_LAZY = {
    "SCHEMA": "board", "Board": "board", "Row": "board", "build_board": "board",
    "gate_failed": "board",
    "review_items": "local", "run_batch": "local",
    "Progress": "progress",
    "render_board": "render", "write_board": "render",
    "DocumentPool": "runner", "OnRow": "runner", "default_workers": "runner",
    "Options": "worker", "prepared": "worker", "review_one": "worker",
}

__all__ = [
    "SCHEMA",
    "Board",
    "Discovery",
    "DocumentPool",
    "Item",
    "OnRow",
    "Options",
    "Progress",
    "Row",
    "UsageError",
    "build_board",
    "default_workers",
    "discover",
    "gate_failed",
    "prepared",
    "render_board",
    "review_items",
    "review_one",
    "run_batch",
    "write_board",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'prereview.batch' has no attribute {name!r}")
    return getattr(importlib.import_module(f"prereview.batch.{module}"), name)
