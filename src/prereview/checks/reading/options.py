"""Options a template offers and the author did not choose (issue 8, blind reading 9).

A template's multiple-choice question lists its options as checkboxes, each with
its own prompts nested under it (a KEP's "How can this feature be enabled /
disabled in a live cluster?": "- [x] Feature gate" with "Feature gate name:",
"- [ ] Other" with "Describe the mechanism:"). The author ticks one and fills in
its fields; the prompts under an option left unticked, while a sibling option is
ticked, are not the author's to answer: they are not unfinished.
"""

from __future__ import annotations

import re

from prereview.document import Block, BlockKind, Document

_BOX = re.compile(r"^\s*\[(?P<mark>[ xX])\]\s")
"""A checkbox list item's box: "[ ] Other", "[x] Feature gate"."""


def _box(block: Block) -> str | None:
    """The box's mark (" " unticked, "x" ticked) of a checkbox list item, or None."""
    if block.kind != BlockKind.LIST_ITEM:
        return None
    m = _BOX.match(block.text)
    return m.group("mark").lower() if m else None


def unchosen_options(document: Document) -> set[int]:
    """Blocks nested under an unticked option of a list in which another option
    at the same level is ticked (one pass over each run of list items)."""
    out: set[int] = set()
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        if blocks[i].kind != BlockKind.LIST_ITEM:
            i += 1
            continue
        run_end = i
        while run_end < len(blocks) and blocks[run_end].kind == BlockKind.LIST_ITEM:
            run_end += 1
        _mark_run(blocks[i:run_end], out)
        i = run_end
    return out


def _mark_run(run: list[Block], out: set[int]) -> None:
    """In one run of list items: for each level holding both a ticked and an
    unticked option, the items nested under the unticked ones (a sibling group is
    the items of that level between shallower items)."""
    groups: dict[tuple[int, int], list[int]] = {}
    """(level, parent position) -> positions of the boxed items of that group."""
    parents: list[int] = []  # the position of the latest item of each level
    for pos, block in enumerate(run):
        level = block.level or 1
        del parents[level - 1:]
        parent = parents[-1] if parents else -1
        if _box(block) is not None:
            groups.setdefault((level, parent), []).append(pos)
        while len(parents) < level - 1:
            parents.append(parent)
        parents.append(pos)
    for (level, _), members in groups.items():
        marks = {_box(run[p]) for p in members}
        if marks != {" ", "x"}:
            continue
        for p in members:
            if _box(run[p]) != " ":
                continue
            for child in run[p + 1:]:
                if (child.level or 1) <= level:
                    break
                out.add(child.index)
