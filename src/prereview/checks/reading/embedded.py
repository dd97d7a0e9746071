"""Embedded product documentation: the README, CHANGELOG or blog post a
Working Backwards RFC drafts inside itself.

Its headings and words describe the product ("## Metrics" lists CloudWatch metric
methods, "## Deployment" says when a resource is replaced, an alarm example), not
the proposal: they neither make a service criterion apply nor satisfy it. Its
headings often restart at the top level ("### README" followed by "# Library",
"## Constructs"), so the README heading is empty and its content follows as
sibling headings: it runs until a heading that names another section of the
rubric (an FAQ, a detailed design), or the end.
"""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all


def embedded_blocks(ctx: CheckContext, section_ids: list[str]) -> set[int]:
    """Indices of the blocks inside the embedded documents ``section_ids`` name
    (their headings included), up to a heading naming another rubric section."""
    return set(ctx.cached(("embedded", tuple(section_ids)),
                          lambda: frozenset(_embedded(ctx, section_ids))))


def _embedded(ctx: CheckContext, section_ids: list[str]) -> set[int]:
    specs = ctx.rubric.sections
    starts = compile_all([h for sid in section_ids if sid in specs
                          for h in specs[sid].headings])
    others = compile_all([h for sid, spec in specs.items()
                          if sid not in section_ids and not spec.appendix
                          for h in spec.headings])
    if not starts:
        return set()
    names = ctx.normalised_titles()
    headed = sorted((s for s in ctx.document.sections if s.heading_block is not None),
                    key=lambda s: s.first_block)
    title = ctx.title_section()
    picked: set[int] = set()
    start: int | None = None
    for section in headed:
        name = names[section.index]
        if start is not None and section is not title and any(p.search(name) for p in others):
            picked.update(range(start, section.first_block))
            start = None
        if start is None and any(p.search(name) for p in starts):
            start = section.first_block
    if start is not None:
        picked.update(range(start, len(ctx.document.blocks)))
    return picked
