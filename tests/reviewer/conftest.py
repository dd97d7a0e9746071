"""Fixtures for the reviewer tests: the fake OpenAI server, settings pointing at it
(short timeouts, no real key), and a small rubric with judgment criteria."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric, load_rubric

fakes = sys.modules["prereview_test_fakes_openai_server"]  # loaded by tests/conftest.py
API_KEY: str = fakes.TEST_API_KEY


@pytest.fixture
def settings_for(tmp_path: Path) -> Callable[..., ReviewerSettings]:
    """Settings for a fake server: 0.5 s timeouts, fast backoff, cache in tmp."""

    def make(server: Any, **overrides: Any) -> ReviewerSettings:
        values: dict[str, Any] = {
            "api_key": API_KEY, "base_url": server.url, "timeout": 0.5,
            "backoff_base": 0.01, "backoff_max": 0.05, "max_retries": 3,
            "cache_dir": tmp_path / "llm-cache",
        }
        values.update(overrides)
        return ReviewerSettings(**values)

    return make


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user config file or environment leaks into a test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PREREVIEW_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PREREVIEW_MODEL",
                "PREREVIEW_LLM_RESPONSE_FORMAT", "PREREVIEW_LLM_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)


RUBRIC_YAML = """\
id: judged
title: Test rubric with judgment criteria
extends: style
criteria:
  - id: faq.market-size
    title: Market size
    severity: major
    weight: 2
    guidance: An estimate of the addressable market, with its reasoning.
  - id: faq.risks
    title: Risks
    severity: major
    weight: 2
    guidance: The hardest problems and top risks, with mitigations.
"""


@pytest.fixture(scope="session")
def judged_rubric(tmp_path_factory: pytest.TempPathFactory) -> Rubric:
    """``style`` plus two judgment-only criteria; style brings the "rule +
    judgment" ones and integrity.injection."""
    path = tmp_path_factory.mktemp("rubric") / "judged.yaml"
    path.write_text(RUBRIC_YAML, encoding="utf-8")
    return load_rubric(path)

