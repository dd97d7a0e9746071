"""The ``section`` kind: a named section is there and says something (and, where
the rubric asks, each of its items carries what it must)."""

from __future__ import annotations

import re

from prereview.checks.applicability import asked_by_template_only, marker_hit
from prereview.checks.context import CheckContext
from prereview.checks.params import any_search, compile_all, with_names
from prereview.checks.reading.answered import is_short_answer, unfilled_form
from prereview.checks.reading.api_defaults import stated_defaults
from prereview.checks.reading.deferred import all_deferred, deferred_as
from prereview.checks.reading.embedded import embedded_blocks
from prereview.checks.reading.faq import find_entries
from prereview.checks.reading.opening import opening_prose, opening_words
from prereview.checks.reading.part_headings import (
    best_named,
    flat_content,
    has_content,
    plan_step,
)
from prereview.checks.reading.questionnaire import asking_questions
from prereview.checks.reading.section_items import judge_items
from prereview.checks.reading.subject import asked_in_covers, subject_covers
from prereview.checks.reading.topics import parts_about, section_about
from prereview.checks.registry import Outcome, check_kind
from prereview.checks.section_params import SectionParams
from prereview.document import Block, BlockKind, Section
from prereview.prefixscan import finditer as scan_finditer
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import (
    has_words,
    humanise,
    sentence_at,
    word_count,
)
from prereview.wordindex import per_pattern, union

# ----------------------------------------------------------------------- section


def _content_blocks(
    ctx: CheckContext, sections: list[Section], code: bool = False
) -> list[Block]:
    """The blocks with words under ``sections`` (no heading; code when ``code``,
    never HTML; never the template's form left unfilled, "- [ ] Metrics" over
    "- Metric name:", see ``reading.answered``): worked out once per review for
    the same sections."""
    def compute() -> list[Block]:
        picked = ctx.block_indices(sections)
        blocks = ctx.document.blocks
        at = ctx.block_positions()  # the picked blocks in order, not a scan of all
        blank = ctx.cached(("unfilled form",), lambda: unfilled_form(ctx.document))
        return [
            b
            for b in (blocks[k] for k in sorted(k for i in picked for k in at.get(i, ())))
            if b.kind != BlockKind.HEADING and b.index not in blank
            and (b.kind != BlockKind.CODE or (code and b.style != "html"))
            and has_words(b.text)
        ]

    key = ("content blocks", tuple((s.first_block, s.end_block) for s in sections), code)
    return list(ctx.cached(key, compute))


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
        judged = _judge_section(ctx, criterion, p, label, sections)
        opening = _opening(ctx, p, label) if p.or_opening and not judged.passed else None
        if opening is not None:
            return opening  # a short FAQ answer beside the summary under the title
        if judged.passed or _content_blocks(ctx, sections, p.count_code):
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


def _code_suffices(ctx: CheckContext, p: SectionParams, sections: list[Section]) -> bool:
    """The section holds a code block and ``code_suffices`` words of prose."""
    if p.code_suffices is None:
        return False
    blocks = _content_blocks(ctx, sections, code=True)
    if not any(b.kind == BlockKind.CODE for b in blocks):
        return False
    prose = sum(word_count(b.text) for b in blocks if b.kind != BlockKind.CODE)
    return prose >= p.code_suffices


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


_UNFILLED = re.compile(r"[\s<\[(*_\\]*(?:todo|tbd|tba|fixme|xxx|to be (?:written|done|decided)"
                       r"|this section (?:must|should|is to) be (?:completed|filled|written)"
                       r" when\b)\b", re.IGNORECASE)
"""Content that only says it is still to be written ("TODO for SIG-AWS", a KEP's
"This section must be completed when targeting beta graduation to a release.")
is no reading of the part: the heading is there, the part is not."""

_DEFERRED = re.compile(r"[\s*_]*this section (?:must|should|is to) be (?:completed|filled|written)"
                       r" when targeting\b", re.IGNORECASE)
"""The template's own note that a section is written at a later stage (a KEP's
"This section must be completed when targeting beta graduation to a release."):
the part is not there yet, and not asked yet either."""

EMPTY_SIBLING_SCORE = 0.75
"""Share of the weight a section earns when one of its headings is answered and
another of the same part is left empty (a CDK RFC's "Why should we not do
this?" with nothing under it, next to an answered "Is this a breaking change?")."""


REQUIRED_EMPTY_SCORE = 0.5
"""Share of the weight a part earns when a heading its template asks answered in
its own right is left empty (a KEP's "Drawbacks") and a sibling answers the rest
("Risks and Mitigations"): it fails, half there."""


def _required(ctx: CheckContext, p: SectionParams, section: Section) -> bool:
    """Whether the heading is one the template asks answered in its own right
    (``required_headings``), not marked optional (``optional_marks``)."""
    name = ctx.normalised_titles()[section.index]
    raw = ctx.heading_block(section).text
    return (any(r.search(name) for r in compile_all(p.required_headings))
            and not any(r.search(raw) for r in compile_all(p.optional_marks)))


def _unfilled(blocks: list[Block]) -> bool:
    """Whether the content (some) only says it is still to be written."""
    return bool(blocks) and all(_UNFILLED.match(b.text) for b in blocks)


def _judge_section(
    ctx: CheckContext, criterion: Criterion, p: SectionParams, label: str,
    sections: list[Section],
) -> Outcome:
    if p.at_questions:
        naming = compile_all(p.at_questions)
        read = [q for x in sections for q in (asking_questions(ctx, x, naming) or [x])]
        answers = _content_blocks(ctx, read, p.count_code)
        # its questions answered "N/A" (a change with no service level of its own):
        # the author's answer, read with the rest of the section, as written
        if not answers or not all(map(is_short_answer, answers)):
            sections = read
    # an empty heading whose content follows as sibling headings holds them
    held = {x.index: flat_content(ctx, x, p.holds) for x in sections}
    sections = [*sections, *(h for x in sections for h in held[x.index])]
    content = _content_blocks(ctx, sections, p.count_code)
    # a part that only says it is still to be written has no words of its own
    unfilled = _unfilled(content)
    count = 0 if unfilled else sum(word_count(b.text) for b in content)
    # an empty heading (nothing, or only an HTML comment, under it; a code block is
    # content) is not the section, even when a neighbouring one of the same role
    # is answered
    empty = [x for x in sections if not has_content(ctx, x) and not held.get(x.index)] \
        if len(sections) > 1 and count else []
    answered = [x for x in sections if x not in empty]
    # one the template marks optional ("Notes/Constraints/Caveats (Optional)") is
    # the author's to leave out: no finding of the part (blind reading 12: it led
    # a KEP's actions beside its empty Drawbacks)
    marks = compile_all(p.optional_marks)
    empty = [x for x in empty
             if not any(r.search(ctx.heading_block(x).text) for r in marks)]
    # the reader is pointed to the heading that is most the part's name, among
    # those that say something ("Risks and Mitigations: <TBD>" next to answered
    # compatibility sections is not where the part is)
    said = [x for x in answered if not _unfilled(_content_blocks(ctx, [x], p.count_code))]
    # and among those, to one with words: a heading that holds only a diagram
    # ("Generate Data Encryption Key (DEK) Seed" over a sequence diagram) is not
    # where a sibling's analysis ("Cryptography Details") is
    named = [x for x in said if x.index in held]
    worded = [x for x in named or said
              if _content_blocks(ctx, [x, *held.get(x.index, [])], p.count_code)]
    # a weak heading read for its content ("Graduation Criteria" that names a
    # stage) names the part as well as the others
    spec = ctx.rubric.sections[p.section]
    heading = ctx.heading_block(best_named(ctx, worded or named or said or answered,
                                           [*spec.headings, *spec.weak_headings]))
    title = heading.text.strip()
    # the words of every heading of the part are counted: say so ("'Non-Goals'
    # (354 words" is not the Non-Goals alone when a "Limitations" heading is read too)
    more = len(sections) - 1
    also = f" and {more} more heading{'s' if more > 1 else ''}" if more else ""
    note = f"{label}: '{title}'{also} ({count} words"
    note += f", at least {p.min_words})" if p.min_words > 1 else ")"
    if unfilled and all(_DEFERRED.match(b.text) for b in content):
        note = (f"{label}: '{title}' holds only the template's note that it is written "
                "at a later stage: not there, and not asked yet")
        return Outcome(True, [], note=note, found=False)
    if content and any(r.match(content[0].text) for r in compile_all(p.not_an_answer)):
        answer = content[0].text.split()[0] if content[0].text.split() else ""
        note = f"{label}: '{title}' answers '{answer}', which is not an answer"
        finding = ctx.finding(criterion, heading, 0, len(heading.text),
                              f"The {label} section answers '{answer}': say what was "
                              "considered and why it was not chosen.")
        return Outcome(False, [finding], note=note, confident=False, found=False)
    findings: list[Finding] = []
    if p.after is not None:
        earlier = ctx.sections_named(p.after)
        if earlier and earlier[0].first_block > sections[0].first_block:
            other = ctx.heading_text(earlier[0])
            findings.append(ctx.finding(
                criterion, heading, 0, len(heading.text),
                f"'{title}' comes before '{other}': the {label} should follow it.",
            ))
    required = [x for x in empty if _required(ctx, p, x)]
    for x in empty:
        block = ctx.heading_block(x)
        name = ctx.heading_text(x)
        findings.append(ctx.finding(
            criterion, block, 0, len(block.text),
            f"'{block.text.strip()}' has nothing under it: the template asks it answered "
            f"in its own right, apart from the rest of the {label}; write it, or say "
            "'None' and why."
            if x in required else
            f"'{block.text.strip()}' has nothing under it: answer it, or remove the heading.",
            suggestion=f"Fill in the empty '{name}' section (or say 'None' and why)."
            if x in required else None,
        ))
    # a diagram or a code block is content, if not the part's words
    drawn = count == 0 and not unfilled and any(has_content(ctx, x) for x in sections)
    if count < p.min_words and _code_suffices(ctx, p, sections):
        note += "; a code block with its prose is a complete design"
    elif count < p.min_words and count and p.short_answers and content and all(
            map(is_short_answer, content)):
        note += f"; '{content[0].text.strip()[:60]}' is the author's explicit answer"
    elif count < p.min_words and p.stages_of is not None and all_deferred(
            sections, (later := deferred_as(ctx, p.stages_of))[0]):
        return Outcome(True, [], note=f"{note}; not due yet: the template leaves it for a "
                       f"later stage than {later[1]}", found=False)
    elif count < p.min_words:
        what = "only says it is still to be written" if unfilled else \
            "holds only a code block or diagram, no prose" if drawn else \
            "is empty" if count == 0 else f"has {count} words (at least {p.min_words})"
        findings.append(ctx.finding(
            criterion, heading, 0, len(heading.text), f"The {label} section {what}.",
        ))
    else:
        # Headings count here: "Rollout, Upgrade and Rollback Planning" over answers
        # to its questions is a rollout plan.
        titled = ctx.block_indices(sections)
        kept = {b.index for b in content}  # indices: Block equality is a deep compare
        text = "\n".join(b.text for b in ctx.document.blocks if b.index in titled
                         and (b.index in kept or b.kind == BlockKind.HEADING))
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
            findings.extend(judge_items(ctx, criterion, label, sections, content,
                                        p.items_contain, p.item_enough_words))
    # the section is there: a thin one is a gap to fill, never a missing blocker;
    # an empty heading is not the part (the labels' reading: a placeholder)
    found = count > 0 or drawn or _code_suffices(ctx, p, sections)
    if required and len(findings) == len(empty):
        # a heading the template asks answered on its own (a KEP's Drawbacks) is
        # not answered by its sibling: the part is half there
        names = ", ".join(f"'{ctx.heading_text(x)}'" for x in required)
        note += f"; {names} of the same part left empty"
        return Outcome(False, findings, note=note, score=REQUIRED_EMPTY_SCORE, found=True,
                       found_at=f"'{title}'", confident=False)
    if empty and len(findings) == len(empty):
        # answered elsewhere: it passes, for a share of the weight
        note += f"; {len(empty)} empty heading(s) of the same part"
        return Outcome(True, findings, note=note, score=EMPTY_SIBLING_SCORE, found=True,
                       found_at=f"'{title}'")
    return Outcome(not findings, findings, note=note, confident=False, found=found,
                   found_at=f"'{title}'" if found else None)
