"""Judging a part of a proposal once its headings are found (the ``section``
kind's second half): its words against the floor, empty sibling headings, a
heading the template asks answered in its own right, a part not due yet, an
explicit short answer, and what each of its items must carry."""

from __future__ import annotations

import re

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.answered import is_short_answer, unfilled_form
from prereview.checks.reading.deferred import all_deferred, deferred_as, template_boilerplate
from prereview.checks.reading.part_headings import (
    best_named,
    flat_content,
    has_content,
)
from prereview.checks.reading.questionnaire import asking_questions
from prereview.checks.reading.section_items import judge_items
from prereview.checks.registry import Outcome
from prereview.checks.section_params import SectionParams
from prereview.document import Block, BlockKind, Section
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import (
    has_words,
    word_count,
)


def content_blocks(
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


def code_suffices(ctx: CheckContext, p: SectionParams, sections: list[Section]) -> bool:
    """The section holds a code block and ``code_suffices`` words of prose."""
    if p.code_suffices is None:
        return False
    blocks = content_blocks(ctx, sections, code=True)
    if not any(b.kind == BlockKind.CODE for b in blocks):
        return False
    prose = sum(word_count(b.text) for b in blocks if b.kind != BlockKind.CODE)
    return prose >= p.code_suffices


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


def only_unfilled(blocks: list[Block]) -> bool:
    """Whether the content (some) only says it is still to be written."""
    return bool(blocks) and all(_UNFILLED.match(b.text) for b in blocks)


def judge_section(
    ctx: CheckContext, criterion: Criterion, p: SectionParams, label: str,
    sections: list[Section],
) -> Outcome:
    if p.at_questions:
        naming = compile_all(p.at_questions)
        read = [q for x in sections for q in (asking_questions(ctx, x, naming) or [x])]
        answers = content_blocks(ctx, read, p.count_code)
        # its questions answered "N/A" (a change with no service level of its own):
        # the author's answer, read with the rest of the section, as written
        if not answers or not all(map(is_short_answer, answers)):
            sections = read
    # an empty heading whose content follows as sibling headings holds them
    held = {x.index: flat_content(ctx, x, p.holds) for x in sections}
    sections = [*sections, *(h for x in sections for h in held[x.index])]
    # the template's own text under a heading is no answer of the author's
    # (but for its note that the part is written at a later stage, read below)
    boiler = frozenset(
        i for i in (template_boilerplate(ctx, p.prompts_of) if p.prompts_of else ())
        if not _DEFERRED.match(ctx.document.blocks[i].text))
    content = [b for b in content_blocks(ctx, sections, p.count_code) if b.index not in boiler]
    # a part that only says it is still to be written has no words of its own
    unfilled = only_unfilled(content)
    count = 0 if unfilled else sum(word_count(b.text) for b in content)
    # an empty heading (nothing, or only an HTML comment, under it; a code block is
    # content) is not the section, even when a neighbouring one of the same role
    # is answered
    # (or only "N/A": a template's heading left unanswered, beside answered ones)
    refusals = compile_all(p.not_an_answer)

    def refused(blocks: list[Block]) -> bool:
        return bool(blocks) and all(any(r.match(b.text) for r in refusals) for b in blocks)

    def unanswered(x: Section) -> bool:
        own = content_blocks(ctx, [x], p.count_code)
        return not has_content(ctx, x) or refused(own) or bool(
            boiler and own and all(b.index in boiler for b in own))

    empty = [x for x in sections if unanswered(x) and not held.get(x.index)] \
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
    said = [x for x in answered if not only_unfilled(content_blocks(ctx, [x], p.count_code))]
    # and among those, to one with words: a heading that holds only a diagram
    # ("Generate Data Encryption Key (DEK) Seed" over a sequence diagram) is not
    # where a sibling's analysis ("Cryptography Details") is
    named = [x for x in said if x.index in held]
    worded = [x for x in named or said
              if content_blocks(ctx, [x, *held.get(x.index, [])], p.count_code)]
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
    if refused(content):
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
        lack = "answers only 'N/A'" if has_content(ctx, x) else "has nothing under it"
        findings.append(ctx.finding(
            criterion, block, 0, len(block.text),
            f"'{block.text.strip()}' {lack}: the template asks it answered "
            f"in its own right, apart from the rest of the {label}; write it, or say "
            "'None' and why."
            if x in required else
            f"'{block.text.strip()}' {lack}: answer it, or remove the heading.",
            suggestion=f"Fill in the empty '{name}' section (or say 'None' and why)."
            if x in required else None,
        ))
    # a diagram or a code block is content, if not the part's words
    drawn = count == 0 and not unfilled and any(has_content(ctx, x) for x in sections)
    if count < p.min_words and code_suffices(ctx, p, sections):
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
    found = count > 0 or drawn or code_suffices(ctx, p, sections)
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
