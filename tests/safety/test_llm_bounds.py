"""LLM replies are bounded and judged one by one: a body over the size limit is
refused while it is read, a reply's findings are capped, an HTTP 200 that is not
a chat completion fails only its own chunk (and is retried), and a quote must be
long enough to be evidence."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from prereview.checks import run_checks
from prereview.ingest import parse_markdown
from prereview.review import Status
from prereview.reviewer import llm_review
from prereview.reviewer.evidence import ClaimedFinding, is_evidence, verify
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric, load_rubric

fakes = sys.modules["prereview_test_fakes_openai_server"]
RUBRIC = """\
id: judged
title: Judgment criteria
extends: style
criteria:
  - id: faq.market-size
    title: Market size
    severity: major
    weight: 2
    guidance: An estimate of the addressable market, with its reasoning.
"""
SECTION = ("Clinics in the pilot region lose about a fifth of their appointments to late "
           "cancellations, and front-desk staff spend the first hour of every day on the "
           "phone trying to fill them. ")


@pytest.fixture
def rubric(tmp_path: Path) -> Rubric:
    path = tmp_path / "judged.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    return load_rubric(path)


def _document(sections: int = 3) -> Any:
    text = "# Launch notes\n\n" + "".join(
        f"## Part {i}\n\n{SECTION * 4}\n\n" for i in range(1, sections + 1))
    return parse_markdown(text, "notes.md")


def _settings(server: Any, tmp_path: Path, **extra: Any) -> ReviewerSettings:
    values: dict[str, Any] = {"api_key": fakes.TEST_API_KEY, "base_url": server.url,
                              "timeout": 5, "backoff_base": 0.01, "backoff_max": 0.02,
                              "max_retries": 2, "max_concurrency": 1, "chunk_tokens": 200,
                              "cache_dir": tmp_path / "cache"}
    values.update(extra)
    return ReviewerSettings(**values)


def _review(document: Any, rubric: Rubric, settings: ReviewerSettings) -> Any:
    return llm_review(document, rubric, run_checks(document, rubric), settings)


def _market(judged: Any) -> Any:
    return next(c for c in judged.criteria if c.id == "faq.market-size")


@pytest.mark.parametrize("chunked", [False, True])
def test_oversized_reply_is_refused_while_read(
    tmp_path: Path, fake_openai: Any, rubric: Rubric, chunked: bool
) -> None:
    headers = {"Transfer-Encoding": "chunked"} if chunked else {}
    huge = json.dumps({"verdicts": [], "findings": [], "pad": "x" * 3_000_000})
    fake_openai.script(*[fakes.Reply(body=fakes.completion(huge).body, headers=headers)] * 3)
    started = time.perf_counter()
    judged = _review(_document(1), rubric, _settings(fake_openai, tmp_path, max_retries=0))
    assert time.perf_counter() - started < 10
    assert [o.error_kind for o in judged.outcomes] == ["too-large"]
    expected = "the reply was larger than 2 MB" + ("" if chunked else " (Content-Length")
    assert (judged.outcomes[0].error or "").startswith(expected)
    assert _market(judged).status == Status.NOT_ASSESSED
    assert not list((tmp_path / "cache").rglob("*.json")), "a refused reply is not cached"


def test_findings_per_reply_are_capped(tmp_path: Path, fake_openai: Any, rubric: Rubric) -> None:
    def flood(request: Any) -> Any:
        body = fakes.review_reply(request)
        quote = fakes.sentences_of(request)[0]
        body["findings"] = [{"criterion": "faq.market-size", "quote": quote,
                             "message": f"note {i}", "suggestion": ""} for i in range(20_000)]
        return fakes.completion(json.dumps(body))

    fake_openai.responder = flood
    started = time.perf_counter()
    judged = _review(_document(1), rubric, _settings(fake_openai, tmp_path, max_findings=50,
                                                   max_reply_bytes=20_000_000))
    assert time.perf_counter() - started < 20
    assert judged.outcomes[0].response.cut == 20_000 - 50
    assert judged.usage.dropped_unverified >= 20_000 - 50
    assert len(_market(judged).findings) <= 50


def test_non_json_200_fails_only_its_chunk_and_is_retried(
    tmp_path: Path, fake_openai: Any, rubric: Rubric
) -> None:
    page = fakes.Reply(body="<html><body><h1>502 Bad Gateway</h1></body></html>",
                       headers={"Content-Type": "text/html"})
    document = _document(3)
    # no retries: the chunk that got the proxy's page fails, the others count
    fake_openai.script(fakes.auto_responder, page, page)
    judged = _review(document, rubric, _settings(fake_openai, tmp_path, max_retries=0))
    assert len(judged.outcomes) >= 3
    failed = [o for o in judged.outcomes if not o.ok]
    assert len(failed) == 1 and failed[0].error_kind == "invalid-output"
    assert "was not a chat completion" in (failed[0].error or "")
    market = _market(judged)
    assert market.status == Status.PASSED and market.source == "llm"
    assert "the others failed" in (market.note or "")
    assert judged.usage.error is not None and judged.usage.error.startswith(
        f"1 of {len(judged.outcomes)} LLM requests failed")
    # with retries, the same hiccup costs one more request and nothing else
    fake_openai.reset()
    fake_openai.script(fakes.auto_responder, page, page)
    judged = _review(document, rubric, _settings(fake_openai, tmp_path / "again", max_retries=2))
    assert all(o.ok for o in judged.outcomes)
    assert judged.usage.error is None


@pytest.mark.parametrize(("quote", "ok"), [
    ("the", False), ("and it is", False), ("of the", False), ("Clinics", False),
    ("fifth of their", True), ("late cancellations", True), ("front-desk staff", True),
])
def test_quote_must_be_long_enough_to_be_evidence(quote: str, ok: bool) -> None:
    assert is_evidence(quote) is ok
    document = _document(1)
    found, dropped = verify(document, [ClaimedFinding(criterion="c", quote=quote, message="m")],
                            {"c": "major"})  # type: ignore[dict-item]
    assert (len(found), dropped) == ((1, 0) if ok else (0, 1))
