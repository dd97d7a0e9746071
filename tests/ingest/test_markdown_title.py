"""The document's title when it has no h1 (issue 8, blind reading 3, class 5: a
Rust RFC opening with "- Feature Name:" then "## Summary" was titled "Summary").
The title is what the document calls itself: front matter, a heading above every
other one, a metadata line naming it, an h1, the first heading, else the file
name; a heading that names a section ("Summary", "Press Release") never is."""

from __future__ import annotations

from pathlib import Path

from prereview.document import Document
from prereview.ingest import load_document


def _title(tmp_path: Path, text: str, name: str = "draft.md") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document: Document = load_document(path)
    return document.title


RUST = ("- Feature Name: `lazy_statics`\n- Start Date: 2026-01-01\n- RFC PR: (leave this empty)\n\n"
        "## Summary\n\nAdds lazy statics.\n\n## Motivation\n\nStart-up is slow.\n")


def test_a_feature_name_beats_a_first_section_heading(tmp_path: Path) -> None:
    assert _title(tmp_path, RUST) == "lazy_statics"


def test_front_matter_names_the_document(tmp_path: Path) -> None:
    text = "---\nfeature name: CDK Metadata v2\nrfc pr: (leave this empty)\n---\n\n# Summary\n\nx\n"
    assert _title(tmp_path, text) == "CDK Metadata v2"
    assert _title(tmp_path, "---\ntitle: Pod overhead\n---\n\n## Summary\n\nx\n") == "Pod overhead"


def test_no_name_falls_back_to_the_file_name_never_a_section(tmp_path: Path) -> None:
    old = "- Start Date: 2014-01-01\n\n# Summary\n\nx\n\n# Motivation\n\ny\n"
    assert _title(tmp_path, old, "0560-integer-overflow.md") == "0560-integer-overflow"
    not_a_name = RUST.replace("`lazy_statics`", "N/A")
    assert _title(tmp_path, not_a_name, "3013-cfg-checking.md") == "3013-cfg-checking"
    assert _title(tmp_path, "# Press Release\n\nx\n\n# FAQ\n\ny\n", "plit.md") == "plit"


def test_a_heading_that_names_the_document_is_still_its_title(tmp_path: Path) -> None:
    go = "## Proposal: `go install` outside a module\n\nAuthors: A\n\n## Abstract\n\nx\n"
    assert _title(tmp_path, go) == "Proposal: go install outside a module"
    assert _title(tmp_path, "## Lazy imports\n\n### Summary\n\nx\n") == "Lazy imports"
    assert _title(tmp_path, "# Acme launches Ledger\n\nx\n\n# FAQ\n\ny\n") == "Acme launches Ledger"
