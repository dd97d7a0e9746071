"""Builders for real .docx files (python-docx, plus lxml for what it cannot write:
tracked changes, content controls, text boxes, hyperlinks, outline levels)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"
NSDECLS = (
    f'{nsdecls("w", "r", "wp", "a")} xmlns:mc="{MC_NS}" xmlns:v="{V_NS}" xmlns:wps="{WPS_NS}"'
)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_xml(text: str, rpr: str = "", tag: str = "w:t") -> str:
    return (
        f'<w:r {nsdecls("w")}>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}'
        f'<{tag} xml:space="preserve">{_xml_text(text)}</{tag}></w:r>'
    )


class DocxBuilder:
    """A python-docx Document with helpers for the body structures ingest must read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.doc = docx.Document()
        self.body = self.doc.element.body

    # ------------------------------------------------------------------ basics

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.doc.add_paragraph(text, style)

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """level 0 is the Title style."""
        return self.doc.add_heading(text, level)

    def runs(self, parts: list[tuple[str, dict[str, Any]]], style: str | None = None) -> Paragraph:
        """A paragraph from (text, formatting) parts: bold, italic, color (hex),
        size (pt), hidden."""
        p = self.doc.add_paragraph(style=style)
        for text, fmt in parts:
            run = p.add_run(text)
            run.bold = fmt.get("bold")
            run.italic = fmt.get("italic")
            if "color" in fmt:
                run.font.color.rgb = RGBColor.from_string(fmt["color"])
            if "size" in fmt:
                run.font.size = Pt(fmt["size"])
            if fmt.get("hidden"):
                run.font.hidden = True
        return p

    def outline_para(self, text: str, outline_level: int) -> Paragraph:
        """A Normal paragraph made a heading only by w:outlineLvl (0-based)."""
        p = self.doc.add_paragraph(text)
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline_level}"/>'))
        return p

    def custom_style(self, name: str, outline_level: int | None = None,
                     based_on: str | None = None) -> str:
        """A custom paragraph style (e.g. a localized heading) with an outline level."""
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if based_on is not None:
            style.base_style = self.doc.styles[based_on]
        if outline_level is not None:
            ppr = style.element.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline_level}"/>'))
        return name

    def table(self, rows: list[list[str]]) -> Any:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        return table

    def numbering(self, formats: list[str]) -> str:
        """Add a list definition whose level i has number format formats[i]
        (bullet, decimal, lowerLetter...); returns its numId."""
        numbering = self.doc.part.numbering_part.element
        ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_ids = [int(a.get(qn("w:abstractNumId")))
                        for a in numbering.findall(qn("w:abstractNum"))]
        num_id, abstract_id = max(ids, default=0) + 1, max(abstract_ids, default=-1) + 1
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/></w:lvl>'
            for i, fmt in enumerate(formats)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}'
            f"</w:abstractNum>"
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        ))
        return str(num_id)

    def numbered(self, text: str, num_id: str, ilvl: int) -> Paragraph:
        """A Normal paragraph numbered directly (w:numPr in its pPr)."""
        p = self.doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
            f"</w:numPr>"
        ))
        return p

    # ------------------------------------------------------------------ inline XML

    def hyperlink(self, p: Paragraph, text: str, url: str) -> None:
        rid = p.part.relate_to(url, RT.HYPERLINK, is_external=True)
        run = _run_xml(text, '<w:rStyle w:val="Hyperlink"/>')
        p._p.append(parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}">{run}</w:hyperlink>'
        ))

    def insertion(self, p: Paragraph, text: str) -> None:
        p._p.append(parse_xml(
            f'<w:ins {nsdecls("w")} w:id="901" w:author="Ana" w:date="2026-01-01T00:00:00Z">'
            f"{_run_xml(text)}</w:ins>"
        ))

    def deletion(self, p: Paragraph, text: str) -> None:
        p._p.append(parse_xml(
            f'<w:del {nsdecls("w")} w:id="902" w:author="Ana" w:date="2026-01-01T00:00:00Z">'
            f'{_run_xml(text, tag="w:delText")}</w:del>'
        ))

    def move_from(self, p: Paragraph, text: str) -> None:
        p._p.append(parse_xml(
            f'<w:moveFrom {nsdecls("w")} w:id="903" w:author="Ana">{_run_xml(text)}</w:moveFrom>'
        ))

    def inline_content_control(self, p: Paragraph, text: str) -> None:
        p._p.append(parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Field"/></w:sdtPr>'
            f"<w:sdtContent>{_run_xml(text)}</w:sdtContent></w:sdt>"
        ))

    def field_simple(self, p: Paragraph, text: str) -> None:
        p._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" DOCPROPERTY Company ">'
            f"{_run_xml(text)}</w:fldSimple>"
        ))

    def special_run(self, p: Paragraph, inner: str) -> None:
        """A run with raw children, e.g. '<w:tab/>' or '<w:noBreakHyphen/>'."""
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{inner}</w:r>'))

    # ------------------------------------------------------------------ block XML

    def _append_block(self, element: Any) -> None:
        sect = self.body.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(element)
        else:
            self.body.append(element)

    def content_control(self, texts: list[str]) -> None:
        """A block-level content control holding paragraphs."""
        paras = "".join(f"<w:p>{_run_xml(t)}</w:p>" for t in texts)
        self._append_block(parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Block"/></w:sdtPr>'
            f"<w:sdtContent>{paras}</w:sdtContent></w:sdt>"
        ))

    def text_box(self, p: Paragraph, text: str) -> None:
        """A text box the way Word writes it: the DrawingML shape in mc:Choice and
        a VML copy in mc:Fallback, each with its own w:txbxContent paragraph."""
        inner = f"<w:txbxContent><w:p>{_run_xml(text)}</w:p></w:txbxContent>"
        p._p.append(parse_xml(
            f"<w:r {NSDECLS}><mc:AlternateContent>"
            f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            f"<wps:wsp><wps:txbx>{inner}</wps:txbx></wps:wsp>"
            f"</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:rect><v:textbox>{inner}</v:textbox></v:rect></w:pict>"
            f"</mc:Fallback></mc:AlternateContent></w:r>"
        ))

    def fallback_only_text_box(self, p: Paragraph, text: str) -> None:
        """A text box whose mc:Choice is a picture with no text: the VML copy in
        mc:Fallback is the only place its text lives."""
        inner = f"<w:txbxContent><w:p>{_run_xml(text)}</w:p></w:txbxContent>"
        p._p.append(parse_xml(
            f"<w:r {NSDECLS}><mc:AlternateContent>"
            f'<mc:Choice Requires="wps"><w:drawing><wp:anchor/></w:drawing></mc:Choice>'
            f"<mc:Fallback><w:pict><v:rect><v:textbox>{inner}</v:textbox></v:rect></w:pict>"
            f"</mc:Fallback></mc:AlternateContent></w:r>"
        ))

    def save(self, name: str | None = None) -> Path:
        path = self.path if name is None else self.path.with_name(name)
        self.doc.save(str(path))
        return path


@pytest.fixture
def docx_builder(tmp_path: Path) -> Callable[[str], DocxBuilder]:
    """``docx_builder("name.docx")`` -> a DocxBuilder saving into tmp_path."""
    return lambda name="doc.docx": DocxBuilder(tmp_path / name)


def write_zip(path: Path, members: dict[str, bytes],
              compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def zip_writer(tmp_path: Path) -> Callable[..., Path]:
    """``zip_writer("x.docx", {"name": bytes})`` -> path of a zip with those members."""
    return lambda name, members, compression=zipfile.ZIP_DEFLATED: write_zip(
        tmp_path / name, members, compression
    )


@pytest.fixture
def minimal_docx_members() -> dict[str, bytes]:
    """The members of a small valid .docx (from python-docx), to tamper with."""
    import io

    buffer = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Hello world.")
    d.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
