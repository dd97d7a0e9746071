"""A pattern tried only where its first word occurs finds exactly what
``finditer`` finds: on every pattern of the shipped rubrics, on random text made
of the words they look for in every case and with the characters that fold
unusually."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from prereview.checks.kinds.metrics import _PASSIVE_RE
from prereview.checks.reading.matching import build_matcher
from prereview.injection import _PATTERN
from prereview.prefixscan import PrefixScan, scanner

RUBRICS = Path(__file__).resolve().parents[1] / "rubrics"
_PATTERN_KEYS = ("patterns", "baseline", "ignore")


def _collect(value: Any, key: str, out: list[tuple[str, bool]], words: list[list[str]]) -> None:
    if isinstance(value, dict):
        if "regex" in value and isinstance(value["regex"], str):
            out.append((value["regex"], bool(value.get("case_sensitive", False))))
        for k, v in value.items():
            _collect(v, str(k), out, words)
    elif isinstance(value, list):
        if key.endswith("words") and all(isinstance(v, str) for v in value) and value:
            words.append(value)
        for v in value:
            if isinstance(v, str) and key.endswith(_PATTERN_KEYS):
                out.append((v, False))
            else:
                _collect(v, key, out, words)


def _rubric_regexes() -> list[re.Pattern[str]]:
    patterns: list[tuple[str, bool]] = []
    word_lists: list[list[str]] = []
    for path in sorted(RUBRICS.glob("*.yaml")):
        _collect(yaml.safe_load(path.read_text(encoding="utf-8")), "", patterns, word_lists)
    out = [_PATTERN, _PASSIVE_RE]
    for regex, sensitive in patterns:
        try:
            out.append(re.compile(regex, 0 if sensitive else re.IGNORECASE))
        except re.error:
            continue
    for entries in word_lists:
        matcher = build_matcher(entries)
        out.extend(r for r, _ in matcher.regexes)
        if matcher.words is not None:
            out.append(matcher.words.regex)
    return out


REGEXES = _rubric_regexes()
_LITERAL = re.compile(r"[A-Za-z][A-Za-z' -]{1,20}")
FILLER = ["the", "a", "of", "-", ",", ".", "?", "(", ")", "\n", "  ", "_", "x", "42%", "3x",
          "naïve", "über", "’s", "İgnore", "ſcore", "Kind", "ıgnore", "[TBD]", "TODO",
          "<|system|>", "$5", "Q3", "e.g.", "re-", "un"]


def _vocabulary() -> list[str]:
    """Literal runs of the patterns (words they look for), in three cases, glued
    and split ways, plus filler."""
    vocab = list(FILLER)
    for regex in REGEXES:
        for literal in _LITERAL.findall(regex.pattern.replace("\\s+", " ")):
            vocab += [literal, literal.upper(), literal.title(), literal + "s", "re" + literal]
    return vocab


def _joined(rng: random.Random, vocab: list[str]) -> str:
    parts = [rng.choice(vocab) for _ in range(rng.randint(1, 30))]
    return "".join(p + rng.choice(["", " ", " ", "-", "\n"]) for p in parts)


def test_most_rubric_patterns_are_scanned_by_their_first_words() -> None:
    scanned = [r for r in REGEXES if scanner(r) is not None]
    assert scanner(_PATTERN) is not None
    assert len(scanned) >= len(REGEXES) // 2, [r.pattern[:60] for r in REGEXES if r not in scanned]


def test_scan_equals_finditer_on_every_rubric_pattern() -> None:
    rng = random.Random(9)
    vocab = _vocabulary()
    texts = [_joined(rng, vocab) for _ in range(400)]
    # long texts too (a document's blocks joined, as the surfaces read them)
    texts += [" ".join(texts[i:i + 80]) for i in range(0, 400, 80)]
    samples = Path(__file__).resolve().parents[1] / "samples"
    texts += [p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.md"))]
    for regex in REGEXES:
        scan = scanner(regex)
        if scan is None:
            continue
        for text in texts:
            assert [m.span() for m in scan.finditer(text)] == [
                m.span() for m in regex.finditer(text)], (regex.pattern[:80], text)


@pytest.mark.parametrize(("pattern", "flags", "exact", "starts", "literals"), [
    (r"\bfoo(?:s|ed)?\b", re.I, ("foo", "fooed", "foos"), (), ()),
    (r"\b(?:ignore|Disregard)\s+all", re.I, ("disregard", "ignore"), (), ()),
    (r"(?<![\w-])leverag[\w'-]*", re.I, (), ("leverag",), ()),
    (r"\bTODO\b|<\|system\|>", 0, ("TODO",), (), ("<|system|>",)),
    (r"\?{2,}|\bTBD", 0, (), ("TBD",), ("?",)),
])
def test_what_a_match_starts_with(pattern: str, flags: int, exact: tuple[str, ...],
                                  starts: tuple[str, ...], literals: tuple[str, ...]) -> None:
    scan = scanner(re.compile(pattern, flags))
    assert isinstance(scan, PrefixScan)
    assert (scan.exact, scan.open, scan.literals) == (exact, starts, literals)


@pytest.mark.parametrize("pattern", [
    r"foo",                 # no word start: may match inside a word
    r"\b\w+ing\b",          # starts with a class
    r"(?i:\bfoo)",          # a local case flag
    r"\b(?:a|b*)c",         # one branch starts with an optional repeat
    r"\bé",                 # a literal outside ASCII
])
def test_unbounded_patterns_keep_finditer(pattern: str) -> None:
    assert scanner(re.compile(pattern, re.I)) is None


def test_many_capitals_or_shared_literals_are_found_by_one_pass() -> None:
    """``[A-Z]`` at a word start is one regex pass, not 26 searches; literals
    ``[A``..``[Z`` are looked for as ``[``; a whole word a shorter start covers is
    not looked for again. The matches stay ``finditer``'s."""
    regex = re.compile(r"\bTODO\b|\b[A-Z]{2,}\?(?=[ \t]+[a-z])|\[(?=[^\[\]\n]*[A-Z]{2})"
                       r"[A-Z][A-Z0-9 ,./&'’_-]{3,60}\]|\bkind\w*|\bKIND\b")
    scan = scanner(regex)
    assert scan is not None and scan.lead is not None
    assert (scan.exact, scan.open, scan.literals) == ((), ("kind",), ("[",))
    for text in ["WHO? announces [CITY, STATE] TODO", "xTODO [a-b] [AB CD] ÉTÉ? now",
                 "Kindly kinder NOTE? see [TARGET GA DATE] KIND", "_AB? x [İSTANBUL CITY]"]:
        assert [m.span() for m in scan.finditer(text)] == [
            m.span() for m in regex.finditer(text)], text


def test_folding_outside_ascii_keeps_finditer() -> None:
    regex = re.compile(r"\b(?:ignore|score|kind)\b", re.I)
    scan = scanner(regex)
    assert scan is not None
    for text in ["İgnore this", "ſcore", "Kind", "naïve score", "SCORE and Ignore"]:
        assert [m.span() for m in scan.finditer(text)] == [
            m.span() for m in regex.finditer(text)], text


def test_a_pattern_may_start_at_a_number() -> None:
    regex = re.compile(r"\b(?:\d+(?:\.\d+)?\s*x|two|three)[-\s]?fold\b", re.I)
    scan = scanner(regex)
    # "twofold" as a whole word starts with "two": the word start alone finds both
    assert scan is not None and scan.digits and scan.exact == ()
    assert scan.open == ("three", "two")
    for text in ["a 3xfold rise", "Two-fold, THREEfold, 2.5x fold", "x3xfold 10 x-fold ٣xfold"]:
        assert [m.span() for m in scan.finditer(text)] == [
            m.span() for m in regex.finditer(text)], text
