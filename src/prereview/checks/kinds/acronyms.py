"""Acronyms spelled out at first use (``acronyms``)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, ScopeRef
from prereview.checks.reading.acronyms import (
    ACRONYM_RE,
    ROMAN_NUMERALS,
    Skipped,
    defines,
    skipped_spans,
    wordlike,
)
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.rubric.model import Criterion


class AcronymParams(Params):
    allow: list[str] = Field(default_factory=list)
    """Acronyms every reader knows (US, CEO, API, URL...): never findings."""
    add_allow: list[str] = Field(default_factory=list)
    """Added to the inherited ``allow`` (a user rubric need not repeat the list)."""
    min_length: int = Field(default=2, ge=2)
    """Shorter all-capital tokens are not acronyms."""
    max_length: int = Field(default=6, ge=2)
    """Longer all-capital tokens are words in capitals (IMPORTANT), not acronyms."""
    scope: ScopeRef = "document"
    """Where acronyms are read: ``document``, ``body`` or a section."""
    max_findings: int = Field(default=0, ge=0)
    """How many findings are tolerated before the criterion fails."""
    message_before: str = ("'{match}' is used before it is spelled out{where}: spell it out "
                           "here, at first use.")
    """Finding on an acronym used before it is spelled out; ``{match}`` is the acronym,
    ``{where}`` where it is defined."""
    message_never: str = ("'{match}' is never spelled out: write it in full at first use, "
                          "e.g. 'Full Name ({match})'.")
    """Finding on an acronym never spelled out; ``{match}`` is the acronym."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""


@dataclass
class _Seen:
    first_use: tuple[Block, int, int] | None = None
    defined_at: Block | None = None


@check_kind("acronyms", AcronymParams)
def acronyms(ctx: CheckContext, criterion: Criterion, params: AcronymParams) -> Outcome:
    """One finding per acronym, at its first use, when that use comes before its
    definition or it is never defined."""
    allowed = {a.strip().upper() for a in [*params.allow, *params.add_allow]}
    seen: dict[str, _Seen] = {}
    for block in ctx.scope(params.scope):
        text = block.text
        if not any(c.isupper() for c in text):
            continue
        skipped = Skipped(skipped_spans(text) + [(c.start, c.end) for c in block.code])
        for m in ACRONYM_RE.finditer(text):
            acronym = m.group(1)
            if not (params.min_length <= len(acronym) <= params.max_length):
                continue
            if acronym in allowed or acronym in ROMAN_NUMERALS or wordlike(acronym):
                continue
            if m.start() in skipped:
                continue
            state = seen.setdefault(acronym, _Seen())
            if state.defined_at is not None:
                continue
            if defines(text, m.start(), m.end(), acronym):
                state.defined_at = block
                continue
            if block.kind == BlockKind.HEADING:
                continue
            if state.first_use is None:
                state.first_use = (block, m.start(), m.end())
    findings: list[Finding] = []
    never = 0
    for acronym, state in seen.items():
        if state.first_use is None:
            continue
        block, start, end = state.first_use
        if state.defined_at is not None:
            section = ctx.document.section_title(state.defined_at)
            line = state.defined_at.anchor.line
            where = f" (spelled out later, line {line})" if line is not None else (
                f" (spelled out later, in '{section}')" if section else " (spelled out later)")
            message = params.message_before.replace("{match}", acronym).replace("{where}", where)
        else:
            never += 1
            message = params.message_never.replace("{match}", acronym)
        findings.append(ctx.finding(criterion, block, start, end, message, params.suggestion))
    findings.sort(key=lambda f: (f.location.block or 0, f.location.start or 0)
                  if f.location is not None else (0, 0))
    note = (f"{len(findings)} acronyms not spelled out at first use ({never} never), "
            f"{len(seen)} distinct acronyms checked (tolerance {params.max_findings})")
    return Outcome(len(findings) <= params.max_findings, findings, note)
