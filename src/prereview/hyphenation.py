"""How many hyphenation points pyphen's en_US dictionary gives a word, counted
without pyphen's per-word work.

Readability hyphenates every new word of a document (the corpus has ~17,000
distinct ones), and ``pyphen.HyphDict.positions`` looks up every substring of a
word up to the longest pattern (28 letters in en_US): ~300 dictionary look-ups for
a ten-letter word. Here the same patterns are walked as a trie, letter by
letter, so the walk from a position stops at the first substring that starts no
pattern (without cutting substrings); the hits, and so the points, are the same
(``tests/test_hyphenation.py`` compares the two over a large vocabulary).
"""

from __future__ import annotations

from typing import Any

import pyphen


class Hyphenation:
    """Hyphenation points of words, from a ``pyphen.Pyphen``'s patterns."""

    def __init__(self, hyphenator: pyphen.Pyphen) -> None:
        self.hyphenator = hyphenator
        hd: Any = hyphenator.hd
        self.patterns: dict[str, tuple[int, list[int]]] = hd.patterns
        self.maxlen: int = hd.maxlen
        self.left: int = hyphenator.left
        self.right: int = hyphenator.right
        self.trie: dict[str, Any] = {}
        """The patterns letter by letter (a pattern's value under the key ``""``):
        the walk from a position follows the text and stops where no pattern
        goes on, without cutting substrings."""
        for key, value in self.patterns.items():
            node = self.trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = value
        self.plain = all(type(v) is int for _, values in self.patterns.values()
                         for v in values)
        """No nonstandard hyphenation ("ff=f"): every point is one hyphen."""

    def count(self, word: str) -> int:
        """``hyphenator.inserted(word).count("-")`` for a word with no hyphen."""
        if not self.plain:  # another dictionary: ask pyphen itself
            return int(self.hyphenator.inserted(word).count("-"))
        pointed = f".{word.lower()}."
        size = len(pointed)
        references = [0] * (size + 1)
        trie, maxlen = self.trie, self.maxlen
        node: Any
        for i in range(size - 1):
            node = trie
            for ch in pointed[i:min(i + maxlen, size)]:
                node = node.get(ch)
                if node is None:
                    break  # no pattern starts so: none of the longer pieces is one
                pattern = node.get("")
                if pattern is None:
                    continue
                offset, values = pattern
                slice_ = slice(i + offset, i + offset + len(values))
                references[slice_] = map(max, values, references[slice_])
        right = len(word) - self.right
        return sum(1 for i, reference in enumerate(references)
                   if reference % 2 and self.left <= i - 1 <= right)
