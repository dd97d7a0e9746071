"""Word comments anchored on exactly the quoted text, and nothing else changed.

Fixtures are real .docx files built with python-docx plus raw WordprocessingML for
what python-docx cannot write (hyperlinks, tracked changes, content controls,
fields). Anchored text is read back by an independent walker over document.xml,
not by the module under test.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from prereview.document import BlockKind, Document
from prereview.ingest import load_document
from prereview.ingest.docx import parse_docx
from prereview.ingest.markdown import parse_markdown
from prereview.ooxml import paragraph_text
from prereview.reports.annotate import (
    AUTHOR,
    INITIALS,
    annotate_docx,
    read_comment_anchors,
    reviewed_docx_name,
    write_reviewed_docx,
)
from prereview.reports.inline import rendered_text
from prereview.reports.render_docx import CODE_STYLE, build_docx, render_docx
from prereview.review import (
    CriterionResult,
    DocumentInfo,
    Finding,
    Location,
    Review,
    RubricInfo,
    Severity,
    Status,
    Verdict,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# --------------------------------------------------------------------------- fixtures


def _r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r w:rsidR="00A1B2C3">{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _append_xml(paragraph: docx.text.paragraph.Paragraph, xml: str) -> None:
    for el in parse_xml(f"<w:p {nsdecls('w', 'r')}>{xml}</w:p>"):
        paragraph._p.append(el)


PARA2 = "We significantly improved the very fast widget really new today."
PARA3 = "Some existing words and\tmore\nlines here."
PARA6 = "Before content control mid June 1 end"


def build_author_docx(path: Path) -> None:
    """An author's document: split runs with different formatting, a hyperlink, a
    tracked insertion and deletion, an existing comment by someone else, a table,
    an inline content control and a simple field."""
    d = docx.Document()
    d.add_paragraph("Acme Widgets PR/FAQ", style="Title")  # p0
    d.add_heading("Press release", level=1)  # p1
    p = d.add_paragraph()  # p2
    rid = d.part.relate_to("https://example.com/widgets", RT.HYPERLINK, is_external=True)
    link = '<w:rStyle w:val="Hyperlink"/>'
    change = 'w:author="Bob" w:date="2026-01-02T03:04:05Z"'
    _append_xml(
        p,
        _r("We ") + _r("signif", "<w:b/>") + _r("icantly", '<w:i/><w:color w:val="FF0000"/>')
        + _r(" improved the ")
        + f'<w:hyperlink r:id="{rid}">' + _r("very ", link) + _r("fast", link + "<w:b/>")
        + "</w:hyperlink>"
        + _r(" widget ")
        + f'<w:ins w:id="101" {change}>' + _r("really new ", '<w:u w:val="single"/>') + "</w:ins>"
        + f'<w:del w:id="102" {change}><w:r><w:delText xml:space="preserve">old </w:delText>'
        "</w:r></w:del>"
        + _r("today."),
    )
    p3 = d.add_paragraph()  # p3
    existing = p3.add_run("Some existing words")
    p3.add_run(" and\tmore\nlines here.")
    d.add_comment(existing, text="Alice was here", author="Alice", initials="AL")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one text"  # p4
    table.cell(0, 1).text = "Cell two"  # p5
    p6 = d.add_paragraph()  # p6
    _append_xml(
        p6,
        _r("Before ")
        + '<w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent>'
        + _r("content control") + "</w:sdtContent></w:sdt>"
        + _r(" mid ")
        + '<w:fldSimple w:instr=" DATE "><w:r><w:t>June 1</w:t></w:r></w:fldSimple>'
        + _r(" end"),
    )
    d.add_heading("FAQ", level=1)  # p7
    d.add_paragraph("Q: When? A: TBD.")  # p8
    d.save(str(path))


QUOTES: dict[int, list[str]] = {
    2: [
        "significantly",  # two runs, different formatting
        "ificantly improved",  # starts inside a run
        "very",  # opens the hyperlink
        "ery fa",  # inside the hyperlink on both sides
        "fast widget",  # leaves the hyperlink
        "really",  # opens the tracked insertion
        "new",  # inside the insertion
        "widget really new today",  # across the insertion and a deletion
        "improved the very",  # overlaps the next one
        "the very fast",
        PARA2,
    ],
    3: ["existing words and", "and\tmore\nlines"],
    4: ["one"],
    6: ["content control", "control mid June", "June 1"],
}


def criterion(
    cid: str, findings: list[Finding], severity: Severity = Severity.MINOR,
    status: Status = Status.FAILED, title: str | None = None,
) -> CriterionResult:
    return CriterionResult(
        id=cid, title=title or cid, severity=severity, weight=1.0, status=status,
        findings=findings, guidance=f"Guidance for {cid}.",
    )


def make_review(document: Document, criteria: list[CriterionResult], score: float = 50.0,
                verdict: Verdict = Verdict.NOT_READY) -> Review:
    return Review(
        document=DocumentInfo(
            path=document.path, title=document.title, type="prfaq", sha256=document.sha256,
            words=document.words, format=document.format,
        ),
        rubric=RubricInfo(id="prfaq", version="abc123", title="PR/FAQ", threshold=80),
        score=score,
        verdict=verdict,
        criteria=criteria,
    )


def quote_finding(document: Document, block: int, quote: str, cid: str = "style.weasel-words",
                  severity: Severity = Severity.MINOR, occurrence: int = 0) -> Finding:
    b = document.blocks[block]
    start = -1
    for _ in range(occurrence + 1):
        start = b.text.index(quote, start + 1)
    return Finding(
        criterion=cid, severity=severity, message=f"About '{quote}'.", quote=quote,
        suggestion="Say what you measured.",
        location=Location(section=document.section_title(b), block=block,
                          paragraph=b.anchor.paragraph, start=start, end=start + len(quote)),
    )


@pytest.fixture()
def author_docx(tmp_path: Path) -> tuple[Path, Document]:
    path = tmp_path / "draft.docx"
    build_author_docx(path)
    return path, load_document(path)


def block_of_paragraph(document: Document, para: int) -> int:
    return next(b.index for b in document.blocks if b.anchor.paragraph == para)


def quoted_review(document: Document) -> Review:
    findings = [
        quote_finding(document, block_of_paragraph(document, para), q)
        for para, quotes in QUOTES.items()
        for q in quotes
    ]
    return make_review(document, [criterion("style.weasel-words", findings, title="Weasel words")])


# --------------------------------------------------------------------------- independent reader


def _document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _comments_xml(path: Path) -> etree._Element | None:
    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return None
        return etree.fromstring(z.read("word/comments.xml"))


_CHAR = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}


def _visible_char_elements(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """(element, text) for every visible text piece in document order."""
    out: list[tuple[etree._Element, str]] = []
    for el in root.iter(w("t"), *_CHAR):
        if el.getparent().tag != w("r"):
            continue
        if any(a.tag in (w("del"), w("moveFrom")) for a in el.iterancestors()):
            continue
        out.append((el, el.text or "" if el.tag == w("t") else _CHAR[el.tag]))
    return out


def anchored_texts(path: Path) -> dict[int, str]:
    body = _document_xml(path).find(w("body"))
    pieces = {el: text for el, text in _visible_char_elements(body)}
    open_ids: set[int] = set()
    texts: dict[int, str] = {}
    for el in body.iter():
        if el.tag == w("commentRangeStart"):
            open_ids.add(int(el.get(w("id"))))
            texts.setdefault(int(el.get(w("id"))), "")
        elif el.tag == w("commentRangeEnd"):
            open_ids.discard(int(el.get(w("id"))))
        elif el in pieces:
            for cid in open_ids:
                texts[cid] += pieces[el]
    return texts


def comment_texts(path: Path) -> dict[int, tuple[str, str, str]]:
    """id -> (author, initials, text with paragraphs joined by newlines)."""
    root = _comments_xml(path)
    out: dict[int, tuple[str, str, str]] = {}
    if root is None:
        return out
    for c in root.iter(w("comment")):
        paras = []
        for p in c.iter(w("p")):
            paras.append("".join(t for _, t in _visible_char_elements(p)))
        out[int(c.get(w("id")))] = (c.get(w("author")), c.get(w("initials")), "\n".join(paras))
    return out


def char_formats(path: Path) -> list[list[tuple[str, bytes, tuple[str, ...]]]]:
    """Per paragraph: each visible character with its run's rPr and its wrappers."""
    body = _document_xml(path).find(w("body"))
    out = []
    for p in body.iter(w("p")):
        chars = []
        for el, text in _visible_char_elements(p):
            run = el.getparent()
            rpr = run.find(w("rPr"))
            fmt = etree.tostring(rpr, method="c14n") if rpr is not None else b""
            wrappers = tuple(
                f"{a.tag}{sorted(a.attrib.items())}" for a in run.iterancestors()
                if a.tag != w("p") and a is not body and a.tag not in (w("body"), w("document"))
            )
            chars.extend((ch, fmt, wrappers) for ch in text)
        out.append(chars)
    return out


def paragraph_props(path: Path) -> list[bytes]:
    body = _document_xml(path).find(w("body"))
    return [
        etree.tostring(p.find(w("pPr")), method="c14n") if p.find(w("pPr")) is not None else b""
        for p in body.iter(w("p"))
    ]


def tracked_changes(path: Path) -> list[tuple[str, list[tuple[str, str]], str]]:
    body = _document_xml(path).find(w("body"))
    out = []
    for el in body.iter(w("ins"), w("del")):
        text = "".join(t.text or "" for t in el.iter(w("t"), w("delText")))
        out.append((el.tag, sorted(el.attrib.items()), text))
    return out


def ours(path: Path) -> dict[int, str]:
    """Anchored text of prereview's comments only."""
    authors = comment_texts(path)
    return {cid: t for cid, t in anchored_texts(path).items() if authors[cid][0] == AUTHOR}


# --------------------------------------------------------------------------- .docx input


def test_every_quote_becomes_a_comment_on_exactly_that_text(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    review = quoted_review(document)
    out = tmp_path / "out.docx"
    result = annotate_docx(path, review, document, out)

    assert result.unanchored == []
    quotes = [f.quote for f in review.findings]
    texts = anchored_texts(out)
    placed = [c for c in result.comments if c.quote is not None]
    assert [c.quote for c in placed] == quotes
    assert [texts[c.comment_id] for c in placed] == quotes
    # the module's own read-back agrees with the independent one
    mine = {a.id: a.anchored for a in read_comment_anchors(out)}
    assert mine == texts
    # paragraphs are the ones the findings point at
    assert [c.paragraph for c in placed] == [
        para for para, qs in QUOTES.items() for _ in qs
    ]


def test_document_text_and_formatting_are_unchanged(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    out = tmp_path / "out.docx"
    annotate_docx(path, quoted_review(document), document, out)

    assert char_formats(out) == char_formats(path)
    assert paragraph_props(out) == paragraph_props(path)
    before = [t for _, t in _visible_char_elements(_document_xml(path))]
    after = [t for _, t in _visible_char_elements(_document_xml(out))]
    assert "".join(after) == "".join(before)
    # and ingest reads the same document back
    again = load_document(out)
    assert [(b.kind, b.text, b.anchor) for b in again.blocks] == [
        (b.kind, b.text, b.anchor) for b in document.blocks
    ]


def test_existing_comments_and_tracked_changes_survive(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    out = tmp_path / "out.docx"
    annotate_docx(path, quoted_review(document), document, out)

    assert tracked_changes(out) == tracked_changes(path)
    before = _comments_xml(path)
    after = _comments_xml(out)
    assert before is not None and after is not None
    alice_before = [etree.tostring(c, method="c14n") for c in before.iter(w("comment"))]
    alice_after = [etree.tostring(c, method="c14n") for c in after.iter(w("comment"))
                   if c.get(w("author")) == "Alice"]
    assert alice_after == alice_before
    alice_id = int(before.find(w("comment")).get(w("id")))
    assert anchored_texts(out)[alice_id] == "Some existing words"


def test_comment_text_author_and_initials(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    finding = quote_finding(document, 2, "significantly", cid="style.weasel-words")
    review = make_review(
        document,
        [criterion("style.weasel-words", [finding], title="Weasel words")],
    )
    out = tmp_path / "out.docx"
    result = annotate_docx(path, review, document, out)

    placed = next(c for c in result.comments if c.quote == "significantly")
    author, initials, text = comment_texts(out)[placed.comment_id]
    assert (author, initials) == (AUTHOR, INITIALS) == ("prereview", "PR")
    assert text == (
        "[MINOR] Weasel words (style.weasel-words)\n"
        "About 'significantly'.\n"
        "Suggestion: Say what you measured."
    )


def test_summary_comment_on_the_title(author_docx: tuple[Path, Document], tmp_path: Path) -> None:
    path, document = author_docx
    blocker = criterion("pr.headline", [], severity=Severity.BLOCKER, title="Headline")
    not_assessed = criterion("pr.solution", [], status=Status.NOT_ASSESSED, title="Solution")
    review = make_review(document, [blocker, not_assessed], score=42.5)
    out = tmp_path / "out.docx"
    result = annotate_docx(path, review, document, out)

    summary = result.comments[0]
    assert summary.criterion is None and summary.paragraph == 0
    assert anchored_texts(out)[summary.comment_id] == "Acme Widgets PR/FAQ"
    text = comment_texts(out)[summary.comment_id][2]
    assert text.splitlines() == [
        "prereview: score 42.5/100, verdict not-ready (rubric prfaq, threshold 80).",
        "0 findings: 0 blocker, 0 major, 0 minor.",
        "Top actions:",
        "1. Guidance for pr.headline. (pr.headline)",
        "Failed blockers: Headline (pr.headline).",
        "Not assessed: 1 criteria (pr.solution).",
    ]


def test_findings_without_quote_one_comment_per_criterion(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    faq_block = block_of_paragraph(document, 8)
    missing = [
        Finding(criterion="faq.internal", severity=Severity.MAJOR, message="No internal FAQ."),
        Finding(criterion="faq.internal", severity=Severity.MAJOR,
                message="No stakeholder questions.", suggestion="Add an internal FAQ."),
    ]
    in_faq = [
        Finding(criterion="faq.answered", severity=Severity.MAJOR, message="An answer is TBD.",
                location=Location(section="FAQ", block=faq_block)),
    ]
    review = make_review(document, [
        criterion("faq.internal", missing, Severity.MAJOR, title="Internal FAQ"),
        criterion("faq.answered", in_faq, Severity.MAJOR, title="FAQ answered"),
    ])
    out = tmp_path / "out.docx"
    result = annotate_docx(path, review, document, out)

    texts = anchored_texts(out)
    by_criterion = {c.criterion: c for c in result.comments}
    internal = by_criterion["faq.internal"]
    assert (internal.paragraph, texts[internal.comment_id]) == (0, "Acme Widgets PR/FAQ")
    assert comment_texts(out)[internal.comment_id][2] == (
        "[MAJOR] Internal FAQ (faq.internal)\n"
        "- No internal FAQ.\n"
        "- No stakeholder questions.\n"
        "Suggestion: Add an internal FAQ."
    )
    answered = by_criterion["faq.answered"]
    assert (answered.paragraph, texts[answered.comment_id]) == (7, "FAQ")
    assert len(result.comments) == 3  # summary + one per criterion
    assert result.unanchored == []


def test_a_quote_that_is_not_in_the_text_falls_back_to_its_section(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    stale = Finding(
        criterion="style.weasel-words", severity=Severity.MINOR, message="Vague.",
        quote="hugely", location=Location(section="Press release", block=2, paragraph=2,
                                          start=3, end=9),
    )
    moved = Finding(  # offsets are wrong, the quote is still there once
        criterion="style.weasel-words", severity=Severity.MINOR, message="Vague.",
        quote="widget", location=Location(block=2, paragraph=2, start=0, end=6),
    )
    review = make_review(document, [criterion("style.weasel-words", [stale, moved])])
    out = tmp_path / "out.docx"
    result = annotate_docx(path, review, document, out)

    assert len(result.unanchored) == 1
    missing = result.unanchored[0]
    assert (missing.quote, missing.reason, missing.fallback) == (
        "hugely", "quote not found in the paragraph's text", True,
    )
    texts = anchored_texts(out)
    fallback = next(c for c in result.comments if c.criterion and c.quote is None)
    assert (fallback.paragraph, texts[fallback.comment_id]) == (1, "Press release")
    assert "hugely" in comment_texts(out)[fallback.comment_id][2]
    placed = next(c for c in result.comments if c.quote == "widget")
    assert texts[placed.comment_id] == "widget"


def test_range_markers_stay_on_the_paragraph_where_the_range_allows(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    out = tmp_path / "out.docx"
    result = annotate_docx(path, quoted_review(document), document, out)
    body = _document_xml(out).find(w("body"))
    ids = {c.quote: str(c.comment_id) for c in result.comments if c.quote}

    def parent_tag(tag: str, cid: str) -> str:
        el = next(e for e in body.iter(w(tag)) if e.get(w("id")) == cid)
        return etree.QName(el.getparent()).localname

    # a quote opening a hyperlink or an insertion starts on the paragraph
    assert parent_tag("commentRangeStart", ids["very"]) == "p"
    assert parent_tag("commentRangeStart", ids["really"]) == "p"
    # inside a container only where the range edge is inside it
    assert parent_tag("commentRangeStart", ids["ery fa"]) == "hyperlink"
    assert parent_tag("commentRangeEnd", ids["new"]) == "ins"
    assert parent_tag("commentRangeEnd", ids["fast widget"]) == "p"
    # every reference run is a run of the paragraph: never part of a link or insertion
    for ref in body.iter(w("commentReference")):
        assert etree.QName(ref.getparent().getparent()).localname == "p"


def test_split_runs_keep_their_formatting_and_attributes(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    review = make_review(document, [criterion("style.weasel-words", [
        quote_finding(document, 2, "ifican"),  # inside "signif" (bold) and "icantly" (italic)
    ])])
    out = tmp_path / "out.docx"
    annotate_docx(path, review, document, out)
    body = _document_xml(out).find(w("body"))
    p = list(body.iter(w("p")))[2]
    runs = [(r.findtext(w("t")), r.get(w("rsidR")), r.find(w("rPr"))) for r in p.iter(w("r"))
            if r.find(w("t")) is not None][:5]
    assert [t for t, _, _ in runs] == ["We ", "sign", "if", "ican", "tly"]
    assert all(rsid == "00A1B2C3" for _, rsid, _ in runs)
    assert [rpr.find(w("b")) is not None if rpr is not None else False
            for _, _, rpr in runs] == [False, True, True, False, False]
    assert [rpr.find(w("i")) is not None if rpr is not None else False
            for _, _, rpr in runs] == [False, False, False, True, True]


def test_annotating_a_reviewed_file_replaces_the_earlier_review(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    """Reviewing ``draft.reviewed.docx`` again must not stack a second set of
    comments on the first: earlier prereview comments go, Alice's stays."""
    path, document = author_docx
    first = tmp_path / "first.docx"
    annotate_docx(path, quoted_review(document), document, first)
    second = tmp_path / "second.docx"
    again = load_document(first)
    assert again.text() == document.text()
    annotate_docx(first, quoted_review(again), again, second)
    counts = [len(comment_texts(p)) for p in (path, first, second)]
    n = len(quoted_review(document).findings) + 1  # + the summary comment
    assert counts == [1, 1 + n, 1 + n]
    assert sorted(anchored_texts(first).values()) == sorted(anchored_texts(second).values())
    assert ("Alice", "AL", "Alice was here") in comment_texts(second).values()
    root = _document_xml(second)
    ids = {el.get(qn("w:id")) for el in root.iter(qn("w:commentRangeStart"))}
    assert len(ids) == 1 + n  # no orphaned markers from the first review


# --------------------------------------------------------------------------- Markdown input


MARKDOWN = """\
# Acme Widgets

Acme today launched widgets that are
significantly faster.

- first point
  - nested point
- second point

1. step one
2. step two

> A customer said it saves an hour.

| Metric | Target |
|--------|--------|
| p50 latency | 20 ms |

```python
print("hello")
x = 1
```

## FAQ

Q: Why? A: Because.
"""


def test_markdown_renders_one_paragraph_per_block_with_the_same_text(tmp_path: Path) -> None:
    """One paragraph per block, whose text is the block's rendered text: the
    block's characters, soft line breaks read as spaces (offsets unchanged)."""
    document = parse_markdown(MARKDOWN, "draft.md")
    doc, mapping = build_docx(document)
    paragraphs = list(doc.element.body.iter(qn("w:p")))
    assert sorted(mapping) == [b.index for b in document.blocks]
    for block in document.blocks:
        text = paragraph_text(paragraphs[mapping[block.index]])
        assert text == rendered_text(block)
        assert len(text) == len(block.text)

    styles = {p.text: p.style.name for p in doc.paragraphs if p.style is not None}
    assert styles["Acme Widgets"] == "Heading 1"
    assert styles["FAQ"] == "Heading 2"
    assert styles["first point"] == "List Bullet"
    assert styles["nested point"] == "List Bullet 2"
    assert styles["step one"] == "List Number"
    assert styles["A customer said it saves an hour."] == "Quote"
    assert styles['print("hello")\nx = 1'] == CODE_STYLE
    assert styles["Acme today launched widgets that are significantly faster."] == "Normal"
    code_style = doc.styles[CODE_STYLE]
    assert code_style.font.name == "Courier New"

    (table,) = doc.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Metric", "Target"], ["p50 latency", "20 ms"],
    ]
    out = tmp_path / "rendered.docx"
    assert render_docx(document, out) == mapping
    # ingest reads the rendering back as the rendered text, block for block
    again = parse_docx(out.read_bytes(), str(out))
    assert [b.text for b in again.blocks] == [rendered_text(b) for b in document.blocks]


def test_markdown_review_written_as_annotated_docx(tmp_path: Path) -> None:
    document = parse_markdown(MARKDOWN, "draft.md")
    texts = {b.text: b.index for b in document.blocks}
    wanted = [
        ("Acme today launched widgets that are\nsignificantly faster.", "are\nsignificantly"),
        ("nested point", "nested"),
        ("p50 latency", "latency"),
        ("A customer said it saves an hour.", "saves an hour"),
        ('print("hello")\nx = 1', '"hello")\nx'),
    ]
    findings = []
    for block_text, quote in wanted:
        block = document.blocks[texts[block_text]]
        start = block.text.index(quote)
        findings.append(Finding(
            criterion="style.weasel-words", severity=Severity.MINOR, message="m", quote=quote,
            location=Location(block=block.index, line=block.line_of(start), start=start,
                              end=start + len(quote)),
        ))
    review = make_review(document, [criterion("style.weasel-words", findings)])
    out = tmp_path / reviewed_docx_name(document)
    result = write_reviewed_docx(document, review, out)

    assert out.name == "draft.reviewed.docx"
    assert result.unanchored == []
    texts_out = anchored_texts(out)
    # anchored on the rendered text: the soft break inside the first quote reads as a
    # space; the code block keeps its line break
    assert [texts_out[c.comment_id] for c in result.comments if c.quote] == [
        "are significantly", "nested", "latency", "saves an hour", '"hello")\nx',
    ]
    assert [c.quote for c in result.comments if c.quote] == [q for _, q in wanted]
    summary = result.comments[0]
    assert texts_out[summary.comment_id] == "Acme Widgets"


def _synthetic_review(document: Document, seed: int) -> Review:
    """Random spans in every block: quotes starting and ending anywhere."""
    rnd = random.Random(seed)
    findings = []
    for block in document.blocks:
        if not block.text.strip():
            continue
        for _ in range(3):
            start = rnd.randrange(len(block.text))
            end = rnd.randrange(start + 1, len(block.text) + 1)
            findings.append(Finding(
                criterion="style.weasel-words", severity=Severity.MINOR, message="m",
                quote=block.text[start:end],
                location=Location(block=block.index, paragraph=block.anchor.paragraph,
                                  start=start, end=end),
            ))
    findings.append(Finding(criterion="faq.internal", severity=Severity.MAJOR, message="none"))
    return make_review(document, [
        criterion("style.weasel-words", findings[:-1]),
        criterion("faq.internal", findings[-1:], Severity.MAJOR),
    ])


@pytest.mark.skipif(not (CORPUS / "prfaq").is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in (CORPUS / "prfaq").glob("*.md")) if CORPUS.is_dir() else []
)
def test_corpus_documents_every_quote_anchored(name: str, tmp_path: Path) -> None:
    """Documents nobody here wrote, with quotes cut at random places."""
    document = load_document(CORPUS / "prfaq" / name)
    review = _synthetic_review(document, seed=len(name))
    out = tmp_path / "out.docx"
    result = write_reviewed_docx(document, review, out)
    assert result.unanchored == []
    texts = anchored_texts(out)
    blocks = document.blocks
    quoted = [rendered_text(blocks[f.location.block])[f.location.start:f.location.end]
              for f in review.findings if f.quote and f.location and f.location.block is not None
              and f.location.start is not None and f.location.end is not None]
    assert [texts[c.comment_id] for c in result.comments if c.quote] == quoted


# --------------------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_round_trip_keeps_every_comment(
    author_docx: tuple[Path, Document], tmp_path: Path
) -> None:
    path, document = author_docx
    out = tmp_path / "annotated.docx"
    annotate_docx(path, quoted_review(document), document, out)
    converted = tmp_path / "lo"
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "docx", "--outdir", str(converted), str(out)],
        check=True, capture_output=True, timeout=120,
    )
    back = converted / out.name
    before = comment_texts(out)
    after = comment_texts(back)
    assert sorted(after.values()) == sorted(before.values())
    # LibreOffice renumbers comments; match them by their text. It also recomputes
    # the DATE field, so quotes touching the field's result are compared elsewhere.
    anchored_before = {before[c]: t for c, t in anchored_texts(out).items()}
    anchored_after = {after[c]: t for c, t in anchored_texts(back).items()}
    for key, text in anchored_before.items():
        if "June" in key[2]:
            continue
        assert anchored_after[key] == text, key
    assert char_formats(back) != []


def test_document_kinds_in_fixture_are_what_the_tests_assume(
    author_docx: tuple[Path, Document],
) -> None:
    _, document = author_docx
    texts = {b.anchor.paragraph: (b.kind, b.text) for b in document.blocks}
    assert texts[2] == (BlockKind.PARAGRAPH, PARA2)
    assert texts[3] == (BlockKind.PARAGRAPH, PARA3)
    assert texts[6] == (BlockKind.PARAGRAPH, PARA6)
    assert texts[4] == (BlockKind.TABLE_CELL, "Cell one text")
