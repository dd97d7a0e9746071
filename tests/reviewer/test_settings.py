"""Settings: environment, config files, precedence, and the key kept secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from prereview.reviewer.settings import ReviewerSettings, load_settings, redact_url

KEY = "sk-live-abcdefghijklmnop0123"


def test_defaults() -> None:
    s = ReviewerSettings()
    assert (s.model, s.response_format, s.base_url, s.api_key) == (
        "gpt-4o-mini", "json_schema", None, None)
    assert s.endpoint == "https://api.openai.com/v1"


def test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:8000/v1")
    monkeypatch.setenv("PREREVIEW_MODEL", "llama3")
    monkeypatch.setenv("PREREVIEW_LLM_RESPONSE_FORMAT", "json_object")
    monkeypatch.setenv("MODEL", "ignored")  # only the documented names count
    s = ReviewerSettings()
    assert (s.model, s.response_format, s.base_url) == (
        "llama3", "json_object", "http://localhost:8000/v1")
    assert s.secret() == KEY


def test_config_files_and_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = Path(str(tmp_path / "home"))
    (home / "config.toml").write_text(
        f'OPENAI_API_KEY = "{KEY}"\nPREREVIEW_MODEL = "from-home"\n'
        '[llm]\ntimeout = 7\nmax_concurrency = 2\n', encoding="utf-8")
    (tmp_path / "prereview.toml").write_text('[llm]\nmodel = "from-project"\n',
                                             encoding="utf-8")
    s = ReviewerSettings()
    assert (s.model, s.timeout, s.max_concurrency, s.secret()) == ("from-project", 7, 2, KEY)
    monkeypatch.setenv("PREREVIEW_MODEL", "from-env")
    assert ReviewerSettings().model == "from-env"
    assert load_settings(model="from-cli", timeout=None).model == "from-cli"


def test_key_never_in_repr_or_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    s = ReviewerSettings()
    assert KEY not in repr(s) and KEY not in str(s)
    assert KEY not in s.model_dump_json() and KEY not in str(s.model_dump())
    assert s.redact(f"bad key {KEY} and sk-proj-zzzzzzzzzzzz") == "bad key *** and ***"


def test_endpoint_drops_credentials() -> None:
    assert redact_url("https://user:pw@llm.example.com:8443/v1?token=x") == (
        "https://llm.example.com:8443/v1")
