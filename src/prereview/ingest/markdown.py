"""Markdown to Document through markdown-it-py (CommonMark + tables + front matter).

markdown-it's source maps give each block its lines; inline markup is stripped so
checks read what a reader reads. The inline renderer follows the source with a
cursor while it strips markup, and keeps one ``\\n`` in the text for every source
newline it passes (soft breaks, but also newlines inside code spans, raw HTML and
link destinations), so text line ``i`` of a block is source line ``anchor.line + i``
and a character offset maps back to an exact line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
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
    Span,
    build_sections,
    sha256_of,
)

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_NEWLINES = re.compile(r"\r\n?")
"""markdown-it's own line-ending normalisation; str.splitlines() would also split
on form feeds and U+2028, which markdown-it does not, and shift every line after."""


@dataclass
class _Rendered:
    text: str = ""
    code: list[tuple[int, int]] = field(default_factory=list)
    """Offsets in ``text`` of inline code spans."""
    comments: list[str] = field(default_factory=list)
    """Inline HTML comments: invisible when rendered, kept for the injection check."""
    line_pos: list[int] = field(default_factory=lambda: [0])
    """For each rendered line, the offset in the inline source of its first
    visible character (or of the line start when it has none)."""


class _InlineRenderer:
    """Visible text of one inline token, following its source with a cursor."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.out: list[str] = []
        self.line_pos: list[int] = [0]
        self.line_has_char = [False]
        self.links: list[str] = []
        self.code: list[tuple[int, int]] = []
        self.comments: list[str] = []
        self.length = 0

    # ---------------------------------------------------------------- cursor

    def _line_end(self) -> int:
        end = self.src.find("\n", self.pos)
        return len(self.src) if end < 0 else end

    def _newline_at(self, nl: int) -> None:
        start = nl + 1
        while start < len(self.src) and self.src[start] in " \t":
            start += 1
        self.out.append("\n")
        self.length += 1
        self.line_pos.append(start)
        self.line_has_char.append(False)
        self.pos = nl + 1

    def _sync_to(self, target: int) -> None:
        """Move the cursor to ``target``, keeping one text newline per source one."""
        target = min(target, len(self.src))
        while True:
            nl = self.src.find("\n", self.pos, target)
            if nl < 0:
                break
            self._newline_at(nl)
        self.pos = max(self.pos, target)

    def _emit(self, text: str, at: int | None) -> None:
        if not text:
            return
        if at is not None and not self.line_has_char[-1]:
            self.line_pos[-1] = at
            self.line_has_char[-1] = True
        self.out.append(text)
        self.length += len(text)

    def _seek(self, text: str) -> int | None:
        """Find rendered ``text`` in the current source line; escapes and entities
        make it differ from the source, so fall back to aligning char by char."""
        end = self._line_end()
        idx = self.src.find(text, self.pos, end)
        if idx >= 0:
            self.pos = idx + len(text)
            return idx
        first: int | None = None
        p = self.pos
        for ch in text:
            j = self.src.find(ch, p, end)
            if j < 0:
                continue
            if first is None:
                first = j
            p = j + 1
        self.pos = p
        return first

    def _skip_ws(self, k: int) -> int:
        while k < len(self.src) and self.src[k] in " \t\n":
            k += 1
        return k

    def _skip_link_tail(self) -> None:
        """Step over ``](destination "title")`` or ``][ref]`` after a link label."""
        src = self.src
        close = src.find("]", self.pos)
        if close < 0:
            return
        k = close + 1
        if k < len(src) and src[k] == "(":
            k = self._skip_ws(k + 1)
            if k < len(src) and src[k] == "<":
                gt = src.find(">", k)
                k = gt + 1 if gt >= 0 else k
            else:
                depth = 0
                while k < len(src):
                    ch = src[k]
                    if ch == "\\":
                        k += 2
                        continue
                    if ch in " \t\n":
                        break
                    if ch == "(":
                        depth += 1
                    elif ch == ")":
                        if depth == 0:
                            break
                        depth -= 1
                    k += 1
            k = self._skip_ws(k)
            if k < len(src) and src[k] in "\"'(":
                closer = ")" if src[k] == "(" else src[k]
                end = src.find(closer, k + 1)
                k = end + 1 if end >= 0 else k
                k = self._skip_ws(k)
            if k < len(src) and src[k] == ")":
                k += 1
        elif k < len(src) and src[k] == "[":
            end = src.find("]", k)
            k = end + 1 if end >= 0 else k
        self._sync_to(k)

    # ---------------------------------------------------------------- tokens

    def _code_inline(self, child: Token) -> None:
        marker = child.markup or "`"
        src = self.src
        start = src.find(marker, self.pos)
        close = -1
        if start >= 0:
            k = start + len(marker)
            while True:
                close = src.find(marker, k)
                if close < 0:
                    break
                before = src[close - 1] if close > 0 else ""
                after = src[close + len(marker) : close + len(marker) + 1]
                if before != "`" and after != "`":
                    break
                k = close + 1
        code_start = self.length
        if start < 0 or close < 0:
            self._emit(child.content, self._seek(child.content))
            self.code.append((code_start, self.length))
            return
        self._sync_to(start)
        raw_start, raw_end = start + len(marker), close
        raw = src[raw_start:raw_end]
        flat = raw.replace("\n", " ")
        if flat.startswith(" ") and flat.endswith(" ") and flat.strip(" "):
            if raw[0] == " ":
                raw_start += 1
            if raw[-1] == " ":
                raw_end -= 1
        piece_start = raw_start
        while True:
            nl = src.find("\n", piece_start, raw_end)
            piece_end = raw_end if nl < 0 else nl
            self._emit(src[piece_start:piece_end], piece_start)
            if nl < 0:
                break
            self.pos = piece_end
            self._newline_at(nl)
            piece_start = nl + 1
        self.pos = close + len(marker)
        self.code.append((code_start, self.length))

    def render(self, children: list[Token]) -> None:
        for child in children:
            ctype = child.type
            if ctype in ("text", "text_special"):
                content = child.content.replace("\r", " ").replace("\n", " ")
                self._emit(content, self._seek(content))
            elif ctype in ("softbreak", "hardbreak"):
                nl = self.src.find("\n", self.pos)
                if nl < 0:
                    self.out.append("\n")
                    self.length += 1
                    self.line_pos.append(self.pos)
                    self.line_has_char.append(False)
                else:
                    self._sync_to(nl + 1)
            elif ctype == "code_inline":
                self._code_inline(child)
            elif ctype == "html_inline":
                if child.content.lstrip().startswith("<!--"):
                    self.comments.append(child.content)
                idx = self.src.find(child.content, self.pos)
                if idx >= 0:
                    self._sync_to(idx + len(child.content))
            elif ctype == "image":
                self.render(child.children or [])
                self._skip_link_tail()
            elif ctype == "link_open":
                self.links.append(child.markup)
            elif ctype == "link_close":
                markup = self.links.pop() if self.links else ""
                if markup == "autolink":
                    gt = self.src.find(">", self.pos, self._line_end())
                    self.pos = gt + 1 if gt >= 0 else self.pos
                else:
                    self._skip_link_tail()

    def result(self) -> _Rendered:
        return _Rendered(text="".join(self.out), code=self.code, comments=self.comments,
                         line_pos=self.line_pos)


def render_inline(token: Token) -> _Rendered:
    renderer = _InlineRenderer(token.content)
    renderer.render(token.children or [])
    return renderer.result()


def _content_offset(source: str, content: str, hint: int | None = None) -> int:
    """0-based column where ``content`` (a line of a token's source, container
    markers and indentation removed) starts in its ``source`` line."""
    stripped = content.strip()
    if not stripped:
        if content and source.endswith(content):
            return len(source) - len(content)
        return len(source) - len(source.lstrip())
    lead = len(content) - len(content.lstrip())
    if hint is None:
        tail = content.rstrip()
        src_tail = source.rstrip()
        if src_tail.endswith(tail):
            return len(src_tail) - len(tail)
        hint = 0
    found = source.find(stripped, hint)
    if found >= 0:
        return max(0, found - lead)
    return len(source) - len(source.lstrip())


def _locate(
    rendered: _Rendered, src: str, first_line: int, lines: list[str], hint: int | None = None
) -> tuple[list[int], list[int]]:
    """(line_starts, line_columns) of a rendered inline token whose source
    starts on 1-based ``first_line``. ``line_starts`` is empty when the text lines
    follow the source lines one to one (the usual case)."""
    src_lines = src.split("\n")
    offsets: dict[int, int] = {}
    starts: list[int] = []
    columns: list[int] = []
    for pos in rendered.line_pos:
        j = src.count("\n", 0, pos)
        line_start = src.rfind("\n", 0, pos) + 1
        idx = first_line - 1 + j
        source = lines[idx] if 0 <= idx < len(lines) else ""
        if j not in offsets:
            content = src_lines[j] if j < len(src_lines) else ""
            offsets[j] = _content_offset(source, content, hint)
        starts.append(first_line + j)
        columns.append(offsets[j] + (pos - line_start) + 1)
    if starts == list(range(first_line, first_line + len(starts))):
        starts = []
    return starts, columns


def _code_columns(text: str, first_line: int, lines: list[str]) -> list[int]:
    columns: list[int] = []
    for i, content in enumerate(text.split("\n")):
        idx = first_line - 1 + i
        source = lines[idx] if 0 <= idx < len(lines) else ""
        columns.append(_content_offset(source, content) + 1)
    return columns


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (str, int, float, dt.date)):
        return str(value)
    return None


def _metadata(raw: str) -> dict[str, str]:
    """Front matter values as strings; lists of scalars joined with commas."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return {}
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


def parse_markdown(text: str, path: str = "<text>", raw: bytes | None = None) -> Document:
    """Parse Markdown text into a Document (no file access; guards run before)."""
    text = normalize_newlines(text)
    tokens = _PARSER.parse(text)
    lines = text.split("\n")
    blocks: list[Block] = []
    metadata: dict[str, str] = {}
    containers: list[str] = []  # open list_item / blockquote tokens, innermost last
    list_stack: list[bool] = []  # ordered? for each open list
    pending_heading: tuple[int, list[int] | None] | None = None
    in_table = False
    row_map: list[int] | None = None
    row_hint = 0

    def add(
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
        blocks.append(
            Block(
                index=len(blocks),
                kind=kind,
                text=content,
                anchor=Anchor(line=first, end_line=last),
                line_starts=starts or [],
                line_columns=columns or [],
                **extra,
            )
        )

    def add_inline(kind: BlockKind, token: Token, line_map: list[int] | None,
                   hint: int | None = None, **extra: Any) -> None:
        rendered = render_inline(token)
        starts: list[int] = []
        columns: list[int] = []
        first = (line_map[0] + 1) if line_map else None
        if first is not None:
            starts, columns = _locate(rendered, token.content, first, lines, hint)
        add(kind, rendered.text, line_map, first=first, starts=starts, columns=columns,
            code=[Span(start=a, end=b) for a, b in rendered.code], **extra)
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
            add(BlockKind.CODE, comment, line_map, first=at_line, columns=columns, style="html")

    for token in tokens:
        ttype = token.type
        if ttype == "front_matter":
            metadata = _metadata(token.content)
        elif ttype in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(ttype == "ordered_list_open")
        elif ttype in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif ttype in ("list_item_open", "blockquote_open"):
            containers.append(ttype)
        elif ttype in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif ttype == "heading_open":
            # A heading inside a quote or list item does not open a document section.
            if not containers:
                pending_heading = (int(token.tag[1:]), token.map)
        elif ttype == "table_open":
            in_table = True
        elif ttype == "table_close":
            in_table = False
        elif ttype == "tr_open":
            row_map = token.map
            row_hint = 0
        elif ttype == "inline":
            if pending_heading is not None:
                level, hmap = pending_heading
                pending_heading = None
                rendered = render_inline(token)
                first = hmap[0] + 1 if hmap else None
                columns: list[int] = []
                if first is not None:
                    _, columns = _locate(rendered, token.content, first, lines)
                add(BlockKind.HEADING, rendered.text.replace("\n", " "), hmap,
                    columns=columns[:1], level=level)
            elif in_table:
                cell_map = row_map or token.map
                cell = token.content.strip()
                hint: int | None = None
                if cell_map and cell:
                    row_line = lines[cell_map[0]] if cell_map[0] < len(lines) else ""
                    found = row_line.find(cell, row_hint)
                    if found >= 0:
                        hint = found
                        row_hint = found + len(cell)
                add_inline(BlockKind.TABLE_CELL, token, cell_map, hint=hint)
            elif containers and containers[-1] == "list_item_open":
                depth = len(list_stack)
                ordered = list_stack[-1] if list_stack else False
                add_inline(BlockKind.LIST_ITEM, token, token.map, level=depth, ordered=ordered)
            elif containers and containers[-1] == "blockquote_open":
                add_inline(BlockKind.QUOTE, token, token.map)
            else:
                add_inline(BlockKind.PARAGRAPH, token, token.map)
        elif ttype in ("fence", "code_block", "html_block"):
            content = token.content.rstrip("\n")
            fmap = token.map
            # A fence's text starts on the line after its opening ``` line.
            skip = 1 if ttype == "fence" else 0
            first_text = fmap[0] + 1 + skip if fmap else None
            starts: list[int] = []
            columns = []
            if first_text is not None:
                n = content.count("\n") + 1
                if skip:
                    starts = list(range(first_text, first_text + n))
                columns = _code_columns(content, first_text, lines)
            if ttype == "html_block":
                # Invisible to a reader of the rendered page, so never style-checked,
                # but kept: HTML comments are where instructions to automated
                # reviewers hide.
                style: str | None = "html"
            else:
                style = token.info.strip() or None
            add(BlockKind.CODE, content, fmap, starts=starts, columns=columns, style=style)

    title = metadata.get("title", "")
    if not title:
        h1 = next((b for b in blocks if b.kind == BlockKind.HEADING and b.level == 1), None)
        first_heading = next((b for b in blocks if b.kind == BlockKind.HEADING), None)
        chosen = h1 or first_heading
        title = chosen.text.strip() if chosen is not None else ""
    title = re.sub(r"\s+", " ", title).strip() or Path(path).stem
    return Document(
        path=path,
        format="markdown",
        title=title,
        blocks=blocks,
        sections=build_sections(blocks),
        sha256=sha256_of(raw if raw is not None else text.encode("utf-8")),
        metadata=metadata,
    )
