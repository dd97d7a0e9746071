"""Unfinished structure (``unfinished``): the placeholders a word list cannot see.

Drafts left unfinished show it in their shape as much as in "TBD":

- an **empty heading**: a heading with nothing under it before the next heading
  of the same or a higher level (a heading whose content follows as deeper
  headings is not empty: that is how templates nest);
- a **template prompt as a heading**: "Describe the opportunity or problem",
  "Quote an Amazon Leader to capture the value": the template's instruction
  left where the author's heading belongs;

An empty heading followed straight away by a higher-level heading is not empty
("### README" over an embedded "# Construct Library"), nor is an empty heading
that names a section of the rubric followed by a sibling that names none ("##
Alternatives" then "## Option A"): that heading is its content. Code, tables
and the document's title heading are never read. (A sentence cut off mid-way is
read by :mod:`prereview.checks.reading.cutoff`: a paragraph that ends on a
fragment.)
"""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, compile_all
from prereview.checks.reading.cutoff import CutOffParams, cut_off_sentences
from prereview.checks.reading.headings import normalise_heading
from prereview.checks.reading.prose import not_authors_prose
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import has_words

_PROMPT = re.compile(
    r"^(describe|explain|summari[sz]e|quote|include|insert|provide|fill in|enter)\s+"
    r"\S+(?:\s+\S+){2,}",
    re.IGNORECASE,
)
"""A heading of four words or more opening with a template's instruction verb
("Describe the opportunity...", "Quote an Amazon Leader..."). Verbs a real heading
opens with ("Add ...", "Write an MXF file") are left out."""


class UnfinishedParams(Params):
    empty_headings: bool = True
    """Report headings with nothing under them."""
    prompt_headings: bool = True
    """Report a template's instruction left as a heading ("Describe the ...")."""
    max_findings: int = Field(default=0, ge=0)
    """Tolerated findings before the criterion fails."""
    open_questions: list[Regex] = Field(default_factory=list)
    """An open question left in the author's prose (paragraphs and list items, never
    table cells, headings or code): a doubt in parentheses ("(infinite?)",
    "(none, matching, partial-matching?)"), a bullet that is only "?"."""
    cut_off: CutOffParams | None = None
    """Report paragraphs that end on a fragment, a sentence cut off mid-way
    (:mod:`prereview.checks.reading.cutoff`); unset: not looked for."""
    code_placeholders: list[Regex] = Field(default_factory=list)
    """Unfilled template fields looked for in code blocks, which no other rule
    reads: a sign-off line kept in a fenced block ("Signed-off by @xxxxx")."""


def _empty_headings(ctx: CheckContext) -> list[Block]:
    doc = ctx.document
    title = ctx.title_section()
    out: list[Block] = []
    for section in doc.sections:
        if section.heading_block is None or section is title:
            continue
        inside = doc.blocks[section.heading_block + 1 : section.end_block]
        if any(b.kind != BlockKind.HEADING and (has_words(b.text) or b.kind == BlockKind.CODE)
               for b in inside):
            continue
        if any(b.kind == BlockKind.HEADING for b in inside):
            continue  # its content follows as deeper headings; those are judged alone
        heading = doc.blocks[section.heading_block]
        following = doc.blocks[section.end_block] if section.end_block < len(doc.blocks) else None
        if following is not None and following.kind == BlockKind.HEADING and (
            (following.level or 1) < section.level
            or (_names_a_section(ctx, heading) and not _names_a_section(ctx, following))
        ):
            continue  # its content follows as a heading (an embedded README's title)
        out.append(heading)
    return out


def _names_a_section(ctx: CheckContext, heading: Block) -> bool:
    name = normalise_heading(heading.text)
    return any(
        any(p.search(name) for p in compile_all(spec.headings))
        for spec in ctx.rubric.sections.values()
    )


@check_kind("unfinished", UnfinishedParams)
def check_unfinished(ctx: CheckContext, criterion: Criterion, p: UnfinishedParams) -> Outcome:
    """Empty headings, template prompts left as headings, and unfilled template
    fields in code blocks."""
    doc = ctx.document
    findings: list[Finding] = []
    if p.empty_headings:
        for block in _empty_headings(ctx):
            findings.append(ctx.finding(
                criterion, block, 0, len(block.text),
                f"The heading '{block.text.strip()}' has nothing under it: write the section "
                "or remove the heading.",
            ))
    title = ctx.title_section()
    if p.prompt_headings:
        for block in doc.blocks:
            if block.kind != BlockKind.HEADING or (
                title is not None and block.index == title.heading_block
            ):
                continue
            name = normalise_heading(block.text)
            if _PROMPT.match(name) and not name.rstrip().endswith("?"):
                findings.append(ctx.finding(
                    criterion, block, 0, len(block.text),
                    f"The heading '{block.text.strip()}' is the template's instruction: "
                    "replace it with the section's own heading.",
                ))
    doubts = compile_all(p.open_questions)
    for block in doc.blocks if doubts else ():
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        for pattern in doubts:
            for m in pattern.finditer(block.text):
                if any(c.start <= m.start() < c.end for c in block.code):
                    continue
                findings.append(ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"An open question left in the text ('{m.group(0).strip()}'): answer it, "
                    "or move it to the open questions.",
                ))
    if p.cut_off is not None:
        skip = not_authors_prose(ctx) | ctx.metadata()
        title_blocks: set[int] = set()
        if title is not None and title.heading_block is not None:
            title_blocks.add(title.heading_block)
        for cut in cut_off_sentences(doc.blocks, doc.blocks, skip | title_blocks, p.cut_off):
            sentence = " ".join(cut.block.text[cut.start:cut.end].split())
            findings.append(ctx.finding(
                criterion, cut.block, cut.start, cut.end,
                f"The sentence '{sentence}' is cut off mid-way ({cut.reason}): finish it "
                "or remove it.",
            ))
    patterns = compile_all(p.code_placeholders)
    for block in doc.blocks if patterns else ():
        if block.kind != BlockKind.CODE:
            continue
        for pattern in patterns:
            for m in pattern.finditer(block.text):
                findings.append(ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"The template field '{m.group(0)}' is unfilled (placeholder): fill it "
                    "in or remove the line.",
                ))
    findings.sort(key=lambda f: (f.location.block or 0) if f.location else 0)
    note = f"{len(findings)} unfinished part(s) (tolerance {p.max_findings})"
    return Outcome(len(findings) <= p.max_findings, findings, note=note)
