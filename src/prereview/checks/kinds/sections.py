"""The ``section`` kind: a named section is there and says something (and, where
the rubric asks, each of its items carries what it must)."""

from __future__ import annotations

from prereview.checks.applicability import asked_by_template_only, marker_hit
from prereview.checks.context import CheckContext
from prereview.checks.params import any_search, compile_all, with_names
from prereview.checks.reading.api_defaults import stated_defaults
from prereview.checks.reading.embedded import embedded_blocks
from prereview.checks.reading.faq import find_entries
from prereview.checks.reading.opening import opening_prose, opening_words
from prereview.checks.reading.part_headings import (
    plan_step,
)
from prereview.checks.reading.subject import asked_in_covers, subject_covers
from prereview.checks.reading.topics import parts_about, section_about
from prereview.checks.registry import Outcome, check_kind
from prereview.checks.section_judge import (
    content_blocks,
    judge_section,
)
from prereview.checks.section_params import SectionParams
from prereview.document import Block, Section
from prereview.prefixscan import finditer as scan_finditer
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import (
    humanise,
    sentence_at,
)
from prereview.wordindex import per_pattern, union

# ----------------------------------------------------------------------- section


@check_kind("section", SectionParams)
def check_section(ctx: CheckContext, criterion: Criterion, p: SectionParams) -> Outcome:
    """A named section (found by its heading aliases) is present and has content."""
    label = p.label or humanise(p.section)
    if p.fail_markers:
        marked = marker_hit(ctx, p.fail_markers)
        if marked is not None:
            block, m = marked
            line = block.line_of(m.start())
            where = f" (line {line})" if line is not None else ""
            finding = ctx.finding(
                criterion, block, m.start(), m.end(),
                f"'{m.group(0).strip()}' marks a question the document leaves open in its "
                f"text: settle it, or list it under the {label}.",
            )
            return Outcome(False, [finding], note=f"{label}: left open in the text{where}",
                           found=True, found_at=_place(ctx, block, line))
    sections = ctx.sections_named(p.section)
    if p.not_inside and sections:
        product = embedded_blocks(ctx, p.not_inside, through=[p.section])
        sections = [s for s in sections if s.heading_block not in product]
    if sections:
        judged = judge_section(ctx, criterion, p, label, sections)
        opening = _opening(ctx, p, label) if p.or_opening and not judged.passed else None
        if opening is not None:
            return opening  # a short FAQ answer beside the summary under the title
        if judged.passed or content_blocks(ctx, sections, p.count_code):
            return judged  # a section with words ("TBD") is judged by them
        # a heading with nothing under it (a diagram's title named "Encryption")
        return _by_subject(ctx, p, label) or judged
    for other in p.fallback:
        found = [s for s in ctx.sections_named(other)
                 if not _claimed(ctx, s, {other, p.section})]
        if found and p.fallback_questions:
            found = [s for s in found if _asks(ctx, s, p.fallback_questions, p.fallback_share)]
        if found and p.fallback_unless_questions:
            found = [s for s in found
                     if not _asks(ctx, s, p.fallback_unless_questions, p.fallback_share)]
        if found:
            block = ctx.heading_block(found[0])
            finding = ctx.finding(
                criterion, block, 0, len(block.text),
                f"No separate {label} section: '{block.text.strip()}' is read as one.",
            )
            return Outcome(True, [finding], score=p.fallback_score,
                           note=f"{label}: not found; '{block.text.strip()}' stands in for it",
                           found=True, found_at=f"'{block.text.strip()}'")
    opening = _opening(ctx, p, label) if p.or_opening else None
    if opening is not None:
        return opening
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
            return Outcome(True, findings, note=note, score=p.or_score, found=True,
                           found_at=_place(ctx, block, line))
    step = plan_step(ctx, p.or_steps_in, p.or_steps) if p.or_steps else None
    if step is not None:
        block, start = step
        line = block.line_of(start)
        where = f" (line {line})" if line is not None else ""
        return Outcome(True, [], note=f"{label}: no heading; a step of the plan{where}",
                       score=p.or_score, found=True, found_at=_place(ctx, block, line))
    outside = _outside(ctx, p)
    about = section_about(ctx, p.or_about, p.or_about_hits, p.or_about_kinds, outside)
    if about is not None:
        section, hits = about
        title = ctx.heading_text(section)
        return Outcome(True, [], note=f"{label}: no heading; '{title}' is about it "
                       f"({hits} terms)", found=True, found_at=f"'{title}'")
    across = parts_about(ctx, p.or_about, p.or_about_hits, p.or_about_kinds,
                         [s for sid in p.or_about_across for s in ctx.sections_named(sid)],
                         outside) if p.or_about_across else None
    if across is not None:
        parts, hits = across
        titles = ", ".join(f"'{ctx.heading_text(s)}'" for s in parts)
        return Outcome(True, [], note=f"{label}: no heading; the proposal's own parts "
                       f"({titles}) are about it together ({hits} terms)",
                       found=True, found_at=titles)
    stated = stated_defaults(ctx, p.or_api_defaults) if p.or_api_defaults else None
    if stated is not None:
        line = stated.block.line_of(stated.start)
        where = f"line {line}: " if line is not None else ""
        return Outcome(True, [], note=f"{label}: no heading; the API's doc comments state "
                       f"its {label} defaults ({where}'{stated.line}'; {stated.hits} in all)",
                       found=True, found_at=_place(ctx, stated.block, line))
    covered = _by_subject(ctx, p, label, asked=True)
    if covered is not None:
        return covered
    family = ctx.family()
    why = p.asked_because.get(family[0]) if family is not None else None
    finding = ctx.block_finding(criterion, f"No {label} section found.", suggestion=why)
    # with no content search, only the heading search failed: not confident
    asked = f"; asked of every {family[1].label}" if why and family is not None else ""
    if p.asked_only is not None and asked_by_template_only(ctx, criterion):
        # the template's question, with nothing seen at stake: a sentence is owed
        how = ("a warning: one sentence answers it" if p.asked_only.warn
               else f"so it fails as {p.asked_only.severity}")
        return Outcome(p.asked_only.warn, [finding], score=p.asked_only.score,
                       severity=p.asked_only.severity,
                       note=f"{label}: not answered{asked} (the template asks it; no "
                       f"{label} surface is seen, {how})",
                       confident=bool(p.or_patterns or p.or_about), found=False)
    return Outcome(False, [finding], note=f"{label}: missing{asked}",
                   confident=bool(p.or_patterns or p.or_about),
                   found=False)


def _by_subject(ctx: CheckContext, p: SectionParams, label: str,
                asked: bool = False) -> Outcome | None:
    """The part covered where the template asks for it (``asked``), or by the
    document's subject (``reading.subject``)."""
    covered = asked_in_covers(ctx, p.or_asked_in, label) if (
        asked and p.or_asked_in is not None) else None
    if covered is None and p.or_subject is not None:
        covered = subject_covers(ctx, p.or_subject, label)
    if covered is None:
        return None
    line = covered.block.line_of(covered.start)
    return Outcome(True, [], note=covered.note, found=True,
                   found_at=_place(ctx, covered.block, line))


def _opening(ctx: CheckContext, p: SectionParams, label: str) -> Outcome | None:
    """The part read at the prose under the title, when it has the words."""
    words = opening_words(ctx)
    blocks = opening_prose(ctx)
    if not blocks or words < (p.min_words or 1):
        return None
    line = blocks[0].line_of(0)
    where = f" (line {line})" if line is not None else ""
    return Outcome(True, [], note=f"{label}: the opening under the title{where} "
                   f"({words} words, at least {p.min_words or 1})",
                   found=True, found_at=f"the opening under the title{where}")


def _place(ctx: CheckContext, block: Block, line: int | None) -> str:
    """Where a block is, for the reading map: "the text under 'Motivation' (line 12)"."""
    where = f" (line {line})" if line is not None else ""
    inner = None
    for section in ctx.document.sections:
        if (section.heading_block is not None
                and section.first_block <= block.index < section.end_block
                and (inner is None or section.first_block >= inner.first_block)):
            inner = section
    if inner is None:
        return f"the text{where}"
    return f"the text under '{ctx.heading_text(inner)}'{where}"


def _asks(ctx: CheckContext, section: Section, questions: list[str], share: float) -> bool:
    """Whether at least ``share`` of the section's FAQ questions match one of
    ``questions``."""
    picked = ctx.block_indices([section])
    entries = find_entries(ctx, [b for b in ctx.document.blocks if b.index in picked])
    if not entries:
        return False
    patterns = compile_all(questions)
    asked = sum(1 for e in entries
                if any(x.search(e.question.text[e.start:e.end]) for x in patterns))
    return asked >= share * len(entries)


def _claimed(ctx: CheckContext, section: Section, ids: set[str]) -> bool:
    """The section's heading also names another section of the rubric ("Internal
    FAQ" is an FAQ, but cannot stand in for the external one)."""
    name = ctx.normalised_titles()[section.index]
    return any(
        any_search(spec.headings, name)
        for sid, spec in ctx.rubric.sections.items()
        if sid not in ids
    )


def _outside(ctx: CheckContext, p: SectionParams) -> set[int]:
    """Blocks of the ``or_outside`` sections (a rejected alternative's pros and cons)."""
    return ctx.block_indices([s for o in p.or_outside for s in ctx.sections_named(o)])


def _or_match(ctx: CheckContext, p: SectionParams) -> tuple[Block, int, int] | None:
    blocks = ctx.prose(p.or_scope)
    if p.or_outside:
        inside = _outside(ctx, p)
        blocks = [b for b in blocks if b.index not in inside]
    if p.or_within is not None:
        blocks = blocks[: p.or_within]
    patterns = compile_all(with_names(p.or_patterns, p.or_names))
    where = per_pattern(ctx.document, patterns)  # blocks where each may match
    cands = union(where)
    for block in blocks:
        if cands is not None and block.index not in cands:
            continue
        if not all(req.found_in(block.text) for req in p.contains):
            continue
        # a soft line break is a space ("This RFC\ndoes not cover"); same offsets
        text = block.text.replace("\n", " ")
        for pattern, at in zip(patterns, where, strict=True):
            if at is not None and block.index not in at:
                continue
            # the first match of finditer is search's, found where a match can start
            match = next(scan_finditer(pattern, text), None)
            if match is not None:
                return block, match.start(), match.end()
    return None


