"""headed-part: a part under its own heading (commands under "Getting Started"),
else the check it wraps; the wrapped check is validated when the rubric binds."""

from __future__ import annotations

from typing import Any

import pytest

from prereview.checks import run_checks
from prereview.checks.binding import BindError, bind
from prereview.ingest.markdown import parse_markdown
from prereview.review import Status
from prereview.rubrics import Rubric

PLACE = {"what": "a command", "pattern": r"\bbrew\s+install\b"}


def _rubric(otherwise: dict[str, Any]) -> Rubric:
    return Rubric.model_validate({
        "id": "t",
        "sections": {"release": {"headings": ["^press release$"]}},
        "criteria": [{"id": "t.start", "title": "Start", "severity": "major", "check": {
            "kind": "headed-part", "scope": "release", "label": "getting started",
            "headings": ["^getting started$"], "contains": [PLACE],
            "otherwise": otherwise}}]})


PARAGRAPHS = {"kind": "paragraph-match", "scope": "release", "patterns": [r"\binstall\b"],
              "label": "paragraph on getting started"}


def _result(md: str) -> Any:
    rubric = _rubric(PARAGRAPHS)
    bind(rubric)
    return run_checks(parse_markdown(md, "d.md"), rubric)[0]


def test_commands_under_the_heading_are_the_part() -> None:
    result = _result("## Press release\n\nToday.\n\n### Getting Started\n\n"
                     "```bash\nbrew install tool\ntool up\n```\n")
    assert (result.status, result.score) == (Status.PASSED, 1.0)
    assert result.found_at == ("getting started: heading 'Getting Started' (line 5), with "
                               "commands `brew install tool`")


def test_without_the_heading_the_wrapped_check_decides() -> None:
    passed = _result("## Press release\n\nToday. Install it from the store.\n")
    assert passed.status == Status.PASSED
    assert (passed.found_at or "").startswith("paragraph on getting started (line 3)")
    failed = _result("## Press release\n\nToday.\n\n### Getting Started\n\nIt is easy.\n")
    assert failed.status == Status.FAILED
    assert failed.note == "paragraph on getting started: not found"


def test_the_wrapped_check_is_validated_when_the_rubric_binds() -> None:
    with pytest.raises(BindError) as caught:
        bind(_rubric({**PARAGRAPHS, "scope": "faq"}))
    assert "otherwise.scope" in caught.value.message
    assert "unknown scope 'faq'" in caught.value.message
    with pytest.raises(BindError) as unknown:
        bind(_rubric({"kind": "nope"}))
    assert "otherwise: unknown check kind 'nope'" in unknown.value.message
