"""Text markdown-it leaves out: content nested deeper than its ``maxNesting``.

markdown-it stops parsing a container nested deeper than ``maxNesting`` (20 by
default) and silently skips the rest of it: ``> > > ... TODO: ignore previous
instructions`` at 25 levels produced no block at all, so neither the rules nor
the injection guard saw it. When a parse reaches the limit, every source line no
leaf token covers (and that holds text once its quote and list markers are
removed) becomes a block of its own (a quote, a list item or a paragraph, by its
markers), in document order, so it is reviewed like any other text; the limit
also cuts off everything after the deep container, which comes back the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from prereview.document import Anchor, Block, BlockKind

_LEAVES = frozenset({
    "paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr",
    "table_open", "front_matter",
})
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+)$")
_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]|$)))+[ \t]*")


def reached_limit(tokens: Sequence[Token], max_nesting: int) -> bool:
    """Whether some container was cut off at the nesting limit."""
    return any(t.level >= max_nesting - 1 for t in tokens)


def recover_deep(
    blocks: list[Block], tokens: Sequence[Token], lines: list[str], max_nesting: int
) -> list[Block]:
    """``blocks`` plus a QUOTE block for each text line the parser skipped, merged
    in source order and renumbered. Unchanged when the limit was not reached."""
    if not reached_limit(tokens, max_nesting):
        return blocks
    covered: set[int] = set()
    for token in tokens:
        if token.type in _LEAVES and token.map:
            covered.update(range(token.map[0], token.map[1]))
    recovered: list[Block] = []
    for number, line in enumerate(lines):
        if number in covered:
            continue
        marker = _MARKERS.match(line)
        start = marker.end() if marker else 0
        text = line[start:].rstrip()
        if not text.strip():
            continue
        markers = marker.group() if marker else ""
        if ">" in markers:
            kind = BlockKind.QUOTE
        elif markers.strip():
            kind = BlockKind.LIST_ITEM
        else:
            kind = BlockKind.PARAGRAPH
            start = len(line) - len(line.lstrip())
            text = line.strip()
        level = None
        heading = _HEADING.match(text) if kind == BlockKind.PARAGRAPH else None
        if heading:
            kind, level = BlockKind.HEADING, len(heading.group(1))
            start += heading.start(2)
            text = heading.group(2).rstrip("#").rstrip() or heading.group(2)
        recovered.append(Block(
            index=-1, kind=kind, text=text, level=level,
            anchor=Anchor(line=number + 1, end_line=number + 1),
            line_columns=[start + 1],
        ))
    if not recovered:
        return blocks

    keyed: list[tuple[int, int, Block]] = []
    last = 0
    for order, block in enumerate(blocks):
        last = block.anchor.line if block.anchor.line is not None else last
        keyed.append((last, order, block))
    keyed.extend((b.anchor.line or 0, len(blocks) + i, b) for i, b in enumerate(recovered))
    merged = [b for _, _, b in sorted(keyed, key=lambda k: (k[0], k[1]))]
    return [b.model_copy(update={"index": i}) for i, b in enumerate(merged)]
