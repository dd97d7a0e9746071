"""One defect, one finding: an empty heading is reported by the criterion that
judges its part, not again by every rule that reads it.

An empty "Are there any open issues that need to be addressed later?" heading in a
CDK RFC is the unresolved-questions section left empty, an FAQ question with no
answer and an unfinished section, all at once: three failures for one defect
(blind reading 6: cdk-0374). When several criteria anchor a finding on the whole
of the same heading, the failed one that judges that part carries it (a ``section``
rule first, then the heaviest, style rules last) and the other failed ones, and a
style rule that only lists it, drop it; a failed criterion left with no finding
of its own passes, its note saying where the defect is counted, and so does one
that failed on a count over its tolerance when what is left is within it (three
empty headings against a tolerance of two, two of them counted under the parts
they leave empty: blind reading 10, kep-4578). Findings on other text, and
different defects at one heading (a placeholder in it), are untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from prereview.document import BlockKind, Document
from prereview.review import SEVERITY_ORDER, CriterionResult, Finding, Status
from prereview.text import has_words

Recount = Callable[[int], bool]
"""Whether a count-over-tolerance failure still fails with ``n`` findings taken."""

CARRIER_KINDS = ("section",)
"""Kinds that judge a part of the document: they carry its empty heading first."""


def _whole_heading(document: Document, finding: Finding) -> int | None:
    """The empty heading block a finding quotes whole (nothing but comments under
    it before the next heading), else None."""
    loc = finding.location
    if loc is None or loc.block is None or loc.start not in (0, None):
        return None
    if not 0 <= loc.block < len(document.blocks):
        return None
    block = document.blocks[loc.block]
    if block.kind != BlockKind.HEADING or (loc.end or 0) < len(block.text.rstrip()):
        return None
    for after in document.blocks[block.index + 1:]:
        if after.kind == BlockKind.HEADING:
            break
        if not after.is_comment and has_words(after.text):
            return None  # a heading with text under it: its findings are other defects
    return block.index


def _rank(result: CriterionResult) -> tuple[int, int, int, float]:
    style = result.id.startswith(("style.", "integrity."))
    return (0 if result.kind in CARRIER_KINDS else 1, 1 if style else 0,
            SEVERITY_ORDER[result.severity], -result.weight)


def counted_once(document: Document, results: list[CriterionResult],
                 recounts: Mapping[str, Recount] | None = None) -> list[CriterionResult]:
    """``results`` with each empty heading reported once (see the module doc);
    ``recounts``: by criterion id, how a count over a tolerance is decided again."""
    claims: dict[int, list[int]] = {}
    for i, result in enumerate(results):
        if result.status not in (Status.FAILED, Status.PASSED) or not result.findings:
            continue
        for block in {b for f in result.findings
                      if (b := _whole_heading(document, f)) is not None}:
            claims.setdefault(block, []).append(i)
    drops: dict[int, list[tuple[int, str]]] = {}
    for block, who in claims.items():
        failed = [i for i in who if results[i].status == Status.FAILED]
        if not failed or len(who) < 2:
            continue  # shown, never counted twice
        carrier = min(failed, key=lambda i: _rank(results[i]))
        for i in who:
            # another failure on it is dropped, and so is a style rule's listing of
            # it; a part's own criterion that passed keeps what it took off
            if i != carrier and (results[i].status == Status.FAILED
                                 or results[i].id.startswith("style.")):
                drops.setdefault(i, []).append((block, results[carrier].id))
    out = list(results)
    for i, dropped in drops.items():
        recount = (recounts or {}).get(out[i].id)
        out[i] = _dropped(document, out[i], dropped, recount)
    return out


def _dropped(document: Document, result: CriterionResult, dropped: list[tuple[int, str]],
             recount: Recount | None) -> CriterionResult:
    blocks = {block for block, _ in dropped}
    kept = [f for f in result.findings
            if not any(_whole_heading_at(f, block) for block in blocks)]
    said = "; ".join(f"the empty heading '{document.blocks[block].text.strip()}' is counted "
                     f"under {carrier}" for block, carrier in sorted(dropped))
    note = f"{(result.note or '').rstrip()}; {said}".lstrip("; ")
    update: dict[str, object] = {"findings": kept, "note": note}
    taken = len(result.findings) - len(kept)
    if result.status == Status.FAILED and (
            not kept or (recount is not None and not recount(taken))):
        if kept:
            update["note"] = f"{note}; within the tolerance without them"
        update.update(status=Status.PASSED, score=1.0)
    return result.model_copy(update=update)


def _whole_heading_at(finding: Finding, block: int) -> bool:
    """Whether ``finding`` is anchored on heading ``block`` from its start."""
    loc = finding.location
    return loc is not None and loc.block == block and loc.start in (0, None)
