"""A Document rendered as .docx, so a Markdown author can get Word comments too.

Each block becomes exactly one paragraph whose visible text is the block's text
character for character (soft breaks as ``w:br``, tabs as ``w:tab``), so a
finding's ``[start, end)`` offsets into the block are offsets into the paragraph
and the annotator can anchor comments the same way as on an author's .docx.
Inline Markdown formatting is not in the Document, so it is not rendered.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt

from prereview.document import Block, BlockKind, Document

CODE_STYLE = "Code"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """Characters XML cannot hold, replaced one for one so offsets still line up."""
    return _XML_INVALID.sub("\ufffd", text.replace("\r", "\n"))


def _style_for(block: Block) -> str:
    if block.kind == BlockKind.HEADING:
        level = block.level if block.level is not None else 1
        return "Title" if level <= 0 else f"Heading {min(level, 9)}"
    if block.kind == BlockKind.LIST_ITEM:
        depth = min(max(block.level or 1, 1), 3)
        base = "List Number" if block.ordered else "List Bullet"
        return base if depth == 1 else f"{base} {depth}"
    if block.kind == BlockKind.QUOTE:
        return "Quote"
    if block.kind == BlockKind.CODE:
        return CODE_STYLE
    return "Normal"


def _ensure_code_style(doc: DocxDocument) -> None:
    if any(s.name == CODE_STYLE for s in doc.styles):
        return
    style: Any = doc.styles.add_style(CODE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.name = "Courier New"
    style.font.size = Pt(9)
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), "Courier New")
    style.paragraph_format.space_after = Pt(0)


def _table_groups(blocks: list[Block], start: int) -> tuple[list[list[Block]], int]:
    """The rows of the table starting at ``blocks[start]`` (cells of one row share a
    source line) and the index just past it."""
    rows: list[list[Block]] = []
    i = start
    last_line: int | None = None
    while i < len(blocks) and blocks[i].kind == BlockKind.TABLE_CELL:
        line = blocks[i].anchor.line
        if rows and line is not None and last_line is not None and line - last_line > 2:
            break  # a second table right after the first
        if not rows or line is None or line != last_line:
            rows.append([])
        rows[-1].append(blocks[i])
        last_line = line
        i += 1
    return rows, i


def build_docx(document: Document) -> tuple[DocxDocument, dict[int, int]]:
    """The rendering in memory, and for each block index its paragraph index
    (``body.iter(w:p)``) in the rendering."""
    doc = docx.Document()
    _ensure_code_style(doc)
    doc.core_properties.title = document.title[:255]
    placed: dict[int, Any] = {}
    style_ids: dict[str, str] = {}

    def style_id(name: str) -> str:
        # looked up once per name: python-docx resolves names by scanning all styles
        if name not in style_ids:
            style_ids[name] = doc.styles[name].style_id
        return style_ids[name]

    blocks = document.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == BlockKind.TABLE_CELL:
            rows, i = _table_groups(blocks, i)
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            table.style = doc.styles["Table Grid"]
            for r, row in enumerate(rows):
                for c, cell_block in enumerate(row):
                    paragraph = table.cell(r, c).paragraphs[0]
                    paragraph.add_run(_safe(cell_block.text))
                    placed[cell_block.index] = paragraph._p
            continue
        paragraph = doc.add_paragraph()
        style = _style_for(block)
        if style != "Normal":
            paragraph._p.style = style_id(style)
        if block.text:
            paragraph.add_run(_safe(block.text))
        placed[block.index] = paragraph._p
        i += 1
    index_of = {id(p): n for n, p in enumerate(doc.element.body.iter(qn("w:p")))}
    mapping = {b: index_of[id(p)] for b, p in placed.items()}
    return doc, mapping


def render_docx(document: Document, out_path: str | Path) -> dict[int, int]:
    """Write the rendering to ``out_path``; return block index -> paragraph index."""
    doc, mapping = build_docx(document)
    doc.save(str(out_path))
    return mapping
