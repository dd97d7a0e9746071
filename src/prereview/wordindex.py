"""Which blocks of a document a pattern can match in, found once per document.

A rule reads its scope block by block and tries each of its patterns there: for
a rubric's 5,000 criterion runs over a corpus that is hundreds of thousands of
(block, pattern) pairs, nearly all without a match, and each pair costs a Python
call even when the prefix scan (``prefixscan``) finds no start in the text. Here
each document's blocks are split into their words once (``WordIndex``: word ->
the blocks that hold it, as written and lowercased), and a pattern whose matches
start with known literals (a ``PrefixScan``) names the blocks where one of those
literals occurs; the rule tries its pattern in those blocks only. Every other
block has no match, so the findings are the same; the callers skip nothing else.

The index is a superset filter, kept sound where case folding is not ASCII's: a
block holding one of the characters ``re.IGNORECASE`` equates with an ASCII
letter (``prefixscan``'s special four), or whose lowercase has another length, is
a candidate for every folding pattern (the prefix scan reads it with ``finditer``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from prereview.document import Block, Document
from prereview.prefixscan import _C, _DIGIT_START, _FOLD_SPECIAL, _REPEATS, loose_starts, parse

_WORD = re.compile(r"\w+")
_KEEP = 2
"""Documents whose index is kept (by identity): a review reads one document; a
batch worker moves on."""


class WordIndex:
    """The words of each block of one document's block list."""

    def __init__(self, texts: list[tuple[int, str]]) -> None:
        self.texts = texts
        """(block index, text) of each block."""
        folded: defaultdict[str, list[int]] = defaultdict(list)
        unsure: list[int] = []
        for i, text in texts:
            lowered = text.lower()
            for word in set(_WORD.findall(lowered)):
                folded[word].append(i)
            if not text.isascii() and (len(lowered) != len(text) or _FOLD_SPECIAL.search(text)):
                unsure.append(i)
        self.folded: dict[str, list[int]] = dict(folded)
        """Each word of the lowercased text -> the blocks holding it, ascending
        (the same words as each word lowercased, but in the ``unsure`` blocks)."""
        self.unsure = unsure
        """Blocks whose case folding a folding pattern cannot trust (see the module doc)."""
        self._exact: dict[str, list[int]] | None = None
        self._digits: list[int] | None = None
        self._sorted: dict[bool, list[str]] = {}
        self._joined: tuple[str, list[int]] | None = None

    def _text(self) -> tuple[str, list[int]]:
        """The blocks' texts joined by line breaks, and where each starts: a
        literal or character without whitespace found there lies in one block."""
        if self._joined is None:
            starts: list[int] = []
            at = 0
            for _, text in self.texts:
                starts.append(at)
                at += len(text) + 1
            self._joined = "\n".join(text for _, text in self.texts), starts
        return self._joined

    def holding(self, literal: str) -> list[int]:
        """The blocks whose text holds ``literal`` (no whitespace in it): one
        search of the joined text per block that holds it, not a test per block."""
        joined, starts = self._text()
        out: list[int] = []
        at = joined.find(literal)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            out.append(self.texts[k][0])
            if k + 1 >= len(starts):
                break
            at = joined.find(literal, starts[k + 1])
        return out

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> WordIndex:
        return cls([(b.index, b.text) for b in blocks])

    @property
    def exact(self) -> dict[str, list[int]]:
        """Each word as written -> the blocks holding it (built on first use:
        only case-sensitive word lists ask)."""
        if self._exact is None:
            exact: defaultdict[str, list[int]] = defaultdict(list)
            for i, text in self.texts:
                for word in set(_WORD.findall(text)):
                    exact[word].append(i)
            self._exact = dict(exact)
        return self._exact

    @property
    def digits(self) -> list[int]:
        """Blocks where a word starts with a digit (``\\b\\d``)."""
        if self._digits is None:
            # a line break before each block's text: ``\b`` reads it as the start
            joined, starts = self._text()
            digits: list[int] = []
            m = _DIGIT_START.search(joined)
            while m is not None:
                k = bisect_right(starts, m.start()) - 1
                digits.append(self.texts[k][0])
                if k + 1 >= len(starts):
                    break
                m = _DIGIT_START.search(joined, starts[k + 1])
            self._digits = digits
        return self._digits

    def starting(self, prefix: str, fold: bool) -> Iterable[str]:
        """The words (lowercased when ``fold``) that start with ``prefix``."""
        words = self._sorted.get(fold)
        if words is None:
            words = self._sorted[fold] = sorted(self.folded if fold else self.exact)
        at = bisect_left(words, prefix)
        while at < len(words) and words[at].startswith(prefix):
            yield words[at]
            at += 1

    def need_blocks(self, needs: tuple[Need, ...]) -> set[int]:
        """Indices of the blocks that hold what one of ``needs`` asks for."""
        out: set[int] = set()
        for need in needs:
            if need.chars:  # never whitespace (``_caseless``)
                for ch in need.chars:
                    out.update(self.holding(ch))
                continue
            out.update(self.unsure)
            for word in need.exact:
                out.update(self.folded.get(word, ()))
            for prefix in need.open:
                for word in self.starting(prefix, True):
                    out.update(self.folded[word])
            if need.digits:
                out.update(self.digits)
            for literal in need.literals:  # cut at the first space (``_needs``)
                out.update(self.holding(literal))
        return out

    def word_blocks(self, firsts: Iterable[str], prefixes: Iterable[str],
                    fold: bool) -> set[int]:
        """Blocks holding one of the words ``firsts`` or a word starting with one
        of ``prefixes`` (a ``WordScan``'s look-up; lowercased words when ``fold``)."""
        words = self.folded if fold else self.exact
        out: set[int] = set(self.unsure) if fold else set()
        for word in firsts:
            out.update(words.get(word, ()))
        for prefix in prefixes:
            for word in self.starting(prefix, fold):
                out.update(words[word])
        return out

    def pattern_blocks(self, regex: re.Pattern[str]) -> set[int] | None:
        """Blocks where ``regex`` may match; None when nothing is known a match
        needs (every block may)."""
        needs = needs_of(regex)
        return self.need_blocks(needs) if needs is not None else None


@dataclass(frozen=True)
class Need:
    """What any match of a pattern (or of one of its alternatives) needs in the
    text: to start at one of the words or literals (``prefixscan``, read loosely:
    case folded, the words lowercased), or else one of ``chars`` somewhere."""

    exact: tuple[str, ...] = ()
    open: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()
    digits: bool = False
    chars: frozenset[str] = frozenset()


def _caseless(ch: str) -> bool:
    """Punctuation, a symbol or a digit, which no case folding touches; not
    whitespace (a caller may read line breaks as spaces)."""
    return (not ch.isspace() and ch.lower() == ch == ch.upper()
            and unicodedata.category(ch)[0] in "PSN")


def _required(items: list[Any]) -> frozenset[str] | None:
    """Characters of which every match holds one (or its text does, for a
    lookahead or lookbehind): the fewest any single item of the sequence asks."""
    best: frozenset[str] | None = None
    for op, av in items:
        found: frozenset[str] | None = None
        if op == _C.LITERAL:
            found = frozenset({chr(av)}) if _caseless(chr(av)) else None
        elif op == _C.IN:
            chars = {chr(v) for o, v in av if o == _C.LITERAL}
            if len(chars) == len(av) and all(_caseless(c) for c in chars):
                found = frozenset(chars)
        elif op == _C.SUBPATTERN:
            found = _required(list(av[3]))
        elif op == _C.BRANCH:
            alts = [_required(list(alt)) for alt in av[1]]
            if all(a is not None for a in alts):
                found = frozenset().union(*(a for a in alts if a is not None))
        elif op in _REPEATS and av[0] >= 1:
            found = _required(list(av[2]))
        elif op == _C.ASSERT:
            found = _required(list(av[1]))
        if found and (best is None or len(found) < len(best)):
            best = found
    return best


def _needs(items: list[Any]) -> tuple[Need, ...] | None:
    starts = loose_starts(items)
    if starts is not None:
        exact, open_, literals, digits = starts
        # up to a space: a caller may read line breaks as spaces
        cut = tuple(sorted({lit.split()[0] if lit.split() and not lit[0].isspace() else ""
                            for lit in literals}))
        if all(cut):
            return (Need(exact, open_, cut, digits),)
    chars = _required(items)
    if chars:
        return (Need(chars=chars),)
    if len(items) == 1 and items[0][0] == _C.BRANCH:
        out: list[Need] = []
        for alt in items[0][1][1]:
            found = _needs(list(alt))
            if found is None:
                return None
            out.extend(found)
        return tuple(out)
    return None


@lru_cache(maxsize=2048)
def needs_of(regex: re.Pattern[str]) -> tuple[Need, ...] | None:
    """What a match of ``regex`` needs, alternative by alternative; None when
    nothing is known (every text may match)."""
    items = parse(regex)
    return _needs(items) if items is not None else None


_CACHE: list[tuple[Document, list[Block], WordIndex]] = []


def word_index(document: Document) -> WordIndex:
    """The WordIndex of ``document``'s blocks, built on first use (a document
    copied with other blocks gets its own)."""
    for doc, blocks, index in _CACHE:
        if doc is document and blocks is document.blocks:
            return index
    index = WordIndex.of(document.blocks)
    _CACHE.insert(0, (document, document.blocks, index))
    del _CACHE[_KEEP:]
    return index


def candidates(document: Document, regexes: Iterable[re.Pattern[str]]) -> set[int] | None:
    """Indices of the blocks of ``document`` where one of ``regexes`` may match
    (searched in the block's text, or in it with line breaks as spaces); None
    when any block may."""
    index = word_index(document)
    out: set[int] = set()
    for regex in regexes:
        found = index.pattern_blocks(regex)
        if found is None:
            return None
        out |= found
    return out


def per_pattern(document: Document, regexes: Sequence[re.Pattern[str]]
                ) -> list[set[int] | None]:
    """``candidates`` of each regex on its own, in order."""
    index = word_index(document)
    return [index.pattern_blocks(regex) for regex in regexes]


def union(where: Sequence[set[int] | None]) -> set[int] | None:
    """The blocks where any of the patterns of ``per_pattern`` may match."""
    out: set[int] = set()
    for found in where:
        if found is None:
            return None
        out |= found
    return out
