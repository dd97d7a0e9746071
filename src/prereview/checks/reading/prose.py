"""What is not the author's prose, for the style rules (issue 8, class 5):

- a **table of contents**: a run of three or more list items each naming a
  heading of the document ("- [Summary](#summary)" reads "Summary");
- an **API or flag listing**: a list item that opens with a code identifier
  ("- `--dry-run`: ...", "- `addToResourcePolicy()` adds ...");
- a **checklist**: a task-list item ("- [x] Design details are documented");
- **quoted third-party text**: a blockquote.

Sentence length, passive voice and the word lists measure how the author
writes; these blocks are a template's, a tool's or someone else's words. Rules
that look for unfinished text (placeholders) still read them.
"""

from __future__ import annotations

import re

from prereview.checks.context import CheckContext
from prereview.checks.reading.headings import normalise_heading
from prereview.document import Block, BlockKind

_TASK = re.compile(r"^\s*\[[ xX]\]\s")
"""A task-list item: "[ ] ..." / "[x] ..."."""
_MIN_TOC_RUN = 3


def _key(text: str) -> str:
    return " ".join(normalise_heading(text).lower().split())


def not_authors_prose(ctx: CheckContext) -> frozenset[int]:
    """Indices of the blocks the style rules leave out (cached per document)."""
    return _reading(ctx)[0]


def table_of_contents(ctx: CheckContext) -> frozenset[int]:
    """Indices of the list items of a table of contents: each repeats a heading
    read where it stands, so a rule counting what the text names skips them."""
    return _reading(ctx)[1]


def _reading(ctx: CheckContext) -> tuple[frozenset[int], frozenset[int]]:
    """Both readings, worked out in one pass once per document."""
    return ctx.cached("not-authors-prose and table-of-contents", lambda: _compute(ctx))


def _compute(ctx: CheckContext) -> tuple[frozenset[int], frozenset[int]]:
    blocks = ctx.document.blocks
    headings = {_key(b.text) for b in blocks if b.kind == BlockKind.HEADING}
    out: set[int] = set()
    toc: set[int] = set()
    run: list[Block] = []

    def close_run() -> None:
        if len(run) >= _MIN_TOC_RUN:
            toc.update(b.index for b in run)
        run.clear()

    for block in blocks:
        if block.kind == BlockKind.QUOTE:
            out.add(block.index)
        if block.kind != BlockKind.LIST_ITEM:
            close_run()
            continue
        text = block.text
        lead = len(text) - len(text.lstrip())
        if block.code and block.code[0].start <= lead + 1:
            out.add(block.index)  # opens with an identifier: a listing
        if _TASK.match(text):
            out.add(block.index)
        if len(text.split()) <= 12 and _key(text) in headings:
            run.append(block)
        else:
            close_run()
    close_run()
    return frozenset(out | toc), frozenset(toc)


def authors_prose(ctx: CheckContext, blocks: list[Block]) -> list[Block]:
    """``blocks`` without those that are not the author's prose."""
    skip = not_authors_prose(ctx)
    return [b for b in blocks if b.index not in skip] if skip else blocks
