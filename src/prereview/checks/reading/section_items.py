"""What each item of a section must carry (``items_contain`` of the ``section``
kind): an alternative with its reason, a risk with its mitigation. An item is a
sub-section or an outermost list item; an item long enough stands on its own."""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.params import Requirement
from prereview.document import Block, BlockKind, Section
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import sentence_at, word_count


def _items(
    ctx: CheckContext, sections: list[Section], content: list[Block]
) -> list[list[Block]]:
    """What a section lists, each item as its blocks (first the one to quote): its
    sub-sections (heading and all), or else its outermost list items with the
    deeper items under each."""
    doc = ctx.document
    ids = {s.index for s in sections}
    children = [s for s in doc.sections if s.parent in ids and s.heading_block is not None]
    if len(children) >= 2:
        keep = {b.index for b in content}
        return [[doc.blocks[c.heading_block or 0],
                 *(b for b in doc.blocks_in(c) if b.index in keep)] for c in children]
    listed = [b for b in content if b.kind == BlockKind.LIST_ITEM]
    if not listed:
        return []
    top = min(b.level or 1 for b in listed)
    items: list[list[Block]] = []
    previous: Block | None = None
    for block in content:
        if block.kind == BlockKind.LIST_ITEM and (block.level or 1) == top:
            items.append([block])
        elif (block.kind == BlockKind.LIST_ITEM and items and previous is not None
              and previous.kind == BlockKind.LIST_ITEM and block.index == previous.index + 1):
            items[-1].append(block)  # a sub-item of the item above
        previous = block
    return items


def judge_items(
    ctx: CheckContext, criterion: Criterion, label: str, sections: list[Section],
    content: list[Block], items_contain: list[Requirement], item_enough_words: int | None,
) -> list[Finding]:
    """A finding for each item that lacks what every item must carry (the section
    kind's ``items_contain``; ``item_enough_words`` words besides its title stand
    in for it)."""
    items = _items(ctx, sections, content)
    in_items = {b.index for item in items for b in item}
    around = "\n".join(b.text for b in content if b.index not in in_items)
    whole = "\n".join(b.text for b in content)
    heading = ctx.heading_block(sections[0])
    findings: list[Finding] = []
    for req in items_contain:
        if len(items) < 2:
            if not req.found_in(whole):
                findings.append(ctx.finding(
                    criterion, heading, 0, len(heading.text),
                    f"The {label} section gives no {req.what}.",
                ))
            continue
        if req.found_in(around):
            continue
        for item in items:
            if req.found_in("\n".join(b.text for b in item)):
                continue
            body = item[1:] if item[0].kind == BlockKind.HEADING else item
            if item_enough_words is not None and \
                    sum(word_count(b.text) for b in body) >= item_enough_words:
                continue
            first = item[0]
            start, end = (0, len(first.text)) if first.kind == BlockKind.HEADING \
                else sentence_at(first.text, 0)
            findings.append(ctx.finding(
                criterion, first, start, end,
                f"'{' '.join(first.text[start:end].split())}' is listed with no {req.what}.",
            ))
    return findings
