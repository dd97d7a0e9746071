"""Where prereview keeps local state: the LLM reply cache, Prefect's local
database for CLI runs, the user's config file."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PREREVIEW_HOME"
SHARED_ENV = "PREREVIEW_SHARED_DIR"


def prereview_home() -> Path:
    """``$PREREVIEW_HOME``, default ``~/.prereview``."""
    raw = os.environ.get(HOME_ENV)
    return Path(raw).expanduser() if raw else Path.home() / ".prereview"


def shared_dir() -> Path:
    """Where state every worker of a team must see lives: the batch result cache
    (``reviews/``), the LLM reply cache (``llm-cache/``) and the reports of
    submitted runs (``reports/``). ``$PREREVIEW_SHARED_DIR`` (a folder every
    worker mounts at the same path), default ``$PREREVIEW_HOME``: one machine
    shares with itself."""
    raw = os.environ.get(SHARED_ENV, "").strip()
    return Path(raw).expanduser() if raw else prereview_home()
