"""One deadline per LLM request: a server that drip-feeds its reply costs at most
the configured timeout, is not retried, and the review completes with the rules."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import openai  # noqa: F401  (imported before anything is timed)
import pytest

from prereview.engine import run
from prereview.ingest.markdown import parse_markdown
from prereview.review import Status
from prereview.reviewer import LLMError, call_llm, plan_requests
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric

DOC = """# Bakery orders

## What is the problem?

Independent bakeries lose about a fifth of their weekend orders to phone queues.
"""

BODY = json.dumps({
    "id": "x", "object": "chat.completion", "created": 0, "model": "m",
    "choices": [{"index": 0, "finish_reason": "stop",
                 "message": {"role": "assistant", "content": '{"verdicts": [], "findings": []}'}}],
}).encode()


class DripServer:
    """HTTP on 127.0.0.1 (port 0) that sends each reply a byte every ``gap``
    seconds, the status line and headers too when ``headers`` is set."""

    def __init__(self, gap: float, headers: bool = False) -> None:
        self.gap = gap
        self.headers = headers
        self.connections = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), 0)
            while len(body) < length:
                body += conn.recv(65536)
            header = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n")
            if not self.headers:
                conn.sendall(header)
                header = b""
            try:
                for byte in header + BODY:
                    if self.stopped.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(self.gap)
            except OSError:
                return  # the client gave up

    def __enter__(self) -> DripServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def drip() -> Iterator[Callable[..., DripServer]]:
    servers: list[DripServer] = []

    def make(gap: float = 0.02, headers: bool = False) -> DripServer:
        server = DripServer(gap, headers).__enter__()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.__exit__()


@pytest.mark.parametrize("headers", [False, True], ids=["body", "status-and-headers"])
def test_drip_fed_reply_stops_at_the_deadline(
    drip: Callable[..., DripServer], settings_for: Callable[..., ReviewerSettings],
    judged_rubric: Rubric, headers: bool,
) -> None:
    server = drip(gap=0.02, headers=headers)  # the whole reply would take ~5 s
    settings = settings_for(server, timeout=1.0, max_retries=3)
    request = plan_requests(parse_markdown(DOC, "doc.md"), judged_rubric)[0]
    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        call_llm(request, settings)
    elapsed = time.monotonic() - started
    assert elapsed < 1.8, elapsed
    assert caught.value.kind == "timeout" and not caught.value.retryable
    assert str(caught.value) == (
        f"the reply from {server.url} did not complete within 1 s (PREREVIEW_LLM_TIMEOUT)")


def test_review_completes_with_rule_results_despite_a_dripping_server(
    drip: Callable[..., DripServer], settings_for: Callable[..., ReviewerSettings],
    judged_rubric: Rubric, tmp_path: Path,
) -> None:
    server = drip(gap=0.05)
    settings = settings_for(server, timeout=1.0, max_retries=3)
    doc = tmp_path / "doc.md"
    doc.write_text(DOC, encoding="utf-8")
    started = time.monotonic()
    review = run(doc, judged_rubric.source, llm=settings).review
    assert time.monotonic() - started < 4.0
    assert server.connections == 1  # not retried
    by_id = {c.id: c for c in review.criteria}
    assert by_id["faq.market-size"].status == Status.NOT_ASSESSED
    assert any(c.status in (Status.PASSED, Status.FAILED) for c in review.criteria)
    assert review.llm.error is not None and "did not complete within 1 s" in review.llm.error
