"""An overall deadline per LLM request: connect, first byte and the whole reply.

httpx's timeouts bound each socket operation, so a server that sends its reply a
byte at a time never trips them and holds the review for as long as it likes.
This transport gives every request one deadline (``PREREVIEW_LLM_TIMEOUT``): each
socket read, write and connect waits at most for what is left of it, and once it
has passed the request fails as a timeout that is not retried (a server that
drip-fed one reply would drip-feed the next), so the review goes on with the
rule results.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore2 as httpcore
import httpx2 as httpx

_state = threading.local()
"""The deadline of the request this thread is sending (monotonic seconds, or
None), and whether it has passed."""


def expired() -> bool:
    """Whether this thread's last request ran out of its deadline while the reply
    was arriving (a server that sent nothing at all timed out the usual way, and
    that is worth a retry)."""
    if getattr(_state, "expired", False):
        return True
    last: float | None = getattr(_state, "last_deadline", None)
    return bool(getattr(_state, "received", False)) and last is not None and (
        time.monotonic() >= last - 0.05)


def _left(timeout: float | None) -> float | None:
    deadline: float | None = getattr(_state, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        _state.expired = True
        raise httpcore.ReadTimeout("the request's overall deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = self._inner.read(max_bytes, _left(timeout))
        if data:
            _state.received = True
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_tcp(host, port, _left(timeout), local_address,
                                               socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _left(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _Body(httpx.SyncByteStream):
    """The reply's body, read under the same deadline as its headers."""

    def __init__(self, inner: httpx.SyncByteStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        chunks = iter(self._inner)
        while True:
            _state.deadline = self._deadline
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            finally:
                _state.deadline = None
            yield chunk

    def close(self) -> None:
        self._inner.close()


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport with one deadline of ``total`` seconds per request."""

    def __init__(self, total: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.total = total
        pool = self._pool
        pool._network_backend = _Backend(pool._network_backend)  # private: no public hook

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = time.monotonic() + self.total
        _state.deadline = _state.last_deadline = deadline
        _state.expired = _state.received = False
        try:
            response = super().handle_request(request)
        finally:
            _state.deadline = None
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        response.stream = _Body(stream, deadline)
        return response
