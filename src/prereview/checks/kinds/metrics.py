"""Metric style kinds: sentence length, readability, passive voice (the share of
list items is ``list-share``, in :mod:`prereview.checks.kinds.length`).

Metrics read prose only (paragraphs, list items, quotes): code, tables and
headings would skew them and are not what a reader reads as sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import (
    NEAR_MISS,
    PROSE,
    WARNING_SCORE,
    Params,
    ProseParams,
    ScopeRef,
)
from prereview.checks.reading.matching import blocks_of, render
from prereview.checks.reading.prose import authors_prose
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.prefixscan import finditer as scan_finditer
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import ReadingCounts, reading_counts, sentences, word_count

# --------------------------------------------------------------------------- sentence length


class SentenceLengthParams(ProseParams):
    max_words: int = Field(default=30, ge=1)
    """A sentence longer than this (in words) counts as long."""
    max_average: float = Field(default=20.0, gt=0)
    """The criterion also fails when the average sentence is longer than this."""
    average_margin: float = Field(default=0.0, ge=0, le=1)
    """An average over ``max_average`` by at most this share of it is a warning, not
    a failure (24.3 words against 24 is the limit's noise, not a habit)."""
    max_long_share: float | None = Field(default=None, ge=0, le=1)
    """Share of sentences over ``max_words`` that fails the criterion: a document
    measure (a couple of long sentences in a long document are not a habit). Set,
    it replaces the density (``max_per_1000_words``); ``max_findings`` stays the
    floor (two long sentences in a short text are not a share)."""
    max_examples: int = Field(default=3, ge=1, le=10)
    """The longest sentences quoted in the one finding."""
    message: str = "Sentence of {words} words (limit {limit}): split it."
    """Said of the longest sentence, after the figures; ``{words}`` is its length,
    ``{limit}`` the limit."""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@check_kind("sentence-length", SentenceLengthParams)
def sentence_length(
    ctx: CheckContext, criterion: Criterion, params: SentenceLengthParams
) -> Outcome:
    """A metric, not a per-sentence finding: fails when the average is over
    ``max_average`` or more sentences are over ``max_words`` than the floor
    (``max_findings``) and the density (``max_per_1000_words``) tolerate;
    then one finding, anchored on the longest sentence, gives the figures and the
    longest few. None when it passes."""
    long_ones: list[tuple[int, Block, int, int]] = []
    total_words = 0
    total_sentences = 0
    for block in authors_prose(ctx, blocks_of(ctx, params.scope, params.kinds)):
        text = block.text
        for s, e in sentences(text, (c.start for c in block.code)):
            n = word_count(text[s:e])
            if n == 0:
                continue
            total_words += n
            total_sentences += 1
            if n > params.max_words:
                long_ones.append((n, block, s, e))
    average = total_words / total_sentences if total_sentences else 0.0
    note = (f"average {average:.1f} words per sentence (limit {params.max_average:g}); "
            f"{len(long_ones)} of {total_sentences} sentences over {params.max_words} words")
    # each measure passes (0), warns (1: just over its limit) or fails (2)
    if params.max_long_share is not None:
        share = len(long_ones) / total_sentences if total_sentences else 0.0
        note += f" ({share:.0%}, limit {params.max_long_share:.0%})"
        if len(long_ones) <= params.max_findings or share <= params.max_long_share:
            long_state = 0
        else:
            long_state = 1 if share <= params.max_long_share * (1 + params.warn_margin) \
                and params.warn_margin > 0 else 2
    else:
        tolerated = params.tolerated(total_words)
        note += f" (tolerance {tolerated} in {total_words} words)"
        long_state = 0 if len(long_ones) <= tolerated else \
            1 if params.near_miss(len(long_ones), total_words) else 2
    average_state = 0 if average <= params.max_average else \
        1 if average <= params.max_average * (1 + params.average_margin) else 2
    state = max(long_state, average_state)
    if state == 0:
        return Outcome(True, [], note)
    findings = _long_sentences(ctx, criterion, params, long_ones, total_sentences, average)
    if state == 1:
        return Outcome(True, findings, f"{note}; {NEAR_MISS}", score=WARNING_SCORE)
    return Outcome(False, findings, note)


def _long_sentences(ctx: CheckContext, criterion: Criterion, params: SentenceLengthParams,
                    long_ones: list[tuple[int, Block, int, int]], total_sentences: int,
                    average: float) -> list[Finding]:
    """The one finding: the figures, anchored on the longest sentence with the next
    longest quoted."""
    figure = (f"{len(long_ones)} of {total_sentences} sentences are over "
              f"{params.max_words} words (average {average:.1f}, limit "
              f"{params.max_average:g})")
    if not long_ones:
        return [ctx.block_finding(criterion, f"{figure}: shorten them across the document.",
                                  suggestion=params.suggestion)]
    worst = sorted(long_ones, key=lambda t: (-t[0], t[1].index, t[2]))[: params.max_examples]
    n, block, s, e = worst[0]
    others = "; ".join(f"'{_short(b.text[bs:be])}' ({m} words)" for m, b, bs, be in worst[1:])
    longest = params.message.replace("{words}", str(n)).replace("{limit}", str(params.max_words))
    message = f"{figure}. {longest}" + (f" Next longest: {others}." if others else "")
    return [ctx.finding(criterion, block, s, e, message, params.suggestion)]


# --------------------------------------------------------------------------- readability


class ReadabilityParams(Params):
    max_grade: float = 14.0
    """Highest Flesch-Kincaid grade of the scope as a whole."""
    scopes: dict[str, float] = Field(default_factory=dict)
    """Stricter (or looser) limits for named sections, e.g. ``press-release: 10``.
    A limit applies only when the rubric defines that section and the document has
    it; those blocks are then measured against it and not against ``max_grade``."""
    scope: ScopeRef = "body"
    """What is measured: ``document``, ``body`` or a section."""
    min_words: int = Field(default=30, ge=0)
    """A part with fewer words is not measured (the formula needs some text)."""
    paragraph_min_words: int = Field(default=15, ge=1)
    """Paragraphs shorter than this are never quoted as the hardest."""
    max_quotes: int = Field(default=3, ge=0)
    """How many of the hardest paragraphs are quoted as findings."""
    message: str = ("Flesch-Kincaid grade {grade} for this paragraph ({part} grade {overall}, "
                    "limit {limit}): shorter sentences and plainer words.")
    """Finding on a hard paragraph; ``{grade}``, ``{part}``, ``{overall}``, ``{limit}``."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""


@check_kind("readability", ReadabilityParams)
def readability(ctx: CheckContext, criterion: Criterion, params: ReadabilityParams) -> Outcome:
    """Flesch-Kincaid grade of the prose, with per-section limits; when over, the
    hardest paragraphs over the limit are quoted with their grades."""
    prose = [b for b in ctx.scope(params.scope) if b.is_prose]
    parts: list[tuple[str, float, list[Block]]] = []
    claimed: set[int] = set()
    for section_id, limit in params.scopes.items():
        if section_id not in ctx.rubric.sections:
            continue
        ids = {b.index for b in ctx.prose(section_id)}
        blocks = [b for b in prose if b.index in ids]
        if blocks:
            parts.append((section_id, limit, blocks))
            claimed.update(ids)
    rest = [b for b in prose if b.index not in claimed]
    parts.append(("document" if not claimed else "rest of the document", params.max_grade, rest))

    findings: list[Finding] = []
    notes: list[str] = []
    passed = True
    for name, limit, blocks in parts:
        counts = ReadingCounts()
        for b in blocks:
            counts = counts + reading_counts(b.text)
        if counts.words < params.min_words:
            if blocks:
                notes.append(f"{name}: {counts.words} words, too short to measure")
            continue
        grade = counts.grade
        notes.append(f"{name} grade {grade:.1f} (limit {limit:g})")
        if grade <= limit:
            continue
        passed = False
        graded = []
        for b in blocks:
            c = reading_counts(b.text)
            if c.words >= params.paragraph_min_words and c.grade > limit:
                graded.append((c.grade, b))
        graded.sort(key=lambda gb: (-gb[0], gb[1].index))
        for g, b in graded[: params.max_quotes]:
            message = (params.message.replace("{grade}", f"{g:.1f}")
                       .replace("{part}", name).replace("{overall}", f"{grade:.1f}")
                       .replace("{limit}", f"{limit:g}"))
            findings.append(ctx.block_finding(criterion, message, b, params.suggestion))
        if not graded[: params.max_quotes]:
            findings.append(ctx.block_finding(
                criterion, f"Flesch-Kincaid grade {grade:.1f} for the {name} (limit {limit:g}).",
                suggestion=params.suggestion))
    note = "; ".join(notes) if notes else "no prose to measure"
    return Outcome(passed, findings, f"Flesch-Kincaid {note}")


# --------------------------------------------------------------------------- passive voice


class PassiveParams(Params):
    max_share: float = Field(default=0.15, ge=0, le=1)
    """Largest tolerated share of passive sentences."""
    max_findings: int = Field(default=0, ge=0)
    """Passive sentences always tolerated, whatever their share (the floor: three
    passives in a short document are not a habit)."""
    irregular: list[str] = Field(default_factory=list)
    """Irregular past participles ("built", "written"); regular ones end in -ed."""
    exclude: list[str] = Field(default_factory=list)
    """Participles read as adjectives after "be" ("interested", "based")."""
    scope: ScopeRef = "body"
    """Where sentences are read: ``document``, ``body`` or a section."""
    kinds: list[BlockKind] = Field(default_factory=lambda: list(PROSE))
    """Block kinds read (paragraph, list_item, quote, heading, table)."""
    message: str = "Passive voice '{match}': say who does it."
    """Finding on a passive phrase; ``{match}`` is the phrase."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""
    max_examples: int = Field(default=3, ge=1, le=10)
    """Passive phrases quoted in the one finding."""


_AUX = r"am|is|are|was|were|be|been|being|get|gets|got|gotten|getting"
_ADVERB = r"not|never|also|always|already|still|just|often|then|now|all|both|only|\w+ly"
_PASSIVE_RE = re.compile(
    rf"\b(?P<aux>{_AUX})(?:n['’]t)?(?:\s+(?:{_ADVERB})){{0,2}}\s+(?P<pp>[A-Za-z]+)\b",
    re.IGNORECASE,
)
_GET_IDIOMS = frozenset({"started", "involved", "rid", "used", "married", "dressed", "lost",
                         "bored", "tired", "excited", "ready", "acquainted"})
_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
_FUNCTION_WORDS = """by from to in on at for with without after before during until when while
    as if because since than and or but so then again too yet now today yesterday tomorrow
    here there once twice each every all both either later soon instead first last of into
    onto over under through"""
_NOT_A_NOUN = frozenset(_FUNCTION_WORDS.split())
"""Words that follow a participle in a passive ("got unblocked by", "get unlisted
after"): a noun there instead ("get unlimited pickups") makes it an adjective."""


@lru_cache(maxsize=64)
def _participles(irregular: tuple[str, ...], exclude: tuple[str, ...]) -> tuple[
    frozenset[str], frozenset[str]
]:
    return (frozenset(w.lower() for w in irregular), frozenset(w.lower() for w in exclude))


def _is_participle(word: str, irregular: frozenset[str], exclude: frozenset[str]) -> bool:
    w = word.lower()
    if w in exclude:
        return False
    if w in irregular:
        return True
    return len(w) >= 4 and w.endswith("ed") and not w.endswith("eed")


def passive_phrases(
    text: str, irregular: frozenset[str], exclude: frozenset[str]
) -> list[tuple[int, int]]:
    """Spans of "be/get (+ adverbs) + past participle" in ``text``."""
    out: list[tuple[int, int]] = []
    for m in scan_finditer(_PASSIVE_RE, text):  # finditer's matches, tried at the verbs
        pp = m.group("pp")
        if not _is_participle(pp, irregular, exclude):
            continue
        if m.group("aux").lower().startswith("g") and (
            pp.lower() in _GET_IDIOMS or _adjective_before_noun(text, m.end(), pp)
        ):
            continue
        out.append(m.span())
    return out


def _adjective_before_noun(text: str, end: int, participle: str) -> bool:
    """"get unlimited pickups": get/got + an un-...-ed adjective + a noun means
    "receive", not a passive. Only un- words: "get charged fees" is a passive."""
    if not participle.lower().startswith("un"):
        return False
    following = _NEXT_WORD_RE.match(text, end)
    if following is None:
        return False
    word = following.group(1).lower()
    return word not in _NOT_A_NOUN and not word.endswith("ly")


@check_kind("passive-voice", PassiveParams)
def passive_voice(ctx: CheckContext, criterion: Criterion, params: PassiveParams) -> Outcome:
    """A metric: the share of passive sentences against ``max_share``. Over it,
    one finding anchored on the first passive verb phrase gives the figure and up
    to ``max_examples`` phrases; none when it passes."""
    irregular, exclude = _participles(tuple(params.irregular), tuple(params.exclude))
    hits: list[tuple[Block, int, int]] = []
    total = 0
    for block in authors_prose(ctx, blocks_of(ctx, params.scope, params.kinds)):
        text = block.text
        for s, e in sentences(text):
            total += 1
            phrases = passive_phrases(text[s:e], irregular, exclude)
            if phrases:
                ps, pe = phrases[0]
                hits.append((block, s + ps, s + pe))
    share = len(hits) / total if total else 0.0
    note = (f"{len(hits)} of {total} sentences passive ({share:.0%}; "
            f"limit {params.max_share:.0%})")
    if share <= params.max_share or len(hits) <= params.max_findings:
        return Outcome(True, [], note + f" (at least {params.max_findings} tolerated)"
                       if params.max_findings else note)
    block, start, end = hits[0]
    examples = ", ".join(f"'{b.text[s:e]}'" for b, s, e in hits[: params.max_examples])
    message = (f"{len(hits)} of {total} sentences are passive ({share:.0%}, limit "
               f"{params.max_share:.0%}), e.g. {examples}: "
               + render(params.message, block.text[start:end]))
    return Outcome(False, [ctx.finding(criterion, block, start, end, message,
                                       params.suggestion)], note)
