"""Run the planned requests and fold the model's replies into criterion results.

The merge keeps the catalogue's promises: rule results are never overridden (a
"rule + judgment" criterion only gains findings); a judgment-only criterion is
decided by the model only on evidence (a failing verdict needs a rationale and a
quote found in the document; a verdict whose quotes are all made up is dropped
with them); quotes that cannot be found are dropped and
counted; and when the reviewer fails, every judgment criterion stays not assessed
with a note saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from prereview.document import Document
from prereview.injection import overlaps, removal_spans
from prereview.review import CriterionResult, Finding, LLMUsage, Status
from prereview.reviewer.cache import cached_reply, store_reply
from prereview.reviewer.chunking import plan_requests
from prereview.reviewer.client import (
    LLMError,
    RetryPolicy,
    call_llm,
    call_with_retries,
    make_client,
)
from prereview.reviewer.evidence import ClaimedFinding, locate, location_of, verify
from prereview.reviewer.models import (
    CriterionBrief,
    LLMOutcome,
    LLMRequest,
    LLMVerdict,
    Usage,
)
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric

if TYPE_CHECKING:
    from openai import OpenAI

Executor = Callable[[list[LLMRequest], ReviewerSettings], list[LLMOutcome]]
"""Runs requests and returns one outcome per request, in order: ``run_requests``
here, or the Prefect task runner in ``flows/llm.py``."""

PASS_SCORE = 3
MAX_SCORE = 4
NOTE_CHARS = 240


def run_requests(
    requests: list[LLMRequest], settings: ReviewerSettings, client: OpenAI | None = None
) -> list[LLMOutcome]:
    """Plain Python (no Prefect): a bounded thread pool, the shared retry policy,
    and replies cached on disk under the same key as the Prefect task's (chunk
    text, criteria, prompt version, model), so an unchanged document costs no
    request the second time on this path either."""
    if not requests:
        return []
    replies = (cached_reply(q, settings) for q in requests)
    hits = {i: r for i, r in enumerate(replies) if r is not None}
    if len(hits) == len(requests):
        return [LLMOutcome(request_index=i, response=hits[i]) for i in range(len(requests))]
    try:
        openai_client = client if client is not None else make_client(settings)
    except LLMError as exc:
        return [LLMOutcome(request_index=i, error=exc.message, error_kind=exc.kind)
                for i in range(len(requests))]
    policy = RetryPolicy.from_settings(settings)

    def one(index: int) -> LLMOutcome:
        if index in hits:
            return LLMOutcome(request_index=index, response=hits[index])
        spent = Usage()

        def count(exc: LLMError) -> None:
            nonlocal spent
            spent = spent + exc.usage

        try:
            response = call_with_retries(
                lambda: call_llm(requests[index], settings, openai_client),
                policy, on_failure=count,
            )
        except LLMError as exc:
            return LLMOutcome(request_index=index, error=exc.message, error_kind=exc.kind,
                              usage=spent)
        response.usage = spent + response.usage
        store_reply(requests[index], settings, response)
        return LLMOutcome(request_index=index, response=response)

    workers = max(1, min(settings.max_concurrency, len(requests)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="prereview-llm") as pool:
        return list(pool.map(one, range(len(requests))))


# --------------------------------------------------------------------------- merge


def _one_line(text: str, limit: int = NOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass
class _Judged:
    """What the chunks said about one judgment-only criterion."""

    failed: list[tuple[LLMVerdict, list[Finding]]] = field(default_factory=list)
    passed: list[LLMVerdict] = field(default_factory=list)
    set_aside: int = 0
    not_applicable: int = 0
    asked: int = 0
    errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Why replies that came back named no verdict for it (one per such reply)."""


@dataclass
class Merged:
    criteria: list[CriterionResult]
    dropped_unverified: int


def merge(
    document: Document,
    results: list[CriterionResult],
    requests: list[LLMRequest],
    outcomes: list[LLMOutcome],
    removals: dict[int, list[tuple[int, int]]] | None = None,
) -> Merged:
    """The final criterion results: rule results as they were (plus verified LLM
    findings on "rule + judgment" criteria), judgment-only criteria decided by the
    model where its verdict is backed by evidence."""
    briefs: dict[str, CriterionBrief] = {c.id: c for r in requests for c in r.criteria}
    severities = {cid: b.severity for cid, b in briefs.items()}
    judged: dict[str, _Judged] = {cid: _Judged() for cid, b in briefs.items()
                                  if b.mode == "decide"}
    extra: dict[str, list[Finding]] = {cid: [] for cid in briefs}
    dropped = 0
    by_index = {o.request_index: o for o in outcomes}
    for index, request in enumerate(requests):
        outcome = by_index.get(index)
        decide_ids = {c.id for c in request.criteria if c.mode == "decide"}
        for cid in decide_ids:
            judged[cid].asked += 1
        if outcome is None or outcome.response is None:
            error = outcome.error if outcome is not None else "no outcome"
            for cid in decide_ids:
                judged[cid].errors.append(error or "unknown error")
            continue
        reply = outcome.response.review
        dropped += outcome.response.cut  # claims beyond the per-reply limits
        prefer = request.chunk.blocks
        claims = [ClaimedFinding(**f.model_dump()) for f in reply.findings]
        found, lost = verify(document, claims, severities, prefer, removals)
        dropped += lost
        for finding in found:
            extra[finding.criterion].append(finding)
        for cid, why in reply.missing.items():
            if cid in decide_ids:
                judged[cid].missing.append(why)
        seen: set[str] = set()
        for verdict in reply.verdicts:
            if verdict.criterion not in decide_ids or verdict.criterion in seen:
                continue
            seen.add(verdict.criterion)
            evidence: list[Finding] = []
            for quote in verdict.quotes:
                hit = locate(document, quote, prefer, removals)
                if hit is None:
                    dropped += 1
                    continue
                evidence.append(Finding(
                    criterion=verdict.criterion,
                    severity=severities[verdict.criterion],
                    source="llm",
                    message=_one_line(verdict.rationale, 400) or "See the quoted passage.",
                    quote=hit.text,
                    location=location_of(document, hit),
                ))
            state = judged[verdict.criterion]
            if verdict.status == "not-applicable":
                state.not_applicable += 1
            elif not verdict.rationale.strip():
                state.set_aside += 1
            elif verdict.status == "failed":
                if evidence:
                    state.failed.append((verdict, evidence))
                else:
                    state.set_aside += 1
            elif verdict.quotes and not evidence:
                # a pass resting only on text that is not in the document is made
                # up evidence: set aside with the quotes, as the prompt says
                state.set_aside += 1
            else:
                state.passed.append(verdict)
    merged: list[CriterionResult] = []
    for result in results:
        if result.id in judged and result.status == Status.NOT_ASSESSED:
            merged.append(_decide(result, judged[result.id], extra.get(result.id, [])))
        elif extra.get(result.id):
            merged.append(_annotate(result, extra[result.id]))
        else:
            merged.append(result)
    return Merged(criteria=merged, dropped_unverified=dropped)


def _dedupe(findings: list[Finding], existing: list[Finding] | None = None) -> list[Finding]:
    out: list[Finding] = []
    taken: list[Finding] = list(existing or [])
    for f in findings:
        loc = f.location
        clash = False
        for other in taken:
            o = other.location
            if loc is None or o is None or loc.block != o.block:
                continue
            if (loc.start, loc.end) == (o.start, o.end) and f.source == other.source:
                clash = True
            elif other.source == "rule" and overlaps(
                [(o.start or 0, o.end or 0)], loc.start or 0, loc.end or 0
            ):
                clash = True  # the rule already points there
            if clash:
                break
        if not clash:
            out.append(f)
            taken.append(f)
    return out


def _annotate(result: CriterionResult, findings: list[Finding]) -> CriterionResult:
    """A rule criterion keeps its status and score; the model may add findings."""
    added = _dedupe(findings, result.findings)
    if not added:
        return result
    return result.model_copy(update={"findings": [*result.findings, *added]})


def _decide(result: CriterionResult, state: _Judged, extra: list[Finding]) -> CriterionResult:
    answered = len(state.failed) + len(state.passed)
    partial = ""
    if state.errors and answered:
        partial = (f" (judged on {state.asked - len(state.errors)} of {state.asked} excerpts; "
                   f"the others failed: {state.errors[0]})")
    elif state.missing and answered:
        partial = (f" (judged on {state.asked - len(state.missing)} of {state.asked} excerpts; "
                   f"the others: {state.missing[0]})")
    if state.failed:
        verdict = state.failed[0][0]
        evidence = [f for _, found in state.failed for f in found]
        findings = _dedupe([*evidence, *extra])
        note = f"LLM reviewer, {max(0, min(verdict.score, PASS_SCORE - 1))}/{MAX_SCORE}: "
        return result.model_copy(update={
            "status": Status.FAILED, "score": 0.0, "source": "llm", "findings": findings,
            "note": _one_line(note + verdict.rationale) + partial,
        })
    if state.passed:
        scores = [max(PASS_SCORE, min(MAX_SCORE, v.score)) for v in state.passed]
        mean = sum(scores) / len(scores)
        best = max(state.passed, key=lambda v: v.score)
        note = f"LLM reviewer, {round(mean)}/{MAX_SCORE}: {best.rationale}"
        return result.model_copy(update={
            "status": Status.PASSED, "score": round(mean / MAX_SCORE, 4), "source": "llm",
            "findings": _dedupe(extra), "note": _one_line(note) + partial,
        })
    if state.errors and len(state.errors) == state.asked:
        why = f"LLM reviewer failed: {state.errors[0]}"
    elif state.set_aside:
        why = ("LLM verdict set aside: a failing verdict needs a rationale and a quote "
               "found in the document, and a verdict citing only quotes that are not in the "
               "document is dropped with them")
    elif state.not_applicable:
        why = "the LLM reviewer found no part of the document this criterion applies to"
    elif state.missing:
        why = f"the LLM reviewer's reply did not assess it: {state.missing[0]}"
    elif state.asked == 0:
        why = "the LLM reviewer had nothing to read"
    else:
        why = "the LLM reviewer returned no verdict for this criterion"
    return result.model_copy(update={"status": Status.NOT_ASSESSED, "score": 0.0,
                                     "source": "llm", "note": why + partial})


# --------------------------------------------------------------------------- entry point


def usage_of(settings: ReviewerSettings, outcomes: list[LLMOutcome], dropped: int) -> LLMUsage:
    """What the run cost: cached replies cost nothing and count as cache hits."""
    usage = Usage()
    hits = 0
    for outcome in outcomes:
        usage = usage + outcome.usage
        if outcome.response is not None:
            if outcome.response.cached:
                hits += 1
            else:
                usage = usage + outcome.response.usage
    failed = [o for o in outcomes if not o.ok]
    error = None
    if failed:
        first = failed[0].error or "unknown error"
        if len(failed) == len(outcomes):
            error = f"LLM reviewer failed: {first}"
        else:
            error = f"{len(failed)} of {len(outcomes)} LLM requests failed: {first}"
    return LLMUsage(used=True, model=settings.model, calls=usage.calls,
                    input_tokens=usage.input_tokens, output_tokens=usage.output_tokens,
                    cache_hits=hits, dropped_unverified=dropped, error=error)


@dataclass
class LLMReview:
    criteria: list[CriterionResult]
    usage: LLMUsage
    requests: list[LLMRequest]
    outcomes: list[LLMOutcome]


def llm_review(
    document: Document,
    rubric: Rubric,
    results: list[CriterionResult],
    settings: ReviewerSettings | None = None,
    execute: Executor | None = None,
    redactions: dict[int, list[tuple[int, int]]] | None = None,
) -> LLMReview:
    """Plan, run and merge: the rule ``results`` in, the final results out.

    ``execute`` runs the requests (default: ``run_requests``, plain Python); the
    Prefect flow passes the cached, rate-limited task runner instead.
    ``redactions`` (what the model must not see) come from the checks; without
    them they are worked out here, once for planning and merging.
    """
    if settings is None:
        settings = ReviewerSettings()
    removals = redactions if redactions is not None else removal_spans(document, results)
    requests: list[LLMRequest] = []
    try:
        requests = plan_requests(document, rubric, results, settings.chunk_tokens, removals)
        outcomes = (execute or run_requests)(requests, settings) if requests else []
    except Exception as exc:  # the reviewer never sinks the review: rules still report
        error = settings.redact(_one_line(f"{type(exc).__name__}: {exc}", 200))
        outcomes = [LLMOutcome(request_index=i, error=error) for i in range(len(requests))]
        if not requests:
            return _failed(results, rubric, settings, error)
    merged = merge(document, results, requests, outcomes, removals)
    usage = usage_of(settings, outcomes, merged.dropped_unverified)
    return LLMReview(criteria=merged.criteria, usage=usage, requests=requests,
                     outcomes=outcomes)


def _failed(results: list[CriterionResult], rubric: Rubric, settings: ReviewerSettings,
            error: str) -> LLMReview:
    """No request could even be planned: judgment criteria say why."""
    judgment_only = {c.id for c in rubric.active if c.check is None}
    note = f"LLM reviewer failed: {error}"
    criteria = [
        r.model_copy(update={"note": note})
        if r.id in judgment_only and r.status == Status.NOT_ASSESSED else r
        for r in results
    ]
    usage = LLMUsage(used=True, model=settings.model, error=note)
    return LLMReview(criteria=criteria, usage=usage, requests=[], outcomes=[])
