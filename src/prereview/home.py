"""Where prereview keeps local state: the LLM reply cache, Prefect's local
database for CLI runs, the user's config file."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PREREVIEW_HOME"


def prereview_home() -> Path:
    """``$PREREVIEW_HOME``, default ``~/.prereview``."""
    raw = os.environ.get(HOME_ENV)
    return Path(raw).expanduser() if raw else Path.home() / ".prereview"
