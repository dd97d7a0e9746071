"""Markdown to Document through markdown-it-py (CommonMark + tables + front matter).

markdown-it's source maps give each block its lines; inline markup is stripped so
checks read what a reader reads, with soft line breaks kept as ``\\n`` so a
character offset maps back to its source line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from prereview.document import Anchor, Block, BlockKind, Document, build_sections, sha256_of

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def _inline_text(token: Token) -> str:
    """Visible text of an inline token: markup dropped, breaks kept as newlines."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "")
        elif child.type == "html_inline":
            continue
    return "".join(parts)


def _line_columns(text: str, first_line: int, lines: list[str]) -> list[int]:
    """1-based source column where each rendered text line starts."""
    columns: list[int] = []
    for i, rendered in enumerate(text.split("\n")):
        idx = first_line + i - 1
        source = lines[idx] if 0 <= idx < len(lines) else ""
        probe = rendered.strip()[:12]
        pos = source.find(probe) if probe else -1
        if pos < 0:
            pos = len(source) - len(source.lstrip(" \t>-*+#0123456789.)"))
        columns.append(pos + 1)
    return columns


def _metadata(raw: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, (str, int, float, bool))}


def parse_markdown(text: str, path: str = "<text>", raw: bytes | None = None) -> Document:
    """Parse Markdown text into a Document (no file access; guards run before)."""
    tokens = _PARSER.parse(text)
    lines = text.splitlines()
    blocks: list[Block] = []
    metadata: dict[str, str] = {}
    containers: list[str] = []  # open list_item / blockquote tokens, innermost last
    list_stack: list[bool] = []  # ordered? for each open list
    pending_heading: tuple[int, list[int] | None] | None = None
    in_table = False
    row_map: list[int] | None = None

    def add(kind: BlockKind, content: str, line_map: list[int] | None, **extra: Any) -> None:
        if not content.strip() and kind != BlockKind.CODE:
            return
        first = (line_map[0] + 1) if line_map else None
        last = line_map[1] if line_map else None
        columns = _line_columns(content, first, lines) if first is not None else []
        blocks.append(
            Block(
                index=len(blocks),
                kind=kind,
                text=content,
                anchor=Anchor(line=first, end_line=last),
                line_columns=columns,
                **extra,
            )
        )

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
            pending_heading = (int(token.tag[1:]), token.map)
        elif ttype == "table_open":
            in_table = True
        elif ttype == "table_close":
            in_table = False
        elif ttype == "tr_open":
            row_map = token.map
        elif ttype == "inline":
            content = _inline_text(token)
            if pending_heading is not None:
                level, hmap = pending_heading
                add(BlockKind.HEADING, content.replace("\n", " "), hmap, level=level)
                pending_heading = None
            elif in_table:
                add(BlockKind.TABLE_CELL, content, row_map or token.map)
            elif containers and containers[-1] == "list_item_open":
                depth = len(list_stack)
                ordered = list_stack[-1] if list_stack else False
                add(BlockKind.LIST_ITEM, content, token.map, level=depth, ordered=ordered)
            elif containers and containers[-1] == "blockquote_open":
                add(BlockKind.QUOTE, content, token.map)
            else:
                add(BlockKind.PARAGRAPH, content, token.map)
        elif ttype in ("fence", "code_block"):
            add(BlockKind.CODE, token.content.rstrip("\n"), token.map, style=token.info or None)
        elif ttype == "html_block":
            # Invisible to a reader of the rendered page, so never style-checked, but
            # kept: HTML comments are where instructions to automated reviewers hide.
            add(BlockKind.CODE, token.content.rstrip("\n"), token.map, style="html")

    title = metadata.get("title", "")
    if not title:
        h1 = next((b for b in blocks if b.kind == BlockKind.HEADING and b.level == 1), None)
        first = next((b for b in blocks if b.kind == BlockKind.HEADING), None)
        title = (h1 or first).text.strip() if (h1 or first) else Path(path).stem
    title = re.sub(r"\s+", " ", title).strip()
    return Document(
        path=path,
        format="markdown",
        title=title,
        blocks=blocks,
        sections=build_sections(blocks),
        sha256=sha256_of(raw if raw is not None else text.encode("utf-8")),
        metadata=metadata,
    )
