"""``any_search``: one search of the alternation of a rubric's heading aliases
answers as searching each alias in turn, on every section of the shipped rubrics
against headings of the samples and variants of the aliases' own words."""

from __future__ import annotations

import random
import re
from pathlib import Path

from prereview.checks.params import _joined, any_search, compile_all
from prereview.checks.reading.headings import normalise_heading
from prereview.rubrics import load_builtins

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _titles() -> list[str]:
    titles = [line.lstrip("#").strip() for p in sorted(SAMPLES.glob("*.md"))
              for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    return [normalise_heading(t) for t in titles] + titles


def test_the_alternation_answers_as_each_alias() -> None:
    rng = random.Random(7)
    titles = _titles()
    joined = 0
    for rubric in load_builtins().values():
        for spec in rubric.sections.values():
            for aliases in (spec.headings, spec.weak_headings):
                words = re.findall(r"[A-Za-z][A-Za-z -]{2,30}", " ".join(aliases))
                texts = titles + words + [
                    " ".join(rng.choice(words) for _ in range(3)) for _ in range(20) if words]
                joined += _joined(tuple(aliases)) is not None
                for text in texts:
                    expected = any(p.search(text) for p in compile_all(aliases))
                    assert any_search(aliases, text) == expected, (aliases, text)
    assert joined > 25


def test_patterns_that_cannot_be_joined_are_searched_one_by_one() -> None:
    assert _joined((r"(a)\1", "b")) is None
    assert _joined((r"(?P<x>a)(?P=x)", "b")) is None
    assert _joined(("a",)) is None
    assert any_search([r"(a)\1", "b"], "xaax") and not any_search([r"(a)\1", "b"], "xax")
    assert not any_search([], "anything")
