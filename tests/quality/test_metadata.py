"""Metadata is not prose (issue 8, class 4), on a layout document written here: a
leading ``Key: value`` list is read by no style or first-paragraph rule, while a
labelled paragraph of content ("Subtitle: ...") still is."""

from __future__ import annotations

from pathlib import Path

from prereview.checks.context import CheckContext
from prereview.checks.reading.metadata import metadata_blocks
from prereview.engine import run
from prereview.ingest import load_document
from prereview.rubrics import load_rubric

LAYOUT = Path(__file__).parent / "layouts" / "design-metadata-block.md"


def test_the_leading_key_value_list_is_metadata() -> None:
    document = load_document(LAYOUT)
    meta = metadata_blocks(document)
    assert [document.blocks[i].text.split(":")[0] for i in sorted(meta)] == [
        "Author(s)", "Status", "Tracking Issue"]
    ctx = CheckContext(document, load_rubric("design-doc"))
    body = [b.text for b in ctx.scope("body")]
    assert not any(t.startswith(("Author", "Status", "Tracking")) for t in body)
    assert "Subtitle: invoices reach the ledger in minutes." in body


def test_no_style_rule_reads_the_metadata() -> None:
    review = run(LAYOUT, rubric_ref="design-doc").review
    quotes = [f.quote or "" for f in review.findings]
    assert not any(q in ("JP", "FIN") for q in quotes)  # acronyms of the metadata
    bullets = next(c for c in review.criteria if c.id == "style.bullets")
    assert bullets.findings == []


def test_a_single_labelled_line_is_not_metadata(tmp_path: Path) -> None:
    doc = tmp_path / "note.md"
    doc.write_text("# Note\n\nStatus: we ship on Monday, with the FIN team.\n\nMore text.\n",
                   encoding="utf-8")
    assert metadata_blocks(load_document(doc)) == set()
