"""A scope stays within a word budget (``length``) and the body is prose rather
than bullet lists (``list-share``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import BODY, Params, Regex, ScopeRef, compile_all
from prereview.checks.reading.prose import not_authors_prose
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import (
    sentence_at,
    word_count,
)
from prereview.text import words as word_spans

# ------------------------------------------------------------------------ length


class Limit(Params):
    scope: ScopeRef
    """What is measured: ``document``, ``body`` or a section."""
    label: str | None = None
    """How messages name it (default: the scope's name)."""
    warn_above: int | None = Field(default=None, ge=0)
    """Above this the criterion passes with half its weight and a finding."""
    fail_above: int | None = Field(default=None, ge=0)
    """Words; above this the criterion fails."""


class LengthParams(Limit):
    also: list[Limit] = Field(default_factory=list)
    """More scopes measured by the same criterion (e.g. the FAQ and the whole body)."""


@check_kind("length", LengthParams)
def check_length(ctx: CheckContext, criterion: Criterion, p: LengthParams) -> Outcome:
    """Words of prose (not code, tables or headings) in a scope, against limits."""
    notes: list[str] = []
    findings: list[Finding] = []
    failed = warned = False
    for limit in [p, *p.also]:
        label = limit.label or ctx.scope_label(limit.scope)
        blocks = ctx.prose(limit.scope)
        count = sum(word_count(b.text) for b in blocks)
        bounds = []
        if limit.warn_above is not None:
            bounds.append(f"warn above {limit.warn_above}")
        if limit.fail_above is not None:
            bounds.append(f"fail above {limit.fail_above}")
        notes.append(f"{label}: {count} words ({', '.join(bounds) or 'no limit'})")
        over: int | None = None
        if limit.fail_above is not None and count > limit.fail_above:
            failed, over = True, limit.fail_above
        elif limit.warn_above is not None and count > limit.warn_above:
            warned, over = True, limit.warn_above
        if over is not None:
            findings.append(_crossing(ctx, criterion, blocks, over, label, count))
    score = 0.0 if failed else (0.5 if warned else 1.0)
    return Outcome(not failed, findings, note="; ".join(notes), score=score)


def _crossing(
    ctx: CheckContext, criterion: Criterion, blocks: list[Block], limit: int, label: str,
    count: int,
) -> Finding:
    """A finding on the sentence where the running word count passes ``limit``."""
    seen = 0
    for block in blocks:
        spans = word_spans(block.text)
        if seen + len(spans) > limit:
            offset = spans[limit - seen][0]
            start, end = sentence_at(block.text, offset)
            return ctx.finding(
                criterion, block, start, end,
                f"The {label} is {count} words long; it passes {limit} words here.",
            )
        seen += len(spans)
    return ctx.block_finding(criterion, f"The {label} is {count} words long (limit {limit}).")


# -------------------------------------------------------------------- list-share


class ListShareParams(Params):
    """How much of a text may be lists: over the whole scope (``narrative.prose``:
    list items hold at most 15% of the body's words) or section by section
    (``style.bullets``: no section is mostly bullets)."""

    scope: ScopeRef = BODY
    """Where lists are counted: ``document``, ``body`` or a section."""
    per: Literal["scope", "section"] = "scope"
    """Judge the scope as a whole, or each section's own blocks (not its subsections')."""
    measure: Literal["words", "blocks"] = "words"
    """What the share counts: words of prose, or prose blocks (paragraphs, items)."""
    max_share: float = Field(default=0.15, ge=0, le=1)
    """Highest share of list items a part may have."""
    min_items: int = Field(default=1, ge=1)
    """Fewer list items than this never make a part too listy."""
    except_sections: list[str] = Field(default_factory=list)
    """Section ids whose lists are expected (goals, milestones, tenets): left out of
    the count. An id the rubric does not define is skipped, so a base rubric can
    name the sections of every document type that extends it."""
    ignore_headings: list[Regex] = Field(default_factory=list)
    """Regexes of headings (a section's own or its parents') where lists are the
    norm whatever the document type (references, glossary, an FAQ answer on what
    is out of scope): those sections are left out too."""
    ignore_ordered: bool = False
    """Leave numbered lists out: in a design they are procedures (failover steps,
    rollout stages), which are clearer numbered than as prose."""
    max_sections: int = Field(default=0, ge=0)
    """With ``per: section``, how many too-listy sections are tolerated."""
    message: str | None = None
    """Template of the finding on each list: ``{run}`` (items in this list),
    ``{items}`` and ``{blocks}`` (list items and prose blocks of the part),
    ``{share}`` (the part's share of list items, by ``measure``), ``{measured}``
    (that share in words that fit the measure), ``{section}``, ``{scope}``. The
    default depends on ``per``."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""


_LIST_MESSAGE = {
    "scope": "A bulleted list of {run} item(s) in the {scope}: write it as prose, or move it "
             "to an appendix.",
    "section": "Section '{section}' is mostly bullets ({measured}): write it as prose that "
               "connects the points.",
}
_MEASURED = {
    "blocks": "{items} of {blocks} blocks",
    "words": "{share} of its words are in list items",
}
"""How a message says what was measured (``{measured}``), per ``measure``."""


def _exempt(ctx: CheckContext, p: ListShareParams) -> set[int]:
    exempt: set[int] = set()
    for sid in p.except_sections:
        if sid in ctx.rubric.sections:
            exempt.update(ctx.block_indices(ctx.sections_named(sid)))
    ignore = compile_all(p.ignore_headings)
    if ignore:
        # a section is exempt when its title or an ancestor's matches; a parent
        # comes before its children, so each title is searched once
        marked: dict[int, bool] = {}
        for section in ctx.document.sections:
            title = section.title
            marked[section.index] = (bool(title) and any(rx.search(title) for rx in ignore)) or (
                section.parent is not None and marked[section.parent])
            if marked[section.index]:
                exempt.update(ctx.block_indices([section]))
    return exempt


def _runs(blocks: list[Block], doc_blocks: list[Block]) -> list[list[Block]]:
    """The lists ``blocks`` hold, each once with all its items: consecutive list
    items of the document, so an item the check skips (inline code, a quoted
    line) does not split one list into two with short counts."""
    runs: list[list[Block]] = []
    seen: set[int] = set()
    for block in blocks:
        if block.kind != BlockKind.LIST_ITEM or block.index in seen:
            continue
        start = block.index
        while start > 0 and doc_blocks[start - 1].kind == BlockKind.LIST_ITEM:
            start -= 1
        end = block.index
        while end + 1 < len(doc_blocks) and doc_blocks[end + 1].kind == BlockKind.LIST_ITEM:
            end += 1
        run = [b for b in doc_blocks[start:end + 1] if b.index not in seen]
        seen.update(range(start, end + 1))
        first = next((b for b in run if b.index >= block.index), block)
        runs.append([first, *[b for b in run if b is not first]])
    return runs


@check_kind("list-share", ListShareParams)
def check_list_share(ctx: CheckContext, criterion: Criterion, p: ListShareParams) -> Outcome:
    """Prose rather than bullets: the share of list items (by words or blocks) in the
    scope, or in each of its sections, stays within ``max_share``. Over it, each list
    of the scope is a finding on its first item; per section, one finding on the
    section's first list."""
    exempt = _exempt(ctx, p) | not_authors_prose(ctx)
    blocks = [b for b in ctx.prose(p.scope) if b.index not in exempt
              and not (p.ignore_ordered and b.kind == BlockKind.LIST_ITEM and b.ordered)]
    parts: dict[int | None, list[Block]] = {}
    for block in blocks:
        parts.setdefault(block.section if p.per == "section" else None, []).append(block)

    def size(part: list[Block]) -> int:
        return sum(word_count(b.text) if p.measure == "words" else 1 for b in part)

    template = p.message or _LIST_MESSAGE[p.per]
    scope = ctx.scope_label(p.scope)
    findings: list[Finding] = []
    listy = 0
    for index, part in parts.items():
        items = [b for b in part if b.kind == BlockKind.LIST_ITEM]
        whole = size(part)
        if len(items) < p.min_items or not whole or size(items) / whole <= p.max_share:
            continue
        listy += 1
        section = ctx.document.sections[index] if index is not None else None
        title = section.title if section is not None and section.title else "(untitled)"
        runs = _runs(part, ctx.document.blocks)
        part_share = f"{size(items) / whole:.0%}"
        for run in runs[:1] if p.per == "section" else runs:
            first = run[0]
            start, end = sentence_at(first.text, 0)
            message = (template.replace("{measured}", _MEASURED[p.measure])
                       .replace("{run}", str(len(run))).replace("{share}", part_share)
                       .replace("{items}", str(len(items))).replace("{blocks}", str(len(part)))
                       .replace("{section}", title).replace("{scope}", scope))
            findings.append(ctx.finding(criterion, first, start, end, message, p.suggestion))
    listed = size([b for b in blocks if b.kind == BlockKind.LIST_ITEM])
    total = size(blocks)
    share = listed / total if total else 0.0
    unit = "words" if p.measure == "words" else "prose blocks"
    if p.per == "scope":
        note = f"list items: {share:.0%} of {total} {unit} (max {p.max_share:.0%})"
        return Outcome(not listy, findings, note=note)
    note = (f"{listy} sections mostly bullets (tolerance {p.max_sections}); "
            f"{share:.0%} of {unit} are list items")
    return Outcome(listy <= p.max_sections, findings, note=note)


__all__ = ["check_length", "check_list_share"]
