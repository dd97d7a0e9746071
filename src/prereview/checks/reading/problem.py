"""The customer's problem in a press release, read once per criterion: found by
its words ("wait", "lose", "took 23 days") after the opening paragraph and before
the solution, or by its place there; and the words that say a paragraph is the
solution. The ``problem`` kind judges it, the ``solution`` kind locates what
follows it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Protocol

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.dateline import bare_dateline
from prereview.checks.reading.press import (
    DEFAULT_DATELINE,
    company_names,
    first_matches,
    press_release,
    strip_label,
)
from prereview.checks.reading.quotes import find_quotes
from prereview.document import Block, BlockKind
from prereview.regexes import bounded
from prereview.text import has_words, sentences, word_count

NEGATED = (
    r"\b(?:no longer|never|without|nobody|no one|no more|no need to|don['’]t|do not|"
    r"doesn['’]t|does not|didn['’]t|did not|won['’]t|will not|needn['’]t|need not|not|"
    r"eliminat(?:es?|ed|ing)|remov(?:es?|ed|ing)|replac(?:es?|ed|ing)|avoid(?:s|ed|ing)?|"
    r"prevent(?:s|ed|ing)?)"
    r"\s+(?:\w+\s+)?$"
)
"""Just before a problem word: the solution talking ("no longer wait", "this
eliminates the manual export")."""
SOLUTION_OPENINGS = [
    r"^\W*(?:with|using|thanks to|through|now|today)\b",
    r"^\W*(?:the\s+|our\s+)?(?:solution|how it works)\s*:",
    r"^\W*(?:it|this|the (?:app|service|product|tool|feature|platform|system))\s+(?:now\s+)?"
    r"(?:lets|allows|enables|helps|gives|makes|brings|solves|works|puts|turns|offers|"
    r"provides|does)\b",
]
_LAUNCHED = re.compile(
    r"\b(?:launch(?:ed|es|ing)|introduc(?:ed|es|ing)|releas(?:ed|es|ing)|unveil(?:ed|s|ing)|"
    r"debut(?:ed|s|ing)|"
    r"announc(?:ed|es|ing)(?:\s+the\s+(?:launch|availability|general availability)\s+of)?)"
    r"\s+(?:the\s+|its\s+|a\s+new\s+)?(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})"
)
""""Acme today launched Acme Pay", "Today we are releasing Ailly": the product's name."""
_AVAILABLE = re.compile(
    r"(?:^|[—–]\s*)(?P<name>[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})"
    r"(?:\s*,\s+(?:a|an|the)\s[^,.;:\n]{1,120},)?\s+is\s+(?:now\s+)?available\b",
    re.MULTILINE,
)
""""Kith, an open-source messaging system ..., is available today": the name of
the product the opening announces, after a dateline's dash too."""


SOLVES = re.compile(
    r"\b(?:now|lets|let you|enables?|allows?|provides?|offers?|delivers?|"
    r"introduc\w+|launch\w*|automatically|solves?)\b", re.IGNORECASE)
"""The paragraph after the problem that says what the product does ("Acme Pay
now deposits ... within 2 hours"): its numbers are the solution's."""




class ProblemWords(Protocol):
    """What reading the problem needs (the ``problem`` kind's parameters)."""

    scope: str
    patterns: list[str]
    followed_by: list[str]
    negated: str
    by_position: bool
    min_words: int
    solution_openings: list[str]


@dataclass
class ProblemSettings:
    """The problem reading with its defaults, for a kind that only needs to know
    where the problem is (``solution``)."""

    scope: str
    patterns: list[str]
    followed_by: list[str] = field(default_factory=list)
    negated: str = NEGATED
    by_position: bool = True
    min_words: int = 20
    solution_openings: list[str] = field(default_factory=lambda: list(SOLUTION_OPENINGS))


@dataclass
class ProblemRead:
    paragraphs: list[tuple[Block, int]] = field(default_factory=list)
    """The problem paragraph(s) and the offset of the evidence in each, best first."""
    how: Literal["words", "position", "opening", "none"] = "none"
    late: tuple[Block, int] | None = None
    """A paragraph with problem words that comes after the solution and that no
    solution follows (set when nothing better is found)."""
    body: list[Block] = field(default_factory=list)
    """The press release's prose paragraphs, in order."""
    opening: int = -1
    """Block index of the opening (dateline or first) paragraph."""
    quoted: set[int] = field(default_factory=set)
    """Block indices of paragraphs holding a quote."""


def problem_hits(block: Block, patterns: list[re.Pattern[str]],
                  negated: re.Pattern[str]) -> list[int]:
    """Offsets of the problem words of a block that are not negated."""
    text = block.text
    return sorted(
        m.start() for x in patterns for m in x.finditer(text)
        if not negated.search(text[max(0, m.start() - 40) : m.start()])
    )


def product_names(ctx: CheckContext, scope: str, opening: list[Block]) -> list[str]:
    names = list(company_names(ctx, scope, []))
    for block in opening:
        names.extend(m.group("name") for r in (_LAUNCHED, _AVAILABLE)
                     for m in r.finditer(block.text))
    return [n for n in names if len(n) > 1]


def read_problem(ctx: CheckContext, p: ProblemWords) -> ProblemRead:
    """The problem paragraph(s) of the press release, best evidence first: problem
    words after the opening paragraph, in a paragraph that is not a quote and that
    a solution follows; else the paragraph in the problem's place (by position);
    else problem words anywhere before a solution (the summary, a quote)."""
    pr = press_release(ctx, p.scope)
    everything = [b for b in ctx.scope(p.scope) if b.is_prose and has_words(b.text)]
    patterns = compile_all(p.patterns)
    after = compile_all(p.followed_by)
    negated = bounded(p.negated, re.IGNORECASE)

    def followed(block: Block) -> bool:
        if not after:
            return any(x.index > block.index for x in everything)
        return any(x.index > block.index and first_matches(x, after) for x in everything)

    quotes = {q.block.index for q in find_quotes(ctx, p.scope)}

    def quoted(block: Block) -> bool:
        return block.kind == BlockKind.QUOTE or block.index in quotes

    body = [b for b in pr.body if b.is_prose and has_words(b.text)]
    dateline = re.compile(DEFAULT_DATELINE)
    opening = next((b for b in body[:2]
                    if dateline.match(b.text, strip_label(b.text))), body[0] if body else None)
    if opening is not None and bare_dateline(opening):
        # a dateline on its own line: the opening paragraph is the one after it
        opening = next((b for b in body if b.index > opening.index), opening)
    start = opening.index if opening is not None else -1
    parts = {b.index for b in (pr.headline, pr.subheading) if b is not None}
    read = ProblemRead(body=body, opening=start, quoted=quotes)
    words = [(b, hits[0]) for b in everything
             if (hits := problem_hits(b, patterns, negated))]
    best = [(b, at) for b, at in words
            if b.index > start and b.index not in parts and not quoted(b) and followed(b)]
    names = product_names(ctx, p.scope, body[:2])
    openers = compile_all(p.solution_openings)

    def solution(block: Block) -> bool:
        text = block.text[strip_label(block.text) :]
        return (any(x.search(text) for x in openers)
                or any(re.match(rf"\W*{re.escape(n)}\b", text) for n in names))

    opening_at = next((i for i, b in enumerate(body) if b is opening), 0)  # by identity
    # the first paragraph after the opening that is the solution: problem words
    # before it are the problem paragraph; after it, only when nothing before it is
    solved = next((b.index for b in body[opening_at + 1 :] if solution(b)), None)
    early = [x for x in best if solved is None or x[0].index < solved]
    if early:
        read.paragraphs, read.how = early + [x for x in best if x not in early], "words"
        return read
    told = _told_in_opening(opening, patterns, negated) if opening is not None else None
    if told is not None and not quoted(told[0]) and followed(told[0]):
        # the opening paragraph states the problem after its announcement ("Today
        # we are releasing X. X fail silently when ...")
        read.paragraphs, read.how = [told], "opening"
        return read
    if p.by_position and opening is not None:
        for block in body[opening_at + 1 :]:
            text = block.text[strip_label(block.text) :]
            if block.kind != BlockKind.PARAGRAPH or quoted(block) or solution(block):
                break
            if word_count(text) >= p.min_words and followed(block):
                read.paragraphs, read.how = [(block, 0)], "position"
                return read
    if best:
        read.paragraphs, read.how = best, "words"
        return read
    rest = [(b, at) for b, at in words if followed(b)]
    if rest:
        read.paragraphs, read.how = rest, "opening"
    elif words and after:
        block = words[0][0]
        if any(x.index < block.index and first_matches(x, after) for x in everything):
            read.late = words[0]
    return read


def _told_in_opening(opening: Block, patterns: list[re.Pattern[str]],
                     negated: re.Pattern[str]) -> tuple[Block, int] | None:
    """The opening paragraph and its first problem word after its first sentence
    (the announcement) in a sentence that does not name the product announced, if
    it has one: the problem told in the announcement's own paragraph, before the
    solution's."""
    if opening.kind != BlockKind.PARAGRAPH:
        return None
    spans = sentences(opening.text)
    if len(spans) < 2:
        return None
    # a sentence naming the product announced describes it ("There is no Kith
    # account, no Kith server"): the solution, not the problem
    names = [m.group("name") for r in (_LAUNCHED, _AVAILABLE) for m in r.finditer(opening.text)]
    named = [re.compile(rf"\b{re.escape(n)}\b") for n in names if len(n) > 1]
    for at in problem_hits(opening, patterns, negated):
        if at < spans[0][1]:
            continue
        start, end = next(((a, b) for a, b in spans if a <= at < b), (at, at))
        if not any(n.search(opening.text, start, end) for n in named):
            return opening, at
    return None
