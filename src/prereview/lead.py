"""What a report leads with: at most five actions, and how the document was read.

A reviewer reads the first screen. The actions are de-duplicated and ordered by
what most changes the verdict: failed blockers first (each flips not-ready), then
the other failed structural criteria by the weight they would earn back, then the
style rules, each collapsed to one line with its figure. The reading map shows,
for every part the rubric looks for, where it was found or that it was not, so an
author sees at once when a misreading, not the document, caused a failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prereview.review import (
    SEVERITY_ORDER,
    CriterionResult,
    Finding,
    Review,
    Severity,
    Status,
)

MAX_ACTIONS = 5

READING_KINDS = frozenset({
    "section", "headline", "subheading", "dateline", "problem", "attributed-quote",
    "paragraph-match", "faq", "solution", "headed-part",
})
"""Kinds that look for a part of the document (the others measure its text)."""


STYLE_PREFIXES = ("style.", "integrity.")


@dataclass(frozen=True)
class Action:
    criterion: str
    severity: Severity
    text: str
    """What to do, in one line."""
    detail: str
    """The measured value or the first finding, for context."""


@dataclass(frozen=True)
class Reading:
    criterion: str
    title: str
    status: Status
    where: str
    """Where it was found ("'Motivation' (240 words)"), or why not."""
    found: bool | None = None
    """Whether the part is there, scored or not (None: the rule did not say)."""

    @property
    def found_label(self) -> str:
        """The "Found" column: yes / no, or "not-applicable" with "yes (not
        scored)" when a part that is not scored is there all the same."""
        if self.status == Status.NOT_APPLICABLE and self.found:
            return "yes (not scored)"
        if self.status == Status.NOT_ASSESSED and self.found:
            return "yes (not judged)"
        if self.status == Status.PASSED and self.found is False:
            return "not yet"  # left by the template for a later stage
        return {Status.PASSED: "yes", Status.FAILED: "no"}.get(self.status, self.status.value)


def _is_style(c: CriterionResult) -> bool:
    return c.id.startswith(STYLE_PREFIXES)


def _priority(c: CriterionResult) -> tuple[int, int, float]:
    """Blockers first, then by severity (a major moves the score more than a minor:
    an unfinished draft's major before a minor missing part), a document's parts
    before its style at the same severity, then by weight."""
    return (SEVERITY_ORDER[c.severity], 1 if _is_style(c) else 0, -c.weight)


_EMPTY_SECTION = re.compile(r"Fill in or delete the empty '([^'\n]{1,200})' section\.")
"""An empty heading's action (``checks.kinds.unfinished``): several merge into one
line naming them all."""


def _counted(c: CriterionResult) -> list[Finding]:
    """The findings that make the criterion fail, first: a rule's notes on what it
    does not count (an optional heading left empty, a template prompt kept above
    its answer: minor copies) come after, so they never lead its action."""
    if not c.findings:
        return []
    top = min(SEVERITY_ORDER[f.severity] for f in c.findings)
    return ([f for f in c.findings if SEVERITY_ORDER[f.severity] == top]
            + [f for f in c.findings if SEVERITY_ORDER[f.severity] != top])


def _action_text(c: CriterionResult) -> str:
    findings = _counted(c)
    top = [f for f in findings if f.severity == findings[0].severity] if findings else []
    suggestions = list(dict.fromkeys(f.suggestion for f in top if f.suggestion))
    if not suggestions:
        suggestions = [f.suggestion for f in findings if f.suggestion]
    text = suggestions[0] if suggestions else (c.guidance or c.title)
    names = [m.group(1) for t in suggestions if (m := _EMPTY_SECTION.fullmatch(t))]
    if len(names) > 1 and _EMPTY_SECTION.fullmatch(text):
        quoted = [f"'{n}'" for n in names]
        text = (f"Fill in or delete the empty {', '.join(quoted[:-1])} and {quoted[-1]} "
                "sections.")
    return " ".join(text.split())


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _detail(c: CriterionResult) -> str:
    """A style rule collapses to its figure and up to three examples; a structural
    one says its first finding."""
    findings = _counted(c)
    if _is_style(c) or not findings:
        quotes = list(dict.fromkeys(_clip(f.quote) for f in findings if f.quote))[:3]
        examples = ", ".join(f"'{q}'" for q in quotes)
        if len(findings) > 1 and examples:
            return f"{c.note or ''}; e.g. {examples}".lstrip("; ")
        return c.note or (" ".join(findings[0].message.split()) if findings else "")
    return " ".join(findings[0].message.split())


def top_actions(review: Review, limit: int = MAX_ACTIONS) -> list[Action]:
    """The failed criteria worth acting on first, one action each, at most ``limit``."""
    failed = [c for c in review.criteria if c.status == Status.FAILED]
    order = {c.id: i for i, c in enumerate(review.criteria)}
    failed.sort(key=lambda c: (*_priority(c), order[c.id]))
    actions: list[Action] = []
    seen: set[str] = set()
    for c in failed:
        text = _action_text(c)
        key = text.lower()
        if key in seen:
            continue
        seen.add(key)
        actions.append(Action(c.id, c.severity, text, _detail(c)))
        if len(actions) == limit:
            break
    return actions


def reading_map(review: Review) -> list[Reading]:
    """Each part the rubric looks for, with where it was found or why not; a part
    that is not scored (not applicable) still says where it was found."""
    out: list[Reading] = []
    for c in review.criteria:
        if c.kind not in READING_KINDS:
            continue
        if c.status == Status.NOT_APPLICABLE:
            where = "not applicable: " + (c.note or "").removeprefix("not applicable: ")
            if c.found and c.found_at:
                where += f"; found at {c.found_at}"
        elif c.status == Status.NOT_ASSESSED and c.found and c.found_at:
            where = f"{c.found_at}; not judged (needs the LLM reviewer)"
        elif c.status == Status.NOT_ASSESSED:
            where = "not assessed (needs the LLM reviewer)"
        else:
            where = c.note or ("found" if c.status == Status.PASSED else "not found")
            if (c.status == Status.FAILED and c.found and c.found_at is not None
                    and c.found_at not in where):
                # failed, but the part is there: say where ("a leader quote
                # attributed to [SPOKESPERSON NAME]")
                where = f"{where}; found: {c.found_at}"
        out.append(Reading(c.id, c.title, c.status, where, c.found))
    return out


def rules_only_caveat(review: Review) -> str | None:
    """"ready on the rules; N blockers need the LLM reviewer" when it applies."""
    pending = [c for c in review.not_assessed if c.severity == Severity.BLOCKER]
    if review.verdict.value != "ready" or not pending:
        return None
    n = len(pending)
    blockers = f"{n} blocker needs" if n == 1 else f"{n} blockers need"
    return f"ready on the rules; {blockers} the LLM reviewer"
