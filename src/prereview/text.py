"""Text utilities shared by the checks: sentences, words, syllables, numbers.

Every check works on character spans of a block's text so a finding can quote
exactly what it is about. Results are cached by text: the same block is split
into sentences by several checks in one review, and documents repeat words.
Nothing here downloads anything (pyphen ships its dictionaries).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import pyphen

from prereview.hyphenation import Hyphenation

__all__ = [
    "URL_RE",
    "ReadingCounts",
    "first_sentence",
    "flesch_kincaid_grade",
    "has_number",
    "has_words",
    "humanise",
    "nearest_occurrence",
    "opening",
    "reading_counts",
    "sentence_at",
    "sentences",
    "syllables",
    "word_count",
    "words",
]


class _HasText(Protocol):
    @property
    def text(self) -> str: ...


# --------------------------------------------------------------------------- words

URL_RE = re.compile(
    r"(?:(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]{0,31}+://|(?<![\w.])www\.)"
    r"[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
)
"""A URL up to (not including) trailing punctuation. A scheme or ``www.`` starts
only where a token starts, so a long run of letters or dots is scanned once, not
once per character (the pattern stays linear)."""

_PLAIN_WORD = r"[\w@]+(?:(?:['’\-]|\.(?=\w))[\w@]+)*"
_WORD_RE = re.compile(URL_RE.pattern + "|" + _PLAIN_WORD)
"""A URL, or a run of word characters joined by apostrophes, hyphens or inner
dots (``don't``, ``best-of-breed``, ``3.5``, ``v1.2.3``, ``U.S``, ``github.com``)."""
_PLAIN_WORD_RE = re.compile(_PLAIN_WORD)
"""``_WORD_RE`` without its URL alternative: the same words in a text with no
``://`` and no ``www.`` (where no URL can start), without trying a scheme at
every word."""


def words(text: str) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the words of ``text`` (a URL is one word)."""
    return [m.span() for m in _WORD_RE.finditer(text)]


@lru_cache(maxsize=8192)
def word_count(text: str) -> int:
    """Words of ``text`` (cached: the rules count the same blocks many times)."""
    return len(_word_tokens(text))


def _word_tokens(text: str) -> list[str]:
    """``_WORD_RE.findall(text)``, by the plain words when no URL can be there."""
    if "://" in text or "www." in text:
        return _WORD_RE.findall(text)
    return _PLAIN_WORD_RE.findall(text)


# --------------------------------------------------------------------------- sentences

def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ALWAYS_ABBREV = _wordset(
    """mr mrs ms dr prof sr jr st mt ft vs v cf e.g eg i.e ie viz approx est dept
    fig figs eq al gen gov sen rep rev capt col lt sgt hon esp ca"""
)
"""Abbreviations that (almost) never end a sentence: followed by a capital they
still belong to the same sentence (``Dr. Ruiz``, ``e.g. Kubernetes``)."""

_MAYBE_ABBREV = _wordset(
    """etc inc ltd co corp llc plc bros u.s u.k u.s.a e.u a.m p.m am pm no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    dept ave blvd rd"""
)
"""Abbreviations that may end a sentence: a boundary only when a typical
sentence opener follows (``... in the U.S. The team``)."""

_OPENERS = _wordset(
    """the a an we our us it its this that these those they their there here he she
    his her i my you your in on at for to from by with without but and or so if
    when while as after before because since although though however also then
    today now what why how who which where each every all some many most no not
    one two three four five six seven eight nine ten"""
)

_TERMINATOR_RE = re.compile(r"(?:(?<![.!?])(?:\.{2,}+|[.!?]++)|…)[\"'”’»)\]*_]*+(?=\s|$)")
"""Sentence-ending punctuation with any closing quotes or brackets, followed by
whitespace or the end (so ``3.5``, ``v1.2`` and ``example.com/x`` never match).
Possessive and anchored at the start of a run of marks: a run of 100k dots
followed by a letter is rejected in one pass, not once per dot."""

_LOOKBACK = 64
"""Characters read before a terminator to find the word it ends: an abbreviation
is short, and a bounded look keeps the splitter linear."""
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_NEXT_RE = re.compile(r"\s*+(\S)(\S{0,63})")


def _is_boundary(text: str, start: int, end: int, code: frozenset[int] = frozenset()) -> bool:
    """Whether the terminator at ``text[start:end]`` ends a sentence; ``code``: the
    offsets where inline code starts (an identifier may open a sentence in lower
    case: "... what is unsafe about it. `unsafe impl` is like ...")."""
    mark = text[start:end]
    following = _NEXT_RE.match(text, end)
    if following is None:
        return True
    first = following.group(1)
    if first.islower() and following.start(1) not in code:
        return False  # "e.g. the", "approx. five", "wait... what"
    if first in ",;:)":
        return False
    if mark[0] != "." or mark.startswith("..") or mark.startswith("…"):
        return True  # ! ? and ellipses before a capital
    window = max(0, start - _LOOKBACK)
    before = _WORD_BEFORE_RE.search(text, window, start)
    if before is None:
        return True
    if before.start() == window and window > 0 and _WORD_BEFORE_RE.match(text[window - 1]):
        return True  # a token longer than the look-back is no abbreviation
    token = before.group(1).lower().strip(".")
    if token in _ALWAYS_ABBREV:
        return False
    next_word = re.sub(r"\W+$", "", following.group(1) + following.group(2)).lower()
    if token in _MAYBE_ABBREV:
        if token in ("no", "nos", "vol"):
            return not first.isdigit()
        return next_word in _OPENERS
    if len(token) == 1 and token.isalpha() and before.group(1).isupper():
        return next_word in _OPENERS  # an initial: "J. Smith", "Plan B. The..."
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        return next_word in _OPENERS  # dotted abbreviations: "U.S.", "a.m."
    return True


_ALNUM_RE = re.compile(r"[^\W_]")
"""A character ``str.isalnum`` calls alphanumeric (``re``'s word characters but ``_``)."""


@lru_cache(maxsize=8192)
def _sentence_spans(text: str, code: frozenset[int] = frozenset()
                    ) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _TERMINATOR_RE.finditer(text):
        if not _is_boundary(text, m.start(), m.end(), code):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and _ALNUM_RE.search(text, s, e):
            out.append((s, e))
    return tuple(out)


def sentences(text: str, code_starts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the sentences of one block's text.

    A block is one paragraph, so a newline inside it is a soft break, never a
    sentence end. The span includes the terminator and closing quotes. Text after
    the last terminator (a list item with no full stop) is a sentence too. With
    ``code_starts`` (where the block's inline code starts), a sentence may open
    with a lower-case identifier.
    """
    return list(_sentence_spans(text, frozenset(code_starts)))


# --------------------------------------------------------------------------- syllables

_HYPHENATOR: pyphen.Pyphen | None = None
_LONGEST_WORD = 45
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_SYLLABIC_END_RE = re.compile(r"[^aeiouyl]l(?:e|es|ed)$")
"""A consonant + "le" ending is a syllable of its own ("ta-ble", "han-dled"), but
not after another l ("called", "rolled")."""
_COMPOUND_RE = re.compile(
    r"^(?:some|time|life|frame|gate|pipe|mile|there|where|base|side|case|name|home|note|"
    r"code|line|make|safe|state|store|use|care|whole|write|type|same|wide|hope|face|like|"
    r"none|file|space|place|lone|more|shape|scale|size|rate|role|rule|sale|take|tube|vote|"
    r"wire|zone|one|ware|wise|stone|guide)(?=[a-z]{3,})"
)
"""A compound whose first word ends in a silent e: "sometimes", "pipeline", "timeline"."""
_LETTERS = re.compile(r"\^?[a-z]+\$?")


def _test(pattern: str) -> Callable[[str], bool]:
    """``re.compile(pattern).search(word) is not None`` as a plain string test
    when the pattern is letters (with ``^`` or ``$``): most are, and every new
    word of a document is tried against all of them."""
    if not _LETTERS.fullmatch(pattern) or (pattern.startswith("^") and pattern.endswith("$")):
        search = re.compile(pattern).search
        return lambda word: search(word) is not None
    letters = pattern.strip("^$")
    if pattern.startswith("^"):
        return lambda word: word.startswith(letters)
    if pattern.endswith("$"):
        return lambda word: word.endswith(letters)
    return lambda word: letters in word


_FEWER_RE = tuple(_test(p) for p in (
    r"cial", r"tia", r"cius", r"cious", r"giu", r"ion", r"iou", r"sia$", r".ely$",
    r"[aeiou](?:[^aeiouylr]|[^aeiouy][^aeiouylr])e(?:ment|ments|ful|less|ness)$",
))
"""Vowel groups that are one syllable although split ("spe-cial", "na-tion"), and a
silent e before a suffix ("state-ment", "care-ful")."""
_MORE_RE = tuple(_test(p) for p in (
    r"ia", r"riet", r"dien", r"iu", r"io(?![ru])", r"ii", r"[aeiouym]bl$",
    r"(?<![aeiouq])(?!eau)[aeiou]{3}", r"^mc", r"ism$", r"([^aeiouy])\1l$", r"[^l]lien",
    r"^coa[dglx].", r"[^gq]ua[^auieo]", r"dnt$", r"[aeiou][^aeiou]ea$", r"[^pg]eo",
    r"(?:[^aeiou]|qu)ir(?:e[sd]?|ing)$", r"^h?ours?$", r"^crea[^m]",
    r"[aeiou][bcdfgkptvz]ling$",
))
"""Vowel groups that are two syllables ("ra-di-o", "i-de-a", "re-li-a-ble", "fi-re")."""


def _hyphenator() -> pyphen.Pyphen:
    global _HYPHENATOR
    if _HYPHENATOR is None:
        _HYPHENATOR = pyphen.Pyphen(lang="en_US")  # default margins: 2 letters each side
    return _HYPHENATOR


_HYPHENATION: Hyphenation | None = None


def _hyphenation() -> Hyphenation:
    """pyphen's en_US points, counted by ``prereview.hyphenation`` (same points)."""
    global _HYPHENATION
    if _HYPHENATION is None:
        _HYPHENATION = Hyphenation(_hyphenator())
    return _HYPHENATION


def _vowel_groups(word: str) -> int:
    """Vowel groups, minus silent endings ("make", "takes", "stopped"), corrected
    by the patterns where spelling and sound part ways (after Lingua::EN::Syllable)."""
    count = len(_VOWEL_GROUP_RE.findall(word))
    syllabic_l = _SYLLABIC_END_RE.search(word) is not None
    silent = not syllabic_l and (
        (word.endswith("e") and not word.endswith(("ee", "ye")) and len(word) > 2)
        or (word.endswith("es") and not word.endswith(("ses", "zes", "ces", "ges", "xes",
                                                          "ies", "ees")))
        or (word.endswith("ed") and not word.endswith(("ted", "ded", "eed")))
    )
    if silent and count > 1:
        count -= 1
    if _COMPOUND_RE.match(word):
        count -= 1
    count -= sum(1 for test in _FEWER_RE if test(word))
    count += sum(1 for test in _MORE_RE if test(word))
    return max(1, count)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word: the larger of pyphen's en_US hyphenation (default
    margins; narrower ones split final consonants, "own-er-s") and the corrected
    vowel-group count (hyphenation misses some: "cus-tomer", "idea").

    A token with no vowel (a number, "HTTP") counts as one syllable; one longer
    than any English word (a hash, a run of ``A.A.A.``) as one per three letters,
    without hyphenating it.
    """
    if len(word) > _LONGEST_WORD:
        return max(1, len(word) // 3)
    # "don't", "we're", "owner's": one word; "The" and "the" hyphenated once
    return _syllables_of(re.sub(r"['’]", "", word.lower()))


@lru_cache(maxsize=65536)
def _syllables_of(lower: str) -> int:
    """Syllables of a lowercased word without apostrophes."""
    total = 0
    for part in re.split(r"[^a-z]+", lower):
        if not _VOWEL_GROUP_RE.search(part):
            continue  # digits, "HTTP": one syllable below, as a whole
        hyphenated = _hyphenation().count(part) + 1
        total += max(hyphenated, _vowel_groups(part))
    return max(1, total)


# --------------------------------------------------------------------------- readability


@dataclass(frozen=True)
class ReadingCounts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0

    def __add__(self, other: ReadingCounts) -> ReadingCounts:
        return ReadingCounts(self.sentences + other.sentences, self.words + other.words,
                             self.syllables + other.syllables)

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level; 0.0 for empty text."""
        if not self.words or not self.sentences:
            return 0.0
        return (0.39 * self.words / self.sentences
                + 11.8 * self.syllables / self.words - 15.59)


def _is_url(token: str) -> bool:
    """``URL_RE.fullmatch(token)``; a URL has ``://`` or starts with ``www.``, so
    most words are answered without the pattern."""
    return ("://" in token or token.startswith("www.")) and URL_RE.fullmatch(token) is not None


@lru_cache(maxsize=8192)
def reading_counts(text: str) -> ReadingCounts:
    """Sentences, words and syllables of one block of prose (URLs are skipped)."""
    n_sentences = 0
    n_words = 0
    n_syllables = 0
    for s, e in _sentence_spans(text):
        sentence = text[s:e]
        tokens = _word_tokens(sentence)
        if "://" in sentence or "www." in sentence:  # else no token is a URL
            tokens = [t for t in tokens if not _is_url(t)]
        if not tokens:
            continue
        n_sentences += 1
        n_words += len(tokens)
        n_syllables += sum(map(syllables, tokens))
    return ReadingCounts(n_sentences, n_words, n_syllables)


def flesch_kincaid_grade(text_or_blocks: str | Iterable[str | _HasText]) -> float:
    """Flesch-Kincaid grade of a text, or of several blocks read together (each
    block's sentences counted on their own, so list items without a full stop
    are still separate sentences)."""
    if isinstance(text_or_blocks, str):
        return reading_counts(text_or_blocks).grade
    total = ReadingCounts()
    for item in text_or_blocks:
        total = total + reading_counts(item if isinstance(item, str) else item.text)
    return total.grade


# --------------------------------------------------------------------------- numbers

_SPELLED = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundreds? thousands? millions? billions? trillions? "
    "dozens? half halves halved thirds? quarters? twice thrice double[ds]? "
    "triple[ds]? quadruple[ds]? percent per\\s?cent percentage zero none once"
)
_NUMBER_RE = re.compile(
    r"\d|[%$€£¥]|\b(?:" + "|".join(_SPELLED.split()) + r")\b|\ba\s+(?:dozen|score)\b",
    re.IGNORECASE,
)


def has_number(text: str) -> bool:
    """Whether ``text`` states a quantity: digits, %, money, or a number in words
    ("three", "a dozen", "half", "twice"). "one" does not count: it is mostly a
    pronoun ("one of the best")."""
    return _NUMBER_RE.search(text) is not None


# --------------------------------------------------------------------- spans

_HAS_WORD = re.compile(r"[^\W_]")


def has_words(text: str) -> bool:
    return bool(_HAS_WORD.search(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence containing ``offset`` (the whole text when none does)."""
    spans = _sentence_spans(text)
    i = bisect_right(spans, (offset, len(text) + 1)) - 1  # by start: a block may hold thousands
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return _trim(text, 0, len(text))


def first_sentence(text: str, limit: int = 200) -> tuple[int, int]:
    """The first sentence, cut at a word boundary after ``limit`` characters."""
    spans = sentences(text)
    start, end = spans[0] if spans else (0, len(text))
    if end - start > limit:
        cut = text.rfind(" ", start, start + limit)
        end = cut if cut > start else start + limit
    return _trim(text, start, end)


def opening(text: str, max_words: int = 8) -> tuple[int, int]:
    """The opening words of a text, up to the first comma or ``max_words`` words."""
    spans = words(text)[:max_words]
    if not spans:
        return 0, len(text)
    end = spans[-1][1]
    comma = text.find(",", 0, end)
    if comma > 0:
        end = comma
    return _trim(text, 0, end)


def humanise(identifier: str) -> str:
    """"non-goals" -> "non goals": an id as messages name it."""
    return identifier.replace("-", " ").replace("_", " ")

# --------------------------------------------------------------------------- quotes


def nearest_occurrence(text: str, quote: str, near: int) -> int:
    """Start of the occurrence of ``quote`` in ``text`` nearest to ``near`` (the
    earlier one on a tie), or -1. Two searches, so placing thousands of findings
    in one paragraph does not list every occurrence for each."""
    if not quote:
        return -1
    near = max(0, near)
    after = text.find(quote, near)
    before = text.rfind(quote, 0, near - 1 + len(quote)) if near > 0 else -1
    if before < 0:
        return after
    if after < 0 or near - before <= after - near:
        return before
    return after
