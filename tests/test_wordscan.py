"""Word-list lookup finds exactly what the compiled alternation finds."""

from __future__ import annotations

import random
import re

import pytest

from prereview.checks.reading.matching import build_matcher, word_regex
from prereview.wordscan import WordScan, first_word

ENTRIES = ["nearly all", "nearly", "all", "best-of-breed", "don't", "leverag*", "e.g",
           "3x faster", "TBD", "significant", "a lot of"]
VOCAB = ["nearly", "all", "Nearly", "ALL", "best", "of", "breed", "best-of-breed", "don't",
         "leverage", "leveraging", "Leveraged", "e.g.", "3x", "faster", "TBD", "tbd", "a",
         "lot", "significantly", "significant", "-all", "all-", "naïve", "über", ",", ".",
         "(", ")", "\n", "  "]


def _alternation(entries: list[str], flags: int) -> re.Pattern[str]:
    alts = sorted((word_regex(w) for w in entries), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", flags)


@pytest.mark.parametrize("fold", [True, False])
def test_lookup_equals_finditer_on_random_text(fold: bool) -> None:
    rng = random.Random(7)
    regex = _alternation(ENTRIES, re.IGNORECASE if fold else 0)
    looked_up = [f for w in ENTRIES if (f := first_word(w, fold))]
    scan = WordScan(regex, frozenset(f for f, _ in looked_up),
                    tuple(f for f, p in looked_up if p), fold)
    for _ in range(300):
        text = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(0, 40)))
        assert [m.span() for m in scan.finditer(text)] == [
            m.span() for m in regex.finditer(text)], text


def test_first_word() -> None:
    assert first_word("Nearly all", True) == ("nearly", False)
    assert first_word("leverag*", True) == ("leverag", True)
    assert first_word("best-of-breed", False) == ("best", False)
    assert first_word("naïve", True) is None  # non-ASCII inside the first word
    assert first_word("(tbd)", True) is None


def test_matcher_keeps_entries_that_cannot_be_looked_up() -> None:
    matcher = build_matcher(["naïve", "(tbd)", "simply"])
    text = "A naïve plan, simply put (tbd)."
    assert [text[m.start:m.end] for m in matcher.finditer(text)] == ["naïve", "simply", "(tbd)"]
