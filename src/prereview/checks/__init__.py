"""Rule checks: every criterion with a ``check`` is decided here, without a model.

Three layers: the framework (:mod:`.registry`, :mod:`.params`, :mod:`.context`,
:mod:`.runner`), the readers the kinds share (:mod:`.reading`) and the check kinds
themselves (:mod:`.kinds`, registered when the runner is imported).
"""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.registry import Outcome
from prereview.checks.runner import Checked, check_document, run_checks, run_criterion

__all__ = ["CheckContext", "Checked", "Outcome", "check_document", "run_checks", "run_criterion"]
