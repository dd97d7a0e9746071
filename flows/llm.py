"""The LLM request as a Prefect task: retries, a concurrency limit and caching.

- **Retries**: Prefect task retries, for rate limits (429), 5xx and timeouts only;
  the wait is the engine's ``RetryPolicy`` (the server's Retry-After, else
  exponential backoff), applied in the retry condition, so the plain-Python loop
  and this task share one policy.
- **Caching**: the cache key is the request's own key (chunk text, criteria,
  prompt version, model; never the API key or the URL) and results persist as
  JSON under ``$PREREVIEW_SHARED_DIR/llm-cache`` (default ``$PREREVIEW_HOME``):
  reviewing an unchanged document again makes no request. Failures are never cached.
- **Concurrency**: at most ``max_concurrency`` requests in flight: a process-wide
  bounded semaphore (shared by the documents of a batch) and, with a Prefect
  server configured (``PREFECT_API_URL``), also the global concurrency limit
  ``prereview-llm`` (created with that many slots if missing), shared by every
  process and worker. Each call runs its chunks on a thread pool of that size.

``run_requests_prefect`` has the engine's ``Executor`` signature: pass it to
``prereview.reviewer.llm_review(..., execute=run_requests_prefect)``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from prefect import Task, task
from prefect.cache_policies import CacheKeyFnPolicy
from prefect.client.schemas.objects import State, TaskRun
from prefect.context import TaskRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from prereview.reviewer.client import LLMError, RetryPolicy, call_llm, make_client
from prereview.reviewer.models import LLMOutcome, LLMRequest, LLMResponse, Usage
from prereview.reviewer.settings import ReviewerSettings

CONCURRENCY_LIMIT = "prereview-llm"
log = logging.getLogger("prereview.llm")

# Usage of failed attempts (each retry is an HTTP request that cost something),
# per run: the task only returns the usage of the attempt that succeeded.
_ledger: dict[str, Usage] = {}
_ledger_lock = threading.Lock()
_clients: dict[str, Any] = {}
_limit_ready: set[str] = set()
_local_slots: dict[int, threading.BoundedSemaphore] = {}
"""One process-wide bound per ``max_concurrency``, so documents reviewed
concurrently (a batch) share it."""


def _spend(run: str, usage: Usage) -> None:
    with _ledger_lock:
        _ledger[run] = _ledger.get(run, Usage()) + usage


def _cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    request: LLMRequest = parameters["request"]
    settings: ReviewerSettings = parameters["settings"]
    return request.key(settings.model, settings.response_format)


CACHE_POLICY = CacheKeyFnPolicy(cache_key_fn=_cache_key)


def _exception_of(state: State[Any]) -> BaseException | None:
    try:
        value = state.result(raise_on_failure=False)
    except Exception as exc:  # a failed state whose result cannot be read
        return exc
    return value if isinstance(value, BaseException) else None


def retry_condition(policy: RetryPolicy) -> Callable[[Task[..., Any], TaskRun, State[Any]], bool]:
    """Prefect's retry condition with the engine's policy: retry only what is
    retryable, after the policy's delay (Retry-After first)."""

    def condition(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
        exc = _exception_of(state)
        if exc is None or not policy.retryable(exc):
            return False
        retries_done = max(0, (task_run.run_count or 1) - 1)
        time.sleep(policy.delay(exc, retries_done))
        return True

    return condition


def _server_configured() -> bool:
    from prefect.settings import PREFECT_API_URL

    return bool(PREFECT_API_URL.value())


def _ensure_limit(settings: ReviewerSettings) -> bool:
    """The global concurrency limit exists (created with ``max_concurrency`` slots)."""
    from prefect.settings import PREFECT_API_URL

    url = str(PREFECT_API_URL.value())
    if url in _limit_ready:
        return True
    try:
        from prefect.client.orchestration import get_client
        from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
        from prefect.exceptions import ObjectNotFound

        with get_client(sync_client=True) as client:
            try:
                client.read_global_concurrency_limit_by_name(CONCURRENCY_LIMIT)
            except ObjectNotFound:
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(
                    name=CONCURRENCY_LIMIT, limit=settings.max_concurrency))
    except Exception as exc:  # no server after all: the local pool still bounds us
        log.debug("no global concurrency limit (%s); using the local pool only", exc)
        return False
    _limit_ready.add(url)
    return True


@contextlib.contextmanager
def _slot(settings: ReviewerSettings) -> Iterator[None]:
    """A process-wide slot first (threads of one process never queue at the
    server), then, with a server, a slot of the global limit shared by every
    process and worker."""
    with _ledger_lock:
        slots = _local_slots.setdefault(
            settings.max_concurrency, threading.BoundedSemaphore(settings.max_concurrency))
    with slots:
        if settings.global_limit and _server_configured() and _ensure_limit(settings):
            from prefect.concurrency.sync import concurrency

            with concurrency(CONCURRENCY_LIMIT, occupy=1, strict=False):
                yield
        else:
            yield


def _client_for(settings: ReviewerSettings) -> Any:
    """One openai client per settings (connection reuse across the chunks)."""
    import hashlib

    ident = hashlib.sha256(
        f"{settings.base_url}\x00{settings.timeout}\x00{settings.secret()}".encode()
    ).hexdigest()
    with _ledger_lock:
        client = _clients.get(ident)
        if client is None:
            client = _clients[ident] = make_client(settings)
    return client


@task(
    name="llm-request",
    task_run_name="llm-chunk-{request.chunk.index}",
    cache_policy=CACHE_POLICY,
    persist_result=True,
    result_serializer="json",
    retry_delay_seconds=0,
)
def llm_request(request: LLMRequest, settings: ReviewerSettings, run: str = "") -> LLMResponse:
    """One chunk's request to the model (retried, cached, concurrency-limited)."""
    try:
        with _slot(settings):
            return call_llm(request, settings, _client_for(settings))
    except LLMError as exc:
        _spend(run, exc.usage)
        raise


def _task_for(settings: ReviewerSettings) -> Task[..., LLMResponse]:
    cache_dir = Path(settings.cache_path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    return llm_request.with_options(
        retries=settings.max_retries,
        retry_delay_seconds=0,
        retry_condition_fn=retry_condition(RetryPolicy.from_settings(settings)),
        result_storage=cache_dir,
    )


def run_requests_prefect(requests: list[LLMRequest], settings: ReviewerSettings,
                         ) -> list[LLMOutcome]:
    """Every request as a task run, at most ``max_concurrency`` at a time; one
    outcome per request, in order. Cache hits cost nothing and say so."""
    if not requests:
        return []
    try:
        _client_for(settings)
    except LLMError as exc:  # e.g. no API key: nothing to send
        return [LLMOutcome(request_index=i, error=exc.message, error_kind=exc.kind)
                for i in range(len(requests))]
    run = uuid.uuid4().hex
    llm_task = _task_for(settings)
    workers = max(1, min(settings.max_concurrency, len(requests)))
    outcomes: list[LLMOutcome] = []
    try:
        runner = ThreadPoolTaskRunner[LLMResponse](max_workers=workers)
        with runner:
            futures = [runner.submit(llm_task, parameters={
                "request": request, "settings": settings, "run": run,
            }) for request in requests]
            for future in futures:
                future.wait()
            for index, future in enumerate(futures):
                outcomes.append(_outcome(index, future.state))
    finally:
        with _ledger_lock:
            spent = _ledger.pop(run, Usage())
    if outcomes:  # failed attempts' cost, reported once on the first outcome
        outcomes[0] = outcomes[0].model_copy(update={"usage": outcomes[0].usage + spent})
    return outcomes


def _outcome(index: int, state: State[Any]) -> LLMOutcome:
    if state.is_completed():
        response = state.result()
        if not isinstance(response, LLMResponse):
            response = LLMResponse.model_validate(response)
        if state.name == "Cached":
            response = response.model_copy(update={"cached": True})
        return LLMOutcome(request_index=index, response=response)
    exc = _exception_of(state)
    if isinstance(exc, LLMError):
        return LLMOutcome(request_index=index, error=exc.message, error_kind=exc.kind)
    message = state.message or (str(exc) if exc is not None else "the task did not complete")
    return LLMOutcome(request_index=index, error=f"LLM task failed: {message}")
