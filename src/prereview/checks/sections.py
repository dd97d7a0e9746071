"""Section-level kinds: a named section is there and says something (``section``),
two sections come in order (``order``), a scope stays within a word budget
(``length``) and the body is prose rather than bullet lists (``list-share``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from prereview.checks.context import BODY, CheckContext
from prereview.checks.registry import Outcome, Params, check_kind
from prereview.checks.scopes import (
    Requirement,
    check_regexes,
    compile_all,
    has_words,
    humanise,
    sentence_at,
)
from prereview.document import Block, BlockKind, Section
from prereview.review import Finding
from prereview.rubrics import Criterion
from prereview.text import word_count
from prereview.text import words as word_spans

# ----------------------------------------------------------------------- section


class SectionParams(Params):
    section: str
    """A section id from the rubric's ``sections:``."""
    label: str | None = None
    """How messages name it (default: the id, e.g. "non goals")."""
    min_words: int = Field(default=1, ge=0)
    """Words of content (prose and tables, not headings), subsections included."""
    count_code: bool = False
    """Count code blocks as content too (an API definition is part of a design)."""
    contains: list[Requirement] = Field(default_factory=list)
    """Each must be found in the section's text (e.g. a number for "current state")."""
    after: str | None = None
    """Another section id that, when it has a heading, must come first."""
    fallback: list[str] = Field(default_factory=list)
    """Other section ids accepted instead, for a share of the score (an FAQ that is
    not split into external and internal is taken as the external one); never a
    section whose heading names yet another section ("Internal FAQ")."""
    fallback_score: float = Field(default=0.5, ge=0, le=1)
    or_patterns: list[str] = Field(default_factory=list)
    """When no heading matches: regexes; a prose block matching one (and every
    ``contains``) stands in for the section, for documents with unusual headings."""
    or_scope: str = BODY
    or_within: int | None = Field(default=None, ge=1)
    """Only the first N prose blocks of ``or_scope`` are searched (an opening)."""
    or_score: float = Field(default=1.0, ge=0, le=1)

    @field_validator("or_patterns")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value


def _content_blocks(
    ctx: CheckContext, sections: list[Section], code: bool = False
) -> list[Block]:
    picked = ctx.block_indices(sections)
    return [
        b
        for b in ctx.document.blocks
        if b.index in picked
        and b.kind != BlockKind.HEADING
        and (b.kind != BlockKind.CODE or (code and b.style != "html"))
        and has_words(b.text)
    ]


def _heading_block(ctx: CheckContext, section: Section) -> Block:
    assert section.heading_block is not None
    return ctx.document.blocks[section.heading_block]


@check_kind("section", SectionParams)
def check_section(ctx: CheckContext, criterion: Criterion, p: SectionParams) -> Outcome:
    """A named section (found by its heading aliases) is present and has content."""
    label = p.label or humanise(p.section)
    sections = ctx.sections_named(p.section)
    if sections:
        return _judge_section(ctx, criterion, p, label, sections)
    for other in p.fallback:
        found = [s for s in ctx.sections_named(other)
                 if not _claimed(ctx, s, {other, p.section})]
        if found:
            block = _heading_block(ctx, found[0])
            finding = ctx.finding(
                criterion, block, 0, len(block.text),
                f"No separate {label} section: '{block.text.strip()}' is read as one.",
            )
            return Outcome(True, [finding], score=p.fallback_score,
                           note=f"{label}: not found; '{block.text.strip()}' stands in for it")
    if p.or_patterns:
        hit = _or_match(ctx, p)
        if hit is not None:
            block, start, _ = hit
            s_start, s_end = sentence_at(block.text, start)
            line = block.line_of(start)
            where = f" (line {line})" if line is not None else ""
            note = f"{label}: no heading; covered in the text{where}"
            findings: list[Finding] = []
            if p.or_score < 1:
                findings.append(ctx.finding(
                    criterion, block, s_start, s_end,
                    f"The {label} is only mentioned in passing: give it its own section.",
                ))
            return Outcome(True, findings, note=note, score=p.or_score)
    finding = ctx.block_finding(criterion, f"No {label} section found.")
    return Outcome(False, [finding], note=f"{label}: missing")


def _claimed(ctx: CheckContext, section: Section, ids: set[str]) -> bool:
    """The section's heading also names another section of the rubric ("Internal
    FAQ" is an FAQ, but cannot stand in for the external one)."""
    name = ctx.normalised_titles()[section.index]
    return any(
        any(p.search(name) for p in compile_all(spec.headings))
        for sid, spec in ctx.rubric.sections.items()
        if sid not in ids
    )


def _or_match(ctx: CheckContext, p: SectionParams) -> tuple[Block, int, int] | None:
    blocks = ctx.prose(p.or_scope)
    if p.or_within is not None:
        blocks = blocks[: p.or_within]
    patterns = compile_all(p.or_patterns)
    for block in blocks:
        if not all(req.found_in(block.text) for req in p.contains):
            continue
        for pattern in patterns:
            match = pattern.search(block.text)
            if match is not None:
                return block, match.start(), match.end()
    return None


def _judge_section(
    ctx: CheckContext, criterion: Criterion, p: SectionParams, label: str,
    sections: list[Section],
) -> Outcome:
    heading = _heading_block(ctx, sections[0])
    title = heading.text.strip()
    content = _content_blocks(ctx, sections, p.count_code)
    count = sum(word_count(b.text) for b in content)
    note = f"{label}: '{title}' ({count} words"
    note += f", at least {p.min_words})" if p.min_words > 1 else ")"
    findings: list[Finding] = []
    if p.after is not None:
        earlier = ctx.sections_named(p.after)
        if earlier and earlier[0].first_block > sections[0].first_block:
            other = ctx.heading_text(earlier[0])
            findings.append(ctx.finding(
                criterion, heading, 0, len(heading.text),
                f"'{title}' comes before '{other}': the {label} should follow it.",
            ))
    if count < p.min_words:
        what = "is empty" if count == 0 else f"has {count} words (at least {p.min_words})"
        findings.append(ctx.finding(
            criterion, heading, 0, len(heading.text), f"The {label} section {what}.",
        ))
    else:
        text = "\n".join(b.text for b in content)
        for req in p.contains:
            if not req.found_in(text):
                findings.append(ctx.finding(
                    criterion, heading, 0, len(heading.text),
                    f"The {label} section has no {req.what}.",
                ))
    return Outcome(not findings, findings, note=note)


# ------------------------------------------------------------------------- order


class OrderParams(Params):
    first: str
    then: str


@check_kind("order", OrderParams)
def check_order(ctx: CheckContext, criterion: Criterion, p: OrderParams) -> Outcome:
    """Section ``first`` comes before section ``then`` (when both have headings)."""
    first, then = ctx.sections_named(p.first), ctx.sections_named(p.then)
    if not first or not then:
        return Outcome(True, note=f"order: not both of {humanise(p.first)} and "
                                  f"{humanise(p.then)} present")
    if first[0].first_block < then[0].first_block:
        return Outcome(True, note=f"order: {humanise(p.first)} before {humanise(p.then)}")
    heading = _heading_block(ctx, then[0])
    finding = ctx.finding(
        criterion, heading, 0, len(heading.text),
        f"'{heading.text.strip()}' comes before '{ctx.heading_text(first[0])}'.",
    )
    return Outcome(False, [finding],
                   note=f"order: {humanise(p.then)} before {humanise(p.first)}")


# ------------------------------------------------------------------------ length


class Limit(Params):
    scope: str
    label: str | None = None
    warn_above: int | None = Field(default=None, ge=0)
    """Above this the criterion passes with half its weight and a finding."""
    fail_above: int | None = Field(default=None, ge=0)


class LengthParams(Limit):
    also: list[Limit] = Field(default_factory=list)
    """More scopes measured by the same criterion (e.g. the FAQ and the whole body)."""


@check_kind("length", LengthParams)
def check_length(ctx: CheckContext, criterion: Criterion, p: LengthParams) -> Outcome:
    """Words of prose (not code, tables or headings) in a scope, against limits."""
    notes: list[str] = []
    findings: list[Finding] = []
    failed = warned = False
    for limit in [p, *p.also]:
        label = limit.label or ctx.scope_label(limit.scope)
        blocks = ctx.prose(limit.scope)
        count = sum(word_count(b.text) for b in blocks)
        bounds = []
        if limit.warn_above is not None:
            bounds.append(f"warn above {limit.warn_above}")
        if limit.fail_above is not None:
            bounds.append(f"fail above {limit.fail_above}")
        notes.append(f"{label}: {count} words ({', '.join(bounds) or 'no limit'})")
        over: int | None = None
        if limit.fail_above is not None and count > limit.fail_above:
            failed, over = True, limit.fail_above
        elif limit.warn_above is not None and count > limit.warn_above:
            warned, over = True, limit.warn_above
        if over is not None:
            findings.append(_crossing(ctx, criterion, blocks, over, label, count))
    score = 0.0 if failed else (0.5 if warned else 1.0)
    return Outcome(not failed, findings, note="; ".join(notes), score=score)


def _crossing(
    ctx: CheckContext, criterion: Criterion, blocks: list[Block], limit: int, label: str,
    count: int,
) -> Finding:
    """A finding on the sentence where the running word count passes ``limit``."""
    seen = 0
    for block in blocks:
        spans = word_spans(block.text)
        if seen + len(spans) > limit:
            offset = spans[limit - seen][0]
            start, end = sentence_at(block.text, offset)
            return ctx.finding(
                criterion, block, start, end,
                f"The {label} is {count} words long; it passes {limit} words here.",
            )
        seen += len(spans)
    return ctx.block_finding(criterion, f"The {label} is {count} words long (limit {limit}).")


# -------------------------------------------------------------------- list-share


class ListShareParams(Params):
    """How much of a text may be lists: over the whole scope (``narrative.prose``:
    list items hold at most 15% of the body's words) or section by section
    (``style.bullets``: no section is mostly bullets)."""

    scope: str = BODY
    per: Literal["scope", "section"] = "scope"
    """Judge the scope as a whole, or each section's own blocks (not its subsections')."""
    measure: Literal["words", "blocks"] = "words"
    """What the share counts: words of prose, or prose blocks (paragraphs, items)."""
    max_share: float = Field(default=0.15, ge=0, le=1)
    """Highest share of list items a part may have."""
    min_items: int = Field(default=1, ge=1)
    """Fewer list items than this never make a part too listy."""
    except_sections: list[str] = Field(default_factory=list)
    """Section ids whose lists are expected (e.g. tenets): left out of the count."""
    ignore_headings: list[str] = Field(default_factory=list)
    """Regexes of headings (a section's own or its parents') where lists are the
    norm (goals, milestones, references): those sections are left out too."""
    max_sections: int = Field(default=0, ge=0)
    """With ``per: section``, how many too-listy sections are tolerated."""
    message: str | None = None
    """Template of the finding on each list: ``{run}`` (items in this list),
    ``{items}`` and ``{blocks}`` (list items and prose blocks of the part),
    ``{section}``, ``{scope}``. The default depends on ``per``."""
    suggestion: str | None = None

    @field_validator("ignore_headings")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value


_LIST_MESSAGE = {
    "scope": "A bulleted list of {run} item(s) in the {scope}: write it as prose, or move it "
             "to an appendix.",
    "section": "Section '{section}' is mostly bullets ({items} of {blocks} blocks): write it "
               "as prose that connects the points.",
}


def _exempt(ctx: CheckContext, p: ListShareParams) -> set[int]:
    exempt: set[int] = set()
    for sid in p.except_sections:
        exempt.update(ctx.block_indices(ctx.sections_named(sid)))
    ignore = compile_all(p.ignore_headings)
    if ignore:
        for section in ctx.document.sections:
            titles = section.path(ctx.document)
            if any(rx.search(t) for rx in ignore for t in titles if t):
                exempt.update(ctx.block_indices([section]))
    return exempt


def _runs(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive list items: each run is one list."""
    runs: list[list[Block]] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == BlockKind.LIST_ITEM:
            if previous is not None and previous.kind == BlockKind.LIST_ITEM and (
                block.index == previous.index + 1
            ):
                runs[-1].append(block)
            else:
                runs.append([block])
        previous = block
    return runs


@check_kind("list-share", ListShareParams)
def check_list_share(ctx: CheckContext, criterion: Criterion, p: ListShareParams) -> Outcome:
    """Prose rather than bullets: the share of list items (by words or blocks) in the
    scope, or in each of its sections, stays within ``max_share``. Over it, each list
    of the scope is a finding on its first item; per section, one finding on the
    section's first list."""
    exempt = _exempt(ctx, p)
    blocks = [b for b in ctx.prose(p.scope) if b.index not in exempt]
    parts: dict[int | None, list[Block]] = {}
    for block in blocks:
        parts.setdefault(block.section if p.per == "section" else None, []).append(block)

    def size(part: list[Block]) -> int:
        return sum(word_count(b.text) if p.measure == "words" else 1 for b in part)

    template = p.message or _LIST_MESSAGE[p.per]
    scope = ctx.scope_label(p.scope)
    findings: list[Finding] = []
    listy = 0
    for index, part in parts.items():
        items = [b for b in part if b.kind == BlockKind.LIST_ITEM]
        whole = size(part)
        if len(items) < p.min_items or not whole or size(items) / whole <= p.max_share:
            continue
        listy += 1
        section = ctx.document.sections[index] if index is not None else None
        title = section.title if section is not None and section.title else "(untitled)"
        runs = _runs(part)
        for run in runs[:1] if p.per == "section" else runs:
            first = run[0]
            start, end = sentence_at(first.text, 0)
            message = (template.replace("{run}", str(len(run)))
                       .replace("{items}", str(len(items))).replace("{blocks}", str(len(part)))
                       .replace("{section}", title).replace("{scope}", scope))
            findings.append(ctx.finding(criterion, first, start, end, message, p.suggestion))
    listed = size([b for b in blocks if b.kind == BlockKind.LIST_ITEM])
    total = size(blocks)
    share = listed / total if total else 0.0
    unit = "words" if p.measure == "words" else "prose blocks"
    if p.per == "scope":
        note = f"list items: {share:.0%} of {total} {unit} (max {p.max_share:.0%})"
        return Outcome(not listy, findings, note=note)
    note = (f"{listy} sections mostly bullets (tolerance {p.max_sections}); "
            f"{share:.0%} of {unit} are list items")
    return Outcome(listy <= p.max_sections, findings, note=note)


__all__ = ["check_length", "check_list_share", "check_order", "check_section"]
