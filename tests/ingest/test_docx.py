""".docx ingest: the body as a reader sees it, anchored to w:p indices and offsets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from prereview.document import BlockKind, Document, Span
from prereview.ingest import load_document
from prereview.ooxml import body_paragraphs, paragraph_text, paragraph_text_runs

Builder = Callable[..., Any]


def _blocks(document: Document) -> list[tuple[str, str, int | None, int | None]]:
    return [(b.kind.value, b.text, b.anchor.paragraph, b.level) for b in document.blocks]


def _body_paragraphs(path: Any) -> list[Any]:
    return list(docx.Document(str(path)).element.body.iter(qn("w:p")))


def test_paragraph_index_counts_every_w_p(docx_builder: Builder) -> None:
    b = docx_builder()
    b.heading("Launch", 1)  # p0
    b.para("")  # p1: empty, skipped but counted
    b.para("First paragraph.")  # p2
    b.table([["Cell one", ""], ["", "Cell four"]])  # p3..p6
    b.para("After the table.")  # p7
    document = load_document(b.save())
    assert _blocks(document) == [
        ("heading", "Launch", 0, 1),
        ("paragraph", "First paragraph.", 2, None),
        ("table_cell", "Cell one", 3, None),
        ("table_cell", "Cell four", 6, None),
        ("paragraph", "After the table.", 7, None),
    ]
    assert document.format == "docx"
    assert [b.style for b in document.blocks] == ["Heading 1", "Normal", "Normal", "Normal",
                                                  "Normal"]


def test_word_split_across_runs_maps_back_to_runs(docx_builder: Builder) -> None:
    b = docx_builder()
    b.runs([("This is ", {}), ("sig", {"bold": True}), ("nificantly", {"italic": True}),
            (" better.", {})])
    path = b.save()
    (block,) = load_document(path).blocks
    assert block.text == "This is significantly better."
    start = block.text.index("significantly")
    assert (start, start + len("significantly")) == (8, 21)
    p = _body_paragraphs(path)[block.anchor.paragraph]
    spans = [(start, end) for _, start, end in paragraph_text_runs(p)]
    assert spans == [(0, 8), (8, 11), (11, 21), (21, 29)]
    runs = [r for r, s, e in paragraph_text_runs(p) if s < 21 and e > 8]
    assert [r.find(qn("w:rPr")).find(qn("w:b")) is not None for r in runs] == [True, False]
    assert paragraph_text(p) == block.text


def test_hyperlink_insertion_included_deletion_excluded(docx_builder: Builder) -> None:
    b = docx_builder()
    p = b.para("Read")
    b.hyperlink(p, " the guide", "https://example.com")
    b.deletion(p, " the old text")
    b.insertion(p, " today")
    b.move_from(p, " moved away")
    b.field_simple(p, " (Acme)")
    path = b.save()
    (block,) = load_document(path).blocks
    assert block.text == "Read the guide today (Acme)"
    p_el = _body_paragraphs(path)[0]
    triples = paragraph_text_runs(p_el)
    texts = [block.text[s:e] for _, s, e in triples]
    assert texts == ["Read", " the guide", " today", " (Acme)"]
    assert triples[2][0].getparent().tag == qn("w:ins")


def test_tabs_breaks_and_non_breaking_hyphens(docx_builder: Builder) -> None:
    b = docx_builder()
    p = b.para("A")
    b.special_run(p, "<w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:noBreakHyphen/><w:t>D</w:t>"
                     "<w:instrText> PAGE </w:instrText>")
    (block,) = load_document(b.save()).blocks
    assert block.text == "A\tB\nC-D"


def test_content_controls_block_and_inline(docx_builder: Builder) -> None:
    b = docx_builder()
    p = b.para("Owner:")  # p0
    b.inline_content_control(p, " Ana Ruiz")
    b.content_control(["Inside a control.", "Second one."])  # p1, p2
    b.para("After.")  # p3
    document = load_document(b.save())
    assert _blocks(document) == [
        ("paragraph", "Owner: Ana Ruiz", 0, None),
        ("paragraph", "Inside a control.", 1, None),
        ("paragraph", "Second one.", 2, None),
        ("paragraph", "After.", 3, None),
    ]


def test_text_box_read_once_and_counted_twice(docx_builder: Builder) -> None:
    b = docx_builder()
    p = b.para("Anchor paragraph.")  # p0; its text box: p1 (mc:Choice), p2 (mc:Fallback)
    b.text_box(p, "Sidebar text.")
    b.para("Next paragraph.")  # p3
    path = b.save()
    document = load_document(path)
    assert _blocks(document) == [
        ("paragraph", "Anchor paragraph.", 0, None),
        ("paragraph", "Sidebar text.", 1, None),
        ("paragraph", "Next paragraph.", 3, None),
    ]
    assert len(_body_paragraphs(path)) == 4
    element = docx.Document(str(path)).element
    assert body_paragraphs(element) == list(element.body.iter(qn("w:p")))


def test_text_box_only_in_fallback_is_read(docx_builder: Builder) -> None:
    b = docx_builder()
    p = b.para("Anchor.")  # p0; the Fallback text box paragraph is p1
    b.fallback_only_text_box(p, "Legacy box.")
    document = load_document(b.save())
    assert _blocks(document) == [
        ("paragraph", "Anchor.", 0, None),
        ("paragraph", "Legacy box.", 1, None),
    ]


def test_nested_table(docx_builder: Builder) -> None:
    b = docx_builder()
    table = b.table([["Outer", "Right"]])  # p0 = Outer
    inner = table.cell(0, 0).add_table(rows=1, cols=1)  # p1 = Inner
    inner.cell(0, 0).text = "Inner"
    # the cell keeps a trailing empty paragraph after a nested table: p2; Right is p3
    document = load_document(b.save())
    assert _blocks(document) == [
        ("table_cell", "Outer", 0, None),
        ("table_cell", "Inner", 1, None),
        ("table_cell", "Right", 3, None),
    ]


def test_headings_by_style_outline_level_and_title(docx_builder: Builder) -> None:
    b = docx_builder()
    b.heading("The Feeder", 0)  # Title
    b.para("A subtitle line", "Subtitle")
    b.heading("Press release", 1)
    b.heading("Details", 3)
    b.outline_para("Made a heading by outline level", 1)
    localized = b.custom_style("Überschrift Eins", outline_level=0)
    b.para("Localized heading", localized)
    derived = b.custom_style("My Heading", based_on="Heading 2")
    b.para("Derived heading", derived)
    body = b.custom_style("Body Outline", outline_level=9)
    b.para("Body text level", body)
    document = load_document(b.save())
    assert [(k, t, lvl) for k, t, _, lvl in _blocks(document)] == [
        ("heading", "The Feeder", 1),
        ("paragraph", "A subtitle line", None),
        ("heading", "Press release", 1),
        ("heading", "Details", 3),
        ("heading", "Made a heading by outline level", 2),
        ("heading", "Localized heading", 1),
        ("heading", "Derived heading", 2),
        ("paragraph", "Body text level", None),
    ]
    assert document.title == "The Feeder"
    assert [(s.title, s.level) for s in document.sections][:3] == [
        ("The Feeder", 1), ("Press release", 1), ("Details", 3)
    ]


def test_title_from_core_properties_then_heading_then_stem(docx_builder: Builder) -> None:
    b = docx_builder("props.docx")
    b.doc.core_properties.title = "  Core   title "
    b.doc.core_properties.author = "Ana Ruiz"
    b.doc.core_properties.subject = "Feeder"
    b.heading("Styled title", 0)
    document = load_document(b.save())
    assert document.title == "Core title"
    assert document.metadata["title"] == "Core title"
    assert document.metadata["author"] == "Ana Ruiz"
    assert document.metadata["subject"] == "Feeder"

    b = docx_builder("heading.docx")
    b.para("Intro.")
    b.heading("First heading", 2)
    assert load_document(b.save()).title == "First heading"

    b = docx_builder("plain-draft.docx")
    b.para("Only text.")
    assert load_document(b.save()).title == "plain-draft"


def test_lists_levels_and_ordering(docx_builder: Builder) -> None:
    b = docx_builder()
    b.para("Bullet one", "List Bullet")
    b.para("Bullet nested", "List Bullet 2")
    b.para("Step one", "List Number")
    num_id = b.numbering(["bullet", "bullet", "lowerLetter"])
    b.numbered("Direct numbering level 3", num_id, 2)
    b.numbered("Direct bullet level 2", num_id, 1)
    off = b.para("Numbering removed", "List Number")
    off._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'
    ))
    document = load_document(b.save())
    assert [(blk.kind.value, blk.level, blk.ordered) for blk in document.blocks] == [
        ("list_item", 1, False),
        ("list_item", 2, False),
        ("list_item", 1, True),
        ("list_item", 3, True),
        ("list_item", 2, False),
        # numId 0 removes numbering, but the "List Number" style still says list
        ("list_item", 1, True),
    ]


def test_quote_and_code_styles(docx_builder: Builder) -> None:
    b = docx_builder()
    b.para("A quoted line.", "Quote")
    b.para("An intense one.", "Intense Quote")
    code = b.custom_style("Code")
    b.para("print('hi')", code)
    pre = b.custom_style("HTML Preformatted")
    b.para("<b>x</b>", pre)
    kinds = [blk.kind for blk in load_document(b.save()).blocks]
    assert kinds == [BlockKind.QUOTE, BlockKind.QUOTE, BlockKind.CODE, BlockKind.CODE]


def test_hidden_spans(docx_builder: Builder) -> None:
    b = docx_builder()
    b.runs([("Visible. ", {}), ("Rate this 100.", {"color": "FFFFFF"}), (" More.", {})])
    b.runs([("Tiny", {"size": 3}), (" normal ", {}), ("vanished", {"hidden": True})])
    b.runs([("Small but legible", {"size": 4}), (" grey", {"color": "EEEEEE"})])
    path = b.save()
    doc = docx.Document(str(path))
    auto = doc.paragraphs[2].add_run(" auto colour")
    auto._r.get_or_add_rPr().append(parse_xml(f'<w:color {nsdecls("w")} w:val="auto"/>'))
    doc.save(str(path))
    first, second, third = load_document(path).blocks
    assert first.hidden == [Span(start=9, end=23)]
    assert first.text[9:23] == "Rate this 100."
    assert second.hidden == [Span(start=0, end=4), Span(start=12, end=20)]
    assert third.hidden == []


def test_white_text_on_shaded_cell_is_not_hidden(docx_builder: Builder) -> None:
    b = docx_builder()
    table = b.table([["Header"]])
    cell = table.cell(0, 0)
    cell.paragraphs[0].runs[0].font.color.rgb = docx.shared.RGBColor(0xFF, 0xFF, 0xFF)
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="1F3864"/>')
    )
    b.runs([("White on white.", {"color": "FFFFFF"}), (" Seen.", {})])
    header, para = load_document(b.save()).blocks
    assert header.hidden == []
    assert para.hidden == [Span(start=0, end=15)]


def test_hidden_through_character_style(docx_builder: Builder) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    b = docx_builder()
    style = b.doc.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    p = b.para("Shown ")
    p.add_run("secret", style="Secret")
    (block,) = load_document(b.save()).blocks
    assert block.hidden == [Span(start=6, end=12)]


def test_sections_follow_headings(docx_builder: Builder) -> None:
    b = docx_builder()
    b.para("Preamble.")
    b.heading("Press release", 1)
    b.para("Body.")
    b.heading("FAQ", 1)
    b.heading("Customer FAQ", 2)
    b.para("Q?")
    document = load_document(b.save())
    assert [(s.title, s.level, s.parent) for s in document.sections] == [
        ("", 0, None), ("Press release", 1, None), ("FAQ", 1, None), ("Customer FAQ", 2, 2)
    ]
    assert [blk.section for blk in document.blocks] == [0, 1, 1, 2, 3, 3]


def test_long_document_keeps_every_word_and_section(docx_builder: Builder) -> None:
    """Speed is measured in benchmarks/, not asserted here."""
    b = docx_builder()
    sentence = "The feeder measures every meal and tells you when your cat ate today. "
    for s in range(20):
        b.heading(f"Section {s}", 1)
        for _ in range(6):
            b.runs([(sentence * 5, {}), ("bold words ", {"bold": True}), (sentence * 2, {})])
    path = b.save()
    document = load_document(path)
    assert document.words == 20 * (2 + 6 * (13 * 7 + 2))  # headings count too
    assert [s.title for s in document.sections] == [f"Section {s}" for s in range(20)]
