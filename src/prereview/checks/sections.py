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
    items_contain: list[Requirement] = Field(default_factory=list)
    """Each must be found in every item the section lists (each alternative needs
    its reason): an item is a sub-section, or else an item of the section's
    outermost list with its sub-items. An item without is a finding quoting it,
    unless the section's prose around the items has it (a closing "we rejected
    both because ..." may speak for them all). With fewer than two items the
    section's text as a whole must have it."""
    item_enough_words: int | None = Field(default=None, ge=1)
    """An item with this many words besides its title is taken to meet
    ``items_contain`` in words no pattern foresees (an analysis, not a bare name)."""
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
        # Headings count here: "Rollout, Upgrade and Rollback Planning" over answers
        # to its questions is a rollout plan.
        titled = ctx.block_indices(sections)
        text = "\n".join(b.text for b in ctx.document.blocks if b.index in titled
                         and (b in content or b.kind == BlockKind.HEADING))
        subject = f"The {label} section has"
        if len(sections) > 1:
            names = ", ".join(f"'{ctx.heading_text(s)}'" for s in sections)
            subject = f"The {label} sections ({names}) have"
        for req in p.contains:
            if not req.found_in(text):
                findings.append(ctx.finding(
                    criterion, heading, 0, len(heading.text), f"{subject} no {req.what}.",
                ))
        if p.items_contain:
            findings.extend(_judge_items(ctx, criterion, p, label, sections, content))
    return Outcome(not findings, findings, note=note)


def _items(
    ctx: CheckContext, sections: list[Section], content: list[Block]
) -> list[list[Block]]:
    """What a section lists, each item as its blocks (first the one to quote): its
    sub-sections (heading and all), or else its outermost list items with the
    deeper items under each."""
    doc = ctx.document
    ids = {s.index for s in sections}
    children = [s for s in doc.sections if s.parent in ids and s.heading_block is not None]
    if len(children) >= 2:
        keep = {b.index for b in content}
        return [[doc.blocks[c.heading_block or 0],
                 *(b for b in doc.blocks_in(c) if b.index in keep)] for c in children]
    listed = [b for b in content if b.kind == BlockKind.LIST_ITEM]
    if not listed:
        return []
    top = min(b.level or 1 for b in listed)
    items: list[list[Block]] = []
    previous: Block | None = None
    for block in content:
        if block.kind == BlockKind.LIST_ITEM and (block.level or 1) == top:
            items.append([block])
        elif (block.kind == BlockKind.LIST_ITEM and items and previous is not None
              and previous.kind == BlockKind.LIST_ITEM and block.index == previous.index + 1):
            items[-1].append(block)  # a sub-item of the item above
        previous = block
    return items


def _judge_items(
    ctx: CheckContext, criterion: Criterion, p: SectionParams, label: str,
    sections: list[Section], content: list[Block],
) -> list[Finding]:
    items = _items(ctx, sections, content)
    in_items = {b.index for item in items for b in item}
    around = "\n".join(b.text for b in content if b.index not in in_items)
    whole = "\n".join(b.text for b in content)
    heading = _heading_block(ctx, sections[0])
    findings: list[Finding] = []
    for req in p.items_contain:
        if len(items) < 2:
            if not req.found_in(whole):
                findings.append(ctx.finding(
                    criterion, heading, 0, len(heading.text),
                    f"The {label} section gives no {req.what}.",
                ))
            continue
        if req.found_in(around):
            continue
        for item in items:
            if req.found_in("\n".join(b.text for b in item)):
                continue
            body = item[1:] if item[0].kind == BlockKind.HEADING else item
            if p.item_enough_words is not None and \
                    sum(word_count(b.text) for b in body) >= p.item_enough_words:
                continue
            first = item[0]
            start, end = (0, len(first.text)) if first.kind == BlockKind.HEADING \
                else sentence_at(first.text, 0)
            findings.append(ctx.finding(
                criterion, first, start, end,
                f"'{' '.join(first.text[start:end].split())}' is listed with no {req.what}.",
            ))
    return findings


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
    """Section ids whose lists are expected (goals, milestones, tenets): left out of
    the count. An id the rubric does not define is skipped, so a base rubric can
    name the sections of every document type that extends it."""
    ignore_headings: list[str] = Field(default_factory=list)
    """Regexes of headings (a section's own or its parents') where lists are the
    norm whatever the document type (references, glossary, an FAQ answer on what
    is out of scope): those sections are left out too."""
    ignore_ordered: bool = False
    """Leave numbered lists out: in a design they are procedures (failover steps,
    rollout stages), which are clearer numbered than as prose."""
    max_sections: int = Field(default=0, ge=0)
    """With ``per: section``, how many too-listy sections are tolerated."""
    message: str | None = None
    """Template of the finding on each list: ``{run}`` (items in this list),
    ``{items}`` and ``{blocks}`` (list items and prose blocks of the part),
    ``{share}`` (the part's share of list items, by ``measure``), ``{measured}``
    (that share in words that fit the measure), ``{section}``, ``{scope}``. The
    default depends on ``per``."""
    suggestion: str | None = None

    @field_validator("ignore_headings")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value


_LIST_MESSAGE = {
    "scope": "A bulleted list of {run} item(s) in the {scope}: write it as prose, or move it "
             "to an appendix.",
    "section": "Section '{section}' is mostly bullets ({measured}): write it as prose that "
               "connects the points.",
}
_MEASURED = {
    "blocks": "{items} of {blocks} blocks",
    "words": "{share} of its words are in list items",
}
"""How a message says what was measured (``{measured}``), per ``measure``."""


def _exempt(ctx: CheckContext, p: ListShareParams) -> set[int]:
    exempt: set[int] = set()
    for sid in p.except_sections:
        if sid in ctx.rubric.sections:
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
    blocks = [b for b in ctx.prose(p.scope) if b.index not in exempt
              and not (p.ignore_ordered and b.kind == BlockKind.LIST_ITEM and b.ordered)]
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
        part_share = f"{size(items) / whole:.0%}"
        for run in runs[:1] if p.per == "section" else runs:
            first = run[0]
            start, end = sentence_at(first.text, 0)
            message = (template.replace("{measured}", _MEASURED[p.measure])
                       .replace("{run}", str(len(run))).replace("{share}", part_share)
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
