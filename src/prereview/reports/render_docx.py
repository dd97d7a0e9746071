"""A Markdown draft rendered as .docx, so its author gets Word comments too, in a
file that reads like the draft: soft line breaks are spaces, hard breaks are
line breaks, bold, italics, inline code and links are Word formatting (links are
real hyperlinks), headings are Word headings, list items are Word lists (each
numbered list starts again at 1), code blocks keep their lines.

Each block becomes exactly one paragraph whose visible text is the block's
rendered text (``prereview.reports.inline.rendered_text``): the block's text with
each soft ``\\n`` as one space, so a finding's ``[start, end)`` offsets into the
block are offsets into the paragraph and the annotator anchors comments the same
way as on an author's .docx.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from prereview.document import Block, BlockKind, Document
from prereview.reports.inline import Piece, pieces

CODE_STYLE = "Code"
INLINE_CODE_STYLE = "Inline Code"
HYPERLINK_STYLE = "Hyperlink"
MAX_HREF = 2048
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


def _ensure_character_styles(doc: DocxDocument) -> None:
    names = {s.name for s in doc.styles}
    if INLINE_CODE_STYLE not in names:
        code: Any = doc.styles.add_style(INLINE_CODE_STYLE, WD_STYLE_TYPE.CHARACTER)
        code.font.name = "Courier New"
        rfonts = code.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), "Courier New")
    if HYPERLINK_STYLE not in names:
        link: Any = doc.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True


class _Runs:
    """Writes a block's pieces as runs, with the style ids looked up once."""

    def __init__(self, doc: DocxDocument) -> None:
        self.code_id = doc.styles[INLINE_CODE_STYLE].style_id
        self.link_id = doc.styles[HYPERLINK_STYLE].style_id

    def _hyperlink(self, paragraph: Paragraph, href: str) -> Any:
        link = OxmlElement("w:hyperlink")
        if href.startswith("#"):
            link.set(qn("w:anchor"), _safe(href[1:MAX_HREF]))
        else:
            r_id = paragraph.part.relate_to(_safe(href[:MAX_HREF]), RT.HYPERLINK,
                                            is_external=True)
            link.set(qn("r:id"), r_id)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        return link

    def write(self, paragraph: Paragraph, parts: list[Piece]) -> None:
        link: Any = None
        link_href: str | None = None
        for piece in parts:
            run = paragraph.add_run(_safe(piece.text))
            if piece.strong:
                run.bold = True
            if piece.em:
                run.italic = True
            style = self.code_id if piece.code else self.link_id if piece.href else None
            if style is not None:
                rstyle = OxmlElement("w:rStyle")
                rstyle.set(qn("w:val"), style)
                run._r.get_or_add_rPr().insert(0, rstyle)
            if piece.href is None:
                link = link_href = None
                continue
            if link is None or link_href != piece.href:
                link, link_href = self._hyperlink(paragraph, piece.href), piece.href
            link.append(run._r)


class _Numbering:
    """A fresh numbering instance for each numbered list, so the second list of a
    draft starts at 1 again instead of continuing the first."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.abstract: dict[str, str | None] = {}
        self.current: dict[int, int] = {}
        """list depth -> numId of the list open at that depth."""

    def _abstract_of(self, style: str) -> str | None:
        if style not in self.abstract:
            found = None
            pPr = self.doc.styles[style].element.pPr
            num = pPr.numPr.numId if pPr is not None and pPr.numPr is not None else None
            if num is not None:
                numbering = self.doc.part.numbering_part.element
                for el in numbering.iterchildren(qn("w:num")):
                    if el.get(qn("w:numId")) == str(num.val):
                        found = el.find(qn("w:abstractNumId")).get(qn("w:val"))
            self.abstract[style] = found
        return self.abstract[style]

    def end(self, depth: int = 0) -> None:
        """Lists deeper than ``depth`` are closed."""
        for d in [d for d in self.current if d > depth]:
            del self.current[d]

    def number(self, paragraph: Paragraph, style: str, depth: int) -> None:
        self.end(depth)
        if depth not in self.current:
            abstract = self._abstract_of(style)
            if abstract is None:
                return
            numbering = self.doc.part.numbering_part.element
            num = numbering.add_num(int(abstract))
            override = num.add_lvlOverride(ilvl=0)
            override.add_startOverride(1)
            self.current[depth] = num.numId
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = self.current[depth]


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
    _ensure_character_styles(doc)
    runs = _Runs(doc)
    numbering = _Numbering(doc)
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
                    runs.write(paragraph, pieces(cell_block))
                    placed[cell_block.index] = paragraph._p
            numbering.end()
            continue
        paragraph = doc.add_paragraph()
        style = _style_for(block)
        if style != "Normal":
            paragraph._p.style = style_id(style)
        if block.kind == BlockKind.LIST_ITEM and block.ordered:
            numbering.number(paragraph, style, block.level or 1)
        elif block.kind == BlockKind.LIST_ITEM:
            # a bullet ends any numbered list at its own depth (a new list) and below
            numbering.end((block.level or 1) - 1)
        else:
            numbering.end()
        runs.write(paragraph, pieces(block))
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
