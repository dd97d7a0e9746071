"""The blocks a pattern may match in, from a document's word index: never a block
where ``finditer`` finds a match left out (on every pattern of the shipped rubrics,
random text made of their own words in every case, line breaks read as spaces,
and the characters that fold unusually), and far fewer blocks than all."""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path
from types import ModuleType

from prereview.checks.reading.matching import build_matcher
from prereview.document import Anchor, Block, BlockKind, Document, build_sections
from prereview.wordindex import Need, WordIndex, candidates, needs_of, word_index

HERE = Path(__file__).resolve().parent


def _prefixscan_tests() -> ModuleType:
    """The rubric patterns and random texts of test_prefixscan (one source)."""
    spec = importlib.util.spec_from_file_location("_prefixscan_tests", HERE / "test_prefixscan.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PS = _prefixscan_tests()


def _document(texts: list[str]) -> Document:
    blocks = [Block(index=i, kind=BlockKind.PARAGRAPH, text=t, anchor=Anchor(line=i + 1))
              for i, t in enumerate(texts)]
    return Document(path="t.md", format="markdown", title="t", blocks=blocks,
                    sections=build_sections(blocks), sha256="0")


def _texts() -> list[str]:
    rng = random.Random(9)
    vocab = PS._vocabulary()
    texts = [PS._joined(rng, vocab) for _ in range(300)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((HERE.parent / "samples").glob("*.md"))]
    return texts


def _matching(regex: re.Pattern[str], texts: list[str]) -> set[int]:
    return {i for i, t in enumerate(texts)
            if regex.search(t) is not None or regex.search(t.replace("\n", " ")) is not None}


def test_no_block_with_a_match_is_left_out() -> None:
    texts = _texts()
    index = WordIndex.of(_document(texts).blocks)
    narrowed = unknown = 0
    for regex in PS.REGEXES:
        found = index.pattern_blocks(regex)
        if found is None:
            unknown += 1
            continue
        must = _matching(regex, texts)
        assert must <= found, (regex.pattern[:80], sorted(must - found)[:5])
        narrowed += len(found) < len(texts)
    assert unknown <= 3, unknown
    assert narrowed >= len(PS.REGEXES) // 2


def test_what_a_match_needs() -> None:
    # a local case flag, a line start, a class start with a required character
    assert needs_of(re.compile(r"(?<![\w#+])(?-i:JavaScript|Go)\b", re.I)) == (
        Need(exact=("go", "javascript")),)
    assert needs_of(re.compile(r"^(unit|e2e) tests?\b", re.I)) == (
        Need(exact=("e2e", "unit")),)
    assert needs_of(re.compile(r"(?<=\()[\w./-]+\?(?=\))")) == (Need(chars=frozenset("(")),)
    assert needs_of(re.compile(r"(?:\bTODO\b)|(?:[A-Z]{2,}\?)")) == (
        Need(exact=("todo",)), Need(chars=frozenset("?")))
    assert needs_of(re.compile(r"\w+ing")) is None
    assert needs_of(re.compile(r"<\| ?system")) == (Need(literals=("<|",)),)


def test_a_word_list_matcher_names_every_block_it_matches() -> None:
    texts = [*_texts(), "We leverage it.", "LEVERAGING", "nearly all of it", "ſo"]
    document = _document(texts)
    matcher = build_matcher(["leverag*", "nearly all", "so", "utilize"], ["\\bTBD\\b"])
    found = matcher.blocks(document)
    assert found is not None
    hit = {i for i, t in enumerate(texts) if next(matcher.finditer(t), None) is not None}
    assert hit <= found
    assert {len(texts) - 4, len(texts) - 3, len(texts) - 2, len(texts) - 1} <= found


def test_the_folding_characters_make_a_block_a_candidate() -> None:
    document = _document(["nothing here", "İgnore this", "the ſcore", "ignore that"])
    regex = re.compile(r"\b(?:ignore|score)\b", re.IGNORECASE)
    assert candidates(document, [regex]) == {1, 2, 3}
    sensitive = re.compile(r"\bIGNORE\b")  # read folded: a superset
    assert candidates(document, [sensitive]) == {1, 2, 3}
    assert candidates(document, [re.compile(r"\bnothing\b")]) == {0, 1, 2}
    assert candidates(document, [re.compile(r"\w+ing")]) is None


def test_prefixes_digits_and_literals() -> None:
    document = _document(["leveraged it", "a 3x rise", "<|system|> hi", "plain"])
    assert candidates(document, [re.compile(r"(?<![\w-])leverag[\w'-]*", re.I)]) == {0}
    assert candidates(document, [re.compile(r"\b\d+x\b")]) == {1}
    assert candidates(document, [re.compile(r"<\|system\|>")]) == {2}


def test_the_index_is_per_block_list() -> None:
    document = _document(["alpha beta", "gamma"])
    assert word_index(document) is word_index(document)
    copy = document.model_copy(update={"blocks": [
        b.model_copy(update={"text": "delta"}) for b in document.blocks]})
    assert word_index(copy) is not word_index(document)
    assert candidates(copy, [re.compile(r"\bdelta\b")]) == {0, 1}
    assert candidates(document, [re.compile(r"\bdelta\b")]) == set()


def test_literals_characters_and_digits_found_in_the_joined_text_name_their_blocks() -> None:
    """Looked for once in the blocks' texts joined by line breaks, a literal, a
    character or a word starting with a digit names exactly the blocks whose own
    text holds it (at a block's start, at its end, several times, in none)."""
    rng = random.Random(4)
    pieces = ["<|", "|>", "?", "(", "3x", "a3", "x", " ", "\n", "é", "é3", "[", "]", "7"]
    texts = [(i, "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))))
             for i in range(300)]
    index = WordIndex(texts)
    for literal in ["<|", "|>", "?", "(", "3x", "é3", "[x", "]"]:
        assert index.holding(literal) == [i for i, t in texts if literal in t], literal
    assert index.digits == [i for i, t in texts if re.search(r"\b\d", t)]
    need = Need(chars=frozenset("?("))
    assert index.need_blocks((need,)) == {i for i, t in texts if "?" in t or "(" in t}
