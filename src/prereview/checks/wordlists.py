"""What the word-level kinds share (``word-list`` and ``placeholders`` in
:mod:`prereview.checks.kinds.words`, ``unquantified-claims`` and ``baseline`` in
:mod:`prereview.checks.kinds.claims`): quoted speech, the list parameters and the
tolerance decision. Not a kind: kinds import no other kind."""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.params import (
    NEAR_MISS,
    WARNING_SCORE,
    Pattern,
    ProseParams,
    Regex,
    tolerance_note,
)
from prereview.checks.reading.matching import merged_words
from prereview.checks.registry import Outcome
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.text import word_count

_QUOTED_RE = re.compile(r'"[^"]{12,600}"|“[^”]{12,600}”')
"""Quoted speech of a few words or more (a soft line break may fall inside);
bounded."""


def quoted_spans(block: Block) -> list[tuple[int, int]]:
    """Spans of ``block`` that are someone's quoted words (all of a quote block)."""
    if block.kind == BlockKind.QUOTE:
        return [(0, len(block.text))]
    return [m.span() for m in _QUOTED_RE.finditer(block.text)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def decide(findings: list[Finding], blocks: list[Block], noun: str,
           params: ProseParams) -> Outcome:
    """Fails when the findings are more than the density and the floor tolerate for
    the prose read; a pass keeps only the note (the figure), never the findings."""
    words = sum(word_count(b.text) for b in blocks)
    note = tolerance_note(len(findings), noun, words, params.max_findings,
                          params.max_per_1000_words)
    if len(findings) <= params.tolerated(words):
        return Outcome(True, [], note)
    if params.near_miss(len(findings), words):
        return Outcome(True, findings, f"{note}; {NEAR_MISS}", score=WARNING_SCORE)
    return Outcome(False, findings, note)


class ListParams(ProseParams):
    """A list of words and patterns read in the author's prose."""

    words: list[str] = Field(default_factory=list)
    """Words and phrases, whole words, case-insensitive; a trailing ``*`` matches any ending."""
    add_words: list[str] = Field(default_factory=list)
    """Extends the inherited ``words`` (a user rubric need not repeat the list)."""
    exclude_words: list[str] = Field(default_factory=list)
    """Removed from the inherited ``words``."""
    patterns: list[Pattern] = Field(default_factory=list)
    """Regular expressions (or ``{regex, case_sensitive, message}``) matched besides the words."""
    add_patterns: list[Pattern] = Field(default_factory=list)
    """Added to the inherited ``patterns``."""
    ignore: list[Regex] = Field(default_factory=list)
    """Regexes of contexts in which a match is not a finding (``at most``)."""
    add_ignore: list[Regex] = Field(default_factory=list)
    """Added to the inherited ``ignore`` (a genre's own contexts)."""
    message: str = "'{match}'"
    """Finding on each match; ``{match}`` is the matched text."""
    skip_quoted: bool = False
    """Ignore matches inside quoted speech ("...", “...”) and quote blocks: a
    quote is the speaker's voice, not the document's claim."""

    def matcher_words(self) -> list[str]:
        return merged_words(self.words, self.add_words, self.exclude_words)
