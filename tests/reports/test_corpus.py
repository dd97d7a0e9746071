"""Every document of the shared corpus (written by others) reviews and renders in
both formats: the JSON parses, the Markdown keeps its structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from prereview.engine import review_path
from prereview.reports import render_json, render_markdown

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
"""``../shared/corpus`` next to the repository; absent in a bare clone."""


def _files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".docx") and p.is_file())


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")
@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_document_reports(path: Path) -> None:
    review = review_path(path)
    data = json.loads(render_json(review))
    assert data["schema"] == "prereview.review/1"
    assert len(data["findings"]) == len(review.findings)
    report = render_markdown(review)
    tokens = MarkdownIt("commonmark").enable("table").parse(report)
    every = [*tokens, *(child for t in tokens for child in t.children or [])]
    assert [t.content for t in every if t.type.startswith("html")] == []
    groups = [t for t in tokens if t.type == "heading_open" and t.tag == "h3"]
    assert len(groups) == sum(1 for c in review.criteria if c.findings)
