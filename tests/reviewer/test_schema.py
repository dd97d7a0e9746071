"""The reply schema names every criterion asked: one required property per
criterion, sent strict; a reply that leaves one out leaves it not assessed."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import pytest

from prereview.checks import run_checks
from prereview.engine import score as score_review
from prereview.ingest.markdown import parse_markdown
from prereview.review import CriterionResult, Review, Status
from prereview.reviewer import llm_review, models, schema
from prereview.reviewer.chunking import plan_requests
from prereview.reviewer.client import call_llm
from prereview.reviewer.models import LLMRequest
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric

fakes = sys.modules["prereview_test_fakes_openai_server"]  # loaded by conftest.py

DOC = """\
# Tidy Ledger closes a bakery's books in an hour

SEATTLE, WA — June 1, 2027 — Tidy Ledger today launched bookkeeping for bakeries.

Bakery owners spend 9 hours a month matching receipts by hand.

## FAQ

### How large is the market?

There are 28,000 independent bakeries in the US; at $30 a month that is a $10M market.

### What are the risks?

Bank feeds break when banks change formats; we check every feed daily.
"""


def by_id(results: list[CriterionResult]) -> dict[str, CriterionResult]:
    return {r.id: r for r in results}


def run(text: str, rubric: Rubric, settings: ReviewerSettings) -> tuple[Any, Review]:
    document = parse_markdown(text, "doc.md")
    out = llm_review(document, rubric, run_checks(document, rubric), settings)
    review = score_review(document, rubric, "test", out.criteria)
    return out, review

DECIDE = ["style.so-what", "faq.market-size", "faq.risks"]


@pytest.fixture
def request_(judged_rubric: Rubric) -> LLMRequest:
    (request,) = plan_requests(parse_markdown(DOC, "doc.md"), judged_rubric)
    return request


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = root["$defs"][name]
    return node


def test_the_schema_sent_requires_every_criterion(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    assert [c.id for c in request_.criteria if c.mode == "decide"] == DECIDE
    fake_openai.script(lambda r: fakes.completion(fakes.review_reply(r)))
    response = call_llm(request_, settings_for(fake_openai))
    assert [v.criterion for v in response.review.verdicts] == DECIDE
    assert response.review.missing == {}

    fmt = fake_openai.chat_requests[0].body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["name"] == "ChunkReview"
    root = fmt["json_schema"]["schema"]
    assert root["required"] == ["verdicts", "findings"]
    assert root["additionalProperties"] is False
    verdicts = _resolve(root, root["properties"]["verdicts"])
    assert verdicts["type"] == "object"
    assert list(verdicts["properties"]) == DECIDE
    assert verdicts["required"] == DECIDE
    assert verdicts["additionalProperties"] is False
    one = _resolve(root, verdicts["properties"]["faq.risks"])
    assert one["required"] == ["status", "score", "rationale", "quotes"]
    assert one["properties"]["status"]["enum"] == ["passed", "failed", "not-applicable"]
    finding = _resolve(root, root["properties"]["findings"]["items"])
    every = [c.id for c in request_.criteria]
    assert finding["properties"]["criterion"]["enum"] == every
    # the prompt asks for the same shape, naming each key
    system = fake_openai.chat_requests[0].system
    assert '"verdicts": {"style.so-what": <verdict>, "faq.market-size": <verdict>, ' \
           '"faq.risks": <verdict>}' in system


def _without(cid: str) -> Callable[[Any], Any]:
    def answer(recorded: Any) -> Any:
        body = fakes.review_reply(recorded)
        del body["verdicts"][cid]
        return fakes.completion(json.dumps(body))

    return answer


@pytest.mark.parametrize("mode", ["json_object", "json_schema"])
def test_a_reply_missing_a_criterion_leaves_it_not_assessed(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], judged_rubric: Rubric,
    mode: str,
) -> None:
    """json_object has no schema to hold the model to (and a server may ignore
    json_schema): the criterion it left out is not assessed, with the reason; the
    others are decided as usual."""
    fake_openai.responder = _without("faq.risks")
    out, review = run(DOC, judged_rubric, settings_for(fake_openai, response_format=mode))
    sent = fake_openai.chat_requests[0].body["response_format"]
    assert sent["type"] == mode
    got = by_id(out.criteria)
    risks = got["faq.risks"]
    assert risks.status == Status.NOT_ASSESSED
    assert risks.note == ("the LLM reviewer's reply did not assess it: "
                          "no verdict for it in the reply")
    assert got["faq.market-size"].status == Status.PASSED
    assert got["style.so-what"].status == Status.PASSED
    assert "faq.risks" in [c.id for c in review.not_assessed]
    assert "faq.risks" not in [c.id for c in review.criteria if c.status == Status.PASSED]


def test_a_malformed_verdict_is_not_assessed_with_its_reason(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], judged_rubric: Rubric,
) -> None:
    def answer(recorded: Any) -> Any:
        body = fakes.review_reply(recorded)
        body["verdicts"]["faq.market-size"]["status"] = "great"
        return fakes.completion(json.dumps(body))

    fake_openai.responder = answer
    out, _ = run(DOC, judged_rubric, settings_for(fake_openai, response_format="json_object"))
    got = by_id(out.criteria)["faq.market-size"]
    assert got.status == Status.NOT_ASSESSED
    assert got.note is not None
    assert got.note.startswith("the LLM reviewer's reply did not assess it: a malformed "
                               "verdict (status: ")
    assert by_id(out.criteria)["faq.risks"].status == Status.PASSED


def test_the_old_list_shape_is_still_read(request_: LLMRequest) -> None:
    """A model that answers with a list (ignoring the schema) is read; what it
    left out is listed as missing."""
    text = json.dumps({"verdicts": [
        {"criterion": "faq.risks", "status": "passed", "score": 4, "rationale": "r",
         "quotes": []},
        {"criterion": "not.asked", "status": "passed", "score": 4, "rationale": "r",
         "quotes": []},
    ], "findings": []})
    review = schema.parse_lenient(text, request_)
    assert [v.criterion for v in review.verdicts] == ["faq.risks"]
    assert review.missing == {"style.so-what": "no verdict for it in the reply",
                              "faq.market-size": "no verdict for it in the reply"}


def test_cache_key_changes_with_the_schema_version(
    request_: LLMRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = request_.key("m")
    monkeypatch.setattr(models, "_SCHEMA_VERSION", 1)
    assert request_.key("m") != before
    assert schema.SCHEMA_VERSION == 2
    # and with the prompt version (the reply shape is in the system template)
    assert request_.model_copy(update={"prompt_version": "x"}).key("m") != request_.key("m")
