"""Which heading of a part is the part, and what an empty one holds.

A part is often found under several headings (a KEP's compatibility under "Risks
and Mitigations", "Upgrade / Downgrade Strategy" and a use case "Pod migration
across nodes"). The heading a reader is pointed to is the one that is most the
part's name: the share of its title the part's heading pattern covers ("Risks
and Mitigations" more than "Pod migration across nodes for load balancing and
maintenance"), the first of them on a tie.

An empty heading whose content follows as sibling headings of the same level
("### Graduation Criteria", then "### API group move", "### GA") holds those
siblings, up to a heading that names another known section or a higher-level
heading: that is how legacy templates lay a part out flat. A heading that keeps
the template's comment under it is the template's slot left unanswered: empty,
whatever follows it.
"""

from __future__ import annotations

from collections.abc import Collection

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.answered import unfilled_form
from prereview.checks.reading.headings import ends_question
from prereview.document import Block, BlockKind, Section
from prereview.text import has_words, word_count

MAX_SIBLINGS = 50
"""A flat part runs over a handful of headings; the walk stops here."""


def heading_fit(ctx: CheckContext, section: Section, patterns: list[str]) -> float:
    """Share (0-1) of the section's normalised title covered by the longest match
    of ``patterns``: 1.0 for "Alternatives", less for "Alternative backend types"."""
    name = ctx.normalised_titles()[section.index].strip()
    if not name:
        return 0.0
    best = 0
    for pattern in compile_all(patterns):
        for match in pattern.finditer(name):
            best = max(best, match.end() - match.start())
    return best / len(name)


def best_named(ctx: CheckContext, sections: list[Section], patterns: list[str]) -> Section:
    """The section whose heading is most the part's name (the first on a tie)."""
    return max(sections, key=lambda s: (heading_fit(ctx, s, patterns), -s.first_block))


def names_a_section(ctx: CheckContext, section: Section,
                    besides: Collection[str] = ()) -> bool:
    """Whether the section's heading names any section of the rubric (other than
    the ``besides`` ids)."""
    name = ctx.normalised_titles()[section.index]
    return any(p.search(name) for sid, spec in ctx.rubric.sections.items()
               if sid not in besides for p in compile_all(spec.headings))


def has_content(ctx: CheckContext, section: Section) -> bool:
    """Anything under the heading besides comments and the template's form left
    unfilled ("- Metric name:", ``reading.answered``): prose, a table, or a code
    block (a pseudocode appendix or an API listing is content)."""
    blocks = ctx.document.blocks[section.first_block:section.end_block]
    blank = ctx.cached(("unfilled form",), lambda: unfilled_form(ctx.document))
    return any(
        b.kind != BlockKind.HEADING and not b.is_comment and b.index not in blank
        and (b.kind == BlockKind.CODE or has_words(b.text))
        for b in blocks
    )


def flat_content(ctx: CheckContext, section: Section,
                 holds: Collection[str] = ()) -> list[Section]:
    """The sibling sections an empty heading holds (see the module docstring), or a
    template's question heading answered in a line or two before them; none when
    it has more content of its own or its next heading names a section.
    A sibling named by one of the ``holds`` ids is held too: the product
    documentation a CDK RFC drafts under an empty "## Working Backwards" ("##
    README", "## Quick start", "## Architecture" ...) is that heading's content."""
    if section.heading_block is None:
        return []
    doc = ctx.document
    # a template's question answered in a line or two, then under sibling headings
    # of the author's ("What alternative solutions did you consider?", a sentence,
    # then "### Explicit exporting"): those hold the rest of its answer, up to the
    # template's next question
    asked = ends_question(doc.blocks[section.heading_block].text)
    if has_content(ctx, section) and not (asked and _short_intro(ctx, section)):
        return []
    if any(b.is_comment for b in doc.blocks[section.first_block:section.end_block]):
        return []  # the template's slot (its comment under the heading) left unanswered
    ordered = sorted((s for s in doc.sections if s.heading_block is not None),
                     key=lambda s: s.first_block)
    at = next((i for i, s in enumerate(ordered) if s is section), None)
    if at is None:
        return []
    held: list[Section] = []
    for sibling in ordered[at + 1: at + 1 + MAX_SIBLINGS]:
        if sibling.level < section.level:
            break
        if sibling.level > section.level:
            continue  # nested in a held sibling: its blocks are already held
        if names_a_section(ctx, sibling, holds) or (
                asked and ends_question(ctx.heading_text(sibling))):
            break
        held.append(sibling)
    return held


INTRO_WORDS = 40
"""Words under a question heading that introduce the answer its sibling headings
give, at most."""


def _short_intro(ctx: CheckContext, section: Section) -> bool:
    """The section's own words (not its subsections') are an introduction."""
    doc = ctx.document
    own = doc.blocks[section.first_block:section.end_block]
    words = 0
    for b in own:
        if b.kind == BlockKind.HEADING and b.index != section.heading_block:
            break
        if b.kind != BlockKind.HEADING and not b.is_comment:
            words += word_count(b.text)
    return words <= INTRO_WORDS


def plan_step(ctx: CheckContext, section_ids: list[str],
              patterns: list[str]) -> tuple[Block, int] | None:
    """The first list item or table cell of the ``section_ids`` sections whose text
    opens with one of ``patterns`` (a plan's row "Validate ConstructHub support"),
    with the offset of the match."""
    compiled = compile_all(patterns)
    picked = ctx.block_indices([s for sid in section_ids for s in ctx.sections_named(sid)])
    for block in ctx.document.blocks:
        if block.index not in picked or block.kind not in (BlockKind.LIST_ITEM,
                                                           BlockKind.TABLE_CELL):
            continue
        text = block.text.replace("\n", " ")
        for pattern in compiled:
            match = pattern.match(text)
            if match is not None:
                return block, match.start()
    return None
