"""The Document: what every later stage reads instead of the source file.

Ingest turns a .md or .docx into a Document once; checks, the reviewer, reports
and history only ever see Blocks and Anchors, so nothing downstream re-parses.
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from prereview.text import nearest_occurrence


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    QUOTE = "quote"
    CODE = "code"


PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE})

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
"""One HTML comment (an unclosed one runs to the end of the block)."""
"""Kinds whose text is the author's prose (style metrics apply); headings, code and
table cells are not prose."""


class Anchor(BaseModel):
    """Where a block comes from in the source file.

    Markdown: ``line`` (1-based) of the block's first source line and ``end_line``.
    .docx: ``paragraph``, the 0-based index of the block's ``w:p`` among all ``w:p``
    elements of the document body in document order (``body.iter(w:p)``), so
    tables, content controls and text boxes are counted too.
    """

    model_config = ConfigDict(frozen=True)

    line: int | None = None
    end_line: int | None = None
    paragraph: int | None = None


class Span(BaseModel):
    """A character range ``[start, end)`` inside one block's text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Mark(BaseModel):
    """Inline formatting of a Markdown block, ``[start, end)`` in its text: what a
    rendering (the .docx of a draft, the HTML view) needs to read like the source.
    ``strong``/``em``/``link`` (with ``href``) are ranges; ``break`` is a hard
    line break at ``start`` (every other ``\\n`` of the text is a soft break)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["strong", "em", "link", "break"]
    start: int
    end: int
    href: str | None = None


class Block(BaseModel):
    """One unit of text with its anchor.

    ``text`` is the visible text (Markdown markup stripped, soft line breaks kept as
    ``\\n``; .docx: the paragraph's text including hyperlinks and tracked insertions,
    excluding deletions). Character offsets in findings index this string. For
    .docx these are also the offsets inside the paragraph.
    """

    index: int
    kind: BlockKind
    text: str
    anchor: Anchor
    level: int | None = None
    """Heading level (1-6) for headings; nesting depth (1-based) for list items."""
    section: int | None = None
    """Index into ``Document.sections`` of the innermost section containing it."""
    line_starts: list[int] = Field(default_factory=list)
    """Markdown: for each ``\\n``-separated line of ``text``, the source line number
    (1-based). Empty when every text line maps to ``anchor.line + i``."""
    line_columns: list[int] = Field(default_factory=list)
    """Markdown: for each text line, the 1-based source column of its first char
    when known."""
    hidden: list[Span] = Field(default_factory=list)
    """.docx: ranges rendered invisible or nearly so (vanish, white-on-white,
    font under 4pt): where instructions to automated reviewers hide."""
    code: list[Span] = Field(default_factory=list)
    """Markdown: ranges of inline code (backticks): identifiers, not prose words."""
    marks: list[Mark] = Field(default_factory=list)
    """Markdown: bold, italics, links and hard breaks (inline code is ``code``)."""
    ordered: bool = False
    """List items: part of a numbered list."""
    style: str | None = None
    """.docx: the paragraph style name."""

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS

    @property
    def is_comment(self) -> bool:
        """An HTML block holding only comments (a KEP's or an RFC template's
        instructions, ``<!-- Why should this KEP not be implemented? -->``):
        invisible to a reader, so never the author's content. Kept as a block
        (style ``html``) because instructions to automated reviewers hide there."""
        return (self.kind == BlockKind.CODE and self.style == "html"
                and self.text.lstrip().startswith("<!--")
                and not _HTML_COMMENT.sub("", self.text).strip())

    def line_of(self, offset: int) -> int | None:
        """Source line (Markdown) of the character at ``offset`` in ``text``."""
        if self.anchor.line is None:
            return None
        nth = self.text.count("\n", 0, max(0, min(offset, len(self.text))))
        if self.line_starts and nth < len(self.line_starts):
            return self.line_starts[nth]
        return self.anchor.line + nth

    def column_of(self, offset: int) -> int | None:
        """1-based column (Markdown) of ``offset`` relative to its text line.

        Exact for plain text; where inline markup was stripped before ``offset`` it
        is the column in the rendered line plus the line's source indent.
        """
        if self.anchor.line is None:
            return None
        offset = max(0, min(offset, len(self.text)))
        line_start = self.text.rfind("\n", 0, offset) + 1
        nth = self.text.count("\n", 0, offset)
        base = self.line_columns[nth] if nth < len(self.line_columns) else 1
        return base + (offset - line_start)


class Section(BaseModel):
    """A heading and everything under it until the next heading of the same or a
    higher level; ``parent`` makes the flat list a tree."""

    index: int
    title: str
    level: int
    heading_block: int | None
    """Index of the heading block; None for the implicit preamble section."""
    first_block: int
    end_block: int
    """Exclusive end: blocks ``first_block .. end_block - 1`` (subsections included)."""
    parent: int | None = None

    def path(self, document: Document) -> list[str]:
        titles: list[str] = []
        node: Section | None = self
        while node is not None:
            titles.append(node.title)
            node = document.sections[node.parent] if node.parent is not None else None
        return list(reversed(titles))


class Location(BaseModel):
    """Where a finding points: enough to find the text again in the source."""

    section: str | None = None
    block: int | None = None
    """Index into ``Document.blocks``."""
    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    """``[start, end)`` character offsets inside the block's (for .docx: the
    paragraph's) text."""


class Resolved(NamedTuple):
    """The block a location points at, and the quote's ``[start, end)`` in its text
    (None when there is no quote or it is not in the block)."""

    block: Block
    start: int | None = None
    end: int | None = None


def find_quote(text: str, quote: str | None, location: Location | None = None
               ) -> tuple[int, int] | None:
    """``quote`` in ``text``: at the location's offsets when they still hold it,
    else the occurrence nearest to them (the first when there are none); None
    when ``text`` does not contain it. Two searches, one each way from the offsets."""
    if not quote:
        return None
    start = location.start if location is not None else None
    end = location.end if location is not None else None
    if start is not None and end is not None and text[start:end] == quote:
        return start, end
    best = nearest_occurrence(text, quote, start if start is not None else 0)
    return (best, best + len(quote)) if best >= 0 else None


class Document(BaseModel):
    path: str
    format: Literal["markdown", "docx"]
    title: str
    blocks: list[Block]
    sections: list[Section]
    sha256: str
    metadata: dict[str, str] = Field(default_factory=dict)
    """Markdown front matter (scalar values as strings) or .docx core properties."""
    _by_paragraph: dict[int, int] | None = PrivateAttr(default=None)
    """.docx paragraph -> block index, built on first use."""

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.kind != BlockKind.CODE)

    def section_of(self, block: Block) -> Section | None:
        return self.sections[block.section] if block.section is not None else None

    def section_title(self, block: Block) -> str | None:
        section = self.section_of(block)
        return section.title if section is not None else None

    def blocks_in(self, section: Section) -> list[Block]:
        return self.blocks[section.first_block : section.end_block]

    def text(self) -> str:
        """The visible text, one block per paragraph: the reviewer's view."""
        return "\n\n".join(b.text for b in self.blocks)

    # -- where things are: the one place findings are anchored and found again

    def location(self, block: Block | int, start: int | None = None,
                 end: int | None = None) -> Location:
        """The Location of ``block.text[start:end]`` (the whole block without
        offsets): section, block, line and column (Markdown), paragraph (.docx)."""
        b = self.blocks[block] if isinstance(block, int) else block
        return Location(
            section=self.section_title(b) or None,
            block=b.index,
            line=b.line_of(start or 0),
            column=b.column_of(start or 0) if b.anchor.line is not None else None,
            paragraph=b.anchor.paragraph,
            start=start,
            end=end,
        )

    def block_at(self, location: Location | None) -> Block | None:
        """The block a location names: by block index, else by .docx paragraph."""
        if location is None:
            return None
        if location.block is not None and 0 <= location.block < len(self.blocks):
            return self.blocks[location.block]
        if location.paragraph is not None:
            if self._by_paragraph is None:
                self._by_paragraph = {}
                for b in self.blocks:
                    if b.anchor.paragraph is not None:
                        self._by_paragraph.setdefault(b.anchor.paragraph, b.index)
            index = self._by_paragraph.get(location.paragraph)
            return self.blocks[index] if index is not None else None
        return None

    def heading_at(self, location: Location | None) -> Block | None:
        """The heading of the section a location names by title (for findings
        about a section rather than a passage)."""
        if location is None or not location.section:
            return None
        title = location.section.strip()
        for section in self.sections:
            if section.title.strip() == title and section.heading_block is not None:
                return self.blocks[section.heading_block]
        return None

    def resolve(self, location: Location | None, quote: str | None = None) -> Resolved | None:
        """Which block holds a finding, and where its quote is in it: the block
        the location names, the quote at its offsets or nearest to them."""
        block = self.block_at(location)
        if block is None:
            return None
        span = find_quote(block.text, quote, location)
        return Resolved(block, *span) if span is not None else Resolved(block)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_sections(blocks: list[Block]) -> list[Section]:
    """Derive the heading tree from heading blocks and set ``Block.section``.

    Shared by both ingesters so a .md and a .docx with the same headings get the
    same sections. Blocks before the first heading belong to an untitled preamble
    section (index 0) only when there are such blocks.
    """
    sections: list[Section] = []
    stack: list[Section] = []
    if blocks and blocks[0].kind != BlockKind.HEADING:
        preamble = Section(index=0, title="", level=0, heading_block=None,
                           first_block=0, end_block=len(blocks))
        sections.append(preamble)
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            level = block.level or 1
            while stack and stack[-1].level >= level:
                stack.pop().end_block = block.index
            section = Section(
                index=len(sections),
                title=block.text.strip(),
                level=level,
                heading_block=block.index,
                first_block=block.index,
                end_block=len(blocks),
                parent=stack[-1].index if stack else None,
            )
            sections.append(section)
            stack.append(section)
        if sections:
            if stack:
                block.section = stack[-1].index
            else:
                block.section = 0
    if sections and sections[0].heading_block is None:
        first_heading = next((b.index for b in blocks if b.kind == BlockKind.HEADING), len(blocks))
        sections[0].end_block = first_heading
    return sections
