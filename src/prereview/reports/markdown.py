"""The Markdown report: what an author reads before the meeting.

Order follows what the author must act on first: verdict and score, the
blockers, then every finding grouped by criterion (worst severity first) with
its quote and location, the full criteria table, and what was not assessed.

Text that comes from the document (title, section names, quotes) or from checks
(messages quoting it) must never change the report's structure: quotes go in
code spans or fenced blocks whose fences are longer than any backtick run in
them, and other text has Markdown's active characters backslash-escaped.
"""

from __future__ import annotations

import re

from prereview.lead import reading_map, rules_only_caveat, top_actions
from prereview.reports.where import format_location
from prereview.review import (
    SEVERITY_ORDER,
    CriterionResult,
    Finding,
    Review,
    Status,
    Verdict,
)

INLINE_QUOTE_MAX = 160
"""Longer (or multi-line) quotes go in a fenced block instead of a code span."""
QUOTE_MAX = 600
"""Quotes are cut to this many characters in the report (the JSON keeps them whole)."""

_ACTIVE = re.compile(r"([\\`*_\[\]<>|&~#])")
_BACKTICKS = re.compile(r"`+")

_VERDICT_TEXT = {
    Verdict.READY: "READY",
    Verdict.NEEDS_WORK: "NEEDS WORK",
    Verdict.NOT_READY: "NOT READY",
}
_STATUS_TEXT = {
    Status.PASSED: "passed",
    Status.FAILED: "**failed**",
    Status.NOT_ASSESSED: "not assessed",
    Status.NOT_APPLICABLE: "not applicable",
}


def md_text(text: str | None) -> str:
    """Inline text with Markdown's active characters escaped and lines joined, so
    it renders literally and cannot open a heading, link, table cell or HTML."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return _ACTIVE.sub(r"\\\1", flat)


def _longest_backtick_run(text: str) -> int:
    return max((len(m.group(0)) for m in _BACKTICKS.finditer(text)), default=0)


def code_span(text: str) -> str:
    """``text`` as a CommonMark code span that shows it verbatim."""
    fence = "`" * (_longest_backtick_run(text) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"


def quote_block(text: str, indent: str = "") -> list[str]:
    """Lines of a fenced ``text`` block (indented to sit inside a list item)."""
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    body = [f"{indent}{line}".rstrip() for line in text.splitlines() or [""]]
    return [f"{indent}{fence}text", *body, f"{indent}{fence}"]


def _verdict_reason(review: Review) -> str:
    threshold = _num(review.rubric.threshold)
    if review.verdict == Verdict.NOT_READY:
        count = len(review.failed_blockers)
        return f"{count} blocker{'s' if count != 1 else ''} failed"
    if review.verdict == Verdict.NEEDS_WORK:
        return f"score {_num(review.score)} is under the threshold {threshold}"
    return f"no blocker failed and the score reaches the threshold {threshold}"


def _num(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _header(review: Review) -> list[str]:
    doc, rubric = review.document, review.rubric
    title = doc.title or doc.path.rsplit("/", 1)[-1] or doc.path
    counts = {s: sum(1 for c in review.criteria if c.status == s) for s in Status}
    lines = [
        f"# Pre-review: {md_text(title)}",
        "",
        f"**Verdict: {_VERDICT_TEXT[review.verdict]}** ({review.verdict.value}): "
        f"{_verdict_reason(review)}"
        + (f" ({caveat})" if (caveat := rules_only_caveat(review)) else "") + ".",
        "",
        f"**Score: {_num(review.score)} / 100** (threshold {_num(rubric.threshold)})",
        "",
        f"- Document: {code_span(doc.path)} ({doc.format}, {doc.words:,} words)",
        f"- Type: {md_text(doc.type)}"
        + (f" ({md_text(doc.detection)})" if doc.detection else ""),
        f"- Rubric: {md_text(rubric.id)}"
        + (f" ({md_text(rubric.title)})" if rubric.title else "")
        + f", version {code_span(rubric.version or 'unknown')}",
        f"- Criteria: {counts[Status.PASSED]} passed, {counts[Status.FAILED]} failed, "
        f"{counts[Status.NOT_ASSESSED]} not assessed"
        + (f", {counts[Status.NOT_APPLICABLE]} not applicable"
           if counts[Status.NOT_APPLICABLE] else "")
        + f"; {len(review.findings)} findings",
    ]
    if review.llm.used or review.llm.error:
        llm = review.llm
        line = (f"- LLM reviewer: {md_text(llm.model or 'unknown model')}, {llm.calls} calls, "
                f"{llm.input_tokens:,} input / {llm.output_tokens:,} output tokens, "
                f"{llm.cache_hits} cache hits")
        if llm.dropped_unverified:
            line += f", {llm.dropped_unverified} unverifiable findings dropped"
        if llm.error:
            line += f"; error: {md_text(llm.error)}"
        lines.append(line)
    if review.history is not None:
        hist = review.history
        line = f"- History: revision {hist.revision}"
        if hist.previous_score is not None:
            delta = review.score - hist.previous_score
            line += f", previous score {_num(hist.previous_score)} ({delta:+.1f})"
        line += f"; {hist.resolved} resolved, {hist.new} new, {hist.persisting} persisting"
        lines.append(line)
    return lines


def _blockers(review: Review) -> list[str]:
    failed = review.failed_blockers
    lines = ["## Blockers", ""]
    if not failed:
        return [*lines, "No blocker failed."]
    lines.append("Fix these before the meeting:")
    lines.append("")
    for c in failed:
        line = f"- **{md_text(c.id)}** {md_text(c.title)}"
        if c.note:
            line += f": {md_text(c.note)}"
        n = len(c.findings)
        line += f" ({n} finding{'s' if n != 1 else ''})"
        lines.append(line)
    return lines


def _finding_lines(finding: Finding, guidance: str) -> list[str]:
    """One list item: location and message, then the quote, then the suggestion,
    each on its own line (hard breaks, so renderers keep them apart)."""
    loc = finding.location
    where = f"**{format_location(loc)}**"
    if loc is not None and loc.section:
        where += f" in *{md_text(loc.section)}*"
    from prereview.reports.delta import finding_state

    state = finding_state(finding)
    head = [f"{where}: {md_text(finding.message)}" + (f" *({md_text(state)})*" if state else "")]
    tail: list[str] = []
    block: list[str] = []
    if finding.quote:
        quote = _clip(finding.quote)
        if "\n" not in quote and len(quote) <= INLINE_QUOTE_MAX:
            head.append(code_span(quote))
        else:
            block = quote_block(quote, indent="  ")
    if finding.suggestion and finding.suggestion.strip() != guidance.strip():
        tail.append(f"Suggestion: {md_text(finding.suggestion)}")
    if finding.source == "llm":
        tail.append("(from the LLM reviewer)")
    if block:
        lines = _hard_breaks(head, first="- ")
        lines.extend(["", *block])
        if tail:
            lines.extend(["", *_hard_breaks(tail, first="  ")])
        return lines
    return _hard_breaks([*head, *tail], first="- ")


def _hard_breaks(parts: list[str], first: str) -> list[str]:
    lines = [("  " if i else first) + p + (" \\" if i < len(parts) - 1 else "")
             for i, p in enumerate(parts)]
    return lines


def _findings(review: Review) -> list[str]:
    with_findings = [c for c in review.criteria if c.findings]
    total = sum(len(c.findings) for c in with_findings)
    lines = [f"## Findings ({total})", ""]
    if not with_findings:
        return [*lines, "No findings."]
    order = {c.id: i for i, c in enumerate(review.criteria)}
    with_findings.sort(key=lambda c: (SEVERITY_ORDER[c.severity], order[c.id]))
    for c in with_findings:
        status = "" if c.status == Status.FAILED else f", {c.status.value}"
        lines.append(f"### {md_text(c.id)}: {md_text(c.title)} ({c.severity.value}{status})")
        lines.append("")
        if c.note:
            lines.extend([md_text(c.note), ""])
        if c.guidance:
            lines.extend([f"What to do: {md_text(c.guidance)}", ""])
        for finding in c.findings:
            lines.extend(_finding_lines(finding, c.guidance))
        lines.append("")
    return lines[:-1]


def _cell(text: str) -> str:
    return md_text(text) or " "


def _criteria_table(review: Review) -> list[str]:
    lines = [
        "## Criteria",
        "",
        "| Criterion | Severity | Weight | Status | Score | Findings | Note |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for c in review.criteria:
        score = ("" if c.status in (Status.NOT_ASSESSED, Status.NOT_APPLICABLE)
                 else f"{c.score:.2f}")
        lines.append(
            f"| {_cell(c.id)} ({_cell(c.title)}) | {c.severity.value} | {_num(c.weight)} "
            f"| {_STATUS_TEXT[c.status]} | {score} | {len(c.findings)} | {_cell(c.note or '')} |"
        )
    return lines


def _not_assessed(review: Review) -> list[str]:
    missing: list[CriterionResult] = review.not_assessed
    lines = [f"## Not assessed ({len(missing)})", ""]
    if not missing:
        return [*lines, "Every criterion was assessed."]
    lines.append("These criteria need a reviewer's judgment and are left out of the score:")
    lines.append("")
    for c in missing:
        line = f"- **{md_text(c.id)}** {md_text(c.title)} ({c.severity.value})"
        if c.note:
            line += f": {md_text(c.note)}"
        lines.append(line)
    return lines


def _actions(review: Review) -> list[str]:
    actions = top_actions(review)
    lines = ["## Top actions", ""]
    if not actions:
        return [*lines, "Nothing to fix before the meeting."]
    for i, a in enumerate(actions, 1):
        line = f"{i}. **{md_text(a.text)}** ({a.severity.value}, {code_span(a.criterion)})"
        if a.detail:
            line += f": {md_text(a.detail)}"
        lines.append(line)
    return lines


def _reading(review: Review) -> list[str]:
    readings = reading_map(review)
    if not readings:
        return []
    lines = ["## How the document was read", "",
             "| Part | Found | Where |", "|---|---|---|"]
    for r in readings:
        found = "**no**" if r.status == Status.FAILED else r.found_label
        part = f"{_cell(r.title)} ({code_span(r.criterion)})"
        lines.append(f"| {part} | {found} | {_cell(r.where)} |")
    return lines


def render_markdown(review: Review) -> str:
    """The whole report as Markdown (no trailing newline): the verdict, what
    changed since the last draft, at most five actions, how the document was
    read, then blockers and every finding."""
    from prereview.reports.delta import since_markdown

    parts = [
        _header(review),
        since_markdown(review),
        _actions(review),
        _reading(review),
        _blockers(review),
        _findings(review),
        _criteria_table(review),
        _not_assessed(review),
    ]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out:
            out.append("")
        out.extend(part)
    return "\n".join(out)
