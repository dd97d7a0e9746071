"""Press-release kinds: headline, subheading, dateline, and the paragraphs that
must be there (getting started, call to action)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, Requirement, ScopeRef, compile_all
from prereview.checks.reading.faq_answers import answered_in_faq
from prereview.checks.reading.press import (
    DATE_OPENING,
    DEFAULT_DATELINE,
    first_matches,
    press_release,
    strip_label,
)
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.regexes import bounded
from prereview.rubric.model import Criterion
from prereview.text import (
    has_words,
    opening,
    sentence_at,
    word_count,
)

# ---------------------------------------------------------------------- headline


class HeadlineParams(Params):
    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    warn_above: int = Field(default=15, ge=1)
    """Words; above this the criterion passes with half its weight and a finding."""
    fail_above: int = Field(default=25, ge=1)
    """Words; above this the criterion fails."""


@check_kind("headline", HeadlineParams)
def check_headline(ctx: CheckContext, criterion: Criterion, p: HeadlineParams) -> Outcome:
    """The press release opens with a one-line headline of limited length."""
    pr = press_release(ctx, p.scope)
    if pr.headline is None:
        finding = ctx.block_finding(
            criterion, f"The {ctx.scope_label(p.scope)} has no headline.")
        return Outcome(False, [finding], note="headline: missing")
    block = pr.headline
    start, end = pr.headline_range()
    count = word_count(block.text[start:end])
    note = f"headline: {count} words (warn above {p.warn_above}, fail above {p.fail_above})"
    if count > p.fail_above or count > p.warn_above:
        finding = ctx.finding(
            criterion, block, start, end,
            f"The headline is {count} words long; aim for {p.warn_above} or fewer.",
        )
        if count > p.fail_above:
            return Outcome(False, [finding], note=note, found_at=note)
        return Outcome(True, [finding], note=note, score=0.5, found_at=note)
    return Outcome(True, note=note, found_at=note)


# -------------------------------------------------------------------- subheading


class SubheadingParams(Params):
    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    max_words: int = Field(default=40, ge=1)
    """A longer subheading is a finding."""


@check_kind("subheading", SubheadingParams)
def check_subheading(ctx: CheckContext, criterion: Criterion, p: SubheadingParams) -> Outcome:
    """One sentence under the headline, before the first paragraph."""
    pr = press_release(ctx, p.scope)
    block = pr.subheading
    if block is None:
        message = "No one-sentence subheading under the headline."
        if pr.headline is not None:
            h_start, h_end = pr.headline_range()
            finding = ctx.finding(criterion, pr.headline, h_start, h_end, message)
        else:
            finding = ctx.block_finding(criterion, message)
        return Outcome(False, [finding], note="subheading: missing")
    start, end = pr.subheading_range()
    count = word_count(block.text[start:end])
    note = f"subheading: {count} words (at most {p.max_words})"
    if count > p.max_words:
        finding = ctx.finding(
            criterion, block, start, end,
            f"The subheading is {count} words long; keep it to one sentence of at most "
            f"{p.max_words} words.",
        )
        return Outcome(False, [finding], note=note, found_at=note)
    return Outcome(True, note=note, found_at=note)


# ---------------------------------------------------------------------- dateline


class DatelineParams(Params):
    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    within: int = Field(default=2, ge=1)
    """How many body paragraphs may come before the one with the dateline."""
    pattern: Regex = DEFAULT_DATELINE
    """Matched at the start of a paragraph, case-sensitively."""
    date_opening: Regex | None = DATE_OPENING
    """A first paragraph whose prose opens with a date and no place ("In June 2022,",
    "At COP27 in November 2022,"): the launch is dated but there is no dateline, a
    failure for ``date_opening_score`` of the weight; ``null``: no such credit."""
    date_opening_score: float = Field(default=0.5, ge=0, le=1)
    """Share of the weight a first sentence dated in its prose earns."""


_FIELD_RE = re.compile(r"\[[^\]\n]{1,40}\]")
"""A template field in a dateline ("[City, Date]", "[DATE]")."""
_PLACE_ONLY_RE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,3},[ \t]*"
    r"[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,3})\s*(?:[—–]|--?)\s")
"""A dateline with the place and no date: "San Francisco, CA – Acme today…"."""


@check_kind("dateline", DatelineParams)
def check_dateline(ctx: CheckContext, criterion: Criterion, p: DatelineParams) -> Outcome:
    """The first paragraph opens with a location and a launch date."""
    pr = press_release(ctx, p.scope)
    pattern = bounded(p.pattern)
    # an all-capitals banner ("FOR IMMEDIATE RELEASE") is boilerplate, not the
    # first paragraph: the dateline may follow it
    body = [b for b in pr.body if any(ch.islower() for ch in b.text)] or pr.body
    for block in body[: p.within]:
        text = block.text[strip_label(block.text) :]
        m = pattern.match(text)
        if m is not None:
            found = text[: m.end()].strip()
            field_ = _FIELD_RE.search(found)
            if field_ is None:
                return Outcome(True, note=f"dateline: '{found}'", found_at=f"dateline: '{found}'")
            # one element, one reading: the placeholder style.placeholders reports
            # is the dateline's place or date, not a dateline that is complete
            offset = strip_label(block.text)
            finding = ctx.finding(
                criterion, block, offset + field_.start(), offset + field_.end(),
                f"The dateline's place or date is a placeholder ('{field_.group()}'): "
                "write the city and the launch date.")
            # the dateline is there, its values are not: half the weight (the
            # placeholder itself is style.placeholders' finding)
            note = f"dateline: placeholder '{found}'"
            return Outcome(False, [finding], note=note, score=0.5, found_at=note)
    if body and p.date_opening is not None:
        text = body[0].text[strip_label(body[0].text):]
        m = bounded(p.date_opening).match(text)
        if m is not None:
            dated = text[: m.end()].strip(" ,—–-")
            if text[: m.end()].rstrip().endswith(("—", "–", "-")):
                # "Q1 2027 — The Harbor Foundation ...": a dateline with no place
                note = f"dateline: '{dated} —' (no place)"
                return Outcome(True, note=note, found_at=note)
            offset = strip_label(body[0].text)
            finding = ctx.finding(
                criterion, body[0], offset, offset + len(dated),
                f"The first sentence dates the launch ('{dated}'), but there is no "
                "dateline: open the paragraph with the place and the date.")
            # dated in prose, not a dateline (the labels' reading): part of the weight
            note = f"dateline: none; the date '{dated}' opens the first paragraph"
            return Outcome(False, [finding], note=note, score=p.date_opening_score)
    if not pr.body:
        finding = ctx.block_finding(criterion, "The press release has no first paragraph.")
        return Outcome(False, [finding], note="dateline: no paragraph")
    first = pr.body[0]
    offset = strip_label(first.text)
    place = _PLACE_ONLY_RE.match(first.text, offset)
    if place is not None:
        finding = ctx.finding(
            criterion, first, place.start("place"), place.end("place"),
            f"The dateline gives the place ('{place.group('place')}') but no launch date.")
        note = f"dateline: place '{place.group('place')}', no date"
        return Outcome(False, [finding], note=note, found_at=note)
    start, end = opening(first.text[offset:])
    finding = ctx.finding(
        criterion, first, offset + start, offset + end,
        "The first paragraph does not open with a location and a launch date.",
    )
    return Outcome(False, [finding], note="dateline: missing")


# --------------------------------------------------------------- paragraph-match


class ParagraphMatchParams(Params):
    scope: ScopeRef
    """Where paragraphs are read: ``document``, ``body`` or a section."""
    patterns: list[Regex]
    """A paragraph is a candidate when at least ``min_hits`` of these match."""
    label: str = "matching paragraph"
    """How messages name the paragraph ("call to action")."""
    min_hits: int = Field(default=1, ge=1)
    """How many of ``patterns`` a paragraph must match to be a candidate."""
    first: int | None = Field(default=None, ge=1)
    """Only the first N paragraphs of the scope."""
    last: int | None = Field(default=None, ge=1)
    """Only the last N paragraphs of the scope."""
    include_headings: bool = False
    """Read headings as paragraphs too."""
    contains: list[Requirement] = Field(default_factory=list)
    """A candidate must also contain each of these (getting started: a place to
    go); without them a paragraph is not the part."""
    followed_by: list[Regex] = Field(default_factory=list)
    """A later paragraph of the scope must match one of these (problem before solution)."""
    faq_questions: list[Regex] = Field(default_factory=list)
    """FAQ questions that answer the same thing ("How can I get involved?"): with
    no paragraph in the scope, such an entry (outside it) is a weaker pass
    (``faq_score``), noted as found in the FAQ."""
    faq_score: float = Field(default=0.5, ge=0, le=1)
    """Share of the weight earned when only the FAQ answers it."""
    sections_after: list[str] = Field(default_factory=list)
    """Rubric sections outside the scope that say it instead (a README-style
    launch's "## Usage" after its release: "mxfuse is on npm and PyPI"): with no
    paragraph in the scope, a matching paragraph there is a weaker pass
    (``faq_score``) too."""
    pick: Literal["first", "last", "best"] = "first"
    """Which matching paragraph the result points at: the first, the last (a call
    to action is the closing one), or the best: the one matching the most patterns,
    the first of equals (getting started is the paragraph with a sign-up and a
    price, not the first one that says "install")."""


def _said_after(ctx: CheckContext, p: ParagraphMatchParams,
                patterns: list[re.Pattern[str]]) -> str | None:
    """Where a section of ``p.sections_after`` says it: "'Usage' (line 29)"."""
    for sid in p.sections_after:
        for section in ctx.sections_named(sid):
            for b in ctx.document.blocks[section.first_block:section.end_block]:
                if (b.is_prose and has_words(b.text)
                        and len(first_matches(b, patterns)) >= p.min_hits
                        and all(r.found_in(b.text) for r in p.contains)):
                    line = b.anchor.line
                    return f"'{section.title}'" + (f" (line {line})" if line is not None else "")
    return None


@check_kind("paragraph-match", ParagraphMatchParams)
def check_paragraph_match(
    ctx: CheckContext, criterion: Criterion, p: ParagraphMatchParams
) -> Outcome:
    """A paragraph of the scope matches patterns (with a number, before another...)."""
    everything = [
        b for b in ctx.scope(p.scope)
        if has_words(b.text) and (b.is_prose or (p.include_headings and
                                                 b.kind == BlockKind.HEADING))
    ]
    blocks = everything
    if p.first is not None:
        blocks = blocks[: p.first]
    if p.last is not None:
        blocks = blocks[-p.last :]
    patterns = compile_all(p.patterns)
    candidates = [(b, hits) for b in blocks
                  if len(hits := first_matches(b, patterns)) >= p.min_hits]
    where = ctx.scope_label(p.scope)
    if not candidates:
        answered = answered_in_faq(ctx, p.scope, p.faq_questions)
        if answered is not None:
            note = f"{p.label}: not in the {where}; the FAQ answers it ({answered.where()})"
            return Outcome(True, score=p.faq_score, note=note, found_at=note)
        elsewhere = _said_after(ctx, p, patterns)
        if elsewhere is not None:
            note = f"{p.label}: not in the {where}; {elsewhere} says it"
            return Outcome(True, score=p.faq_score, note=note, found_at=note)
        what = f"No {p.label} in the {where}"
        if p.last is not None:
            what += f" (last {p.last} paragraphs)"
        elif p.first is not None:
            what += f" (first {p.first} paragraphs)"
        return Outcome(False, [ctx.block_finding(criterion, what + ".")],
                       note=f"{p.label}: not found")

    def strength(found: tuple[Block, list[re.Match[str]]]) -> int:
        return len(found[1])

    def chosen(found: list[tuple[Block, list[re.Match[str]]]]) -> tuple[Block, int, int]:
        if p.pick == "best":
            block, hits = max(found, key=strength)  # max keeps the first of equals
        else:
            block, hits = found[-1] if p.pick == "last" else found[0]
        start, end = sentence_at(block.text, hits[0].start())
        return block, start, end

    if p.contains:
        good = [(b, h) for b, h in candidates if all(r.found_in(b.text) for r in p.contains)]
        if not good:
            # a paragraph without what the part must hold is not the part (an
            # "available" with no place to go is no getting started): the FAQ may
            # still answer it
            answered = answered_in_faq(ctx, p.scope, p.faq_questions)
            if answered is not None:
                note = f"{p.label}: not in the {where}; the FAQ answers it ({answered.where()})"
                return Outcome(True, score=p.faq_score, note=note, found_at=note)
            block, start, end = chosen(candidates)
            missing = ", ".join(r.what for r in p.contains if not r.found_in(block.text))
            finding = ctx.finding(criterion, block, start, end,
                                  f"The {p.label} has no {missing}.")
            return Outcome(False, [finding], note=f"{p.label}: not found (no {missing})")
        candidates = good
    if p.followed_by:
        after = compile_all(p.followed_by)
        ordered = [
            (b, h) for b, h in candidates
            if any(x.index > b.index and first_matches(x, after) for x in everything)
        ]
        if not ordered:
            block, start, end = chosen(candidates)
            finding = ctx.finding(
                criterion, block, start, end,
                f"The {p.label} comes after the solution: state it first.",
            )
            return Outcome(False, [finding], note=f"{p.label}: not before the solution",
                           found_at=_found(p.label, block, start))
        candidates = ordered
    block, start, end = chosen(candidates)
    line = block.line_of(start)
    quote = block.text[start:end]
    if len(quote) > 80:
        quote = quote[:77].rstrip() + "..."
    where_line = f" (line {line})" if line is not None else ""
    note = f"{p.label}{where_line}: \"{quote}\""
    return Outcome(True, note=note, found_at=note)


def _found(label: str, block: Block, start: int) -> str:
    """Where a paragraph was found, for ``found_at``: "call to action (line 12)"."""
    line = block.line_of(start)
    return f"{label} (line {line})" if line is not None else label


