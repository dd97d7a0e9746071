"""call_llm with the real openai client against the fake server: every way a
request can end, classified, retried only when it should be."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest

from prereview.ingest.markdown import parse_markdown
from prereview.reviewer.chunking import plan_requests
from prereview.reviewer.client import (
    LLMError,
    RetryPolicy,
    call_llm,
    call_with_retries,
    retry_after_of,
)
from prereview.reviewer.models import LLMRequest
from prereview.reviewer.review import run_requests
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric

fakes = sys.modules["prereview_test_fakes_openai_server"]  # loaded by conftest.py
API_KEY: str = fakes.TEST_API_KEY

DOC = """\
# Tidy Ledger closes a bakery's books in an hour

SEATTLE, WA — June 1, 2027 — Tidy Ledger today launched bookkeeping for bakeries.

Bakery owners spend 9 hours a month matching receipts by hand.

## FAQ

### How large is the market?

There are 28,000 independent bakeries in the US; at $30 a month that is a $10M market.
"""


@pytest.fixture
def request_(judged_rubric: Rubric) -> LLMRequest:
    requests = plan_requests(parse_markdown(DOC, "doc.md"), judged_rubric)
    assert len(requests) == 1
    return requests[0]


def good(recorded: Any) -> Any:
    return fakes.completion(fakes.review_reply(recorded), prompt_tokens=321,
                            completion_tokens=45)


def test_good_answer_parsed_with_strict_schema(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(good)
    response = call_llm(request_, settings_for(fake_openai))
    assert [v.criterion for v in response.review.verdicts] == [
        "style.so-what", "faq.market-size", "faq.risks"]
    assert response.usage.calls == 1
    assert (response.usage.input_tokens, response.usage.output_tokens) == (321, 45)
    sent = fake_openai.chat_requests[0]
    headers = {k.lower(): v for k, v in sent.headers.items()}
    assert headers["authorization"] == f"Bearer {API_KEY}"
    fmt = sent.body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert sent.body["model"] == "gpt-4o-mini"
    assert headers.get("x-stainless-retry-count", "0") == "0"


def test_json_object_mode_validates_the_reply_itself(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    def fenced(r: Any) -> Any:
        return fakes.completion("```json\n" + json.dumps(fakes.review_reply(r)) + "\n```")

    fake_openai.script(fenced)
    response = call_llm(request_, settings_for(fake_openai, response_format="json_object"))
    assert len(response.review.verdicts) == 3
    assert fake_openai.chat_requests[0].body["response_format"] == {"type": "json_object"}
    assert "JSON" in fake_openai.chat_requests[0].system  # json_object mode requires it


def test_strict_schema_mode_tolerates_a_fenced_reply(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    """A server that ignores response_format and wraps its JSON in a code fence is
    still read, and its tokens are still counted."""

    def fenced(r: Any) -> Any:
        return fakes.completion("```json\n" + json.dumps(fakes.review_reply(r)) + "\n```",
                                prompt_tokens=200, completion_tokens=30)

    fake_openai.script(fenced)
    response = call_llm(request_, settings_for(fake_openai))
    assert len(response.review.verdicts) == 3
    assert (response.usage.calls, response.usage.input_tokens) == (1, 200)
    assert fake_openai.chat_requests[0].body["response_format"]["type"] == "json_schema"


def test_rate_limit_waits_for_retry_after_then_succeeds(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    settings = settings_for(fake_openai)
    fake_openai.script(fakes.error(429, "slow down", {"Retry-After": "0.3"}), good)
    started = time.perf_counter()
    response = call_with_retries(lambda: call_llm(request_, settings),
                                 RetryPolicy.from_settings(settings))
    assert time.perf_counter() - started >= 0.3
    assert len(fake_openai.chat_requests) == 2
    assert response.review.verdicts


def test_rate_limit_error_carries_retry_after(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.error(429, "slow down", {"Retry-After": "1"}))
    with pytest.raises(LLMError) as caught:
        call_llm(request_, settings_for(fake_openai))
    err = caught.value
    assert (err.kind, err.retryable, err.retry_after) == ("rate-limit", True, 1.0)
    assert "HTTP 429" in str(err) and fake_openai.url in str(err)


def test_server_error_then_success(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.error(500, "boom"), good)
    outcomes = run_requests([request_], settings_for(fake_openai))
    assert outcomes[0].ok
    assert outcomes[0].response is not None and outcomes[0].response.usage.calls == 2
    assert len(fake_openai.chat_requests) == 2


def test_timeout_is_retried(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(lambda r: fakes.completion(json.dumps(fakes.review_reply(r)), delay=0.8),
                       good)
    outcomes = run_requests([request_], settings_for(fake_openai, timeout=0.3))
    assert outcomes[0].ok
    assert len(fake_openai.chat_requests) == 2


def test_timeout_classified(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(lambda r: fakes.completion("{}", delay=0.6))
    with pytest.raises(LLMError) as caught:
        call_llm(request_, settings_for(fake_openai, timeout=0.2))
    assert (caught.value.kind, caught.value.retryable) == ("timeout", True)
    assert str(caught.value) == f"no reply from {fake_openai.url} within 0.2 s"


def test_non_json_is_asked_once_more_then_given_up(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.completion("Sure! Here is my review: great doc."),
                       fakes.completion("still not json"))
    outcomes = run_requests([request_], settings_for(fake_openai))
    assert not outcomes[0].ok
    assert outcomes[0].error_kind == "invalid-output"
    assert outcomes[0].error is not None and "not JSON" in outcomes[0].error
    assert len(fake_openai.chat_requests) == 2  # one retry, not the 429/5xx budget
    assert outcomes[0].usage.calls == 2


def test_schema_mismatch_then_good_reply(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.completion(json.dumps({"verdict": "great"})), good)
    response = call_llm(request_, settings_for(fake_openai, response_format="json_object"))
    assert response.usage.calls == 2
    assert len(response.review.verdicts) == 3


def test_refusal(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.completion(None, refusal="I can't help with that."))
    outcomes = run_requests([request_], settings_for(fake_openai))
    assert outcomes[0].error_kind == "refusal"
    assert outcomes[0].error == "the model refused: I can't help with that."
    assert len(fake_openai.chat_requests) == 1


@pytest.mark.parametrize("mode", ["json_schema", "json_object"])
def test_truncation(
    mode: str, fake_openai: Any, settings_for: Callable[..., ReviewerSettings],
    request_: LLMRequest,
) -> None:
    fake_openai.script(fakes.completion('{"verdicts": [{"criterion": "faq.ma',
                                        finish_reason="length", completion_tokens=4000))
    outcomes = run_requests([request_], settings_for(fake_openai, response_format=mode))
    assert outcomes[0].error_kind == "truncated"
    assert "finish_reason=length" in (outcomes[0].error or "")
    assert outcomes[0].usage.output_tokens == 4000
    assert len(fake_openai.chat_requests) == 1


def test_auth_error_is_not_retried_and_key_is_redacted(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.error(401, f"Incorrect API key provided: {API_KEY}"))
    outcomes = run_requests([request_], settings_for(fake_openai))
    assert outcomes[0].error_kind == "auth"
    assert API_KEY not in (outcomes[0].error or "")
    assert "HTTP 401" in (outcomes[0].error or "")
    assert len(fake_openai.chat_requests) == 1


def test_bad_request_is_not_retried(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(fakes.error(400, "response_format json_schema not supported"))
    outcomes = run_requests([request_], settings_for(fake_openai))
    assert outcomes[0].error_kind == "client"
    assert outcomes[0].error == (f"HTTP 400 from {fake_openai.url}: "
                                 "response_format json_schema not supported")
    assert len(fake_openai.chat_requests) == 1


def test_retries_are_bounded(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    fake_openai.script(*[fakes.error(503, "overloaded") for _ in range(10)])
    outcomes = run_requests([request_], settings_for(fake_openai, max_retries=2))
    assert outcomes[0].error_kind == "server"
    assert len(fake_openai.chat_requests) == 3
    assert outcomes[0].usage.calls == 3


def test_dead_server(
    settings_for: Callable[..., ReviewerSettings], request_: LLMRequest
) -> None:
    class Dead:
        url = fakes.closed_url()

    outcomes = run_requests([request_], settings_for(Dead()))
    assert outcomes[0].error == f"connection refused at {Dead.url}"
    assert outcomes[0].error_kind == "connection"


def test_missing_key_for_the_openai_api() -> None:
    outcomes = run_requests([_dummy_request()], ReviewerSettings())
    assert outcomes[0].error_kind == "config"
    assert outcomes[0].error == "OPENAI_API_KEY is not set (needed for the OpenAI API)"


def _dummy_request() -> Any:
    from prereview.reviewer.models import Chunk, LLMRequest

    return LLMRequest(document_title="t", document_type="prfaq", outline=[],
                      chunk=Chunk(index=0, count=1, text="Hello there.", section_path=[]),
                      criteria=[], prompt_version="v")


@pytest.mark.parametrize(("headers", "expected"), [
    ({"retry-after": "2"}, 2.0),
    ({"retry-after-ms": "250"}, 0.25),
    ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
    ({"retry-after": "soon"}, None),
    ({}, None),
])
def test_retry_after_parsing(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after_of(headers) == expected


def test_policy_backoff_and_limits() -> None:
    policy = RetryPolicy(max_retries=2, backoff_base=1.0, backoff_max=3.0, max_retry_after=10)
    server = LLMError("server", "x", retryable=True)
    assert [policy.delay(server, n) for n in range(3)] == [1.0, 2.0, 3.0]
    assert policy.should_retry(server, 1) and not policy.should_retry(server, 2)
    assert policy.delay(LLMError("rate-limit", "x", retryable=True, retry_after=4), 0) == 4
    assert not policy.retryable(LLMError("rate-limit", "x", retryable=True, retry_after=60))
    assert not policy.retryable(LLMError("auth", "x"))
    assert not policy.retryable(ValueError("x"))
