"""Word-list matching by looking words up instead of trying every entry at every
character.

A word list of forty entries compiled into one alternation costs Python's regex
engine about a microsecond per character of text (each entry is tried at every
position), and the style criteria run several lists over every block: that was
the largest share of a review. Here each text is split into words once (cached,
shared by every list), and an entry's regex is tried only where its first word
occurs. The matches are exactly those of ``regex.finditer`` over the whole text
(same starts, same non-overlapping order): every match starts at a word whose
text is the entry's first word (or, for ``leverag*``, starts with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from prereview.prefixscan import scanner_for

_WORD = re.compile(r"\w+")
_FIRST = re.compile(r"[A-Za-z0-9_]+")


@lru_cache(maxsize=256)
def _positions(text: str, fold: bool) -> dict[str, list[int]]:
    """Start offsets of each word of ``text`` (lowercased when ``fold``)."""
    index: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        word = m.group()
        index.setdefault(word.lower() if fold else word, []).append(m.start())
    return index


@dataclass(frozen=True)
class WordScan:
    """One compiled word-list alternation with the first words of its entries."""

    regex: re.Pattern[str]
    firsts: frozenset[str]
    prefixes: tuple[str, ...]
    """First words of single-word wildcard entries (``leverag*``): any word
    starting with one is a candidate."""
    fold: bool

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        scan = scanner_for(self.regex)
        if scan is not None:  # the same matches, found without splitting the text
            return scan.finditer(text)
        return self._lookup(text)

    def _lookup(self, text: str) -> Iterator[re.Match[str]]:
        index = _positions(text, self.fold)
        starts: list[int] = []
        for word in self.firsts & index.keys():
            starts.extend(index[word])
        if self.prefixes:
            for word, at in index.items():
                if word.startswith(self.prefixes) and word not in self.firsts:
                    starts.extend(at)
        if not starts:
            return
        resume = 0
        for start in sorted(starts):
            if start < resume:
                continue  # inside the previous match, as finditer would skip it
            m = self.regex.match(text, start)
            if m is not None and m.end() > m.start():
                resume = m.end()
                yield m


def first_word(entry: str, fold: bool) -> tuple[str, bool] | None:
    """The first word of a word-list entry and whether it is a wildcard prefix, or
    None when the entry cannot be looked up (it starts with punctuation, or with a
    letter outside ASCII, where case folding may change its length)."""
    entry = entry.strip()
    m = _FIRST.match(entry)
    if m is None:
        return None
    word = m.group()
    rest = entry[m.end():]
    if rest and (rest[0].isalnum() or rest[0] == "_"):
        return None  # a non-ASCII letter inside the first word
    prefix = rest == "*"
    return (word.lower() if fold else word), prefix
