"""Shared helpers of the structure kinds: finding a rubric's named sections, the
blocks of a scope, words and sentences.

Section lookup differs from ``CheckContext.sections_named`` in two ways that real
documents need: heading text is normalised first ("3.2 Non-Goals [optional]:" reads
"Non-Goals"), and a title heading that wraps the whole document is taken for a
section only when no heading inside it matches too (in "# Design doc: security
review" with a "## Security" below, the Security section is the inner one). A
section known only as what precedes another (``before:``) runs, when that other
section has no heading either, to the first FAQ-style question ("Q: ...", a
question heading) or else to the end of the body: a PR/FAQ titled "PRFAQ" with
"Q:" paragraphs still has a press release, and one with no FAQ at all is read as
a press release throughout.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from typing import Any

from pydantic import field_validator

from prereview.checks.context import BODY, DOCUMENT, CheckContext
from prereview.checks.registry import Params
from prereview.document import Block, BlockKind, Section
from prereview.text import sentences, word_count
from prereview.text import words as word_spans

FLAGS = re.IGNORECASE | re.MULTILINE

# --------------------------------------------------------------------- text helpers

_HAS_WORD = re.compile(r"[^\W_]")


def words(text: str) -> int:
    return word_count(text)


def has_words(text: str) -> bool:
    return bool(_HAS_WORD.search(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence (see :func:`prereview.text.sentences`)."""
    return sentences(text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence containing ``offset`` (the whole text when none does)."""
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return start, end
    return _trim(text, 0, len(text))


def first_sentence(text: str, limit: int = 200) -> tuple[int, int]:
    """The first sentence, cut at a word boundary after ``limit`` characters."""
    spans = sentence_spans(text)
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


# --------------------------------------------------------------------- sections

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


_CACHE: weakref.WeakKeyDictionary[CheckContext, dict[str, Any]] = weakref.WeakKeyDictionary()


def cache(ctx: CheckContext) -> dict[str, Any]:
    """Per-review memo: the structure kinds share press-release parts, quotes..."""
    return _CACHE.setdefault(ctx, {})


def title_section(ctx: CheckContext) -> Section | None:
    """The heading that wraps the whole document (its title), if there is one."""
    memo = cache(ctx)
    if "title_section" in memo:
        result: Section | None = memo["title_section"]
        return result
    doc = ctx.document
    headed = [s for s in doc.sections if s.heading_block is not None]
    found: Section | None = None
    if len(headed) > 1:
        first = headed[0]
        before = doc.blocks[: first.first_block]
        if (
            all(b.kind == BlockKind.CODE or not has_words(b.text) for b in before)
            and all(s.level > first.level for s in headed[1:])
        ):
            found = first
    memo["title_section"] = found
    return found


def normalised_titles(ctx: CheckContext) -> list[str]:
    memo = cache(ctx)
    if "titles" not in memo:
        memo["titles"] = [normalise_heading(s.title) for s in ctx.document.sections]
    titles: list[str] = memo["titles"]
    return titles


def heading_text(ctx: CheckContext, section: Section) -> str:
    if section.heading_block is None:
        return section.title
    return ctx.document.blocks[section.heading_block].text.strip()


def find_sections(ctx: CheckContext, section_id: str) -> list[Section]:
    """Sections whose normalised heading matches the rubric's aliases for
    ``section_id``; outermost only, never the document's title heading."""
    memo = cache(ctx).setdefault("sections", {})
    if section_id in memo:
        hits_cached: list[Section] = memo[section_id]
        return hits_cached
    spec = ctx.rubric.sections.get(section_id)
    if spec is None:
        raise KeyError(f"unknown section '{section_id}' in rubric '{ctx.rubric.id}'")
    patterns = compile_all(spec.headings)
    names = normalised_titles(ctx)
    matching = [
        s for s in ctx.document.sections
        if s.heading_block is not None and any(p.search(names[s.index]) for p in patterns)
    ]
    title = title_section(ctx)
    if title is not None and len(matching) > 1:
        matching = [s for s in matching if s is not title]
    hits: list[Section] = []
    for section in matching:
        if any(h.first_block <= section.first_block < h.end_block for h in hits):
            continue
        hits.append(section)
    memo[section_id] = hits
    return hits


def is_question_start(block: Block) -> bool:
    """A block that opens an FAQ entry on its own: "Q: ..." or a question heading."""
    text = block.text.strip()
    if block.kind == BlockKind.HEADING:
        return text.rstrip("*_ ").endswith("?") or bool(QUESTION_PREFIX.match(text))
    return block.kind == BlockKind.PARAGRAPH and bool(QUESTION_PREFIX.match(text))


def scope_blocks(ctx: CheckContext, name: str) -> list[Block]:
    """Every non-code block of a scope (headings and tables included)."""
    memo = cache(ctx).setdefault("scopes", {})
    if name in memo:
        cached: list[Block] = memo[name]
        return cached
    blocks = _scope_blocks(ctx, name)
    memo[name] = blocks
    return blocks


def _scope_blocks(ctx: CheckContext, name: str) -> list[Block]:
    if name in (DOCUMENT, BODY):
        return ctx.scope(name)
    doc = ctx.document
    sections = find_sections(ctx, name)
    if sections:
        picked: set[int] = set()
        for section in sections:
            picked.update(range(section.first_block, section.end_block))
        return [b for b in doc.blocks if b.index in picked and b.kind != BlockKind.CODE]
    spec = ctx.rubric.sections[name]
    if not spec.before:
        return []
    body = {b.index for b in ctx.scope(BODY)}
    later = find_sections(ctx, spec.before)
    if later:
        end = min(s.first_block for s in later)
    else:
        end = next(
            (b.index for b in doc.blocks if b.index in body and is_question_start(b)),
            len(doc.blocks),
        )
    return [b for b in doc.blocks[:end] if b.index in body and b.kind != BlockKind.CODE]


def prose_blocks(ctx: CheckContext, name: str) -> list[Block]:
    """Prose blocks (paragraphs, list items, quotes) of a scope that hold words."""
    return [b for b in scope_blocks(ctx, name) if b.is_prose and has_words(b.text)]


def scope_label(ctx: CheckContext, name: str) -> str:
    if name == DOCUMENT:
        return "document"
    if name == BODY:
        return "main body"
    return humanise(name)
