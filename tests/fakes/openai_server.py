"""A scripted OpenAI-compatible server on 127.0.0.1 for tests and benchmarks.

stdlib only (``http.server`` in a thread): the real ``openai`` client talks HTTP
to it, so retries, timeouts, headers and parsing are exercised for real. Each
test scripts the replies it needs (``server.script(...)``); when the script runs
out, ``server.responder`` answers (by default a plausible, evidence-backed review
built from the request itself). Every request is recorded.

Load it with ``load_fakes()`` from a conftest (tests have no packages), or use
the ``fake_openai`` fixture re-exported by ``tests/reviewer/conftest.py``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TEST_API_KEY = "sk-test-SECRET-k3y-0123456789abcdef"
"""Distinctive, so a grep of any output for it is meaningful."""
MODULE = "prereview_test_fakes_openai_server"
"""The name ``tests/reviewer/conftest.py`` registers this module under."""


@dataclass
class Reply:
    """One scripted answer: an HTTP status, a JSON (dict) or raw (str) body,
    headers, and a delay before answering."""

    status: int = 200
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages") or [])

    @property
    def user(self) -> str:
        return next((m["content"] for m in self.messages if m.get("role") == "user"), "")

    @property
    def system(self) -> str:
        return next((m["content"] for m in self.messages if m.get("role") == "system"), "")


def completion(
    content: str | dict[str, Any] | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 100,
    completion_tokens: int = 20,
    model: str = "gpt-4o-mini",
    delay: float = 0.0,
) -> Reply:
    """A chat completion; ``content`` as a dict is serialised to JSON."""
    text = json.dumps(content) if isinstance(content, dict) else content
    return Reply(body={
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{
            "index": 0,
            "finish_reason": finish_reason,
            "logprobs": None,
            "message": {"role": "assistant", "content": text, "refusal": refusal},
        }],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }, delay=delay)


def error(status: int, message: str = "error", headers: dict[str, str] | None = None,
          delay: float = 0.0) -> Reply:
    return Reply(status=status, headers=dict(headers or {}), delay=delay, body={
        "error": {"message": message, "type": "fake_error", "param": None, "code": None}
    })


# --------------------------------------------------------------------------- requests

_DOC = re.compile(r"<<<DOCUMENT (\w+)\n(.*?)\nDOCUMENT \1>>>", re.DOTALL)
_EXCERPT = re.compile(r"\nExcerpt:\n(.*)\Z", re.DOTALL)
_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+>|]\s+|\d{1,3}[.)]\s+)")


def excerpt_of(request: Recorded) -> str:
    """The document text the request carries (between the nonce markers)."""
    m = _DOC.search(request.user)
    if not m:
        return ""
    inner = _EXCERPT.search(m.group(2))
    return inner.group(1) if inner else m.group(2)


def criteria_of(request: Recorded) -> tuple[list[str], list[str]]:
    """(criteria to decide, criteria to annotate) named in the user message."""
    decide = re.search(r"^Verdicts for: (.*)\.$", request.user, re.MULTILINE)
    annotate = re.search(r"^Findings only for: (.*)\.$", request.user, re.MULTILINE)

    def split(m: re.Match[str] | None) -> list[str]:
        return [s.strip() for s in m.group(1).split(",")] if m else []

    return split(decide), split(annotate)


def sentences_of(request: Recorded) -> list[str]:
    """Verbatim passages of the excerpt: prose lines without their Markdown marker,
    cut to at most 12 words."""
    out: list[str] = []
    for line in excerpt_of(request).split("\n"):
        if not line.strip() or line.lstrip().startswith(("#", "[code block", "[continued")):
            continue
        text = _MARKER.sub("", line).strip()
        words = text.split()
        if len(words) >= 3:
            out.append(" ".join(words[:12]) if len(words) > 12 else text)
    return out


def review_reply(request: Recorded, status: str = "passed", score: int = 4,
                 quote: str | None = None, findings: list[dict[str, str]] | None = None,
                 ) -> dict[str, Any]:
    """A well-formed review of the request's criteria (one verdict keyed by each
    criterion id, the shape the strict schema asks for), quoting its excerpt."""
    decide, _ = criteria_of(request)
    sentences = sentences_of(request)
    evidence = quote if quote is not None else (sentences[0] if sentences else "")
    return {
        "verdicts": {
            cid: {"status": status, "score": score,
                  "rationale": f"{cid}: judged from the quoted passage.",
                  "quotes": [evidence] if evidence else []}
            for cid in decide
        },
        "findings": list(findings or []),
    }


def auto_responder(request: Recorded) -> Reply:
    """Passes every criterion to decide, quoting the excerpt's first sentence."""
    body = review_reply(request)
    content = json.dumps(body)
    prompt = sum(len(str(m.get("content", ""))) for m in request.messages)
    return completion(content, prompt_tokens=max(1, prompt // 4),
                      completion_tokens=max(1, len(content) // 4),
                      model=str(request.body.get("model") or "gpt-4o-mini"))


def echo_key_responder(request: Recorded) -> Reply:
    """A hostile server: the request's Authorization header (and its base64, hex
    and URL-encoded forms) in every string of an otherwise good review, in the
    model name too, so a test can look for the key in every output."""
    import base64
    import binascii
    from urllib.parse import quote

    auth = {k.lower(): v for k, v in request.headers.items()}.get("authorization", "")
    key = auth.removeprefix("Bearer ")
    leak = (f"{auth} | {base64.b64encode(auth.encode()).decode()} | "
            f"{binascii.hexlify(key.encode()).decode()} | {quote(key, safe='')}")
    decide, annotate = criteria_of(request)
    sentences = sentences_of(request)
    quote_text = sentences[0] if sentences else ""
    body = {
        "verdicts": {
            cid: {"status": "failed", "score": 1,
                  "rationale": f"Leaked credentials: {leak}",
                  "quotes": [quote_text, f"{quote_text} {leak}"]}
            for cid in decide
        },
        "findings": [
            {"criterion": cid, "quote": quote_text, "message": f"Key {leak}",
             "suggestion": f"Use {leak}"}
            for cid in (decide + annotate)
        ],
    }
    content = json.dumps(body)
    return completion(content, model=f"gpt-4o-mini {auth}")


# --------------------------------------------------------------------------- server


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (a timeout, a refused oversized reply) is expected."""


class FakeOpenAI:
    """The server. ``url`` is the ``base_url`` to give the client."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.requests: list[Recorded] = []
        self.responder: Callable[[Recorded], Reply] = auto_responder
        self._script: deque[Reply | Callable[[Recorded], Reply]] = deque()
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.02},
                                        name="fake-openai", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def script(self, *replies: Reply | Callable[[Recorded], Reply]) -> None:
        """Answer the next requests with these, in order (a callable builds the
        reply from the request)."""
        with self._lock:
            self._script.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next(self, recorded: Recorded) -> Reply:
        with self._lock:
            self.requests.append(recorded)
            step = self._script.popleft() if self._script else None
        if step is None:
            return self.responder(recorded)
        return step(recorded) if callable(step) else step

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def _answer(self, body: dict[str, Any]) -> None:
                recorded = Recorded(self.command, self.path, dict(self.headers.items()), body)
                reply = server._next(recorded)
                time.sleep(server.latency + reply.delay)
                payload = (reply.body if isinstance(reply.body, str)
                           else json.dumps(reply.body or {}))
                data = payload.encode("utf-8")
                chunked = any(k.lower() == "transfer-encoding" and v.lower() == "chunked"
                              for k, v in reply.headers.items())
                try:
                    self.send_response(reply.status)
                    if not any(k.lower() == "content-type" for k in reply.headers):
                        self.send_header("Content-Type", "application/json")
                    if not chunked:
                        self.send_header("Content-Length", str(len(data)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if chunked:  # no length up front: the client must count as it reads
                        for i in range(0, len(data), 65536):
                            piece = data[i:i + 65536]
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                self._answer(body)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    server.requests.append(Recorded("GET", self.path, dict(self.headers), {}))
                    data = json.dumps({"object": "list", "data": [
                        {"id": "gpt-4o-mini", "object": "model", "owned_by": "fake"}]}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                else:
                    self.send_error(404)

        return Handler


def closed_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens: a port bound (so it was
    free), noted and closed again; never a fixed port assumed dead."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def serve(latency: float = 0.0) -> Iterator[FakeOpenAI]:
    """A started server, stopped afterwards (the body of the pytest fixture)."""
    with FakeOpenAI(latency=latency) as server:
        yield server
