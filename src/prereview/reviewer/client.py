"""One request to an OpenAI-compatible server, and what can go wrong with it.

The openai client's own retries are off (``max_retries=0``): the retry policy is
ours (``RetryPolicy``), shared by the plain-Python loop here and the Prefect task in
``flows/llm.py``. Failures are classified once, into ``LLMError`` with a kind, a
one-line message that never contains the API key, whether it is worth retrying,
and the server's Retry-After when it gave one.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from prereview.reviewer import deadline
from prereview.reviewer.bounds import ReplyTooLarge, cap_review, http_client, too_large_cause
from prereview.reviewer.models import ChunkReview, ErrorKind, LLMRequest, LLMResponse, Usage
from prereview.reviewer.prompts import render_messages
from prereview.reviewer.schema import parse_lenient, reply_model, to_chunk_review
from prereview.reviewer.settings import ReviewerSettings

if TYPE_CHECKING:
    from openai import OpenAI

T = TypeVar("T")

INVALID_OUTPUT_ATTEMPTS = 2
"""A reply that is not JSON or not the schema is asked for once more, then the
chunk is given up."""


class LLMError(Exception):
    """A request that gave no usable reply. ``str()`` is safe to show anywhere."""

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        usage: Usage | None = None,
    ) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after
        self.usage = usage or Usage()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_error, (self.kind, self.message, self.retryable, self.retry_after,
                                 self.usage.model_dump()))

    def __repr__(self) -> str:
        return f"LLMError({self.kind}: {self.message})"


def _rebuild_error(kind: ErrorKind, message: str, retryable: bool,
                   retry_after: float | None, usage: dict[str, int]) -> LLMError:
    return LLMError(kind, message, retryable=retryable, retry_after=retry_after,
                    usage=Usage(**usage))


# --------------------------------------------------------------------------- retry policy


@dataclass(frozen=True)
class RetryPolicy:
    """Which failures to retry and how long to wait: the server's Retry-After when
    it gives one, else exponential backoff."""

    max_retries: int = 4
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    max_retry_after: float = 120.0

    @classmethod
    def from_settings(cls, settings: ReviewerSettings) -> RetryPolicy:
        return cls(max_retries=settings.max_retries, backoff_base=settings.backoff_base,
                   backoff_max=settings.backoff_max, max_retry_after=settings.max_retry_after)

    def retryable(self, exc: BaseException) -> bool:
        """429, 5xx and timeouts, unless the server asks for an unreasonable wait."""
        if not isinstance(exc, LLMError) or not exc.retryable:
            return False
        return exc.retry_after is None or exc.retry_after <= self.max_retry_after

    def should_retry(self, exc: BaseException, retries_done: int) -> bool:
        return retries_done < self.max_retries and self.retryable(exc)

    def delay(self, exc: BaseException, retries_done: int) -> float:
        if isinstance(exc, LLMError) and exc.retry_after is not None:
            return max(0.0, exc.retry_after)
        return float(min(self.backoff_max, self.backoff_base * (2.0 ** retries_done)))


def call_with_retries(
    fn: Callable[[], T],
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
    on_failure: Callable[[LLMError], None] | None = None,
) -> T:
    """``fn()`` until it succeeds or fails in a way ``policy`` does not retry.
    ``on_failure`` sees every failed attempt (to count what it cost)."""
    retries = 0
    while True:
        try:
            return fn()
        except LLMError as exc:
            if on_failure is not None:
                on_failure(exc)
            if not policy.should_retry(exc, retries):
                raise
            sleep(policy.delay(exc, retries))
            retries += 1


# --------------------------------------------------------------------------- the client


def make_client(settings: ReviewerSettings) -> OpenAI:
    """An openai client with its own retries off. A local server may need no key;
    the OpenAI API does."""
    from openai import OpenAI

    key = settings.secret()
    if not key:
        if settings.base_url is None:
            raise LLMError("config", "OPENAI_API_KEY is not set (needed for the OpenAI API)")
        key = "not-needed"
    # the reply's size is capped (bounds) and the whole request has one deadline
    http = http_client(settings.max_reply_bytes, settings.timeout,
                       inner=deadline.DeadlineTransport(settings.timeout))
    return OpenAI(api_key=key, base_url=settings.base_url, timeout=settings.timeout,
                  max_retries=0, http_client=http)


def retry_after_of(headers: Any) -> float | None:
    """Seconds the server asks to wait: ``retry-after-ms``, ``retry-after`` in
    seconds, or ``retry-after`` as an HTTP date."""
    if headers is None:
        return None
    try:
        raw_ms = headers.get("retry-after-ms")
        if raw_ms:
            return max(0.0, float(raw_ms) / 1000.0)
    except (TypeError, ValueError):
        pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except (TypeError, ValueError):
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _connection_message(exc: BaseException, endpoint: str) -> str:
    node: BaseException | None = exc
    seen: set[int] = set()
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        if isinstance(node, ConnectionRefusedError):
            return f"connection refused at {endpoint}"
        text = str(node).lower()
        if "name or service not known" in text or "nodename nor servname" in text or (
            "getaddrinfo" in text
        ):
            return f"cannot resolve the host of {endpoint}"
        node = node.__cause__ or node.__context__
    detail = exc.__cause__ or exc
    return f"cannot connect to {endpoint}: {_short(str(detail), 120)}"


def _error_text(exc: Any) -> str:
    """The server's error message, without the client's "Error code: NNN - "."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    return re.sub(r"^Error code: \d+ - ", "", str(getattr(exc, "message", "") or exc))


def classify(exc: BaseException, settings: ReviewerSettings, usage: Usage) -> LLMError:
    """Any exception from the openai client as an ``LLMError``."""
    import openai

    endpoint = settings.endpoint
    if isinstance(exc, LLMError):
        return exc
    big = too_large_cause(exc)
    if big is not None:
        return LLMError("too-large", f"{big} from {endpoint}", usage=usage)
    if isinstance(exc, openai.APITimeoutError):
        return LLMError("timeout", f"no reply from {endpoint} within {settings.timeout:g} s",
                        retryable=True, usage=usage)
    if isinstance(exc, openai.APIConnectionError):
        return LLMError("connection", _connection_message(exc, endpoint), usage=usage)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        body = settings.redact(_short(_error_text(exc)))
        after = retry_after_of(getattr(exc.response, "headers", None))
        if status == 429:
            wait = f"; Retry-After {after:g} s" if after is not None else ""
            return LLMError("rate-limit", f"rate limited by {endpoint} (HTTP 429{wait})",
                            retryable=True, retry_after=after, usage=usage)
        if status >= 500:
            return LLMError("server", f"server error at {endpoint} (HTTP {status}): {body}",
                            retryable=True, retry_after=after, usage=usage)
        if status in (401, 403):
            return LLMError("auth", f"authentication failed at {endpoint} (HTTP {status}): "
                                    f"{body}", usage=usage)
        if status in (408, 409):  # request timeout / conflict: transient by definition
            return LLMError("server", f"HTTP {status} from {endpoint}: {body}",
                            retryable=True, retry_after=after, usage=usage)
        return LLMError("client", f"HTTP {status} from {endpoint}: {body}", usage=usage)
    if isinstance(exc, openai.LengthFinishReasonError):
        return LLMError("truncated", "the reply was cut off at the output token limit "
                                     "(finish_reason=length)", usage=usage)
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return LLMError("refusal", "the server's content filter rejected the reply", usage=usage)
    return LLMError("invalid-output", settings.redact(
        f"unexpected reply from {endpoint}: {type(exc).__name__}: {_short(str(exc), 160)}"
    ), usage=usage)


_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


def parse_reply(content: str, request: LLMRequest) -> ChunkReview:
    """Validate a JSON reply (json_object mode, or a server that ignored the
    schema); tolerates a Markdown code fence around it. A criterion without a
    verdict is listed in ``missing``, not dropped."""
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    return parse_lenient(text, request)


def _usage_of(completion: Any) -> Usage:
    usage = getattr(completion, "usage", None)
    return Usage(
        calls=1,
        input_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
    )


def _one_call(client: OpenAI, request: LLMRequest, settings: ReviewerSettings,
              messages: list[dict[str, str]]) -> tuple[ChunkReview, Usage, str]:
    """One HTTP request; returns the reply, its usage and the answering model."""
    import openai

    common: dict[str, Any] = {
        "model": settings.model,
        "messages": messages,
        "max_completion_tokens": settings.max_output_tokens,
    }
    if settings.temperature is not None:
        common["temperature"] = settings.temperature
    try:
        if settings.response_format == "json_schema":
            raw = client.chat.completions.with_raw_response.parse(
                response_format=reply_model(request), **common
            )
            try:
                completion: Any = raw.parse()
            except Exception:
                # parse() could not read the content (a server that wraps JSON in a
                # code fence, or ignores the schema; a body that is not JSON at
                # all): keep the reply and its usage, and read the content with the
                # tolerant parser below.
                completion = _completion_of(raw.http_response, settings)
        else:
            completion = client.chat.completions.create(
                response_format={"type": "json_object"}, **common
            )
    except (openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError) as exc:
        raise classify(exc, settings, _usage_of(exc.completion)) from None
    except ReplyTooLarge as exc:  # raised while parse() read the body
        raise classify(exc, settings, Usage(calls=1)) from None
    except (ValidationError, ValueError) as exc:  # parse() could not read the content
        raise LLMError("invalid-output", _invalid_message(exc, settings),
                       usage=Usage(calls=1)) from None
    except openai.OpenAIError as exc:
        reached = not isinstance(exc, openai.APIConnectionError) or isinstance(
            exc, openai.APITimeoutError)  # a refused connection is no request
        if isinstance(exc, openai.APITimeoutError) and deadline.expired():
            raise LLMError(
                "timeout", f"the reply from {settings.endpoint} did not complete within "
                f"{settings.timeout:g} s (PREREVIEW_LLM_TIMEOUT)", usage=Usage(calls=1),
            ) from None  # not retried: a server that drip-feeds would do it again
        raise classify(exc, settings, Usage(calls=1 if reached else 0)) from None
    from openai.types.chat import ChatCompletion

    if not isinstance(completion, ChatCompletion):
        # an HTTP 200 whose body is no chat completion: a proxy's error page, a
        # captive portal; usually passing, so worth another try
        raise LLMError("invalid-output", settings.redact(
            f"the reply from {settings.endpoint} was not a chat completion "
            f"({_short(str(completion), 80)!r})"), retryable=True, usage=Usage(calls=1))
    usage = _usage_of(completion)
    try:
        choice = completion.choices[0]
        message = choice.message
    except (AttributeError, IndexError, TypeError):
        raise LLMError("invalid-output", "the reply had no choices", usage=usage) from None
    if getattr(message, "refusal", None):
        raise LLMError("refusal", "the model refused: "
                       + _short(settings.redact(str(message.refusal)), 160), usage=usage)
    if choice.finish_reason == "length":
        raise LLMError("truncated", "the reply was cut off at the output token limit "
                                    "(finish_reason=length)", usage=usage)
    if choice.finish_reason == "content_filter":
        raise LLMError("refusal", "the server's content filter rejected the reply", usage=usage)
    parsed = getattr(message, "parsed", None)
    if isinstance(parsed, reply_model(request)):
        return (to_chunk_review(parsed, request), usage,
                str(getattr(completion, "model", "") or settings.model))
    content = message.content or ""
    if not content.strip():
        raise LLMError("invalid-output", "the reply was empty", usage=usage)
    try:
        review = parse_reply(content, request)
    except (ValidationError, ValueError) as exc:
        raise LLMError("invalid-output", _invalid_message(exc, settings), usage=usage) from None
    return review, usage, str(getattr(completion, "model", "") or settings.model)


def _completion_of(response: Any, settings: ReviewerSettings) -> Any:
    """The chat completion in an HTTP 200 body the openai client could not parse;
    a body that is not JSON at all (a proxy's error page) is worth another try."""
    from openai.types.chat import ChatCompletion

    try:
        body = response.json()
    except ValueError:
        raise LLMError("invalid-output", settings.redact(
            f"the reply from {settings.endpoint} was not a chat completion "
            f"({_short(str(response.text), 80)!r})"), retryable=True, usage=Usage(calls=1)
        ) from None
    return ChatCompletion.model_validate(body)


def _invalid_message(exc: Exception, settings: ReviewerSettings) -> str:
    """Not JSON at all, or JSON of the wrong shape (with the first problem)."""
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        if errors and errors[0].get("type") == "json_invalid":
            return "the reply was not JSON"
        if errors:
            where = ".".join(str(p) for p in errors[0].get("loc", ())) or "(top level)"
            return settings.redact(_short(
                f"the reply was JSON that does not match the schema: {where}: "
                f"{errors[0].get('msg', '')}", 200))
    if isinstance(exc, json.JSONDecodeError):
        return "the reply was not JSON"
    return settings.redact(_short(f"the reply could not be read: {exc}", 200))


def call_llm(
    request: LLMRequest,
    settings: ReviewerSettings,
    client: OpenAI | None = None,
) -> LLMResponse:
    """One request, validated. A reply that is not JSON or not the schema is asked
    for once more; anything else that goes wrong raises ``LLMError`` (which the
    caller's retry policy may retry)."""
    client = client if client is not None else make_client(settings)
    messages = render_messages(request)
    spent = Usage()
    redactor = settings.redactor()
    for attempt in range(1, INVALID_OUTPUT_ATTEMPTS + 1):
        try:
            review, usage, model = _one_call(client, request, settings, messages)
        except LLMError as exc:
            exc.usage = spent + exc.usage
            exc.message = redactor.text(exc.message)
            exc.args = (exc.message,)
            if exc.kind == "invalid-output" and attempt < INVALID_OUTPUT_ATTEMPTS:
                spent = exc.usage
                continue
            raise
        except Exception as exc:  # anything else the client let through: this chunk only
            error = classify(exc, settings, spent + Usage(calls=1))
            error.message = redactor.text(error.message)
            error.args = (error.message,)
            raise error from None
        # the one place a reply enters prereview: bounded, then every string the
        # server wrote is redacted before it is cached, stored or shown
        review, cut = cap_review(review, settings.max_findings, settings.max_findings)
        return LLMResponse(key=request.key(settings.model, settings.response_format),
                           model=redactor.text(model), review=redactor.model(review),
                           usage=spent + usage, cut=cut)
    raise AssertionError("unreachable")  # pragma: no cover
