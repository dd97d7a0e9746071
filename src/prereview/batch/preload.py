"""What every batch worker needs before its first document, loaded once in the
forkserver the workers are forked from (``runner._context``) instead of in each
worker: the engine and its checks (the batch's own process does not import
them), the history store's modules (SQLAlchemy, the models) and the built-in
rubrics detection chooses from. Importing this module does it; nothing here
writes a file or opens a database (each worker opens its own store).

The flow path also imports it in its own process while Prefect's temporary
server boots (with one worker the documents are reviewed there).
"""

from __future__ import annotations

import contextlib

from prereview import engine  # noqa: F401
from prereview.batch import cache  # noqa: F401
from prereview.history import queries, recorder  # noqa: F401
from prereview.rubrics import document_types, shared_rubric


def load_rubrics() -> None:
    """The rubrics detection may pick, in this process's cache (checked against
    the files' stamps and ``PREREVIEW_RUBRIC_PATH`` on every later use)."""
    with contextlib.suppress(Exception):  # a broken rubric is the review's to report
        for ref in document_types():
            shared_rubric(ref)


load_rubrics()
