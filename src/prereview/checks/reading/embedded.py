"""Embedded product documentation: the README, CHANGELOG or blog post a
Working Backwards RFC drafts inside itself.

Its headings and words describe the product ("## Metrics" lists CloudWatch metric
methods, "## Deployment" says when a resource is replaced, an alarm example), not
the proposal: they neither make a service criterion apply nor satisfy it. Its
headings often restart at the top level ("### README" followed by "# Library",
"## Constructs"), so the README heading is empty and its content follows as
sibling headings: it runs until a heading that names another section of the
rubric (an FAQ, a detailed design), or the end. Asked ``through`` some section
ids, a heading of theirs nested deeper than the README's own heading does not end
it: it is the product's ("#### Testing Your Custom Templates" tells template
authors how to try theirs, not how the proposal is tested).
"""

from __future__ import annotations

from collections.abc import Sequence

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all


def embedded_blocks(ctx: CheckContext, section_ids: list[str],
                    through: Sequence[str] = ()) -> set[int]:
    """Indices of the blocks inside the embedded documents ``section_ids`` name
    (their headings included), up to a heading naming another rubric section
    (one of ``through`` only at the README's level or higher)."""
    return set(ctx.cached(("embedded", tuple(section_ids), tuple(through)),
                          lambda: frozenset(_embedded(ctx, section_ids, through))))


def _embedded(ctx: CheckContext, section_ids: list[str], through: Sequence[str]) -> set[int]:
    specs = ctx.rubric.sections
    starts = compile_all([h for sid in section_ids if sid in specs
                          for h in specs[sid].headings])
    others = compile_all([h for sid, spec in specs.items()
                          if sid not in section_ids and sid not in through
                          and not spec.appendix for h in spec.headings])
    inner = compile_all([h for sid in through if sid in specs for h in specs[sid].headings])
    if not starts:
        return set()
    names = ctx.normalised_titles()
    headed = sorted((s for s in ctx.document.sections if s.heading_block is not None),
                    key=lambda s: s.first_block)
    title = ctx.title_section()
    picked: set[int] = set()
    start: int | None = None
    level = 0
    for section in headed:
        name = names[section.index]
        ends = any(p.search(name) for p in others) or (
            section.level <= level and any(p.search(name) for p in inner))
        if start is not None and section is not title and ends:
            picked.update(range(start, section.first_block))
            start = None
        if start is None and any(p.search(name) for p in starts):
            start, level = section.first_block, section.level
    if start is not None:
        picked.update(range(start, len(ctx.document.blocks)))
    return picked
