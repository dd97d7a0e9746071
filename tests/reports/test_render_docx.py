"""The .docx of a Markdown draft reads like the draft: read back with python-docx."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from prereview.document import Document, Location
from prereview.ingest import load_document
from prereview.ingest.markdown import parse_markdown
from prereview.reports.annotate import read_comment_anchors, write_reviewed_docx
from prereview.reports.inline import line_breaks, rendered_text
from prereview.reports.render_docx import INLINE_CODE_STYLE, render_docx
from prereview.review import (
    CriterionResult,
    DocumentInfo,
    Finding,
    Review,
    RubricInfo,
    Severity,
    Status,
    Verdict,
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

DRAFT = """\
# Tidewell launches **Clinic Notes**

Tidewell today launched Clinic Notes, a notes tool that writes
the visit summary while the doctor talks. It is *faster* than typing
and works with [the EHR](https://example.com/ehr "EHR") clinics use.
Run `tidewell sync` to start.

A poem line\\
with a hard break.

## Customer FAQ

**Q1. How much does it cost?**
It costs $20 a month per clinician.

Q2. Does it work offline?
Yes: notes are kept on the device until the network is back.

1. Install the app.
2. Sign in.

Between the lists.

1. Open a visit.
   - say *hello*
2. Talk.
"""


def _review(document: Document, findings: list[Finding]) -> Review:
    result = CriterionResult(id="style.weasel-words", title="Weasel words",
                             severity=Severity.MINOR, weight=1.0, status=Status.FAILED,
                             findings=findings)
    return Review(
        document=DocumentInfo(path=document.path, title=document.title, type="prfaq",
                              sha256=document.sha256, words=document.words,
                              format=document.format),
        rubric=RubricInfo(id="prfaq", version="abc123", title="PR/FAQ", threshold=80),
        score=50.0, verdict=Verdict.NOT_READY, criteria=[result],
    )


def _paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(str(path)).paragraphs)


def _runs(paragraph: docx.text.paragraph.Paragraph) -> list[tuple[str, bool, bool, str | None]]:
    """(text, bold, italic, character style) of every run, hyperlinks included."""
    out = []
    for item in paragraph.iter_inner_content():
        runs = item.runs if hasattr(item, "runs") else [item]
        for run in runs:
            rpr = run._r.rPr
            style = rpr.rStyle.val if rpr is not None and rpr.rStyle is not None else None
            out.append((run.text, bool(run.bold), bool(run.italic), style))
    return out


@pytest.fixture()
def rendered(tmp_path: Path) -> tuple[Document, Path]:
    document = parse_markdown(DRAFT, "draft.md")
    out = tmp_path / "draft.docx"
    render_docx(document, out)
    return document, out


def test_paragraph_texts_read_like_the_draft(rendered: tuple[Document, Path]) -> None:
    _, out = rendered
    texts = [(p.style.name if p.style else None, p.text) for p in _paragraphs(out)]
    assert texts == [
        ("Heading 1", "Tidewell launches Clinic Notes"),
        ("Normal", "Tidewell today launched Clinic Notes, a notes tool that writes the visit "
                   "summary while the doctor talks. It is faster than typing and works with "
                   "the EHR clinics use. Run tidewell sync to start."),
        ("Normal", "A poem line\nwith a hard break."),
        ("Heading 2", "Customer FAQ"),
        # the question keeps its own line: it does not run into its answer
        ("Normal", "Q1. How much does it cost?\nIt costs $20 a month per clinician."),
        ("Normal", "Q2. Does it work offline?\nYes: notes are kept on the device until the "
                   "network is back."),
        ("List Number", "Install the app."),
        ("List Number", "Sign in."),
        ("Normal", "Between the lists."),
        ("List Number", "Open a visit."),
        ("List Bullet 2", "say hello"),
        ("List Number", "Talk."),
    ]
    body = docx.Document(str(out)).element.body
    # exactly two line breaks in the whole file: the hard break and the two
    # questions' ends (three), no soft break became one
    assert len(list(body.iter(qn("w:br")))) == 3


def test_bold_italics_code_and_links_survive(rendered: tuple[Document, Path]) -> None:
    _, out = rendered
    paragraphs = _paragraphs(out)
    assert _runs(paragraphs[0]) == [
        ("Tidewell launches ", False, False, None), ("Clinic Notes", True, False, None),
    ]
    runs = _runs(paragraphs[1])
    assert ("faster", False, True, None) in runs
    code_id = docx.Document(str(out)).styles[INLINE_CODE_STYLE].style_id
    assert ("tidewell sync", False, False, code_id) in runs
    assert ("the EHR", False, False, "Hyperlink") in runs
    assert [(h.text, h.address) for h in paragraphs[1].hyperlinks] == [
        ("the EHR", "https://example.com/ehr"),
    ]
    assert _runs(paragraphs[4])[0] == ("Q1. How much does it cost?", True, False, None)
    assert ("hello", False, True, None) in _runs(paragraphs[10])


def test_a_bullet_list_between_numbered_lists_starts_the_next_at_one(tmp_path: Path) -> None:
    document = parse_markdown("1. a\n2. b\n\n- c\n\n1. d\n", "d.md")
    out = tmp_path / "d.docx"
    render_docx(document, out)
    paragraphs = _paragraphs(out)
    num = [p._p.pPr.numPr.numId.val for p in paragraphs if p.style.name == "List Number"]
    assert len(num) == 3 and num[0] == num[1] != num[2]


def test_each_numbered_list_starts_at_one(rendered: tuple[Document, Path]) -> None:
    _, out = rendered
    paragraphs = _paragraphs(out)
    num_ids = [p._p.pPr.numPr.numId.val for p in paragraphs if p.style.name == "List Number"]
    first, second = num_ids[:2], num_ids[2:]
    assert first[0] == first[1] and second[0] == second[1] and first[0] != second[0]
    numbering = docx.Document(str(out)).part.numbering_part.element
    for num_id in (first[0], second[0]):
        (num,) = [n for n in numbering.iterchildren(qn("w:num"))
                  if n.get(qn("w:numId")) == str(num_id)]
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"


def test_comments_land_on_their_sentences_across_soft_breaks(tmp_path: Path) -> None:
    document = parse_markdown(DRAFT, "draft.md")
    wanted = [
        # a quote across a soft break, one inside a link, one inside the bold question,
        # one inside inline code, one across the question's kept line break
        "writes\nthe visit summary",
        "the EHR",
        "How much does it cost?",
        "tidewell sync",
        "cost?\nIt costs",
    ]
    findings = []
    for quote in wanted:
        block = next(b for b in document.blocks if quote in b.text)
        start = block.text.index(quote)
        findings.append(Finding(
            criterion="style.weasel-words", severity=Severity.MINOR, message=f"about {quote}",
            quote=quote, location=Location(block=block.index, start=start,
                                           end=start + len(quote)),
        ))
    review = _review(document, findings)
    out = tmp_path / "draft.reviewed.docx"
    result = write_reviewed_docx(document, review, out)
    assert result.unanchored == []
    anchors = read_comment_anchors(out)
    by_text = {c.comment_id: anchors[c.comment_id] for c in result.comments if c.quote}
    assert [a.anchored for a in by_text.values()] == [
        "writes the visit summary", "the EHR", "How much does it cost?", "tidewell sync",
        "cost?\nIt costs",
    ]
    # on the right paragraph, too: the one holding the sentence
    paragraphs = _paragraphs(out)
    assert [paragraphs[a.paragraphs[0]].text[:20] for a in by_text.values()] == [
        "Tidewell today launc", "Tidewell today launc", "Q1. How much does it",
        "Tidewell today launc", "Q1. How much does it",
    ]
    assert next(a.text for a in by_text.values()).endswith("about writes\nthe visit summary")


def test_kept_breaks_are_hard_breaks_and_labelled_questions_only() -> None:
    document = parse_markdown(
        "Plain line one\nline two ends?\nline three.\n\n*Why now?*\nBecause.\n", "d.md"
    )
    first, second = document.blocks
    assert line_breaks(first) == set()
    assert rendered_text(first) == "Plain line one line two ends? line three."
    assert rendered_text(second) == "Why now?\nBecause."


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_rendering(tmp_path: Path) -> None:
    document = parse_markdown(DRAFT, "draft.md")
    out = tmp_path / "draft.docx"
    render_docx(document, out)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "txt:Text", "--outdir", str(tmp_path / "lo"), str(out)],
        check=True, capture_output=True, timeout=120,
    )
    text = (tmp_path / "lo" / "draft.txt").read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "Tidewell today launched Clinic Notes, a notes tool that writes the visit " \
           "summary while the doctor talks." in lines[1]
    # LibreOffice numbers the second list from 1 again
    assert "1. Install the app." in lines and "1. Open a visit." in lines
    assert "2. Talk." in lines


@pytest.mark.skipif(not (CORPUS / "prfaq").is_dir(), reason="shared corpus not present")
def test_corpus_prfaqs_have_no_soft_break_as_line_break(tmp_path: Path) -> None:
    """Real PR/FAQs nobody here wrote: every line break in the rendering is a hard
    break or a question's end, never a wrapped source line."""
    for path in sorted((CORPUS / "prfaq").glob("*.md"))[:20]:
        document = load_document(path)
        out = tmp_path / f"{path.stem}.docx"
        mapping = render_docx(document, out)
        paragraphs = list(docx.Document(str(out)).element.body.iter(qn("w:p")))
        for block in document.blocks:
            p = paragraphs[mapping[block.index]]
            breaks = len(list(p.iter(qn("w:br"))))
            assert breaks == len(line_breaks(block)), (path.name, block.text[:60])
