"""Bounds on what a server may send back: the size of a reply body and how much
of a parsed reply is looked at.

The openai client reads a whole reply into memory before parsing it; a server
that answers with 50 MB (or a gzip bomb) would cost hundreds of MB. The client
here rides on an httpx transport that asks for an uncompressed reply, refuses a
compressed one or a ``Content-Length`` over the limit before reading it, and
stops reading a body the moment it passes the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

try:  # the HTTP library the installed openai client rides on
    import httpx2 as httpx
except ImportError:  # pragma: no cover - openai before it moved to httpx2
    import httpx  # type: ignore[no-redef]

from prereview.reviewer.models import ChunkReview

MAX_QUOTES_PER_VERDICT = 10


class ReplyTooLarge(Exception):
    """The server's reply was bigger than ``max_reply_bytes`` (or compressed)."""


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


class _Capped(httpx.SyncByteStream):
    def __init__(self, inner: Any, limit: int) -> None:
        self.inner = inner
        self.limit = limit

    def __iter__(self) -> Iterator[bytes]:
        seen = 0
        for chunk in self.inner:
            seen += len(chunk)
            if seen > self.limit:
                self.close()
                raise ReplyTooLarge(f"the reply was larger than {_mb(self.limit)} "
                                    "(PREREVIEW_LLM_MAX_REPLY_BYTES)")
            yield chunk

    def close(self) -> None:
        close = getattr(self.inner, "close", None)
        if close is not None:
            close()


class BoundedTransport(httpx.BaseTransport):
    """An ``httpx.HTTPTransport`` whose reply bodies are capped at ``limit`` bytes."""

    def __init__(self, limit: int, inner: httpx.BaseTransport | None = None) -> None:
        self.limit = limit
        self.inner = inner if inner is not None else httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Accept-Encoding"] = "identity"
        response = self.inner.handle_request(request)
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        length = response.headers.get("content-length", "")
        too_big = length.isdigit() and int(length) > self.limit
        if encoding not in ("", "identity") or too_big:
            response.close()
            why = (f"a compressed reply ({encoding}) was sent though none was asked for"
                   if not too_big else
                   f"the reply was larger than {_mb(self.limit)} (Content-Length {length}; "
                   "PREREVIEW_LLM_MAX_REPLY_BYTES)")
            raise ReplyTooLarge(why)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Capped(response.stream, self.limit),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self.inner.close()


def http_client(limit: int, timeout: float,
                inner: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client to give ``openai.OpenAI(http_client=...)``; ``inner`` is the
    transport under the cap (the request deadline's)."""
    return httpx.Client(transport=BoundedTransport(limit, inner), timeout=timeout,
                        follow_redirects=True)


def too_large_cause(exc: BaseException) -> ReplyTooLarge | None:
    """The ``ReplyTooLarge`` behind an exception the openai client wrapped."""
    node: BaseException | None = exc
    seen: set[int] = set()
    while node is not None and id(node) not in seen:
        if isinstance(node, ReplyTooLarge):
            return node
        seen.add(id(node))
        node = node.__cause__ or node.__context__
    return None


def cap_review(
    review: ChunkReview, max_findings: int, max_verdicts: int
) -> tuple[ChunkReview, int]:
    """At most ``max_findings`` findings, ``max_verdicts`` verdicts and
    MAX_QUOTES_PER_VERDICT quotes each: what a reply may cost to verify is bounded
    whatever it says. Returns the capped reply and how many claims were cut."""
    cut = max(0, len(review.findings) - max_findings)
    cut += max(0, len(review.verdicts) - max_verdicts)
    verdicts = []
    for verdict in review.verdicts[:max_verdicts]:
        if len(verdict.quotes) > MAX_QUOTES_PER_VERDICT:
            cut += len(verdict.quotes) - MAX_QUOTES_PER_VERDICT
            quotes = verdict.quotes[:MAX_QUOTES_PER_VERDICT]
            verdict = verdict.model_copy(update={"quotes": quotes})
        verdicts.append(verdict)
    if not cut:
        return review, 0
    missing = dict(review.missing)
    for verdict in review.verdicts[max_verdicts:]:
        missing.setdefault(verdict.criterion, f"a verdict beyond the {max_verdicts} a reply "
                                              "may give (PREREVIEW_LLM_MAX_FINDINGS)")
    return ChunkReview(verdicts=verdicts, findings=review.findings[:max_findings],
                       missing=missing), cut
