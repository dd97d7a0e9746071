"""No form of the API key reaches any output: a hostile server echoes the
Authorization header (raw, base64, hex, URL-encoded) into every string of its
reply; every report format, the Word comments, stdout/stderr, the reply cache and
(flow path) Prefect's database stay clean."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from prereview.redact import MASK, Redactor

fakes = sys.modules["prereview_test_fakes_openai_server"]
safety = sys.modules["prereview_test_safety"]
SAMPLE, clean_env, leaks, run_cli = safety.SAMPLE, safety.clean_env, safety.leaks, safety.run_cli
KEY = fakes.TEST_API_KEY


def _llm_env(tmp_path: Path, url: str, **extra: str) -> dict[str, str]:
    return clean_env(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=url,
                     PREREVIEW_HOME=str(tmp_path / "home"), PREREVIEW_LLM_TIMEOUT="20",
                     PREREVIEW_LLM_BACKOFF="0.01", **extra)


def _review(tmp_path: Path, fake_openai: Any, *extra: str) -> tuple[Path, Any]:
    fake_openai.responder = fakes.echo_key_responder
    out = tmp_path / "out"
    proc = run_cli("review", SAMPLE, "--llm", "-f", "md,json,html,sarif,docx", "--out", out,
                   *extra, env=_llm_env(tmp_path, fake_openai.url), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    return out, proc


def _assert_reviewed_by_the_hostile_server(out: Path, fake_openai: Any) -> None:
    requests = fake_openai.chat_requests
    assert requests and all(
        {k.lower(): v for k, v in r.headers.items()}["authorization"] == f"Bearer {KEY}"
        for r in requests)
    data = json.loads((out / "review.json").read_text(encoding="utf-8"))
    llm_failed = [c for c in data["criteria"] if c["source"] == "llm" and c["status"] == "failed"]
    assert llm_failed, "the server's verdicts were used"
    assert all(MASK in c["note"] for c in llm_failed)
    assert data["llm"]["model"] == "gpt-4o-mini"
    assert sorted(p.name for p in out.iterdir()) == [
        "prfaq-strong.reviewed.docx", "report.html", "report.md", "review.json", "review.sarif"]


def test_fast_path_no_key_in_any_output_or_cache(tmp_path: Path, fake_openai: Any) -> None:
    out, proc = _review(tmp_path, fake_openai, "--fast")
    _assert_reviewed_by_the_hostile_server(out, fake_openai)
    assert list((tmp_path / "home" / "llm-cache" / "direct").glob("llm-*.json"))
    streams = [("stdout", proc.stdout), ("stderr", proc.stderr)]
    assert leaks(tmp_path, KEY, streams) == []


def test_flow_path_no_key_in_prefect_database(tmp_path: Path, fake_openai: Any) -> None:
    """The real flow on a temporary Prefect server whose SQLite database lives in
    this test's PREFECT_HOME: results, artifacts and logs searched byte by byte."""
    fake_openai.responder = fakes.echo_key_responder
    out = tmp_path / "out"
    env = _llm_env(tmp_path, fake_openai.url, PREFECT_HOME=str(tmp_path / "prefect"))
    proc = run_cli("review", SAMPLE, "--llm", "--flow", "-f", "md,json,html,sarif,docx",
                   "--out", out, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    _assert_reviewed_by_the_hostile_server(out, fake_openai)
    databases = list((tmp_path / "prefect").rglob("*.db"))
    assert databases, "the flow ran on a database in PREFECT_HOME"
    assert sum(p.stat().st_size for p in databases) > 0
    assert list((tmp_path / "home" / "llm-cache").iterdir()), "Prefect persisted the result"
    streams = [("stdout", proc.stdout), ("stderr", proc.stderr)]
    assert leaks(tmp_path, KEY, streams) == []


def test_redactor_masks_every_encoding() -> None:
    import base64
    import binascii
    from urllib.parse import quote

    key = "k3y-With/Plus+And=Slash-0123456789"
    redactor = Redactor([key])
    samples = [
        key, key.upper(), f"Bearer {key}", quote(key, safe=""),
        binascii.hexlify(key.encode()).decode(), binascii.hexlify(key.encode()).decode().upper(),
        base64.b64encode(key.encode()).decode(),
        base64.b64encode(f"Bearer {key}".encode()).decode(),
        base64.b64encode(f"user:{key}".encode()).decode(),
        base64.urlsafe_b64encode(f"x{key}".encode()).decode(),
        json.dumps({"k": key}, ensure_ascii=True),
    ]
    for sample in samples:
        text = redactor.text(f"before {sample} after")
        assert text.startswith("before ") and text.endswith(" after"), sample
        assert MASK in text and sample not in text, sample
    assert redactor.text("an ordinary sentence with sk and Bearer") == (
        "an ordinary sentence with sk and Bearer")


def test_error_bodies_that_echo_the_key_are_redacted(fake_openai: Any, tmp_path: Path) -> None:
    """A failing server's body (a 401, a 500, a proxy page with HTTP 200) quoting
    the key never reaches an outcome's error, which every report shows."""
    import base64

    from prereview.reviewer import run_requests
    from prereview.reviewer.models import Chunk, CriterionBrief, LLMRequest
    from prereview.reviewer.settings import ReviewerSettings

    leak = f"Bearer {KEY} / {base64.b64encode(KEY.encode()).decode()}"
    request = LLMRequest(
        document_title="t", document_type="prfaq", outline=[], prompt_version="1",
        chunk=Chunk(index=0, count=1, text="Clinics fill slots.", section_path=[]),
        criteria=[CriterionBrief(id="faq.risks", title="Risks", severity="major",
                                 mode="decide")])
    settings = ReviewerSettings(api_key=KEY, base_url=fake_openai.url, timeout=5,
                                max_retries=0, cache_dir=tmp_path / "cache")
    for reply in (fakes.error(401, f"bad key {leak}"), fakes.error(500, f"oops {leak}"),
                  fakes.Reply(body=f"<html>{leak}</html>", headers={"Content-Type": "text/html"})):
        fake_openai.reset()
        fake_openai.script(reply, reply)
        [outcome] = run_requests([request], settings)
        assert outcome.error and not outcome.ok
        assert KEY not in outcome.error
        assert base64.b64encode(KEY.encode()).decode() not in outcome.error
        assert MASK in outcome.error, outcome.error
