"""The stage a template asks a section for, and the stage a document is at (issue 8,
blind reading 8: the KEP's production-readiness questionnaire).

A staged template defers parts of itself: the KEP template's "_This section must be
completed when targeting beta graduation to a release._", "_For beta, this section
is required: reviewers must answer these questions._". Such a section left with
only that note (or with its questions unanswered) is not unfinished in a KEP that
targets an earlier stage: the template itself leaves it for later. The document's
stage is read where the template records it (a ``stage:`` front-matter key or
metadata line, the title "Promote X to GA", the Implementation History's entries
"Updated KEP to beta", "v1.31: Beta release"): the latest stage it names. A
document that names none is taken at the first stage (a KEP under review targets
at least alpha): what alpha asks is due, what beta or GA asks is not yet.

The notes and the stages are data in the rubric (``stages`` of the ``unfinished``
kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, compile_all
from prereview.checks.reading.headings import normalise_heading
from prereview.checks.reading.template_text import TemplateText
from prereview.document import BlockKind, Section


class StageParams(Params):
    order: dict[str, Regex] = Field(default_factory=dict)
    """The template's stages, earliest first, each with how a text names it
    (``alpha: '\\balpha\\b'``, ``ga: '\\b(GA|stable)\\b'``)."""
    due_notes: list[Regex] = Field(default_factory=list)
    """The template's note that a section is due at a stage; the named group
    ``stage`` names it ("must be completed when targeting (?P<stage>beta)")."""
    notes: list[Regex] = Field(default_factory=list)
    """The template's other notes about stages ("For alpha, this section is
    encouraged"): its markers, kept in merged documents, never a leftover."""
    plan_headings: list[Regex] = Field(default_factory=list)
    """Headings of the section that plans the stages (a KEP's Graduation Criteria):
    when nothing else names the document's stage, the earliest stage its
    subheadings name is the one it targets first ("#### Deprecated", "#### GA":
    GA)."""
    history_headings: list[Regex] = Field(default_factory=list)
    """Headings of the section where the document records the stages it reached
    or targets (a KEP's Implementation History)."""
    metadata_keys: list[Regex] = Field(default_factory=list)
    """Front-matter or metadata keys that state the stage (``stage``)."""
    ignore: list[Regex] = Field(default_factory=list)
    """The template's own words in that section that name a stage as an example
    ("the version of Kubernetes where the KEP graduated to general availability")."""


@dataclass(frozen=True)
class Deferred:
    """A section the template leaves for a later stage than the document's."""

    section: Section
    due: str
    """The stage the template asks it for."""


@dataclass(frozen=True)
class StageReading:
    stage: str | None
    """The latest stage the document names; None: it names none."""
    deferred: list[Deferred]
    at: str | None = None
    """The stage it is read at (``stage``, else the first it plans or the first)."""

    def blocks(self) -> set[int]:
        """Blocks inside the deferred sections (their subsections too)."""
        out: set[int] = set()
        for d in self.deferred:
            out.update(range(d.section.first_block, d.section.end_block))
        return out


def _rank(text: str, order: list[tuple[str, re.Pattern[str]]]) -> int | None:
    """The latest stage ``text`` names (its index in ``order``), if any."""
    best: int | None = None
    for i, (_, pattern) in enumerate(order):
        if pattern.search(text):
            best = i
    return best


def _first_planned(ctx: CheckContext, p: StageParams,
                   order: list[tuple[str, re.Pattern[str]]]) -> int:
    """The earliest stage the plan's subheadings name; the first stage if none."""
    doc = ctx.document
    plans = compile_all(p.plan_headings)
    named: list[int] = []
    for section in doc.sections:
        if section.heading_block is None or not any(
            h.search(normalise_heading(doc.blocks[section.heading_block].text)) for h in plans
        ):
            continue
        for block in doc.blocks[section.heading_block + 1 : section.end_block]:
            if block.kind == BlockKind.HEADING:
                rank = _rank_first(block.text, order)
                if rank is not None:
                    named.append(rank)
    return min(named) if named else 0


def _rank_first(text: str, order: list[tuple[str, re.Pattern[str]]]) -> int | None:
    """The earliest stage ``text`` names, if any."""
    return next((i for i, (_, pattern) in enumerate(order) if pattern.search(text)), None)


def read_stage(ctx: CheckContext, template: TemplateText, p: StageParams) -> StageReading:
    """The document's stage and the sections its template leaves for a later one."""
    order = [(name, compiled) for name, compiled
             in zip(p.order, compile_all(list(p.order.values())), strict=True)]
    if not order or not p.due_notes:
        return StageReading(None, [])
    doc = ctx.document
    ignore = compile_all(p.ignore)
    texts: list[str] = []
    keys = compile_all(p.metadata_keys)
    texts += [v for k, v in doc.metadata.items() if any(x.search(k) for x in keys)]
    for index in ctx.metadata():
        for line in doc.blocks[index].text.splitlines():
            key, _, value = line.partition(":")
            if value and any(x.search(key.strip(" *_-")) for x in keys):
                texts.append(value)
    title = ctx.title_section()
    if title is not None and title.heading_block is not None:
        texts.append(doc.blocks[title.heading_block].text)
    headings = compile_all(p.history_headings)
    for section in doc.sections:
        if section.heading_block is None or not any(
            h.search(normalise_heading(doc.blocks[section.heading_block].text)) for h in headings
        ):
            continue
        for block in doc.blocks[section.heading_block + 1 : section.end_block]:
            if block.kind == BlockKind.HEADING or block.is_comment or block.index in template.hits:
                continue
            text = block.text
            for pattern in ignore:
                text = pattern.sub(" ", text)
            texts.append(text)
    ranks = [r for r in (_rank(t, order) for t in texts) if r is not None]
    stage = max(ranks) if ranks else None
    at = stage if stage is not None else _first_planned(ctx, p, order)
    deferred: list[Deferred] = []
    notes = compile_all(p.due_notes)
    for section in doc.sections:
        if section.heading_block is None:
            continue
        due: int | None = None
        own_end = next((b.index for b in doc.blocks[section.heading_block + 1 : section.end_block]
                        if b.kind == BlockKind.HEADING), section.end_block)
        for block in doc.blocks[section.heading_block + 1 : own_end]:
            # the note kept as text, or inside the template's comment (the
            # newer template's "<!-- This section must be completed ... -->")
            if block.index not in template.boilerplate and not block.is_comment:
                continue
            for pattern in notes:
                for m in pattern.finditer(block.text):
                    named = _rank(m.groupdict().get("stage") or m.group(0), order)
                    if named is not None and (due is None or named < due):
                        due = named
        if due is not None and due > at:
            deferred.append(Deferred(section, order[due][0]))
    return StageReading(order[stage][0] if stage is not None else None, deferred,
                        order[at][0])
