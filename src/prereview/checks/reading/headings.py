"""Headings and questions: heading text with its numbering and decorations off,
and the blocks that open an FAQ entry. Reads only blocks and text, so the context
uses it to find sections."""

from __future__ import annotations

import re
from functools import lru_cache

from prereview.document import Block, BlockKind

_NUMBERING = re.compile(
    r"^[\s#*_>•·\-–—]*"
    r"(?:(?i:part|section|chapter)\s+(?:\d+|[A-Za-z]|[ivxIVX]+)\s*(?:[:.)]|[—–-]|\s[—–-])\s*)?"
    r"(?:(?:\d+(?:\.\d+)*|[A-Z]|[ivxIVX]+)[.)]\s+|\d+(?:\.\d+)+\s+)?"
)
"""Numbering and a "Part 1 —" / "Section A:" / "Chapter 2." prefix: "Part 1 — Press
Release" reads "Press Release" for detection and section mapping alike."""
_TRAILER = re.compile(r"\s*[\[(](?:optional|required|draft|wip)[\])]\s*|[\s:.]+$", re.IGNORECASE)
QUESTION_PREFIX = re.compile(
    r"^\W{0,4}(?:Q|Question)\s*[:.)]|^\W{0,4}(?:Q|Question)\s*\d+\s*[:.)](?=[^\n]*\?)"
    r"|^\W{0,4}(?-i:[A-Z])\d{1,3}\s*[:.)](?=[^\n]*\?)",
    re.IGNORECASE,
)
""""Q:", "Question:", or a numbered or labelled "Q3: ...?", "C1. ...?", "I3) ...?"
(with a question mark: "Q3: revenue grew" is a quarter, not a question)."""


@lru_cache(maxsize=8192)
def normalise_heading(text: str) -> str:
    """"3.2 Non-Goals [optional]:" -> "Non-Goals": numbering and decorations off
    (cached: detection and section mapping read every heading several times)."""
    text = _NUMBERING.sub("", text.strip(), count=1)
    previous = None
    while previous != text:
        previous = text
        text = _TRAILER.sub("", text)
    return text.strip()


def ends_question(text: str) -> bool:
    """Ends in "?", bold or italic markers and spaces aside."""
    return text.rstrip(" *_\u00a0").endswith("?")


def is_question_start(block: Block) -> bool:
    """A block that opens an FAQ entry on its own: "Q: ..." or a question heading."""
    text = block.text.strip()
    if block.kind == BlockKind.HEADING:
        return ends_question(text) or bool(QUESTION_PREFIX.match(text))
    return block.kind == BlockKind.PARAGRAPH and bool(QUESTION_PREFIX.match(text))
