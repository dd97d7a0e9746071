"""prereview.hyphenation counts exactly pyphen's en_US hyphenation points."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pyphen

from prereview.hyphenation import Hyphenation

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _vocabulary() -> list[str]:
    words: set[str] = set()
    sources = [*ROOT.glob("samples/*.md"), *ROOT.glob("rubrics/*.yaml"),
               *ROOT.glob("README.md"), *sorted(CORPUS.rglob("*.md"))[:60]]
    for path in sources:
        words.update(w for w in re.split(r"[^a-z]+", path.read_text("utf-8").lower()) if w)
    rng = random.Random(9)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(3000):  # letter strings no dictionary has, short and long
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(1, 45))))
    return sorted(words)


def test_counts_equal_pyphen_inserted_hyphens() -> None:
    reference = pyphen.Pyphen(lang="en_US", cache=False)
    counter = Hyphenation(pyphen.Pyphen(lang="en_US"))
    words = _vocabulary()
    assert len(words) > 3000
    wrong = [w for w in words if counter.count(w) != reference.inserted(w).count("-")]
    assert wrong == []


def test_known_words() -> None:
    counter = Hyphenation(pyphen.Pyphen(lang="en_US"))
    assert counter.count("hyphenation") == pyphen.Pyphen(lang="en_US").inserted(
        "hyphenation").count("-") == 2
    assert counter.count("a") == 0
    assert counter.count("Readability") == 3
