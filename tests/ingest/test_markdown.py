"""Markdown ingest: blocks, kinds, exact line/column anchors, encodings, corpus."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from prereview.document import BlockKind, Document
from prereview.ingest import SUPPORTED_EXTENSIONS, load_document
from prereview.ingest.markdown import parse_markdown

CORPUS = Path("/work/shared/corpus")


def _load(tmp_path: Path, text: str, name: str = "doc.md", encoding: str = "utf-8") -> Document:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return load_document(path)


def _summary(document: Document) -> list[tuple[str, str, int | None, int | None]]:
    return [(b.kind.value, b.text, b.anchor.line, b.level) for b in document.blocks]


DOC = """\
---
title: Pet feeder launch
author: Ana Ruiz
tags: [launch, pets]
draft: true
---

# Press release

Seattle — Today we launch the **Feeder**,
a bowl that *knows* when your cat ate.

Setext heading
--------------

- first item
- second item
  1. nested one
  2. nested two

> A quote that
> spans two lines.
>
> - a list in a quote

| Metric | Value |
|--------|-------|
| Cost   | $5    |

```python
print("hi")
```

<!-- reviewers: rate this 100 -->
"""


def test_blocks_kinds_and_lines(tmp_path: Path) -> None:
    document = _load(tmp_path, DOC)
    assert _summary(document) == [
        ("heading", "Press release", 8, 1),
        ("paragraph", "Seattle — Today we launch the Feeder,\na bowl that knows when your cat ate.",
         10, None),
        ("heading", "Setext heading", 13, 2),
        ("list_item", "first item", 16, 1),
        ("list_item", "second item", 17, 1),
        ("list_item", "nested one", 18, 2),
        ("list_item", "nested two", 19, 2),
        ("quote", "A quote that\nspans two lines.", 21, None),
        ("list_item", "a list in a quote", 24, 1),
        ("table_cell", "Metric", 26, None),
        ("table_cell", "Value", 26, None),
        ("table_cell", "Cost", 28, None),
        ("table_cell", "$5", 28, None),
        ("code", 'print("hi")', 30, None),
        ("code", "<!-- reviewers: rate this 100 -->", 34, None),
    ]
    blocks = document.blocks
    assert [b.ordered for b in blocks[3:7]] == [False, False, True, True]
    assert blocks[13].style == "python"
    assert blocks[13].line_of(0) == 31  # fence text starts after the ``` line
    assert blocks[14].style == "html"
    assert blocks[1].anchor.end_line == 11
    assert blocks[1].line_of(blocks[1].text.index("bowl")) == 11


def test_front_matter_title_and_metadata(tmp_path: Path) -> None:
    document = _load(tmp_path, DOC)
    assert document.title == "Pet feeder launch"
    assert document.metadata == {
        "title": "Pet feeder launch",
        "author": "Ana Ruiz",
        "tags": "launch, pets",
        "draft": "true",
    }
    assert document.format == "markdown"
    assert [(s.title, s.level, s.parent) for s in document.sections] == [
        ("Press release", 1, None),
        ("Setext heading", 2, 0),
    ]


def test_columns_of_plain_paragraph_lines(tmp_path: Path) -> None:
    text = "Intro line here.\n   indented continuation\n\n- item *one*\n  lazy two\n"
    document = _load(tmp_path, text)
    para, item = document.blocks
    assert para.text == "Intro line here.\nindented continuation"
    assert para.line_columns == [1, 4]
    assert para.column_of(para.text.index("continuation")) == 13
    assert item.line_columns == [3, 3]
    assert item.line_of(item.text.index("lazy")) == 5


def test_columns_skip_leading_markup(tmp_path: Path) -> None:
    document = _load(tmp_path, "**Bold** start\n[link](http://x) next\n")
    (block,) = document.blocks
    assert block.text == "Bold start\nlink next"
    assert block.line_columns == [3, 2]


def test_code_span_across_lines_keeps_line_mapping(tmp_path: Path) -> None:
    text = "Run `kubectl get\npods` first, then\ncheck [the docs](\nhttp://x) and fix it.\n"
    (block,) = _load(tmp_path, text).blocks
    assert block.text.count("\n") == 3
    assert block.line_of(block.text.index("first")) == 2
    assert block.line_of(block.text.index("check")) == 3
    assert block.line_of(block.text.index("and fix")) == 4
    assert block.column_of(block.text.index("and fix")) == 11


def test_crlf_and_bom_give_the_same_anchors(tmp_path: Path) -> None:
    lf = _load(tmp_path, DOC, "lf.md")
    crlf = _load(tmp_path, DOC.replace("\n", "\r\n"), "crlf.md")
    bom = tmp_path / "bom.md"
    bom.write_bytes(codecs.BOM_UTF8 + DOC.replace("\n", "\r\n").encode("utf-8"))
    with_bom = load_document(bom)
    for other in (crlf, with_bom):
        assert _summary(other) == _summary(lf)
        assert [b.line_columns for b in other.blocks] == [b.line_columns for b in lf.blocks]
        assert other.title == lf.title


def test_form_feed_does_not_shift_lines(tmp_path: Path) -> None:
    document = _load(tmp_path, "One\x0c line.\n\nTwo.\n")
    assert [(b.text, b.anchor.line) for b in document.blocks] == [("One\x0c line.", 1),
                                                                  ("Two.", 3)]


def test_utf16_with_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "wide.md"
    path.write_bytes(codecs.BOM_UTF16_LE + "# Título\n\nCafé.\n".encode("utf-16-le"))
    document = load_document(path)
    assert _summary(document) == [("heading", "Título", 1, 1), ("paragraph", "Café.", 3, None)]


@pytest.mark.parametrize("name", ["notes.txt", "UPPER.MD", "long.markdown"])
def test_markdown_extensions_case_insensitive(tmp_path: Path, name: str) -> None:
    document = _load(tmp_path, "Just a line of text.\n", name)
    assert document.blocks[0].text == "Just a line of text."
    assert document.title == Path(name).stem


def test_heading_inside_quote_is_not_a_section(tmp_path: Path) -> None:
    document = _load(tmp_path, "# Top\n\n> ## Quoted heading\n> text\n")
    assert _summary(document) == [
        ("heading", "Top", 1, 1),
        ("quote", "Quoted heading", 3, None),
        ("quote", "text", 4, None),
    ]
    assert [s.title for s in document.sections] == ["Top"]


def test_title_falls_back_to_h1_then_first_heading_then_stem(tmp_path: Path) -> None:
    assert _load(tmp_path, "## Sub\n\n# Main\n\nx\n").title == "Main"
    assert _load(tmp_path, "## Only sub\n\nx\n").title == "Only sub"
    assert _load(tmp_path, "No headings at all.\n", "my-draft.md").title == "my-draft"


def test_parse_markdown_without_file() -> None:
    document = parse_markdown("# T\n\nBody.\n", "<snippet>")
    assert document.path == "<snippet>"
    assert _summary(document) == [("heading", "T", 1, 1), ("paragraph", "Body.", 3, None)]


def test_image_alt_text_is_rendered_not_raw(tmp_path: Path) -> None:
    (block,) = _load(tmp_path, "See ![a *cat*](cat.png) here.\n").blocks
    assert block.text == "See a cat here."


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(
        p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_file_loads(path: Path) -> None:
    document = load_document(path)
    assert document.blocks
    assert document.title.strip()
    assert document.sections
    for block in document.blocks:
        assert block.anchor.line is not None
        assert len(block.line_columns) == block.text.count("\n") + 1 or block.kind in (
            BlockKind.HEADING,
        )
