"""Quotes are located in the Document, tolerant of what models change, exact in
what they return."""

from __future__ import annotations

from pathlib import Path

import docx

from prereview.ingest import load_document
from prereview.ingest.markdown import parse_markdown
from prereview.review import Severity
from prereview.reviewer.evidence import ClaimedFinding, fold, locate, verify

TEXT = """\
# Plan

We cut “wait time” from 9   days to 2 — measured across 1,204 orders.

- It’s the customer’s call, not ours.

```
secret code line
```
"""


def doc() -> object:
    return parse_markdown(TEXT, "p.md")


def test_fold_keeps_offsets() -> None:
    folded, index = fold("a “b”  —  c")
    assert folded == 'a "b"-c'
    assert [index[i] for i in range(len(folded))] == [0, 1, 2, 3, 4, 7, 10]


def test_locate_tolerates_quotes_dashes_whitespace_and_case() -> None:
    document = parse_markdown(TEXT, "p.md")
    hit = locate(document, 'We cut "wait time" from 9 days to 2 - measured')
    assert hit is not None
    assert hit.text == "We cut “wait time” from 9   days to 2 — measured"
    assert (hit.block.index, hit.start, hit.end) == (1, 0, len(hit.text))
    assert locate(document, "WE CUT “WAIT TIME”") is not None
    item = locate(document, "- It's the customer's call")
    assert item is not None and item.text == "It’s the customer’s call"


def test_locate_rejects_what_is_not_there() -> None:
    document = parse_markdown(TEXT, "p.md")
    assert locate(document, "We cut wait time in half") is None
    assert locate(document, "secret code line") is None  # code is never sent
    assert locate(document, "ut") is None  # too short
    assert locate(document, "e cut") is None  # starts inside a word
    assert locate(document, "from 9 days to 2", exclude={1: [(0, 30)]}) is None


def test_verify_anchors_and_counts() -> None:
    document = parse_markdown(TEXT, "p.md")
    claims = [
        ClaimedFinding(criterion="c", quote="1,204 orders", message="Say which orders."),
        ClaimedFinding(criterion="c", quote="12,040 orders", message="Invented."),
        ClaimedFinding(criterion="unknown", quote="1,204 orders", message="Not asked."),
        ClaimedFinding(criterion="c", quote="1,204 orders", message="  "),
    ]
    found, dropped = verify(document, claims, {"c": Severity.MINOR})
    assert dropped == 3
    [f] = found
    assert (f.quote, f.source, f.severity) == ("1,204 orders", "llm", Severity.MINOR)
    assert f.location is not None
    assert (f.location.section, f.location.line, f.location.block) == ("Plan", 3, 1)
    start = TEXT.splitlines()[2].index("1,204")
    assert (f.location.start, f.location.column) == (start, start + 1)


def test_docx_quotes_get_paragraph_anchors(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Launch plan", level=1)
    word.add_paragraph("Customers wait 9 days for a refund today.")
    para = word.add_paragraph("Refunds now take ")
    para.add_run("2 days").bold = True
    para.add_run(" for every order.")
    path = tmp_path / "plan.docx"
    word.save(str(path))
    document = load_document(path)
    [finding], dropped = verify(
        document, [ClaimedFinding(criterion="c", quote="take 2 days for every", message="m")],
        {"c": Severity.MAJOR})
    assert dropped == 0
    assert finding.location is not None
    block = document.blocks[finding.location.block or 0]
    assert finding.location.paragraph == block.anchor.paragraph
    assert block.text[finding.location.start:finding.location.end] == "take 2 days for every"
