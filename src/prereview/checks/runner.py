"""The runner: decides each active criterion by its kind; text addressed to an
automated reviewer is found first and the other rules read the document without it.

Importing it registers the built-in check kinds."""

from __future__ import annotations

from dataclasses import dataclass, field

from prereview.checks import kinds as _kinds  # noqa: F401  (registers the kinds)
from prereview.checks.applicability import not_applicable
from prereview.checks.binding import bound_check
from prereview.checks.context import CheckContext
from prereview.checks.once import Recount, counted_once
from prereview.checks.reading.surfaces import exposure_note
from prereview.checks.registry import Outcome
from prereview.document import Document
from prereview.injection import OffsetMap, original_range, removal_spans, without
from prereview.limits import cap_findings
from prereview.review import SEVERITY_ORDER, CriterionResult, Finding, Severity, Status, fingerprint
from prereview.rubric.model import Criterion, Rubric

NOT_ASSESSED_NOTE = "judgment criterion: needs the LLM reviewer (run with --llm)"

__all__ = ["Checked", "check_document", "run_checks", "run_criterion"]


def run_criterion(context: CheckContext, criterion: Criterion,
                  recounts: dict[str, Recount] | None = None) -> CriterionResult:
    """Decide one criterion by its rule; judgment-only criteria are not assessed
    (their ``locate`` rule, if any, says where their part is). A failure that is
    a count over a tolerance leaves its recount in ``recounts``."""
    spec = criterion.check or criterion.locate
    base = CriterionResult(
        id=criterion.id,
        title=criterion.title,
        severity=criterion.severity,
        weight=criterion.weight,
        guidance=criterion.guidance,
        status=Status.NOT_ASSESSED,
        source="llm",
        note=NOT_ASSESSED_NOTE,
        kind=spec.kind if spec is not None else None,
    )
    reason = not_applicable(context, criterion)
    if reason is not None:
        found, found_at = _reading(context, criterion)
        return base.model_copy(update=dict(
            status=Status.NOT_APPLICABLE, source="rule", note=f"not applicable: {reason}",
            found=found, found_at=found_at,
        ))
    if criterion.check is None:
        if criterion.locate is None:
            return base
        # a judgment-only criterion whose part the rules can find: where, not how good
        located = bound_check(context.rubric, criterion, locate=True)
        where = located.kind.fn(context, criterion, located.params)
        found = _found(located.kind.name, where)
        return base.model_copy(update={
            "found": found, "found_at": where.found_at if found else None})
    check = bound_check(context.rubric, criterion)
    outcome: Outcome = check.kind.fn(context, criterion, check.params)
    if recounts is not None and outcome.still_fails is not None and not outcome.passed:
        recounts[criterion.id] = outcome.still_fails
    found = _found(check.kind.name, outcome)
    score = outcome.score if outcome.score is not None else (1.0 if outcome.passed else 0.0)
    findings, note = cap_findings(outcome.findings, outcome.note)
    result = base.model_copy(update=dict(
        status=Status.PASSED if outcome.passed else Status.FAILED,
        score=max(0.0, min(1.0, score)),
        source="rule",
        findings=findings,
        note=note,
        found=found,
        found_at=outcome.found_at if found else None,
    ))
    if not outcome.passed and criterion.applies_if is not None:
        exposure = exposure_note(context, criterion.applies_if)
        if exposure is not None:  # why it is asked: what the change exposes
            result = result.model_copy(update={"note": f"{result.note}; {exposure}"})
    if not outcome.passed and not outcome.confident and criterion.severity == Severity.BLOCKER:
        return _downgraded(result)
    milder = outcome.severity
    # a milder failure, or a warning (a pass that shows its finding) of that weight
    if (milder is not None and (not outcome.passed or result.findings)
            and SEVERITY_ORDER[milder] > SEVERITY_ORDER[criterion.severity]):
        return result.model_copy(update={
            "severity": milder,
            "findings": [f.model_copy(update={"severity": milder}) for f in result.findings]})
    return result


LOCATES = frozenset({
    "headline", "subheading", "dateline", "problem", "attributed-quote", "paragraph-match",
    "solution", "headed-part",
})
"""Kinds that say where they found their part through ``found_at`` alone (the
press release's parts): found when they give it, not found when they do not."""


def _found(kind: str, outcome: Outcome) -> bool | None:
    if outcome.found is not None:
        return outcome.found
    if kind in LOCATES:
        return outcome.found_at is not None
    return None


READ_WHEN_NOT_APPLICABLE = frozenset({"section"})
"""Kinds that look for a part of the document: run for a criterion that is not
applicable too, so the reading map says where the part is whether or not it is
scored (its outcome is otherwise dropped)."""


def _reading(context: CheckContext, criterion: Criterion) -> tuple[bool | None, str | None]:
    """Whether (and where) the part a not-applicable criterion looks for is there."""
    if criterion.check is None or criterion.check.kind not in READ_WHEN_NOT_APPLICABLE:
        return None, None
    check = bound_check(context.rubric, criterion)
    outcome: Outcome = check.kind.fn(context, criterion, check.params)
    if outcome.found is None:
        return None, None
    return outcome.found, outcome.found_at if outcome.found else None


def _downgraded(result: CriterionResult) -> CriterionResult:
    """A blocker the rule is not sure of fails as major: the section is there but
    thin, or only its usual heading is missing."""
    findings = [f.model_copy(update={"severity": Severity.MAJOR}) for f in result.findings]
    note = (result.note or "") + " (major, not a blocker: the rule cannot be sure it is missing)"
    return result.model_copy(update={"severity": Severity.MAJOR, "findings": findings,
                                     "note": note.strip()})


INJECTION_KIND = "injection"


@dataclass(frozen=True)
class Checked:
    """The rule results, and the redactions they imply (per block, the ranges
    of text addressed to an automated reviewer and hidden .docx text), computed
    once here and handed to the LLM reviewer, which never shows them to a model."""

    results: list[CriterionResult]
    redactions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def run_checks(document: Document, rubric: Rubric) -> list[CriterionResult]:
    """Every active criterion's result (``check_document`` without the redactions)."""
    return check_document(document, rubric).results


def check_document(document: Document, rubric: Rubric) -> Checked:
    """Every active criterion. Text addressed to an automated reviewer (and hidden
    .docx text) is found first; the other rules read the document without it, so
    it changes no other criterion's result, and their findings are anchored back
    on the original text. An empty heading is reported once (:mod:`.once`)."""
    context = CheckContext(document, rubric)
    results: dict[str, CriterionResult] = {}
    recounts: dict[str, Recount] = {}
    for c in rubric.active:
        if c.check is not None and c.check.kind == INJECTION_KIND:
            results[c.id] = run_criterion(context, c, recounts)
    removals = removal_spans(document, list(results.values()))
    shown, maps = without(document, removals) if removals else (document, {})
    shown_context = CheckContext(shown, rubric) if removals else context
    for c in rubric.active:
        if c.id not in results:
            result = run_criterion(shown_context, c, recounts)
            results[c.id] = _anchored_on(result, context, maps) if maps else result
    return Checked(counted_once(document, [results[c.id] for c in rubric.active], recounts),
                   removals)


def _anchored_on(
    result: CriterionResult, context: CheckContext, maps: dict[int, OffsetMap]
) -> CriterionResult:
    """Findings made on the shortened text, re-anchored on the original blocks."""
    findings: list[Finding] = []
    changed = False
    for finding in result.findings:
        loc = finding.location
        if loc is None or loc.block not in maps or loc.start is None or loc.end is None:
            findings.append(finding)
            continue
        block = context.document.blocks[loc.block]
        start, end = original_range(maps[loc.block], block.text, loc.start, loc.end)
        quote = block.text[start:end] if finding.quote is not None else None
        findings.append(finding.model_copy(update={
            "quote": quote,
            "location": context.location(block, start, end),
            "fingerprint": fingerprint(finding.criterion, quote, finding.message),
        }))
        changed = True
    return result.model_copy(update={"findings": findings}) if changed else result
