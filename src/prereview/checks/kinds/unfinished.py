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
and the document's title heading are never read. HTML comments (a KEP's or
an RFC template's instructions) are never the author's content: a heading whose
only content is a comment is empty, and nothing inside a comment is a finding.

- a **template prompt left in the text** (``template_prompts``, data per template
  family in the rubric): "Describe them providing:", "(e.g. new annotation of
  size 32B)", "One paragraph explanation of the feature."; a passage of the
  template's instructions to the author left above the answer is shown (one
  minor finding per passage, not counted: the section is written), while a block
  of its questions there restates the heading;
- a heading the template marks **optional** (``optional_headings``: "User Stories
  (Optional)", "Drawbacks [optional]", a KEP's "Prerequisite testing updates",
  asked only when reviewers want tests first) left empty is the author's choice:
  a minor note, never counted;
- the prompts under an **option left unticked** while another is ticked ("-
  [ ] Other" / "Describe the mechanism:" beside "- [x] Feature gate",
  :mod:`prereview.checks.reading.options`) are not the author's to answer;
- a **sign-off box** of the template (``sign_off``: "[ ] Signed-off by API Bar
  Raiser @xxxxx") is its approver's to tick, not the author's unfinished work:
  shown as such, never counted against the draft.

A sentence cut off mid-way is read by :mod:`prereview.checks.reading.cutoff`: a
paragraph that ends on a fragment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, compile_all
from prereview.checks.reading.cutoff import CutOffParams
from prereview.checks.reading.headings import normalise_heading
from prereview.checks.reading.later import Later
from prereview.checks.reading.leftover_fields import (
    cut_off_findings,
    metadata_field_findings,
    sign_off_findings,
)
from prereview.checks.reading.options import unchosen_options
from prereview.checks.reading.template_stage import StageParams
from prereview.checks.reading.template_text import (
    TemplateText,
    template_text,
)
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.review import Finding, Severity
from prereview.rubric.model import Criterion
from prereview.text import has_words
from prereview.wordindex import per_pattern

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
    open_questions_unless: list[Regex] = Field(default_factory=list)
    """A block that sets its matter aside ("This is beyond the scope of this
    proposal") holds no open question of the design, whatever it wonders."""
    cut_off: CutOffParams | None = None
    """Report paragraphs that end on a fragment, a sentence cut off mid-way
    (:mod:`prereview.checks.reading.cutoff`); unset: not looked for."""
    code_placeholders: list[Regex] = Field(default_factory=list)
    """Unfilled template fields looked for in code blocks (never HTML comments),
    which no other rule reads: a sign-off line kept in a fenced block
    ("Signed-off by @xxxxx")."""
    template_prompts: dict[str, list[str]] = Field(default_factory=dict)
    """Per template family (the name said in the message: "KEP", "Rust RFC"), the
    template's own prompts and examples as the template words them (plain text,
    matched in any case and across line breaks) in the author's prose
    (paragraphs, list items, quotes, table cells; never code or comments)."""
    template_tolerance: int | None = Field(default=None, ge=0)
    """Template leftovers (empty sections, the template's instruction as a heading or
    its prompt in the text) tolerated on their own, apart from ``max_findings``: a
    long template's optional section left empty is not an unfinished draft. None:
    they count with the rest against ``max_findings``."""
    metadata_placeholders: list[Regex] = Field(default_factory=list)
    """A template's field left unfilled in the document's front matter (a CDK RFC's
    "rfc pr: [#xxx](.../pull/xxx) <-- fill this"), matched on each value: counted
    as unfinished (the front matter is no prose: no placeholder or style rule
    reads it)."""
    sign_off: list[Regex] = Field(default_factory=list)
    """A template's sign-off box, in code or prose: reported as the approver's to
    fill, never counted against ``max_findings``."""
    stages: StageParams | None = None
    """A staged template's notes that defer a section to a later stage, and where
    the document says its stage (:mod:`prereview.checks.reading.template_stage`):
    a section left for a later stage than the document's is not unfinished."""
    kept_with_answers: list[str] = Field(default_factory=list)
    """Template families whose question text and inline prompts stay above the
    author's answers by convention (a KEP's PRR questionnaire): a prompt of an
    answered question is shown as a minor note, not counted; a question with no
    answer is still unfinished (:mod:`prereview.checks.reading.answered`)."""
    optional_headings: list[Regex] = Field(default_factory=list)
    """Headings the template lets the author leave empty (its "(Optional)" or
    "[optional]" mark; a KEP's "Prerequisite testing updates"), matched on the
    heading's text: left empty (or holding only the template's prompt), a minor
    note, not counted against either tolerance."""
    holds: list[str] = Field(default_factory=list)
    """Section ids of documents drafted inside the proposal (a CDK RFC's README):
    an empty heading followed by one of their headings is not empty, it holds the
    draft ("## Working Backwards" then "## README")."""


def _empty_headings(ctx: CheckContext, template: TemplateText,
                    inside_empty: set[int] | None = None,
                    holds: Sequence[str] = ()) -> list[tuple[Block, Block | None]]:
    """Each empty heading, with the block of the template's prompt it holds, if any
    (a section with only comments or template prompts under it is empty); the
    blocks under each are added to ``inside_empty``."""
    doc = ctx.document
    title = ctx.title_section()
    out: list[tuple[Block, Block | None]] = []
    for section in doc.sections:
        if section.heading_block is None or section is title:
            continue
        inside = doc.blocks[section.heading_block + 1 : section.end_block]
        if any(b.kind != BlockKind.HEADING and not b.is_comment
               and b.index not in template.boilerplate
               and (has_words(b.text) or b.kind == BlockKind.CODE) for b in inside):
            continue
        if any(b.kind == BlockKind.HEADING for b in inside):
            continue  # its content follows as deeper headings; those are judged alone
        heading = doc.blocks[section.heading_block]
        following = doc.blocks[section.end_block] if section.end_block < len(doc.blocks) else None
        # a template's slot (its comment or prompt under the heading) left unanswered
        # is empty whatever heading follows
        slot = any(b.is_comment or b.index in template.boilerplate for b in inside)
        if not slot and following is not None and following.kind == BlockKind.HEADING and (
            (following.level or 1) < section.level
            or (_names_a_section(ctx, heading) and not _names_a_section(ctx, following))
            or (_names_a_section(ctx, following, holds)
                and not _names_a_section(ctx, heading, holds))
        ):
            continue  # its content follows as a heading (an embedded README's title)
        prompt = next((b for b in inside if b.index in template.boilerplate), None)
        out.append((heading, prompt))
        if inside_empty is not None:
            inside_empty.update(b.index for b in inside)
    return out


def empty_section_action(name: str) -> str:
    """The action for an empty heading, in the form ``prereview.lead`` merges ("Fill
    in or delete the empty 'A' and 'B' sections")."""
    return f"Fill in or delete the empty '{name}' section."


def _names_a_section(ctx: CheckContext, heading: Block,
                     only: Sequence[str] | None = None) -> bool:
    """Whether the heading names a section of the rubric (one of ``only``, given)."""
    name = normalise_heading(heading.text)
    return any(
        any(p.search(name) for p in compile_all(spec.headings))
        for sid, spec in ctx.rubric.sections.items() if only is None or sid in only
    )


@check_kind("unfinished", UnfinishedParams)
def check_unfinished(ctx: CheckContext, criterion: Criterion, p: UnfinishedParams) -> Outcome:
    """Empty headings, template prompts left as headings or in the text, open
    questions left in the prose, and unfilled template fields in code blocks."""
    doc = ctx.document
    template = template_text(ctx, p.template_prompts)
    later = Later(ctx, template, p.stages, p.kept_with_answers)
    unchosen = unchosen_options(doc) if template.hits else set()
    optional: list[Finding] = []
    leftovers = _leftovers(ctx, criterion, p, template, later, unchosen, optional)
    others: list[Finding] = []
    doubts = compile_all(p.open_questions)
    aside = compile_all(p.open_questions_unless)
    where = per_pattern(doc, doubts)  # blocks where each may match
    for block in doc.blocks if doubts else ():
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        if any(a.search(block.text) for a in aside):
            continue
        for pattern, at in zip(doubts, where, strict=True):
            if at is not None and block.index not in at:
                continue
            for m in pattern.finditer(block.text):
                if any(c.start <= m.start() < c.end for c in block.code):
                    continue
                others.append(ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"An open question left in the text ('{m.group(0).strip()}'): answer it, "
                    "or move it to the open questions.",
                    suggestion=f"Answer the open question '{m.group(0).strip()}' left in "
                    "the text, or move it to the open questions.",
                ))
    if p.cut_off is not None:
        others.extend(cut_off_findings(ctx, criterion, p.cut_off))
    patterns = compile_all(p.code_placeholders)
    for block in doc.blocks if patterns else ():
        if block.kind != BlockKind.CODE or block.is_comment:
            continue
        for pattern in patterns:
            for m in pattern.finditer(block.text):
                others.append(ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"The template field '{m.group(0)}' is unfilled (placeholder): fill it "
                    "in or remove the line.",
                ))
    others.extend(metadata_field_findings(ctx, criterion, p.metadata_placeholders))
    boxes = sign_off_findings(ctx, criterion, p.sign_off)
    told = _instructions(ctx, criterion, template, leftovers, later, unchosen)
    findings = leftovers + others + boxes + told + later.kept + optional
    findings.sort(key=lambda f: (f.location.block or 0) if f.location else 0)
    # an empty heading another criterion counts (checks/once.py) is a leftover
    # taken off this count
    if p.template_tolerance is None:
        counted = len(leftovers) + len(others)
        passed = counted <= p.max_findings

        def still_fails(taken: int) -> bool:
            return counted - taken > p.max_findings
        note = f"{counted} unfinished part(s) (tolerance {p.max_findings})"
    else:
        passed = len(others) <= p.max_findings and len(leftovers) <= p.template_tolerance
        tolerance = p.template_tolerance

        def still_fails(taken: int) -> bool:
            return len(others) > p.max_findings or len(leftovers) - taken > tolerance
        note = f"{len(others)} unfinished part(s) (tolerance {p.max_findings})"
        if leftovers:
            note += (f"; {len(leftovers)} empty section(s) or template prompt(s) (tolerance "
                     f"{p.template_tolerance})")
    note += later.note()
    if optional:
        note += (f"; {len(optional)} optional section(s) of the template left empty, "
                 "not counted")
    if boxes:
        note += f"; {len(boxes)} template sign-off box(es) left to the approver, not counted"
    if told:
        note += (f"; {len(told)} passage(s) of the template's instructions left above the "
                 "answers (remove them), not counted")
    return Outcome(passed, findings, note=note, still_fails=still_fails)


def _instructions(ctx: CheckContext, criterion: Criterion, template: TemplateText,
                  leftovers: list[Finding], later: Later,
                  unchosen: set[int]) -> list[Finding]:
    """The template's instructions to the author kept above the answers: one minor
    finding per passage, shown but not counted (the section is written; the
    instructions are to remove, a fix for the meeting, not an unfinished part).
    Those of an empty section are that section's finding already; a staged
    template's note of when a section is due stays (merged KEPs keep it)."""
    reported = {f.location.block for f in leftovers if f.location is not None}
    out: list[Finding] = []
    for passage in template.instructions(reported_empty(ctx, template)):
        hits = [h for h in passage
                if not later.is_stage_note(h) and h.block.index not in unchosen]
        if not hits:
            continue
        first = hits[0]
        if first.block.index in reported:
            continue
        end = max(h.end for h in hits if h.block.index == first.block.index)
        finding = ctx.finding(
            criterion, first.block, first.start, end,
            f"The {first.family} template's instructions to the author are left in the "
            "text: remove them.",
            suggestion="Delete the template's instructions; the section is written.")
        out.append(finding.model_copy(update={"severity": Severity.MINOR}))
    return out


def reported_empty(ctx: CheckContext, template: TemplateText) -> set[int]:
    """Blocks under the empty headings (their prompt is the empty section's)."""
    inside: set[int] = set()
    _empty_headings(ctx, template, inside)
    return inside


def _leftovers(ctx: CheckContext, criterion: Criterion, p: UnfinishedParams,
               template: TemplateText, later: Later, unchosen: set[int],
               optional: list[Finding]) -> list[Finding]:
    """What the template left: empty sections (nothing, a comment or only its
    prompt under the heading), its instruction as a heading, its prompt in the
    author's text. Not what it leaves for a later stage, nor the prompts of
    answered questions where its norm keeps them (``later``), nor those of an
    option the author did not choose (``unchosen``); empty optional sections go
    to ``optional``."""
    doc = ctx.document
    findings: list[Finding] = []
    marks = compile_all(p.optional_headings)
    if p.empty_headings:
        for block, prompt in _empty_headings(ctx, template, holds=p.holds):
            if later.defers(block.index):
                continue
            if any(m.search(block.text) for m in marks):
                optional.append(_optional(ctx, criterion, block, marks))
                continue
            if prompt is None:
                findings.append(ctx.finding(
                    criterion, block, 0, len(block.text),
                    f"The heading '{block.text.strip()}' has nothing under it: write the "
                    "section or remove the heading.",
                    suggestion=empty_section_action(block.text.strip()),
                ))
                continue
            hit = template.hits[prompt.index][0]
            findings.append(ctx.finding(
                criterion, prompt, hit.start, hit.end,
                f"The section '{block.text.strip()}' holds only the {hit.family} template's "
                "prompt (unfinished): write the section, or remove it.",
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
    seen: set[int] = set()
    for hit in template.leftovers():
        if hit.block.index in seen or hit.block.index in unchosen:
            continue  # one block, one leftover: its first prompt is quoted
        seen.add(hit.block.index)
        more = len(template.hits[hit.block.index]) - 1
        if later.defers(hit.block.index) or later.keeps(criterion, hit, more):
            continue
        also = f" (and {more} more of its prompts)" if more else ""
        findings.append(ctx.finding(
            criterion, hit.block, hit.start, hit.end,
            f"'{hit.block.text[hit.start:hit.end].strip()}' is the {hit.family} template's "
            f"own prompt, left in the text{also} (unfinished): answer it in your own words, "
            "or remove it.",
        ))
    return findings


def _optional(ctx: CheckContext, criterion: Criterion, block: Block,
              marks: list[re.Pattern[str]]) -> Finding:
    """A minor note on an optional section left empty, quoting its name (the
    template's "(Optional)" mark is not what is left undone)."""
    text = block.text
    end = len(text.rstrip())
    for mark in marks:
        m = mark.search(text)
        if m is not None and m.start() > 0 and not text[m.end():].strip():
            end = len(text[: m.start()].rstrip())
            break
    finding = ctx.finding(
        criterion, block, 0, end,
        f"The optional section '{text.strip()}' is left empty: fill it in, or delete "
        "the heading (the template lets you leave it out; not counted).",
        suggestion="Delete the empty optional heading, or write the section.")
    return finding.model_copy(update={"severity": Severity.MINOR})
