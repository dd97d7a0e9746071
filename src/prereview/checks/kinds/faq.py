"""Every FAQ question has a real answer (``faq``)."""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import BODY, Params, Regex
from prereview.checks.reading.faq import ANSWER_PREFIX, Entry, find_entries
from prereview.checks.registry import Outcome, check_kind
from prereview.document import BlockKind
from prereview.regexes import bounded
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import (
    has_words,
)

_UNFINISHED = (
    r"(?:tbd|tba|tbc|todo|to ?do|tk|fixme|xx+|"
    r"to be (?:determined|decided|defined|confirmed|written|added|announced)|\?+)"
)
_EMPTY = r"(?:n/?a|none yet|coming soon)"
DEFAULT_PLACEHOLDER = (
    rf"^\W*(?:(?:{_UNFINISHED}|{_EMPTY})(?:\W*|\s*\([^()]*\)\W*)"
    rf"|{_UNFINISHED}\s*[-–—:;,.]\s*(?:\S+\s+){{0,9}}\S+)$"
)
"""A placeholder alone ("TBD", "N/A"), with only a parenthetical ("TBD (waiting on
the pricing team).") or, for an unfinished one, with a short note of at most ten
words ("TBC: ask legal")."""


class FaqParams(Params):
    scope: str = "faq"
    """Where the FAQ is; when the rubric finds no such section, the main body."""
    placeholder: Regex = DEFAULT_PLACEHOLDER
    """An answer this matches (case-insensitively, from its start) is not an answer."""
    min_entries: int = Field(default=1, ge=0)
    """Fewer FAQ entries than this fail the criterion."""


def _answer_text(entry: Entry) -> str:
    parts = [entry.inline_answer] + [
        ANSWER_PREFIX.sub("", b.text) for b in entry.answer if has_words(b.text)
    ]
    return "\n".join(p for p in parts if p.strip())


@check_kind("faq", FaqParams)
def check_faq(ctx: CheckContext, criterion: Criterion, p: FaqParams) -> Outcome:
    """Every FAQ question has a real answer (not empty, not just "TBD")."""
    has_section = p.scope in ctx.rubric.sections and bool(ctx.sections_named(p.scope))
    scope = p.scope if has_section or p.scope not in ctx.rubric.sections else BODY
    blocks = ctx.scope(scope)
    entries = find_entries(ctx, blocks)
    where = ctx.scope_label(scope)
    if len(entries) < p.min_entries:
        message = f"No FAQ questions found in the {where}"
        if has_section:
            heading = next(b for b in blocks if b.kind == BlockKind.HEADING)
            finding = ctx.finding(
                criterion, heading, 0, len(heading.text),
                message + ": write each question as a heading or a bold line ending in '?', "
                "with its answer below.",
            )
        else:
            finding = ctx.block_finding(criterion, message + ".")
        return Outcome(False, [finding], note=f"{len(entries)} FAQ entries in the {where}")
    placeholder = bounded(p.placeholder, re.IGNORECASE | re.DOTALL)
    findings: list[Finding] = []
    for entry in entries:
        answer = _answer_text(entry)
        question = entry.question.text[entry.start : entry.end].strip()
        if not has_words(answer) and not any(b.kind == BlockKind.CODE and not b.is_comment
                                             for b in entry.answer):
            findings.append(ctx.finding(
                criterion, entry.question, entry.start, entry.end,
                f"The question '{question}' has no answer.",
            ))
        elif placeholder.match(answer.strip()):
            findings.append(ctx.finding(
                criterion, entry.question, entry.start, entry.end,
                f"The question '{question}' is answered only with '{answer.strip()}'.",
            ))
    note = f"{len(entries)} FAQ entries, {len(findings)} unanswered"
    return Outcome(not findings, findings, note=note)
