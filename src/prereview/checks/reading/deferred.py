"""The sections a staged template leaves for a later stage, for rules other than
``unfinished`` (issue 8, blind reading 12): a "TBD" under a KEP's questionnaire
section that its template requires only when targeting beta is not a placeholder
in an alpha KEP ("Event Reason: TBD (will be added in Beta)", a "[Dependency
name]" skeleton left in a beta-only section), as the unfinished rule already
does not count such a section empty. Read with the same data as that rule: the
template's prompts (its due notes are prompts) and its stages."""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.reading.template_stage import StageParams, read_stage
from prereview.checks.reading.template_text import template_text
from prereview.document import Section


def deferred_blocks(ctx: CheckContext, template_prompts: dict[str, list[str]],
                    stages: StageParams | None) -> tuple[set[int], str | None]:
    """Blocks inside the sections due at a later stage than the document's, and
    the stage it is read at (None: no staged template, nothing deferred)."""
    if stages is None:
        return set(), None
    template = template_text(ctx, template_prompts)
    reading = read_stage(ctx, template, stages)
    return reading.blocks(), reading.at


def _params_of(ctx: CheckContext, criterion_id: str) -> object | None:
    """The bound parameters of another criterion of the rubric (bound when the
    rubric was loaded; a rubric built in code without them, or a criterion it
    disables, has none)."""
    if not any(c.id == criterion_id for c in ctx.rubric.active):
        return None
    return getattr(ctx.rubric.bound_checks.get(criterion_id), "params", None)


def deferred_as(ctx: CheckContext, criterion_id: str) -> tuple[set[int], str | None]:
    """``deferred_blocks`` read with the stages and prompts of another criterion of
    the rubric (``style.unfinished``), so one copy of the template's data decides
    for every rule that asks what is due; nothing when it has none."""
    def compute() -> tuple[set[int], str | None]:
        params = _params_of(ctx, criterion_id)
        stages = getattr(params, "stages", None)
        prompts = getattr(params, "template_prompts", None)
        if not isinstance(stages, StageParams) or not isinstance(prompts, dict):
            return set(), None
        return deferred_blocks(ctx, prompts, stages)

    # read once per review for every rule that asks
    blocks, stage = ctx.cached(("deferred as", criterion_id), compute)
    return set(blocks), stage


def all_deferred(sections: list[Section], blocks: set[int]) -> bool:
    """Whether every one of ``sections`` lies in a section left for later."""
    return bool(sections) and all(
        s.heading_block is not None and s.heading_block in blocks for s in sections)


def template_boilerplate(ctx: CheckContext, criterion_id: str) -> frozenset[int]:
    """Blocks that are wholly the template's own prompts, read with the prompts of
    another criterion of the rubric (``style.unfinished``): the template's text is
    no part of the author's answer (a 2019 KEP's "Consider the following in
    developing a test plan ..." under "Test Plan" is no test plan)."""
    prompts = getattr(_params_of(ctx, criterion_id), "template_prompts", None)
    if not isinstance(prompts, dict):
        return frozenset()
    return template_text(ctx, prompts).boilerplate
