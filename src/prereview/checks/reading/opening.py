"""The author's opening: prose between the document's title and its first section
heading. Templates put their one-paragraph summary there (a CDK RFC's "> We are
reworking ..." blockquote under the title), so it can stand for a summary that
no heading, or only a short FAQ answer, gives (blind reading 10)."""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.params import BODY
from prereview.document import Block, BlockKind
from prereview.text import word_count

_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.QUOTE})


def opening_prose(ctx: CheckContext) -> list[Block]:
    """Paragraphs and quotes of the body (metadata left out) after the title
    heading, or from the start when there is none, up to the next heading."""
    def compute() -> list[Block]:
        title = ctx.title_section()
        heading = title.heading_block if title is not None else None
        start = heading + 1 if heading is not None else 0
        blocks = ctx.document.blocks
        end = next((b.index for b in blocks[start:] if b.kind == BlockKind.HEADING), len(blocks))
        return [b for b in ctx.prose(BODY) if start <= b.index < end and b.kind in _KINDS]
    return list(ctx.cached("opening prose", compute))


def opening_words(ctx: CheckContext) -> int:
    return sum(word_count(b.text) for b in opening_prose(ctx))
