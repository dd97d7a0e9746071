"""Patterns that start with a word, tried only where that word occurs.

Python's ``re`` tries an alternation such as ``\\b(?:ignore|disregard|forget)\\s+...``
at every character of the text (about half a microsecond per character with
IGNORECASE), and the injection patterns and several style rules run one over every
block. Most of those patterns can only match at the start of a word that begins
with one of a few literals (``ignore``, ``disregard``...). ``scanner`` reads that
from the parsed pattern; ``PrefixScan.finditer`` then splits a text into its
distinct words once (in C, cached, shared by every pattern), keeps the places of
the words that begin with one of the literals, and calls ``regex.match`` there
only. Its matches are exactly those of ``regex.finditer`` over the whole text (same
spans, same order): a match needs a word start (``\\b`` or ``(?<![\\w-])`` before a
word character) and its literal right there, and ``finditer`` keeps the leftmost
match, skipping what an earlier match covered, as the scan does.

A pattern the reading cannot bound (no word-start anchor, a leading class or
repeat, inline flags) returns None from ``scanner`` and keeps plain ``finditer``.
Words with a letter outside ASCII are always tried (case folding outside ASCII is
not the same in ``str.lower`` and ``re``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from prereview.scanstarts import fewest, lead_of, shared_heads

_C: Any = importlib.import_module("re._constants")
_P: Any = importlib.import_module("re._parser")

_WORD = re.compile(r"\w+")
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_MAX_PREFIXES = 400
_MAX_RANGE = 26
"""A case-sensitive class range of at most this many characters (``[A-Z]``) is
read as its characters: a pattern starting with capitals is tried at the words
that start with one, not at every character."""
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT} | (
    {_C.POSSESSIVE_REPEAT} if hasattr(_C, "POSSESSIVE_REPEAT") else set())
_CASE_FLAGS = re.IGNORECASE | re.ASCII | re.LOCALE
_LOOSE_FLAGS = re.ASCII | re.LOCALE
_TEXT_STARTS = {_C.AT_BEGINNING, _C.AT_BEGINNING_LINE, _C.AT_BEGINNING_STRING}

Heads = frozenset[tuple[str, bool]]
"""(literal, whether the pattern may go on adding literal characters after it)."""
_STOP: Heads = frozenset({("", False)})
_EMPTY: Heads = frozenset({("", True)})


def _char(code: int, fold: bool, word: bool) -> str | None:
    """One literal character as the scan compares it, or None when it cannot:
    in a word prefix only ASCII word characters; elsewhere, when folding, only
    characters without case."""
    ch = chr(code)
    if word:
        if ch not in _ASCII_WORD:
            return None
        return ch.lower() if fold else ch
    if fold and (ch.lower() != ch or ch.upper() != ch):
        return None
    return ch


def _item(op: Any, av: Any, fold: bool, word: bool, loose: bool = False) -> Heads:
    """The literals one parsed item can start with."""
    if op == _C.LITERAL:
        ch = _char(av, fold, word)
        return _STOP if ch is None else frozenset({(ch, True)})
    if op == _C.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop == _C.RANGE and not fold and iav[1] - iav[0] < _MAX_RANGE:
                codes = range(iav[0], iav[1] + 1)  # ``[A-Z]`` read as its capitals
            elif iop == _C.LITERAL:
                codes = range(iav, iav + 1)
            else:
                return _STOP
            for code in codes:
                ch = _char(code, fold, word)
                if ch is None:
                    return _STOP
                chars.add(ch)
        return frozenset((c, True) for c in chars)
    if op == _C.SUBPATTERN:
        _group, add, remove, sub = av
        if (add | remove) & (_LOOSE_FLAGS if loose else _CASE_FLAGS):
            return _STOP
        return _seq(list(sub), fold, word, loose)
    if op == _C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alt in av[1]:
            out |= _seq(list(alt), fold, word, loose)
            if len(out) > _MAX_PREFIXES:
                return _STOP
        return frozenset(out)
    if op in _REPEATS:
        low, high, sub = av
        heads = _seq(list(sub), fold, word, loose)
        if low == high == 1:
            return heads
        if low == 0 and high == 1:  # optional: with it or without it
            return heads | _EMPTY
        once = frozenset((h, False) for h, _ in heads)
        return once if low >= 1 else once | _STOP
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return _EMPTY  # zero width: it adds conditions, never characters
    return _STOP


def _seq(items: list[Any], fold: bool, word: bool, loose: bool = False) -> Heads:
    """The literals a sequence of items must start with. In a word prefix, a
    literal the pattern ends a word after (``ignore\\s+``) is marked with a
    trailing ``$``: the whole word, not its start."""
    heads: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        if not any(going for _, going in heads):
            break
        step = _item(op, av, fold, word, loose)
        ends = word and _ends_word(op, av)
        nxt: set[tuple[str, bool]] = set()
        for head, going in heads:
            if not going:
                nxt.add((head, False))
            elif ends and head:
                nxt.add((head + "$", False))
            else:
                nxt.update((head + more, more_going) for more, more_going in step)
        if len(nxt) > _MAX_PREFIXES:
            return frozenset((h, False) for h, _ in heads)
        heads = nxt
    return frozenset(heads)


def _ends_word(op: Any, av: Any) -> bool:
    """Whether, after word characters, this item means the word has ended: it
    starts with a required non-word character, a ``\\b`` or ``(?![\\w...])``."""
    if op == _C.LITERAL:
        ch = chr(av)
        return not (ch.isalnum() or ch == "_")
    if op == _C.IN:
        for iop, iav in av:
            if iop == _C.LITERAL and not (chr(iav).isalnum() or chr(iav) == "_"):
                continue
            if iop == _C.CATEGORY and iav in (_C.CATEGORY_SPACE, _C.CATEGORY_NOT_WORD):
                continue
            return False
        return bool(av)
    if op == _C.AT:
        return bool(av == _C.AT_BOUNDARY)
    if op == _C.ASSERT_NOT:
        direction, sub = av
        items = list(sub)
        return direction == 1 and len(items) == 1 and items[0][0] == _C.IN and any(
            iop == _C.CATEGORY and iav == _C.CATEGORY_WORD for iop, iav in items[0][1])
    if op in _REPEATS:
        body = list(av[2])
        return av[0] >= 1 and bool(body) and _ends_word(*body[0])
    if op == _C.SUBPATTERN:
        _group, add, remove, sub = av
        body = list(sub)
        return not (add | remove) & _CASE_FLAGS and bool(body) and _ends_word(*body[0])
    if op == _C.BRANCH:
        return all(bool(alt) and _ends_word(*alt[0]) for alt in av[1])
    return False


def _word_lookbehind(av: Any) -> bool:
    """``(?<![\\w...])``: no word character right before."""
    direction, sub = av
    items = list(sub)
    if direction != -1 or len(items) != 1 or items[0][0] != _C.IN:
        return False
    return any(iop == _C.CATEGORY and iav == _C.CATEGORY_WORD for iop, iav in items[0][1])


Starts = tuple[frozenset[str], frozenset[str], bool]
"""(word prefixes: a match starts at a word beginning so; literals: a match
starts with one, anywhere; whether a match may start at a word beginning with a
digit)."""


def _digit_lead(op: Any, av: Any) -> bool:
    """Whether the item starts with a required ``\\d`` (or ``[0-9]``)."""
    if op == _C.IN:
        return len(av) == 1 and (av[0] == (_C.CATEGORY, _C.CATEGORY_DIGIT)
                                 or av[0] == (_C.RANGE, (ord("0"), ord("9"))))
    if op in _REPEATS:
        body = av[2]
        return av[0] >= 1 and bool(body) and _digit_lead(*body[0])
    if op == _C.SUBPATTERN:
        _group, add, remove, sub = av
        return not (add | remove) & _CASE_FLAGS and bool(sub) and _digit_lead(*sub[0])
    return False


def _starts(items: list[Any], fold: bool, anchored: bool = False,
            loose: bool = False) -> Starts | None:
    """What every match of ``items`` starts with, or None when unbounded.
    ``loose`` (for ``loose_starts``): local case flags are read as folding and a
    start of text or line before a word counts as a word start."""
    for i, (op, av) in enumerate(items):
        if op == _C.AT:
            anchored = anchored or av == _C.AT_BOUNDARY or (loose and av in _TEXT_STARTS)
            continue
        if op == _C.ASSERT_NOT and _word_lookbehind(av):
            anchored = True
            continue
        if op in (_C.ASSERT, _C.ASSERT_NOT):
            continue
        if op == _C.SUBPATTERN:
            _group, add, remove, sub = av
            if (add | remove) & (_LOOSE_FLAGS if loose else _CASE_FLAGS):
                return None
            return _starts([*sub, *items[i + 1:]], fold, anchored, loose)
        if op == _C.BRANCH:
            words: set[str] = set()
            literals: set[str] = set()
            digits = False
            for alt in av[1]:
                found = _starts([*alt, *items[i + 1:]], fold, anchored, loose)
                if found is None:
                    return None
                words |= found[0]
                literals |= found[1]
                digits = digits or found[2]
            return frozenset(words), frozenset(literals), digits
        if anchored:
            if _digit_lead(op, av):
                return frozenset(), frozenset(), True
            heads = {h for h, _ in _seq(items[i:], fold, True, loose)}
            if heads and "" not in heads and "$" not in heads:
                return frozenset(heads), frozenset(), False
        heads = {h for h, _ in _seq(items[i:], fold, False, loose)}
        if not heads or "" in heads:
            return None
        return frozenset(), frozenset(heads), False
    return None


@lru_cache(maxsize=1024)
def _prefixes(pattern: str, flags: int) -> Starts | None:
    try:
        parsed = _P.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError):
        return None
    flags = parsed.state.flags
    if flags & (re.ASCII | re.LOCALE) or not flags & re.UNICODE:
        return None
    return _starts(list(parsed), bool(flags & re.IGNORECASE))


_FOLD_SPECIAL = re.compile("[\u0130\u0131\u017f\u212a]")
"""The characters outside ASCII that ``re.IGNORECASE`` equates with an ASCII
letter (İ ı ſ K): a text with one is scanned by ``finditer`` as is."""


_DIGIT_START = re.compile(r"\b\d")
_FIND_MAX = 8
"""More whole words than this are looked up in the text's set of words."""


@lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    """``text.lower()``, once per text: every folding pattern reads it."""
    return text.lower()


@lru_cache(maxsize=1024)
def _tokens(hay: str) -> frozenset[str]:
    return frozenset(_WORD.findall(hay))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``re`` calls a word character


@dataclass(frozen=True)
class PrefixScan:
    """``regex.finditer`` tried only where a match can start."""

    regex: re.Pattern[str]
    exact: tuple[str, ...]
    """Whole words a match can start with (lowercase when ``fold``)."""
    open: tuple[str, ...]
    """Starts of words a match can start with."""
    literals: tuple[str, ...]
    """Literals a match starts with, wherever they are (no word start needed)."""
    fold: bool
    exact_set: frozenset[str] = frozenset()
    digits: bool = False
    """Whether a match can start at a word beginning with a digit."""
    lead: re.Pattern[str] | None = None
    """Word starts at one of many single characters (``[A-Z]``): found in one pass."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        hay = text
        if self.fold:
            hay = _lower(text)
            if len(hay) != len(text) or (not text.isascii() and _FOLD_SPECIAL.search(text)):
                return self.regex.finditer(text)
        starts = self._starts(text, hay)
        return self._matches(text, starts) if starts else iter(())

    def _starts(self, text: str, hay: str) -> set[int]:
        """Where a match may start (the text's places of the literals)."""
        starts: set[int] = set()
        end = len(text)
        exact: Iterable[str] = self.exact
        if len(self.exact) > _FIND_MAX:  # one split of the text beats many searches
            exact = self.exact_set & _tokens(hay)
        for word in exact:
            size = len(word)
            at = hay.find(word)
            while at >= 0:
                if not (at and _is_word(text[at - 1])) and not (
                        at + size < end and _is_word(text[at + size])):
                    starts.add(at)
                at = hay.find(word, at + size)
        for prefix in self.open:
            at = hay.find(prefix)
            while at >= 0:
                if not (at and _is_word(text[at - 1])):
                    starts.add(at)
                at = hay.find(prefix, at + 1)
        return self._other_starts(text, hay, starts)

    def _other_starts(self, text: str, hay: str, starts: set[int]) -> set[int]:
        """``starts`` with the places of the single-character word starts, digits
        and literals."""
        if self.lead is not None:
            starts.update(m.start() for m in self.lead.finditer(hay))
        if self.digits:
            starts.update(m.start() for m in _DIGIT_START.finditer(text))
        for literal in self.literals:
            at = text.find(literal)
            while at >= 0:
                starts.add(at)
                at = text.find(literal, at + 1)
        return starts

    def _matches(self, text: str, starts: set[int]) -> Iterator[re.Match[str]]:
        resume = 0
        for start in sorted(starts):
            if start < resume:
                continue  # inside the previous match, as finditer would skip it
            m = self.regex.match(text, start)
            if m is not None:
                resume = m.end()  # never empty: a match starts with its literal
                yield m


def scanner(regex: re.Pattern[str]) -> PrefixScan | None:
    """A ``PrefixScan`` for a compiled ``re`` pattern whose matches start with
    known literals, or None (use ``regex.finditer``)."""
    if not isinstance(regex, re.Pattern):
        return None  # a time-limited ``regex`` pattern (prereview.regexes.bounded)
    found = _prefixes(regex.pattern, regex.flags & ~re.UNICODE)
    if found is None:
        return None
    words, literals, digits = found
    starts = fewest({w for w in words if not w.endswith("$")})
    exact = tuple(sorted({w[:-1] for w in words if w.endswith("$")
                          and not w.startswith(starts)}))
    lead, starts = lead_of(starts)
    return PrefixScan(regex, exact, starts, shared_heads(literals),
                      bool(regex.flags & re.IGNORECASE), frozenset(exact), digits, lead)


def finditer(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, faster when the pattern starts with a word."""
    scan = scanner_for(regex)
    return scan.finditer(text) if scan is not None else regex.finditer(text)


@lru_cache(maxsize=1024)
def scanner_for(regex: re.Pattern[str]) -> PrefixScan | None:
    return scanner(regex)


def loose_starts(items: list[Any]) -> tuple[tuple[str, ...], tuple[str, ...],
                                             tuple[str, ...], bool] | None:
    """What every match of the parsed ``items`` starts with, read loosely (case
    folded, a text or line start taken for a word start): (whole words, word
    starts, literals anywhere, digits), or None. For ``wordindex`` only."""
    found = _starts(items, True, loose=True)
    if found is None:
        return None
    words, literals, digits = found
    return (tuple(sorted(w[:-1] for w in words if w.endswith("$"))),
            tuple(sorted(w for w in words if not w.endswith("$"))),
            tuple(sorted(literals)), digits)


def parse(regex: re.Pattern[str]) -> list[Any] | None:
    """The parsed items of a pattern (``re._parser``), or None when it is not one
    ``scanner`` can read (a ``regex`` pattern, ASCII or LOCALE matching)."""
    if not isinstance(regex, re.Pattern):
        return None
    try:
        parsed = _P.parse(regex.pattern, regex.flags & ~re.UNICODE)
    except (re.error, RecursionError, OverflowError):
        return None
    flags = parsed.state.flags
    if flags & (re.ASCII | re.LOCALE) or not flags & re.UNICODE:
        return None
    return list(parsed)
