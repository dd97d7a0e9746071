"""Press-release kinds: headline, subheading, dateline, paragraphs that must be
there (getting started, call to action), the customer's problem (found by its
words or by its place before the solution), launch voice and customer language.

The parts of a press release are read once per review: the headline is its first
heading that is not a label ("Press release", "PR/FAQ"), or a short one-line
first paragraph with no full stop; when the press release opens with a label
heading, it is the document's title just above that heading (a Word Title, maybe
with a Subtitle under it). The subheading is the next heading, or a one-sentence
paragraph that is not the dateline; the rest is the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, field_validator

from prereview.checks.context import CheckContext
from prereview.checks.quotes import company_names, find_quotes, quoted_spans
from prereview.checks.registry import Outcome, Params, check_kind
from prereview.checks.scopes import (
    Requirement,
    check_regexes,
    compile_all,
    first_sentence,
    has_words,
    normalise_heading,
    opening,
    sentence_at,
)
from prereview.checks.style_acronyms import defines
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.rubrics import Criterion
from prereview.text import sentences, word_count

_LABEL_HEADING = re.compile(
    r"^(?:pr\s*[/&+-]?\s*faqs?|prfaq|press[\s-]*release|news release|the press release|pr|"
    r"working backwards|draft|internal|confidential|headline|title)$",
    re.IGNORECASE,
)
_PRFAQ_TITLE = re.compile(r"\bpr\s*[/&+-]?\s*faqs?\b|\bprfaq\b", re.IGNORECASE)
"""A heading naming the document ("Acme Pay PR/FAQ (draft)"), not a headline."""
_LINE_LABEL = re.compile(
    r"^\s*(?:title|headline|heading|sub-?title|sub-?heading|sub-?head|summary|"
    r"intro(?:duction)?(?: paragraph)?|first paragraph|opening paragraph)\s*:\s*",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?i:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{4}})"
)
_PLACE = r"[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,3}"
DEFAULT_DATELINE = (
    rf"^\s*{_PLACE}(?:,\s*{_PLACE}){{0,2}}\s*(?:[—–-]{{1,2}}|,|\(|\||/)\s*{_DATE}"
    rf"|^\s*{_DATE}\s*(?:[—–-]{{1,2}}|,)\s*{_PLACE}"
)
"""A location then a date ("SEATTLE, WA — June 1, 2027 —"), or the date first.
Case-sensitive: the location is capitalised."""


def strip_label(text: str) -> int:
    """Offset after a template label such as "Title:" or "Intro paragraph:"."""
    m = _LINE_LABEL.match(text)
    return m.end() if m else 0


@dataclass
class PressRelease:
    blocks: list[Block]
    headline: Block | None = None
    subheading: Block | None = None
    body: list[Block] = field(default_factory=list)
    """Prose blocks after the headline and subheading."""


def _is_label(block: Block) -> bool:
    name = normalise_heading(block.text)
    return (bool(_LABEL_HEADING.match(name) or _PRFAQ_TITLE.search(name))
            or not has_words(name))


def _is_title(block: Block) -> bool:
    return block.kind == BlockKind.HEADING or block.style == "Title"


_METADATA = re.compile(r"^\s*[A-Za-z][\w ]{0,20}:\s")
"""An "Author: ..." / "Status: draft" line under a title: not a subheading."""


def _subtitle(block: Block) -> bool:
    """A one-sentence line that can sit between a title and the press release."""
    if block.style == "Subtitle":
        return True
    text = block.text[strip_label(block.text) :]
    return (
        block.kind == BlockKind.PARAGRAPH and _one_sentence(block) and word_count(text) <= 40
        and not _METADATA.match(block.text) and not re.search(DEFAULT_DATELINE, text)
    )


def _headline_above(ctx: CheckContext, first: Block) -> tuple[Block, Block | None] | None:
    """When the press release starts with a "Press release" heading, its headline
    is the document's title just above it (a Title-style line or the first
    heading), with at most a subtitle in between: (headline, subtitle)."""
    between: list[Block] = []
    for block in reversed(ctx.document.blocks[: first.index]):
        if block.kind == BlockKind.CODE or not has_words(block.text):
            continue
        if _is_title(block):
            if _is_label(block):
                continue
            if between and not _subtitle(between[0]):
                return None
            return block, (between[0] if between else None)
        between.append(block)
        if len(between) > 1:
            return None
    return None


def _one_sentence(block: Block) -> bool:
    text = block.text[strip_label(block.text) :]
    return len(sentences(text)) == 1 and "\n\n" not in text


def press_release(ctx: CheckContext, scope: str) -> PressRelease:
    """The parts of the press release in ``scope``, read once per review."""
    return ctx.cached(("press", scope), lambda: _read_press_release(ctx, scope))


def _read_press_release(ctx: CheckContext, scope: str) -> PressRelease:
    blocks = [b for b in ctx.scope(scope) if has_words(b.text)]
    pr = PressRelease(blocks=blocks)
    rest = [b for b in blocks if not (b.kind == BlockKind.HEADING and _is_label(b))]
    i = 0
    above = None
    if blocks and blocks[0].kind == BlockKind.HEADING and _is_label(blocks[0]) and (
        not rest or rest[0].kind != BlockKind.HEADING
    ):
        above = _headline_above(ctx, blocks[0])
    if above is not None:
        pr.headline, pr.subheading = above
        pr.blocks = [b for b in above if b is not None] + blocks
    elif (rest and rest[0].kind == BlockKind.HEADING) or (
        len(rest) > 1 and rest[0].kind == BlockKind.PARAGRAPH and "\n" not in rest[0].text.strip()
        and not rest[0].text.rstrip(" *_").endswith(".") and word_count(rest[0].text) <= 30
        and not re.search(DEFAULT_DATELINE, rest[0].text)
    ):
        pr.headline, i = rest[0], 1
    if pr.subheading is None and i < len(rest) and len(rest) > i + 1:
        nxt = rest[i]
        if nxt.kind == BlockKind.HEADING or (
            nxt.kind == BlockKind.PARAGRAPH and _one_sentence(nxt) and word_count(nxt.text) <= 60
            and not re.search(DEFAULT_DATELINE, nxt.text[strip_label(nxt.text) :])
        ):
            pr.subheading, i = nxt, i + 1
    pr.body = [b for b in rest[i:] if b.is_prose]
    return pr


# ---------------------------------------------------------------------- headline


class HeadlineParams(Params):
    scope: str = "press-release"
    warn_above: int = Field(default=15, ge=1)
    """Words; above this the criterion passes with half its weight and a finding."""
    fail_above: int = Field(default=25, ge=1)


@check_kind("headline", HeadlineParams)
def check_headline(ctx: CheckContext, criterion: Criterion, p: HeadlineParams) -> Outcome:
    """The press release opens with a one-line headline of limited length."""
    pr = press_release(ctx, p.scope)
    if pr.headline is None:
        finding = ctx.block_finding(
            criterion, f"The {ctx.scope_label(p.scope)} has no headline.")
        return Outcome(False, [finding], note="headline: missing")
    block = pr.headline
    start = strip_label(block.text)
    end = len(block.text.rstrip())
    count = word_count(block.text[start:end])
    note = f"headline: {count} words (warn above {p.warn_above}, fail above {p.fail_above})"
    if count > p.fail_above or count > p.warn_above:
        finding = ctx.finding(
            criterion, block, start, end,
            f"The headline is {count} words long; aim for {p.warn_above} or fewer.",
        )
        if count > p.fail_above:
            return Outcome(False, [finding], note=note)
        return Outcome(True, [finding], note=note, score=0.5)
    return Outcome(True, note=note)


# -------------------------------------------------------------------- subheading


class SubheadingParams(Params):
    scope: str = "press-release"
    max_words: int = Field(default=40, ge=1)


@check_kind("subheading", SubheadingParams)
def check_subheading(ctx: CheckContext, criterion: Criterion, p: SubheadingParams) -> Outcome:
    """One sentence under the headline, before the first paragraph."""
    pr = press_release(ctx, p.scope)
    block = pr.subheading
    if block is None:
        message = "No one-sentence subheading under the headline."
        if pr.headline is not None:
            h = pr.headline
            finding = ctx.finding(criterion, h, 0, len(h.text.rstrip()), message)
        else:
            finding = ctx.block_finding(criterion, message)
        return Outcome(False, [finding], note="subheading: missing")
    start = strip_label(block.text)
    end = len(block.text.rstrip())
    count = word_count(block.text[start:end])
    note = f"subheading: {count} words (at most {p.max_words})"
    if count > p.max_words:
        finding = ctx.finding(
            criterion, block, start, end,
            f"The subheading is {count} words long; keep it to one sentence of at most "
            f"{p.max_words} words.",
        )
        return Outcome(False, [finding], note=note)
    return Outcome(True, note=note)


# ---------------------------------------------------------------------- dateline


class DatelineParams(Params):
    scope: str = "press-release"
    within: int = Field(default=2, ge=1)
    """How many body paragraphs may come before the one with the dateline."""
    pattern: str = DEFAULT_DATELINE
    """Matched at the start of a paragraph, case-sensitively."""

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str) -> str:
        check_regexes(value)
        return value


@check_kind("dateline", DatelineParams)
def check_dateline(ctx: CheckContext, criterion: Criterion, p: DatelineParams) -> Outcome:
    """The first paragraph opens with a location and a launch date."""
    pr = press_release(ctx, p.scope)
    pattern = re.compile(p.pattern)
    for block in pr.body[: p.within]:
        text = block.text[strip_label(block.text) :]
        m = pattern.match(text)
        if m is not None:
            return Outcome(True, note=f"dateline: '{text[: m.end()].strip()}'")
    if not pr.body:
        finding = ctx.block_finding(criterion, "The press release has no first paragraph.")
        return Outcome(False, [finding], note="dateline: no paragraph")
    first = pr.body[0]
    offset = strip_label(first.text)
    start, end = opening(first.text[offset:])
    finding = ctx.finding(
        criterion, first, offset + start, offset + end,
        "The first paragraph does not open with a location and a launch date.",
    )
    return Outcome(False, [finding], note="dateline: missing")


# --------------------------------------------------------------- paragraph-match


class ParagraphMatchParams(Params):
    scope: str
    patterns: list[str]
    """A paragraph is a candidate when at least ``min_hits`` of these match."""
    label: str = "matching paragraph"
    min_hits: int = Field(default=1, ge=1)
    first: int | None = Field(default=None, ge=1)
    """Only the first N paragraphs of the scope."""
    last: int | None = Field(default=None, ge=1)
    """Only the last N paragraphs of the scope."""
    include_headings: bool = False
    contains: list[Requirement] = Field(default_factory=list)
    """A candidate must also contain each of these (e.g. a number)."""
    followed_by: list[str] = Field(default_factory=list)
    """A later paragraph of the scope must match one of these (problem before solution)."""
    pick: Literal["first", "last", "best"] = "first"
    """Which matching paragraph the result points at: the first, the last (a call
    to action is the closing one), or the best: the one matching the most patterns,
    the first of equals (getting started is the paragraph with a sign-up and a
    price, not the first one that says "install")."""

    @field_validator("patterns", "followed_by")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value


def _hits(block: Block, patterns: list[re.Pattern[str]]) -> list[re.Match[str]]:
    """The first match of each pattern that matches, earliest first."""
    found = [m for m in (p.search(block.text) for p in patterns) if m is not None]
    return sorted(found, key=lambda m: m.start())


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
    candidates = [(b, hits) for b in blocks if len(hits := _hits(b, patterns)) >= p.min_hits]
    where = ctx.scope_label(p.scope)
    if not candidates:
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
            block, start, end = chosen(candidates)
            missing = ", ".join(r.what for r in p.contains if not r.found_in(block.text))
            finding = ctx.finding(criterion, block, start, end,
                                  f"The {p.label} has no {missing}.")
            return Outcome(False, [finding], note=f"{p.label}: no {missing}")
        candidates = good
    if p.followed_by:
        after = compile_all(p.followed_by)
        ordered = [
            (b, h) for b, h in candidates
            if any(x.index > b.index and _hits(x, after) for x in everything)
        ]
        if not ordered:
            block, start, end = chosen(candidates)
            finding = ctx.finding(
                criterion, block, start, end,
                f"The {p.label} comes after the solution: state it first.",
            )
            return Outcome(False, [finding], note=f"{p.label}: not before the solution")
        candidates = ordered
    block, start, end = chosen(candidates)
    line = block.line_of(start)
    quote = block.text[start:end]
    if len(quote) > 80:
        quote = quote[:77].rstrip() + "..."
    where_line = f" (line {line})" if line is not None else ""
    return Outcome(True, note=f"{p.label}{where_line}: \"{quote}\"")


# ----------------------------------------------------------------------- problem


_NEGATED = (
    r"\b(?:no longer|never|without|nobody|no one|no more|no need to|don['’]t|do not|"
    r"doesn['’]t|does not|didn['’]t|did not|won['’]t|will not|needn['’]t|need not|not)"
    r"\s+(?:\w+\s+)?$"
)
_SOLUTION_OPENINGS = [
    r"^\W*(?:with|using|thanks to|through|now|today)\b",
    r"^\W*(?:the\s+|our\s+)?(?:solution|how it works)\s*:",
    r"^\W*(?:it|this|the (?:app|service|product|tool|feature|platform|system))\s+(?:now\s+)?"
    r"(?:lets|allows|enables|helps|gives|makes|brings|solves|works|puts|turns|offers|"
    r"provides|does)\b",
]
_LAUNCHED = re.compile(
    r"\b(?:launch(?:ed|es)|introduc(?:ed|es)|releas(?:ed|es)|unveil(?:ed|s)|debut(?:ed|s)|"
    r"announc(?:ed|es)(?:\s+the\s+(?:launch|availability|general availability)\s+of)?)"
    r"\s+(?:the\s+|its\s+|a\s+new\s+)?(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})"
)
""""Acme today launched Acme Pay": the product's name."""


class ProblemParams(Params):
    """The customer's problem, stated before the solution (``pr.problem``), and
    what that paragraph must hold (``pr.problem-quantified``: a number)."""

    scope: str = "press-release"
    label: str = "problem paragraph"
    patterns: list[str]
    """Words of a problem ("wait", "lose", "took 23 days", "gave up")."""
    followed_by: list[str] = Field(default_factory=list)
    """A later paragraph must match one of these (the solution comes after it)."""
    contains: list[Requirement] = Field(default_factory=list)
    """The problem paragraph must also contain each of these (e.g. a number)."""
    negated: str = _NEGATED
    """Matched against the text just before a problem word: such a word is the
    solution talking ("no longer wait", "nobody has to be home")."""
    by_position: bool = True
    """With no problem words: the first paragraph of at least ``min_words`` after the
    opening (dateline or summary) paragraph and before the solution, the first quote
    or the first list is taken as the problem paragraph."""
    min_words: int = Field(default=20, ge=1)
    solution_openings: list[str] = Field(default_factory=lambda: list(_SOLUTION_OPENINGS))
    """A paragraph opening this way, or with the product's or company's name, is the
    solution: the problem, read by position, comes before it."""

    @field_validator("patterns", "followed_by", "solution_openings")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value

    @field_validator("negated")
    @classmethod
    def _valid_one(cls, value: str) -> str:
        check_regexes(value)
        return value


@dataclass
class ProblemRead:
    paragraphs: list[tuple[Block, int]] = field(default_factory=list)
    """The problem paragraph(s) and the offset of the evidence in each, best first."""
    how: Literal["words", "position", "opening", "none"] = "none"
    late: tuple[Block, int] | None = None
    """A paragraph with problem words that comes after the solution and that no
    solution follows (set when nothing better is found)."""


def _problem_hits(block: Block, patterns: list[re.Pattern[str]],
                  negated: re.Pattern[str]) -> list[int]:
    """Offsets of the problem words of a block that are not negated."""
    text = block.text
    return sorted(
        m.start() for x in patterns for m in x.finditer(text)
        if not negated.search(text[max(0, m.start() - 40) : m.start()])
    )


def _product_names(ctx: CheckContext, scope: str, opening: list[Block]) -> list[str]:
    names = list(company_names(ctx, scope, []))
    for block in opening:
        names.extend(m.group("name") for m in _LAUNCHED.finditer(block.text))
    return [n for n in names if len(n) > 1]


def read_problem(ctx: CheckContext, p: ProblemParams) -> ProblemRead:
    """The problem paragraph(s) of the press release, best evidence first: problem
    words after the opening paragraph, in a paragraph that is not a quote and that
    a solution follows; else the paragraph in the problem's place (by position);
    else problem words anywhere before a solution (the summary, a quote)."""
    pr = press_release(ctx, p.scope)
    everything = [b for b in ctx.scope(p.scope) if b.is_prose and has_words(b.text)]
    patterns = compile_all(p.patterns)
    after = compile_all(p.followed_by)
    negated = re.compile(p.negated, re.IGNORECASE)

    def followed(block: Block) -> bool:
        if not after:
            return any(x.index > block.index for x in everything)
        return any(x.index > block.index and _hits(x, after) for x in everything)

    quotes = {q.block.index for q in find_quotes(ctx, p.scope)}

    def quoted(block: Block) -> bool:
        return block.kind == BlockKind.QUOTE or block.index in quotes

    body = [b for b in pr.body if b.is_prose and has_words(b.text)]
    dateline = re.compile(DEFAULT_DATELINE)
    opening = next((b for b in body[:2]
                    if dateline.match(b.text, strip_label(b.text))), body[0] if body else None)
    start = opening.index if opening is not None else -1
    parts = {b.index for b in (pr.headline, pr.subheading) if b is not None}
    read = ProblemRead()
    words = [(b, hits[0]) for b in everything
             if (hits := _problem_hits(b, patterns, negated))]
    best = [(b, at) for b, at in words
            if b.index > start and b.index not in parts and not quoted(b) and followed(b)]
    if best:
        read.paragraphs, read.how = best, "words"
        return read
    if p.by_position and opening is not None:
        names = _product_names(ctx, p.scope, body[:2])
        openers = compile_all(p.solution_openings)
        opening_at = next(i for i, b in enumerate(body) if b is opening)  # by identity
        for block in body[opening_at + 1 :]:
            text = block.text[strip_label(block.text) :]
            if (block.kind != BlockKind.PARAGRAPH or quoted(block)
                    or any(x.search(text) for x in openers)
                    or any(re.match(rf"\W*{re.escape(n)}\b", text) for n in names)):
                break
            if word_count(text) >= p.min_words and followed(block):
                read.paragraphs, read.how = [(block, 0)], "position"
                return read
    rest = [(b, at) for b, at in words if followed(b)]
    if rest:
        read.paragraphs, read.how = rest, "opening"
    elif words and after:
        block = words[0][0]
        if any(x.index < block.index and _hits(x, after) for x in everything):
            read.late = words[0]
    return read


@check_kind("problem", ProblemParams)
def check_problem(ctx: CheckContext, criterion: Criterion, p: ProblemParams) -> Outcome:
    """A paragraph states the customer's problem before the solution: found by its
    words, or, without them, by its place after the opening paragraph."""
    read = read_problem(ctx, p)
    where = ctx.scope_label(p.scope)
    if not read.paragraphs:
        if read.late is not None:
            block, at = read.late
            start, end = sentence_at(block.text, at)
            finding = ctx.finding(criterion, block, start, end,
                                  f"The {p.label} comes after the solution: state it first.")
            return Outcome(False, [finding], note=f"{p.label}: not before the solution")
        finding = ctx.block_finding(
            criterion, f"No {p.label} in the {where}: nothing between the opening paragraph "
            "and the solution states what the customer struggles with today.")
        return Outcome(False, [finding], note=f"{p.label}: not found")
    found = read.paragraphs
    if p.contains:
        good = [(b, at) for b, at in found if all(r.found_in(b.text) for r in p.contains)]
        if not good:
            block, at = found[0]
            start, end = sentence_at(block.text, at)
            missing = ", ".join(r.what for r in p.contains if not r.found_in(block.text))
            finding = ctx.finding(criterion, block, start, end,
                                  f"The {p.label} has no {missing}.")
            return Outcome(False, [finding], note=f"{p.label}: no {missing}")
        found = good
    block, at = found[0]
    start, end = sentence_at(block.text, at)
    line = block.line_of(start)
    quote = block.text[start:end]
    if len(quote) > 80:
        quote = quote[:77].rstrip() + "..."
    where_line = f"line {line}" if line is not None else ""
    how = {"words": "", "opening": "", "position": "by position"}[read.how]
    detail = ", ".join(x for x in (where_line, how) if x)
    return Outcome(True, note=f"{p.label}{f' ({detail})' if detail else ''}: \"{quote}\"")


# ------------------------------------------------------------------ launch-voice


class LaunchVoiceParams(Params):
    scope: str = "press-release"
    plan_patterns: list[str]
    """Phrases of a plan rather than a launch ("will launch", "plan to")."""
    launch_patterns: list[str]
    """Phrases of a launch that has happened ("today announced", "is now available")."""
    tolerance: int = Field(default=0, ge=0)
    """Plan phrases allowed before the criterion fails (each is still a finding)."""
    require_launch: bool = True

    @field_validator("plan_patterns", "launch_patterns")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value


@check_kind("launch-voice", LaunchVoiceParams)
def check_launch_voice(ctx: CheckContext, criterion: Criterion, p: LaunchVoiceParams) -> Outcome:
    """Written as if launched today, not as plans; quoted speech is left alone."""
    pr = press_release(ctx, p.scope)
    plans = compile_all(p.plan_patterns)
    launches = compile_all(p.launch_patterns)
    findings: list[Finding] = []
    launched = False
    for block in pr.blocks:
        if block.kind == BlockKind.HEADING and block is not pr.headline:
            continue
        quoted = quoted_spans(block.text)
        if any(x.search(block.text) for x in launches):
            launched = True
        for pattern in plans:
            for m in pattern.finditer(block.text):
                if any(s <= m.start() < e for s, e in quoted):
                    continue
                findings.append(ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"'{m.group()}' describes a plan: write as if the product launched today.",
                ))
    findings.sort(key=lambda f: (f.location.block or 0, f.location.start or 0)
                  if f.location else (0, 0))
    note = f"{len(findings)} plan phrase(s) (tolerance {p.tolerance}); " + (
        "launch stated" if launched else "no launch statement")
    passed = len(findings) <= p.tolerance
    if p.require_launch and not launched:
        passed = False
        if pr.body:
            first = pr.body[0]
            start, end = first_sentence(first.text)
            findings.insert(0, ctx.finding(
                criterion, first, start, end,
                "No sentence says the product is launched or available today.",
            ))
        else:
            findings.insert(0, ctx.block_finding(
                criterion, "No sentence says the product is launched or available today."))
    return Outcome(passed, findings, note=note)


# ------------------------------------------------------------- internal-language


class InternalLanguageParams(Params):
    scope: str = "press-release"
    terms: list[str] = Field(default_factory=list)
    """Regexes of internal or engineering words ("backend", "sprint", "\\bP[0-3]\\b")."""
    allcaps: bool = True
    """Also flag all-capital tokens (code names, internal acronyms) that are neither
    in ``allowed`` nor spelled out anywhere in the document."""
    allowed: list[str] = Field(default_factory=list)
    """Acronyms every reader knows (case-sensitive)."""

    @field_validator("terms")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        check_regexes(value)
        return value


_CAPS = re.compile(r"(?<![\w/.-])[A-Z]{2,}s?(?![\w/-])")
"""An all-capital token of any length: "SMB", "HALIBUT", "OSPREY"."""


def _spelled_out(token: str, text: str) -> bool:
    """Somewhere in ``text`` the token is defined: "Full Name (ACR)", "ACR (Full Name)"."""
    return any(
        defines(text, m.start(), m.end(), token)
        for m in re.finditer(rf"(?<![\w-]){re.escape(token)}s?(?![\w-])", text)
    )


def _shouting(text: str, start: int, end: int) -> bool:
    """The token sits in an all-caps sentence (a shouted headline)."""
    s, e = sentence_at(text, start)
    tokens = re.findall(r"[A-Za-z]{2,}", text[s:e])
    upper = sum(1 for t in tokens if t.isupper())
    return len(tokens) >= 4 and upper >= 0.6 * len(tokens)


@check_kind("internal-language", InternalLanguageParams)
def check_internal_language(
    ctx: CheckContext, criterion: Criterion, p: InternalLanguageParams
) -> Outcome:
    """No internal code names, team names, acronyms or jargon: one finding per term."""
    pr = press_release(ctx, p.scope)
    terms = compile_all(p.terms)
    allowed = set(p.allowed) | set(company_names(ctx, p.scope, []))
    attributions: dict[int, list[tuple[int, int]]] = {}
    for quote in find_quotes(ctx, p.scope):
        if quote.who_block is not None:
            attributions.setdefault(quote.who_block.index, []).append(
                (quote.who_start, quote.who_end))
    doc_text = ctx.document.text()
    dateline = re.compile(DEFAULT_DATELINE)
    seen: dict[str, int] = {}
    first: dict[str, tuple[Block, int, int]] = {}
    explained: dict[str, bool] = {}
    alias: dict[str, str] = {}
    for block in pr.blocks:
        if not (block.is_prose or block is pr.headline):
            continue
        text = block.text
        quoted = quoted_spans(text) + attributions.get(block.index, [])
        skip_until = 0
        d = dateline.match(text, strip_label(text))
        if d is not None:
            skip_until = d.end()
        hits: list[tuple[int, int, str]] = []
        for pattern in terms:
            hits.extend((m.start(), m.end(), m.group().lower()) for m in pattern.finditer(text))
        if p.allcaps:
            for m in _CAPS.finditer(text):
                token = m.group()
                base = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
                if base in allowed or token in allowed or m.start() < skip_until:
                    continue
                if base not in explained:
                    explained[base] = _spelled_out(base, doc_text)
                if explained[base] or _shouting(text, m.start(), m.end()):
                    continue
                hits.append((m.start(), m.end(), base))
        kept_end, kept_key = -1, ""
        for start, end, key in sorted(hits, key=lambda h: (h[0], -h[1])):
            if start < kept_end:
                # inside a longer term: "HALIBUT" in "Project HALIBUT" is that term,
                # here and wherever it stands alone
                alias.setdefault(key, kept_key)
                continue
            if any(s <= start < e for s, e in quoted):
                continue
            kept_end, kept_key = end, key
            key = alias.get(key, key)
            seen[key] = seen.get(key, 0) + 1
            first.setdefault(key, (block, start, end))
    findings: list[Finding] = []
    for key, (block, start, end) in sorted(first.items(), key=lambda kv: (kv[1][0].index,
                                                                         kv[1][1])):
        count = seen[key]
        times = f" ({count} times)" if count > 1 else ""
        findings.append(ctx.finding(
            criterion, block, start, end,
            f"'{block.text[start:end]}' is internal or engineering language{times}: "
            "say it in the customer's words.",
        ))
    note = f"{len(findings)} internal term(s) in the {ctx.scope_label(p.scope)}"
    return Outcome(not findings, findings, note=note)


__all__ = ["PressRelease", "press_release", "strip_label"]
