"""Helpers the check kinds share, besides :class:`CheckContext` (which owns section
and scope lookup): spans of text, heading normalisation, question openers, and the
regular expressions rubrics carry.

Nothing here reads a Document as a whole, so the context can use these helpers
without importing anything back.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import field_validator

from prereview.checks.registry import Params
from prereview.document import Block, BlockKind
from prereview.text import sentences
from prereview.text import words as word_spans

FLAGS = re.IGNORECASE | re.MULTILINE

# --------------------------------------------------------------------- text helpers

_HAS_WORD = re.compile(r"[^\W_]")


def has_words(text: str) -> bool:
    return bool(_HAS_WORD.search(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence containing ``offset`` (the whole text when none does)."""
    for start, end in sentences(text):
        if start <= offset < end:
            return start, end
    return _trim(text, 0, len(text))


def first_sentence(text: str, limit: int = 200) -> tuple[int, int]:
    """The first sentence, cut at a word boundary after ``limit`` characters."""
    spans = sentences(text)
    start, end = spans[0] if spans else (0, len(text))
    if end - start > limit:
        cut = text.rfind(" ", start, start + limit)
        end = cut if cut > start else start + limit
    return _trim(text, start, end)


def opening(text: str, max_words: int = 8) -> tuple[int, int]:
    """The opening words of a text, up to the first comma or ``max_words`` words."""
    spans = word_spans(text)[:max_words]
    if not spans:
        return 0, len(text)
    end = spans[-1][1]
    comma = text.find(",", 0, end)
    if comma > 0:
        end = comma
    return _trim(text, 0, end)


def humanise(identifier: str) -> str:
    return identifier.replace("-", " ").replace("_", " ")


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, FLAGS)


def compile_all(patterns: list[str]) -> list[re.Pattern[str]]:
    """Case-insensitive, multi-line; compiled once per process (rubrics are many
    patterns, more than ``re``'s own cache holds)."""
    return [_compiled(p) for p in patterns]


def check_regexes(value: Any) -> Any:
    """Validator body: a rubric's bad regular expression is an error at load time."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        pattern = item.get("pattern") if isinstance(item, dict) else item
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return value


class Requirement(Params):
    """Something a section or paragraph must also contain, e.g. a number."""

    pattern: str
    what: str
    """How a reader would name it in a message: "a number", "dates or owners"."""

    @field_validator("pattern")
    @classmethod
    def _valid(cls, value: str) -> str:
        check_regexes(value)
        return value

    def found_in(self, text: str) -> bool:
        return _compiled(self.pattern).search(text) is not None


# --------------------------------------------------------------------- headings

_NUMBERING = re.compile(
    r"^[\s#*_>•·\-–—]*(?:(?:\d+(?:\.\d+)*|[A-Z]|[ivxIVX]+)[.)]\s+|\d+(?:\.\d+)+\s+)?"
)
_TRAILER = re.compile(r"\s*[\[(](?:optional|required|draft|wip)[\])]\s*|[\s:.]+$", re.IGNORECASE)
QUESTION_PREFIX = re.compile(
    r"^\s*(?:Q|Question)\s*[:.)]|^\s*(?:Q|Question)\s*\d+\s*[:.)](?=[^\n]*\?)", re.IGNORECASE
)
""""Q:", "Question:", or a numbered "Q3: ...?" (with a question mark: "Q3: revenue
grew" is a quarter, not a question)."""


def normalise_heading(text: str) -> str:
    """"3.2 Non-Goals [optional]:" -> "Non-Goals": numbering and decorations off."""
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
