"""The ``order`` kind: two sections come in order (a press release before its
FAQ), judged only when both have headings."""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, SectionRef
from prereview.checks.registry import Outcome, check_kind
from prereview.rubric.model import Criterion
from prereview.text import humanise


class OrderParams(Params):
    first: SectionRef
    """The section that must come first."""
    then: SectionRef
    """The section that must come after it."""


@check_kind("order", OrderParams)
def check_order(ctx: CheckContext, criterion: Criterion, p: OrderParams) -> Outcome:
    """Section ``first`` comes before section ``then`` (when both have headings)."""
    first, then = ctx.sections_named(p.first), ctx.sections_named(p.then)
    if not first or not then:
        return Outcome(True, note=f"order: not both of {humanise(p.first)} and "
                                  f"{humanise(p.then)} present")
    if first[0].first_block < then[0].first_block:
        return Outcome(True, note=f"order: {humanise(p.first)} before {humanise(p.then)}")
    heading = ctx.heading_block(then[0])
    finding = ctx.finding(
        criterion, heading, 0, len(heading.text),
        f"'{heading.text.strip()}' comes before '{ctx.heading_text(first[0])}'.",
    )
    return Outcome(False, [finding],
                   note=f"order: {humanise(p.then)} before {humanise(p.first)}")


