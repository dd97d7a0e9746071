"""What a template leaves outside its sections, for ``unfinished``: sentences cut
off mid-way, front-matter fields left as the template's placeholder, and the
sign-off box left to the approver (findings; the kind decides what counts)."""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.cutoff import CutOffParams, cut_off_sentences
from prereview.checks.reading.front_matter import unfilled_fields
from prereview.checks.reading.prose import not_authors_prose
from prereview.document import BlockKind
from prereview.review import Finding, Severity
from prereview.rubric.model import Criterion
from prereview.wordindex import per_pattern


def cut_off_findings(ctx: CheckContext, criterion: Criterion, p: CutOffParams) -> list[Finding]:
    """Sentences cut off mid-way in the author's paragraphs (not metadata, not the
    title, not an HTML comment)."""
    doc = ctx.document
    skip = set(not_authors_prose(ctx) | ctx.metadata())
    skip.update(b.index for b in doc.blocks if b.is_comment)
    title = ctx.title_section()
    if title is not None and title.heading_block is not None:
        skip.add(title.heading_block)
    out: list[Finding] = []
    for cut in cut_off_sentences(doc.blocks, doc.blocks, skip, p):
        sentence = " ".join(cut.block.text[cut.start:cut.end].split())
        out.append(ctx.finding(
            criterion, cut.block, cut.start, cut.end,
            f"The sentence '{sentence}' is cut off mid-way ({cut.reason}): finish it "
            "or remove it.",
        ))
    return out


def metadata_field_findings(ctx: CheckContext, criterion: Criterion,
                            placeholders: list[str]) -> list[Finding]:
    """The front matter's fields left as the template's placeholder, one finding
    each, about the document (the front matter is no block to quote)."""
    return [ctx.block_finding(
        criterion,
        f"The front matter's '{key}' is left as the template's placeholder ('{text}'): "
        "fill it in.",
        suggestion=f"Fill in the front matter's '{key}' (now the template's '{text}').",
    ) for key, text in unfilled_fields(ctx.document, compile_all(placeholders))]


def sign_off_findings(ctx: CheckContext, criterion: Criterion,
                      sign_off: list[str]) -> list[Finding]:
    """The template's sign-off box, wherever it is kept (HTML comments aside)."""
    patterns = compile_all(sign_off)
    where = per_pattern(ctx.document, patterns)  # blocks where each may match
    out: list[Finding] = []
    for block in ctx.document.blocks if patterns else ():
        if block.is_comment or block.kind == BlockKind.HEADING:
            continue
        for pattern, at in zip(patterns, where, strict=True):
            if at is not None and block.index not in at:
                continue
            for m in pattern.finditer(block.text):
                finding = ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"'{m.group(0).strip()}' is left by the template to its approver (the "
                    "sign-off box, filled in at sign-off or merge); not counted against the "
                    "draft.",
                    suggestion="Nothing to do before the review: the approver ticks it.",
                )
                out.append(finding.model_copy(update={"severity": Severity.MINOR}))
    return out
