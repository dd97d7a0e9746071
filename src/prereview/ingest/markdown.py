"""Markdown to Document through markdown-it-py (CommonMark + tables + front matter).

markdown-it's source maps give each block its lines; inline markup is stripped so
checks read what a reader reads (``markdown_inline``). Each block-level token
type has one handler (``_HANDLERS``), so a new construct is one entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from prereview.document import (
    Anchor,
    Block,
    BlockKind,
    Document,
    Mark,
    Span,
    build_sections,
    sha256_of,
)
from prereview.ingest.deep import recover_deep
from prereview.ingest.markdown_inline import code_columns, locate_lines, render_inline

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_NEWLINES = re.compile(r"\r\n?")
"""markdown-it's own line-ending normalisation; str.splitlines() would also split
on form feeds and U+2028, which markdown-it does not, and shift every line after."""


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (str, int, float, dt.date)):
        return str(value)
    return None


_KEY_LINE = re.compile(r"^([A-Za-z][\w .-]{0,60}?)\s*:\s*(.*?)\s*$")
"""A front-matter line read as ``key: value`` where the whole is no YAML."""


def _key_lines(raw: str) -> dict[str, str]:
    """Front matter that YAML cannot read (a CDK RFC's "rfc pr: [#xxx](...) <--
    fill this"), read line by line as ``key: value``: its template's fields are
    still fields (bounded: the first 200 lines)."""
    metadata: dict[str, str] = {}
    for line in raw.splitlines()[:200]:
        m = _KEY_LINE.match(line)
        if m is not None and m.group(2):
            metadata.setdefault(m.group(1), m.group(2))
    return metadata


def _metadata(raw: str) -> dict[str, str]:
    """Front matter values as strings; lists of scalars joined with commas."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return _key_lines(raw)
    if not isinstance(data, dict):
        return {}
    metadata: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            items = [_scalar(v) for v in value]
            if items and all(i is not None for i in items):
                metadata[str(key)] = ", ".join(i for i in items if i is not None)
            continue
        text = _scalar(value)
        if text is not None:
            metadata[str(key)] = text
    return metadata


def normalize_newlines(text: str) -> str:
    """What markdown-it parses: BOM dropped, CRLF and CR turned into LF."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


class _Builder:
    """The blocks of one document, built token by token: each token type has
    its handler in ``_HANDLERS``; the state is what is open (lists, quotes, a
    heading, a table row)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.metadata: dict[str, str] = {}
        self.containers: list[str] = []  # open list_item / blockquote tokens, innermost last
        self.list_stack: list[bool] = []  # ordered? for each open list
        self.pending_heading: tuple[int, list[int] | None] | None = None
        self.in_table = False
        self.row_map: list[int] | None = None
        self.row_hint = 0

    def add(
        self,
        kind: BlockKind,
        content: str,
        line_map: list[int] | None,
        *,
        first: int | None = None,
        starts: list[int] | None = None,
        columns: list[int] | None = None,
        **extra: Any,
    ) -> None:
        if not content.strip() and kind != BlockKind.CODE:
            return
        if first is None and line_map:
            first = line_map[0] + 1
        last = line_map[1] if line_map else None
        self.blocks.append(
            Block(
                index=len(self.blocks),
                kind=kind,
                text=content,
                anchor=Anchor(line=first, end_line=last),
                line_starts=starts or [],
                line_columns=columns or [],
                **extra,
            )
        )

    def add_inline(self, kind: BlockKind, token: Token, line_map: list[int] | None,
                   hint: int | None = None, **extra: Any) -> None:
        lines = self.lines
        rendered = render_inline(token)
        starts: list[int] = []
        columns: list[int] = []
        first = (line_map[0] + 1) if line_map else None
        if first is not None:
            starts, columns = locate_lines(rendered, token.content, first, lines, hint)
        self.add(kind, rendered.text, line_map, first=first, starts=starts, columns=columns,
                 code=[Span(start=a, end=b) for a, b in rendered.code],
                 marks=[Mark.model_construct(kind=k, start=a, end=b, href=h)
                        for k, a, b, h in rendered.marks], **extra)
        for comment in rendered.comments:
            # An inline comment is invisible to a reader: kept as an html code block
            # (never style-checked) so instructions hidden there are still seen.
            at_line, at_col = first or 1, 1
            source = "\n".join(lines[line_map[0]:line_map[1]]) if line_map else ""
            found = source.find(comment)
            if found >= 0 and first is not None:
                at_line = first + source.count("\n", 0, found)
                at_col = found - (source.rfind("\n", 0, found) + 1) + 1
            columns = [at_col] + [1] * comment.count("\n")
            self.add(BlockKind.CODE, comment, line_map, first=at_line, columns=columns,
                     style="html")

    # -- handlers, one per token type (see _HANDLERS)

    def front_matter(self, token: Token) -> None:
        self.metadata = _metadata(token.content)

    def list_open(self, token: Token) -> None:
        self.list_stack.append(token.type == "ordered_list_open")

    def list_close(self, token: Token) -> None:
        self.list_stack.pop()

    def container_open(self, token: Token) -> None:
        self.containers.append(token.type)

    def container_close(self, token: Token) -> None:
        self.containers.pop()

    def heading_open(self, token: Token) -> None:
        # A heading inside a quote or list item does not open a document section.
        if not self.containers:
            self.pending_heading = (int(token.tag[1:]), token.map)

    def table_open(self, token: Token) -> None:
        self.in_table = True

    def table_close(self, token: Token) -> None:
        self.in_table = False

    def tr_open(self, token: Token) -> None:
        self.row_map = token.map
        self.row_hint = 0

    def inline(self, token: Token) -> None:
        if self.pending_heading is not None:
            self._heading(token)
        elif self.in_table:
            self._cell(token)
        elif self.containers and self.containers[-1] == "list_item_open":
            depth = len(self.list_stack)
            ordered = self.list_stack[-1] if self.list_stack else False
            self.add_inline(BlockKind.LIST_ITEM, token, token.map, level=depth, ordered=ordered)
        elif self.containers and self.containers[-1] == "blockquote_open":
            self.add_inline(BlockKind.QUOTE, token, token.map)
        else:
            self.add_inline(BlockKind.PARAGRAPH, token, token.map)

    def _heading(self, token: Token) -> None:
        assert self.pending_heading is not None
        level, hmap = self.pending_heading
        self.pending_heading = None
        rendered = render_inline(token)
        first = hmap[0] + 1 if hmap else None
        columns: list[int] = []
        if first is not None:
            _, columns = locate_lines(rendered, token.content, first, self.lines)
        self.add(BlockKind.HEADING, rendered.text.replace("\n", " "), hmap,
                 columns=columns[:1], level=level,
                 marks=[Mark.model_construct(kind=k, start=a, end=b, href=h)
                        for k, a, b, h in rendered.marks if k != "break"])

    def _cell(self, token: Token) -> None:
        cell_map = self.row_map or token.map
        cell = token.content.strip()
        hint: int | None = None
        if cell_map and cell:
            row_line = self.lines[cell_map[0]] if cell_map[0] < len(self.lines) else ""
            found = row_line.find(cell, self.row_hint)
            if found >= 0:
                hint = found
                self.row_hint = found + len(cell)
        self.add_inline(BlockKind.TABLE_CELL, token, cell_map, hint=hint)

    def code(self, token: Token) -> None:
        """Fences, indented code and HTML blocks."""
        content = token.content.rstrip("\n")
        fmap = token.map
        # A fence's text starts on the line after its opening ``` line.
        skip = 1 if token.type == "fence" else 0
        first_text = fmap[0] + 1 + skip if fmap else None
        starts: list[int] = []
        columns: list[int] = []
        if first_text is not None:
            n = content.count("\n") + 1
            if skip:
                starts = list(range(first_text, first_text + n))
            columns = code_columns(content, first_text, self.lines)
        if token.type == "html_block":
            # Invisible to a reader of the rendered page, so never style-checked,
            # but kept: HTML comments are where instructions to automated
            # reviewers hide.
            style: str | None = "html"
        else:
            style = token.info.strip() or None
        self.add(BlockKind.CODE, content, fmap, starts=starts, columns=columns, style=style)


_HANDLERS: dict[str, Callable[[_Builder, Token], None]] = {
    "front_matter": _Builder.front_matter,
    "bullet_list_open": _Builder.list_open,
    "ordered_list_open": _Builder.list_open,
    "bullet_list_close": _Builder.list_close,
    "ordered_list_close": _Builder.list_close,
    "list_item_open": _Builder.container_open,
    "blockquote_open": _Builder.container_open,
    "list_item_close": _Builder.container_close,
    "blockquote_close": _Builder.container_close,
    "heading_open": _Builder.heading_open,
    "table_open": _Builder.table_open,
    "table_close": _Builder.table_close,
    "tr_open": _Builder.tr_open,
    "inline": _Builder.inline,
    "fence": _Builder.code,
    "code_block": _Builder.code,
    "html_block": _Builder.code,
}
"""Token type -> handler; other tokens (closing tags, hr, ...) add nothing."""


_NAMED = re.compile(
    r"^\W{0,4}(?:feature[ _-]?name|title|kep[ _-]?title)\W{0,4}:+\W{0,4}(?P<name>[^(\n].*)$",
    re.IGNORECASE,
)
"""A metadata line naming the document ("Feature Name: `futures_api`", "Title:
..."); a template's "(fill me in ...)" is no name."""
_NO_NAME = re.compile(r"^(?:n/?a|none|tbd|todo|-+)\W*$", re.IGNORECASE)
_NAME_KEYS = ("title", "feature name", "feature_name", "feature-name", "kep title")
_TEMPLATE_NAME = re.compile(
    r"\s*(?:the\s+)?(?:kep|rfc|enhancement|design(?:\s+doc(?:ument)?)?|proposal|pr/?faq)"
    r"\s+template\s*$", re.IGNORECASE)
"""A front-matter name left as the template's own ("title: KEP Template"): not what
the document calls itself (``style.unfinished`` reports the field)."""
_SECTION_NAME = re.compile(
    r"^(?:\d+\.?\s+)?(?:summary|abstract|motivation|introduction|overview|background|context|"
    r"tl;?dr|(?:table of )?contents|press release|faqs?|frequently asked questions)\W*$",
    re.IGNORECASE,
)
"""A heading naming a template's section: the document's first section, never its
title (a Rust RFC's "## Summary", a PR/FAQ's "# Press Release")."""


def _title(metadata: dict[str, str], blocks: list[Block], path: str) -> str:
    """What the document calls itself: a front-matter name (``title``, a CDK RFC's
    ``feature name``), else the first heading when it stands above every other
    heading, else a metadata line before the first heading ("Feature Name:" of a
    Rust RFC; not "N/A"), else the first h1, else the first heading, else the
    file's stem. A heading that names a section ("Summary", "Press Release") is
    never the title."""
    title = next((metadata[k] for k in _NAME_KEYS if metadata.get(k, "").strip()
                  and not _TEMPLATE_NAME.match(metadata[k])), "")
    headings = [b for b in blocks
                if b.kind == BlockKind.HEADING and not _SECTION_NAME.match(b.text.strip())]
    every = [b for b in blocks if b.kind == BlockKind.HEADING]
    if not title and every and headings and every[0] is headings[0] and all(
            (h.level or 1) > (every[0].level or 1) for h in every[1:]):
        title = every[0].text
    if not title:
        for block in blocks:
            if block.kind == BlockKind.HEADING:
                break
            found = next((m for m in map(_NAMED.match, block.text.splitlines()) if m), None)
            name = found.group("name").strip(" `*_") if found is not None else ""
            if name and not _NO_NAME.match(name):
                title = name
                break
    if not title:
        title = next((h.text for h in headings if h.level == 1), "")
    if not title and every and headings and every[0] is headings[0]:
        title = every[0].text
    return re.sub(r"\s+", " ", title.strip()).strip() or Path(path).stem


def parse_markdown(text: str, path: str = "<text>", raw: bytes | None = None) -> Document:
    """Parse Markdown text into a Document (no file access; guards run before)."""
    text = normalize_newlines(text)
    lines = text.split("\n")
    builder = _Builder(lines)
    tokens = _PARSER.parse(text)
    for token in tokens:
        handler = _HANDLERS.get(token.type)
        if handler is not None:
            handler(builder, token)
    # text past markdown-it's nesting limit is skipped by the parser: get it back
    blocks = recover_deep(builder.blocks, tokens, lines, _PARSER.options["maxNesting"])
    return Document(
        path=path,
        format="markdown",
        title=_title(builder.metadata, blocks, path),
        blocks=blocks,
        sections=build_sections(blocks),
        sha256=sha256_of(raw if raw is not None else text.encode("utf-8")),
        metadata=builder.metadata,
    )
