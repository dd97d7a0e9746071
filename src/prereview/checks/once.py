"""One defect, one finding: an empty heading is reported by the criterion that
judges its part, not again by every rule that reads it.

An empty "Are there any open issues that need to be addressed later?" heading in a
CDK RFC is the unresolved-questions section left empty, an FAQ question with no
answer and an unfinished section, all at once: three failures for one defect
(blind reading 6: cdk-0374). When several criteria anchor a finding on the whole
of the same heading, the failed one that judges that part carries it (a ``section``
rule first, then the heaviest, style rules last) and the other failed ones, and a
style rule that only lists it, drop it; a failed
criterion left with no finding of its own passes, its note saying where the defect
is counted. Findings on other text, and different defects at one heading (a
placeholder in it), are untouched.
"""

from __future__ import annotations

from prereview.document import BlockKind, Document
from prereview.review import SEVERITY_ORDER, CriterionResult, Finding, Status
from prereview.text import has_words

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


def counted_once(document: Document, results: list[CriterionResult]) -> list[CriterionResult]:
    """``results`` with each empty heading reported once (see the module doc)."""
    claims: dict[int, list[int]] = {}
    for i, result in enumerate(results):
        if result.status not in (Status.FAILED, Status.PASSED) or not result.findings:
            continue
        for block in {b for f in result.findings
                      if (b := _whole_heading(document, f)) is not None}:
            claims.setdefault(block, []).append(i)
    out = list(results)
    for block, who in claims.items():
        failed = [i for i in who if out[i].status == Status.FAILED]
        if not failed or len(who) < 2:
            continue  # shown, never counted twice
        carrier = min(failed, key=lambda i: _rank(out[i]))
        heading = document.blocks[block].text.strip()
        for i in who:
            # another failure on it is dropped, and so is a style rule's listing of
            # it; a part's own criterion that passed keeps what it took off
            if i != carrier and (out[i].status == Status.FAILED
                                 or out[i].id.startswith("style.")):
                out[i] = _dropped(out[i], block, heading, out[carrier].id)
    return out


def _dropped(result: CriterionResult, block: int, heading: str,
             carrier: str) -> CriterionResult:
    kept = [f for f in result.findings if not _whole_heading_at(f, block)]
    note = (result.note or "").rstrip()
    said = f"the empty heading '{heading}' is counted under {carrier}"
    update: dict[str, object] = {"findings": kept, "note": f"{note}; {said}".lstrip("; ")}
    if result.status == Status.FAILED and not kept:
        update.update(status=Status.PASSED, score=1.0)
    return result.model_copy(update=update)


def _whole_heading_at(finding: Finding, block: int) -> bool:
    """Whether ``finding`` is anchored on heading ``block`` from its start."""
    loc = finding.location
    return loc is not None and loc.block == block and loc.start in (0, None)
