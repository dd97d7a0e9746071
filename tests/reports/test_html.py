"""The HTML review page, checked as text and in a real headless Chromium.

Browser tests need Debian's ``chromium`` (``/usr/bin/chromium``) and the Python
package ``playwright`` (no ``playwright install``: the system browser is used);
they skip cleanly without them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prereview.document import Anchor, Block, BlockKind, Document, Span, build_sections
from prereview.ingest.markdown import parse_markdown
from prereview.reports.html import render_html, segments
from prereview.review import (
    CriterionResult,
    DocumentInfo,
    Finding,
    LLMUsage,
    Location,
    Review,
    RubricInfo,
    Severity,
    Status,
    Verdict,
)

MARKDOWN = """\
# Acme Widgets

Acme today launched widgets that are significantly faster and very cheap.

- It saves many hours for some teams.
  - Nested: arguably the best.
- Second point.

1. Step one.
2. Step two.

> "It changed my week," said Ana Ruiz, a florist in Tucson.

| Metric | Target |
|--------|--------|
| latency | fast |

```
code is never highlighted unless quoted
```

## FAQ

Q: When? A: TBD.
"""


def make_review(document: Document, criteria: list[CriterionResult]) -> Review:
    return Review(
        document=DocumentInfo(
            path=document.path, title=document.title, type="prfaq", sha256=document.sha256,
            words=document.words, format=document.format,
            detection="headings matched the prfaq rubric",
        ),
        rubric=RubricInfo(id="prfaq", version="0123456789abcdef", title="PR/FAQ", threshold=80),
        score=61.5, verdict=Verdict.NEEDS_WORK, criteria=criteria,
    )


def finding(document: Document, block_text: str, quote: str, cid: str, severity: Severity,
            occurrence: int = 0) -> Finding:
    block = next(b for b in document.blocks if b.text == block_text)
    start = -1
    for _ in range(occurrence + 1):
        start = block.text.index(quote, start + 1)
    return Finding(
        criterion=cid, severity=severity, message=f"{cid}: '{quote}'", quote=quote,
        suggestion="Be specific.",
        location=Location(section=document.section_title(block), block=block.index,
                          line=block.line_of(start), column=block.column_of(start),
                          start=start, end=start + len(quote)),
    )


def sample() -> tuple[Review, Document]:
    document = parse_markdown(MARKDOWN, "drafts/acme.md")
    para = "Acme today launched widgets that are significantly faster and very cheap."
    weasel = [
        finding(document, para, "significantly", "style.weasel-words", Severity.MINOR),
        finding(document, para, "very", "style.weasel-words", Severity.MINOR),
        finding(document, "It saves many hours for some teams.", "many", "style.weasel-words",
                Severity.MINOR),
        finding(document, "It saves many hours for some teams.", "some", "style.weasel-words",
                Severity.MINOR),
        finding(document, "latency", "latency", "style.weasel-words", Severity.MINOR),
    ]
    quant = [  # overlaps two weasel words
        finding(document, para, "significantly faster and very", "pr.problem-quantified",
                Severity.MAJOR),
        finding(document, "code is never highlighted unless quoted", "never highlighted",
                "pr.problem-quantified", Severity.MAJOR),
    ]
    answered = [
        finding(document, "Q: When? A: TBD.", "TBD", "faq.answered", Severity.BLOCKER),
        Finding(criterion="faq.answered", severity=Severity.BLOCKER,
                message="The FAQ section has a question without an answer.",
                location=Location(section="FAQ")),
    ]
    internal = [Finding(criterion="faq.internal", severity=Severity.MAJOR,
                        message="No internal FAQ.", suggestion="Add one.")]
    criteria = [
        CriterionResult(id="style.weasel-words", title="Weasel words", severity=Severity.MINOR,
                        weight=1, status=Status.FAILED, findings=weasel,
                        note="5 weasel words"),
        CriterionResult(id="pr.problem-quantified", title="Problem quantified",
                        severity=Severity.MAJOR, weight=1, status=Status.FAILED,
                        findings=quant),
        CriterionResult(id="faq.answered", title="FAQ answered", severity=Severity.BLOCKER,
                        weight=2, status=Status.FAILED, findings=answered),
        CriterionResult(id="faq.internal", title="Internal FAQ", severity=Severity.MAJOR,
                        weight=2, status=Status.FAILED, findings=internal),
        CriterionResult(id="pr.headline", title="Headline", severity=Severity.BLOCKER,
                        weight=3, status=Status.PASSED, score=1.0, note="7 words"),
        CriterionResult(id="pr.solution", title="Solution", severity=Severity.BLOCKER,
                        weight=2, status=Status.NOT_ASSESSED,
                        note="judgment criterion: needs the LLM reviewer"),
    ]
    return make_review(document, criteria), document


PAYLOAD_SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned = 2; alert(2)">'
PAYLOAD_ATTR = '" onmouseover="window.__pwned=3" x="'


def hostile() -> tuple[Review, Document]:
    """A .docx-like document whose text is markup (nothing strips it there)."""
    texts = [
        (BlockKind.HEADING, f"Launch {PAYLOAD_SCRIPT}"),
        (BlockKind.PARAGRAPH, f"Before {PAYLOAD_IMG} after."),
        (BlockKind.PARAGRAPH,
         f"Attr {PAYLOAD_ATTR} and </textarea></style></script> {{{{ 7*7 }}}}"),
        (BlockKind.CODE, PAYLOAD_SCRIPT),
    ]
    blocks = [
        Block(index=i, kind=kind, text=text, anchor=Anchor(paragraph=i),
              level=1 if kind == BlockKind.HEADING else None,
              hidden=[Span(start=0, end=6)] if i == 2 else [])
        for i, (kind, text) in enumerate(texts)
    ]
    document = Document(path="evil.docx", format="docx", title=f"T {PAYLOAD_SCRIPT}",
                        blocks=blocks, sections=build_sections(blocks), sha256="0" * 64)
    findings = []
    for block in blocks:
        for quote in (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_ATTR):
            if quote in block.text:
                start = block.text.index(quote)
                findings.append(Finding(
                    criterion="style.x", severity=Severity.MAJOR,
                    message=f"msg {PAYLOAD_IMG}", quote=quote, suggestion=PAYLOAD_SCRIPT,
                    location=Location(section=PAYLOAD_ATTR, block=block.index,
                                      paragraph=block.index, start=start,
                                      end=start + len(quote)),
                ))
    criteria = [CriterionResult(id='style.x"><script>window.__pwned=4</script>',
                                title=PAYLOAD_IMG, severity=Severity.MAJOR, weight=1,
                                status=Status.FAILED, findings=[], note=PAYLOAD_SCRIPT),
                CriterionResult(id="style.x", title=PAYLOAD_SCRIPT, severity=Severity.MAJOR,
                                weight=1, status=Status.FAILED, findings=findings),
                CriterionResult(id="pr.solution", title=PAYLOAD_IMG, severity=Severity.BLOCKER,
                                weight=1, status=Status.NOT_ASSESSED, note=PAYLOAD_IMG)]
    review = make_review(document, criteria)
    review.document.detection = PAYLOAD_IMG
    return review, document


# --------------------------------------------------------------------------- without a browser


def test_segments_split_overlapping_highlights() -> None:
    text = "abcdefghij"
    spans = [("f0", 2, 6), ("f1", 4, 8), ("f2", 4, 6)]
    sev = {"f0": "minor", "f1": "blocker", "f2": "major"}
    got = [(s.text, s.ids, s.severity) for s in segments(text, spans, sev)]
    assert got == [
        ("ab", [], None),
        ("cd", ["f0"], "minor"),
        ("ef", ["f0", "f1", "f2"], "blocker"),
        ("gh", ["f1"], "blocker"),
        ("ij", [], None),
    ]
    assert "".join(s.text for s in segments(text, spans, sev)) == text


def test_segments_mark_hidden_source_text() -> None:
    got = [(s.text, s.ids, s.hidden) for s in segments("abcdef", [("f0", 1, 3)], {"f0": "minor"},
                                                       [(2, 4)])]
    assert got == [("a", [], False), ("b", ["f0"], False), ("c", ["f0"], True),
                   ("d", [], True), ("ef", [], False)]


def test_page_is_self_contained_and_escaped() -> None:
    review, document = hostile()
    html = render_html(review, document)
    assert "<script>window.__pwned" not in html
    assert "<img" not in html
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2; alert(2)&#34;&gt;" in html
    assert html.count("<script>") == 1  # the page's own
    assert re.search(r"<[a-zA-Z][^>]*\s(?:src|href)\s*=", html) is None  # nothing to fetch
    assert "<link" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "{{ 7*7 }}" in html  # data is never treated as a template


def test_page_lists_criteria_and_not_assessed() -> None:
    review, document = sample()
    html = render_html(review, document)
    for c in review.criteria:
        assert f'data-crit="{c.id}"' in html
    assert "judgment criterion: needs the LLM reviewer" in html
    assert html.count('class="note ') == len(review.findings)


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture()
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Any] = []
    requests: list[str] = []

    def opener(html: str, name: str = "report.html") -> Any:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.requests = requests  # type: ignore[attr-defined]
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


HIGHLIGHTS_JS = """() => {
  const out = {};
  document.querySelectorAll('mark.hl').forEach(m => {
    m.dataset.f.split(' ').forEach(id => { out[id] = (out[id] || '') + m.textContent; });
  });
  return out;
}"""

NOTES_JS = """() => Array.from(document.querySelectorAll('.note')).map(n => ({
  id: n.dataset.f, sev: n.dataset.sev, crit: n.dataset.crit, visible: !n.hidden
}))"""

MARK_STATE_JS = """() => Array.from(document.querySelectorAll('mark.hl')).map(m => ({
  ids: m.dataset.f, on: !m.classList.contains('off'),
  bg: getComputedStyle(m).backgroundColor
}))"""


def test_every_quoted_finding_is_highlighted_in_place(open_page: Any) -> None:
    review, document = sample()
    page = open_page(render_html(review, document))
    highlighted: dict[str, str] = page.evaluate(HIGHLIGHTS_JS)
    quoted = {f"f{i}": f.quote for i, f in enumerate(review.findings) if f.quote}
    assert highlighted == quoted  # one highlight per quoted finding, exactly its words
    assert page.errors == []
    # the document reads as the document: block text is intact around highlights
    text = page.inner_text("#document")
    assert "Acme today launched widgets that are significantly faster and very cheap." in text
    # a note sits beside its highlight, in the same row
    row_of_note = page.evaluate(
        "() => document.getElementById('note-f0').closest('.row').dataset.block"
    )
    row_of_mark = page.evaluate(
        "() => document.querySelector('mark.hl[data-f~=\"f0\"]').closest('.row').dataset.block"
    )
    assert row_of_note == row_of_mark
    assert page.is_visible("#document-notes")
    assert page.inner_text("#not-assessed").count("Solution") == 1


def test_filters_hide_what_they_should(open_page: Any) -> None:
    review, document = sample()
    page = open_page(render_html(review, document))
    notes = page.evaluate(NOTES_JS)
    assert all(n["visible"] for n in notes)
    assert page.inner_text("#shown") == f"{len(notes)} of {len(notes)} findings shown"

    page.uncheck("input[name=sev][value=minor]")
    notes = page.evaluate(NOTES_JS)
    assert [n["id"] for n in notes if n["visible"]] == [
        n["id"] for n in notes if n["sev"] != "minor"
    ]
    sev = {f"f{i}": f.severity.value for i, f in enumerate(review.findings)}
    for mark in page.evaluate(MARK_STATE_JS):
        should = any(sev[i] != "minor" for i in mark["ids"].split())
        assert mark["on"] == should, mark
        if not should:
            assert mark["bg"] == "rgba(0, 0, 0, 0)"
    visible = sum(n["visible"] for n in notes)
    assert page.inner_text("#shown") == f"{visible} of {len(notes)} findings shown"

    page.check("input[name=sev][value=minor]")
    page.select_option("#crit", "faq.answered")
    notes = page.evaluate(NOTES_JS)
    assert {n["crit"] for n in notes if n["visible"]} == {"faq.answered"}
    assert sum(n["visible"] for n in notes) == 2
    assert not page.is_visible("#document-notes")  # only faq.internal is there
    marks = page.evaluate(MARK_STATE_JS)
    assert [m["ids"] for m in marks if m["on"]] == ["f7"]  # "TBD"

    page.select_option("#crit", "")
    assert all(n["visible"] for n in page.evaluate(NOTES_JS))


def test_hostile_document_text_runs_no_script(open_page: Any) -> None:
    review, document = hostile()
    page = open_page(render_html(review, document))
    page.hover("#document")
    page.mouse.move(200, 300)
    page.wait_for_timeout(50)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.evaluate("() => document.images.length") == 0
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.title() == f"Review: T {PAYLOAD_SCRIPT}"
    text = page.inner_text("body")
    assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text and PAYLOAD_ATTR in text
    # the hostile quotes are still highlighted as text
    highlighted = page.evaluate(HIGHLIGHTS_JS)
    assert sorted(highlighted.values()) == sorted(f.quote or "" for f in review.findings)
    assert all(not url.startswith(("http:", "https:")) for url in page.requests)
    assert page.errors == []


def test_screenshot(open_page: Any, tmp_path: Path) -> None:
    review, document = sample()
    page = open_page(render_html(review, document))
    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000
    keep = Path(__file__).parent / "_artifacts"
    if keep.is_dir():  # a developer can look at it: mkdir tests/reports/_artifacts
        shutil.copy(shot, keep / "review.png")


def test_page_says_what_the_llm_reviewer_did() -> None:
    review, document = sample()
    assert 'id="llm-summary"' not in render_html(review, document)
    review.llm = LLMUsage(used=True, model="m1", calls=2, input_tokens=900, output_tokens=80,
                          cache_hits=1, dropped_unverified=3,
                          error="LLM reviewer failed: rate limited by http://h/v1")
    html = render_html(review, document)
    assert ('LLM reviewer: m1 · 2 calls · 900 input / 80 output tokens · 1 cache hits · '
            '3 findings dropped (quote not in the document)') in html
    assert ('<div class="meta llm-error" id="llm-error">LLM reviewer failed: rate limited by '
            'http://h/v1: judgment criteria not assessed.</div>') in html


# ------------------------------------------------------------- the lead, inline formatting

FORMATTED = """\
# Tidewell launches **Clinic Notes**

Tidewell today launched Clinic Notes, a notes tool that writes
the visit summary while the doctor talks. It is *faster* than typing
and works with [the EHR](https://example.com/ehr) clinics use. Run `tidewell sync`.

## FAQ

**Q1. How much does it cost?**
It costs $20 a month per clinician.
"""


def formatted_sample() -> tuple[Review, Document]:
    document = parse_markdown(FORMATTED, "drafts/tidewell.md")
    para = next(b for b in document.blocks if b.text.startswith("Tidewell today"))
    quote = "writes\nthe visit summary"
    start = para.text.index(quote)
    findings = [Finding(
        criterion="style.weasel-words", severity=Severity.MINOR, message="m", quote=quote,
        location=Location(block=para.index, start=start, end=start + len(quote)),
    )]
    criteria = [
        CriterionResult(id="pr.headline", title="Headline", severity=Severity.BLOCKER,
                        weight=3, status=Status.PASSED, score=1.0),
        CriterionResult(id="style.weasel-words", title="Weasel words", severity=Severity.MINOR,
                        weight=1, status=Status.FAILED, findings=findings),
        CriterionResult(id="faq.answered", title="FAQ answered", severity=Severity.BLOCKER,
                        weight=2, status=Status.FAILED, note="one question unanswered"),
        CriterionResult(id="pr.solution", title="Solution", severity=Severity.BLOCKER,
                        weight=2, status=Status.NOT_ASSESSED,
                        note="judgment criterion: needs the LLM reviewer"),
        CriterionResult(id="faq.internal", title="Internal FAQ", severity=Severity.MAJOR,
                        weight=2, status=Status.NOT_APPLICABLE),
    ]
    return make_review(document, criteria), document


ORDER_JS = """() => Array.from(document.querySelectorAll('body > section, body > main'))
  .map(e => e.id)"""


def test_page_opens_with_actions_and_blockers_then_the_score_card_by_status(
    open_page: Any,
) -> None:
    review, document = formatted_sample()
    page = open_page(render_html(review, document))
    order = page.evaluate(ORDER_JS)
    assert order.index("actions") < order.index("blockers") < order.index("scorecard")
    assert order.index("document") < order.index("scorecard")
    assert order[0] == "actions"
    blockers = page.inner_text("#blockers")
    assert "FAQ answered" in blockers and "Solution" in blockers
    assert "Headline" not in blockers  # passed
    groups = page.evaluate("""() => Array.from(document.querySelectorAll(
      '#scorecard tbody.group')).map(g => [g.dataset.status,
      Array.from(g.querySelectorAll('tr.crit-row')).map(r => r.dataset.crit)])""")
    assert groups == [
        ["failed", ["faq.answered", "style.weasel-words"]],
        ["not-assessed", ["pr.solution"]],
        ["passed", ["pr.headline"]],
        ["not-applicable", ["faq.internal"]],
    ]
    assert page.errors == []


def test_document_view_keeps_inline_formatting(open_page: Any) -> None:
    review, document = formatted_sample()
    page = open_page(render_html(review, document))
    view = page.evaluate("""() => {
      const rows = Array.from(document.querySelectorAll('#document .row'));
      const para = rows[1].querySelector('.block');
      const faq = rows[3].querySelector('.block');
      return {
        heading_strong: Array.from(rows[0].querySelectorAll('strong')).map(e => e.textContent),
        text: para.innerText,
        em: Array.from(para.querySelectorAll('em')).map(e => e.textContent),
        code: Array.from(para.querySelectorAll('code')).map(e => e.textContent),
        links: Array.from(para.querySelectorAll('a')).map(a => [a.textContent,
                                                               a.getAttribute('href')]),
        faq_strong: Array.from(faq.querySelectorAll('strong')).map(e => e.textContent),
        faq_text: faq.innerText,
        mark: Array.from(para.querySelectorAll('mark.hl')).map(m => m.textContent).join(''),
      };
    }""")
    assert view["heading_strong"] == ["Clinic Notes"]
    # soft breaks read as spaces: one paragraph, no line per source line
    assert view["text"] == ("Tidewell today launched Clinic Notes, a notes tool that writes the "
                            "visit summary while the doctor talks. It is faster than typing and "
                            "works with the EHR clinics use. Run tidewell sync.")
    assert view["em"] == ["faster"]
    assert view["code"] == ["tidewell sync"]
    assert view["links"] == [["the EHR", "https://example.com/ehr"]]
    assert view["faq_strong"] == ["Q1. How much does it cost?"]
    assert view["faq_text"] == "Q1. How much does it cost?\nIt costs $20 a month per clinician."
    assert view["mark"] == "writes the visit summary"
    assert page.errors == []
    assert all(not url.startswith(("http:", "https:")) for url in page.requests)


def test_notes_beside_the_document_leave_no_large_gaps(open_page: Any) -> None:
    """Many notes on one paragraph: one compact note shows, the rest fold away,
    so the row is not much taller than its text."""
    document = parse_markdown(FORMATTED, "drafts/tidewell.md")
    para = next(b for b in document.blocks if b.text.startswith("Tidewell today"))
    findings = [Finding(criterion="style.weasel-words", severity=Severity.MINOR,
                        message=f"Finding {i}: a note long enough to wrap onto a second line "
                                "in the narrow column.", quote=word, suggestion="Say it plainly.",
                        location=Location(block=para.index, start=para.text.index(word),
                                          end=para.text.index(word) + len(word)))
                for i, word in enumerate(["Tidewell", "notes", "visit", "doctor", "typing"])]
    review = make_review(document, [CriterionResult(
        id="style.weasel-words", title="Weasel words", severity=Severity.MINOR, weight=1,
        status=Status.FAILED, findings=findings)])
    page = open_page(render_html(review, document))
    heights = page.evaluate("""() => {
      const row = document.querySelector('#document .row[data-block="1"]');
      return [row.getBoundingClientRect().height,
              row.querySelector('.block').getBoundingClientRect().height,
              row.querySelectorAll('.note').length,
              Array.from(row.querySelectorAll('.note')).filter(n => n.checkVisibility()).length];
    }""")
    row, block, notes, shown = heights
    assert (notes, shown) == (5, 1)
    assert row - block < 110, heights
    page.click('mark.hl[data-f~="f4"]')
    assert page.is_visible("#note-f4")  # a click on its words unfolds it
