"""The history parts every report shows: "Since the last draft" (score then and
now, resolved / new / persisting, what was resolved), a finding's state
(new, accepted, suppressed) and the command that accepts it. Each report calls
these so the wording is the same in Markdown, HTML and the .docx comment."""

from __future__ import annotations

import shlex

from prereview.review import Finding, HistoryInfo, Review

TITLE = "Since the last draft"
MAX_RESOLVED_LISTED = 20


def _num(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def since_summary(review: Review) -> list[str]:
    """Plain sentences (no markup), empty when the review was not recorded."""
    hist: HistoryInfo | None = review.history
    lines: list[str] = []
    if hist is not None:
        if hist.previous_score is None:
            lines.append(f"First recorded review of this document (revision {hist.revision}).")
        else:
            delta = review.score - hist.previous_score
            lines.append(f"Score {_num(hist.previous_score)} → {_num(review.score)} "
                         f"({delta:+.1f}); revision {hist.revision}"
                         + (f", compared with revision {hist.previous_revision}"
                            if hist.previous_revision is not None else "") + ".")
            if hist.rubric_changed:
                lines.append(f"Rubric changed ({hist.rubric_changed}): findings are not "
                             "compared across rubric versions.")
            else:
                lines.append(f"{hist.resolved} resolved, {hist.new} new, "
                             f"{hist.persisting} persisting.")
        if hist.accepted or hist.suppressed:
            lines.append(f"{hist.accepted} accepted, {hist.suppressed} suppressed "
                         "(shown, not counted in the score).")
        if not hist.recorded:
            lines.append("This revision was already reviewed under this rubric version: "
                         "nothing new recorded.")
    if review.since is not None:
        s = review.since
        lines.append(f"Changed since {s.ref}: {s.changed_blocks} block"
                     f"{'s' if s.changed_blocks != 1 else ''}; {s.shown} finding"
                     f"{'s' if s.shown != 1 else ''} shown, {s.unchanged_findings} in "
                     "unchanged text not shown.")
    return lines


def resolved_lines(review: Review) -> list[str]:
    """``criterion: message ("quote")`` for each resolved finding (bounded)."""
    hist = review.history
    if hist is None:
        return []
    out = []
    for r in hist.resolved_findings[:MAX_RESOLVED_LISTED]:
        quote = f' ("{r.quote[:80]}")' if r.quote else ""
        out.append(f"{r.criterion}: {r.message}{quote}")
    if len(hist.resolved_findings) > MAX_RESOLVED_LISTED:
        out.append(f"... and {len(hist.resolved_findings) - MAX_RESOLVED_LISTED} more")
    return out


def since_markdown(review: Review) -> list[str]:
    """The Markdown section (empty without history or --since)."""
    from prereview.reports.markdown import md_text as escape

    summary = since_summary(review)
    if not summary:
        return []
    lines = [f"## {TITLE}", ""]
    lines.extend(escape(s) for s in summary)
    resolved = resolved_lines(review)
    if resolved:
        lines.extend(["", "Resolved:", ""])
        lines.extend(f"- {escape(r)}" for r in resolved)
    return _paragraphs(lines)


def _paragraphs(lines: list[str]) -> list[str]:
    """Summary sentences as separate paragraphs."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and not line.startswith("- ") \
                and not out[-1].startswith("#") and not out[-1].startswith("- "):
            out.append("")
        out.append(line)
    return out


def since_text(review: Review) -> str:
    """For the .docx summary comment."""
    summary = since_summary(review)
    if not summary:
        return ""
    parts = [f"{TITLE}: " + " ".join(summary)]
    resolved = resolved_lines(review)
    if resolved:
        parts.append("Resolved: " + "; ".join(resolved) + ".")
    return "\n".join(parts)


def finding_state(finding: Finding) -> str | None:
    """'accepted: reason', 'suppressed: ...', 'new' (against the last draft), or None."""
    if finding.settled:
        return f"{finding.settled}: {finding.settled_reason}" if finding.settled_reason \
            else finding.settled
    if finding.change == "new":
        return "new"
    return None


def accept_command(review: Review, finding: Finding) -> str:
    """The shell command that settles this finding for this document."""
    doc = review.history.doc_id if review.history and review.history.doc_id \
        else review.document.path
    return (f"prereview accept {finding.fingerprint} --doc {shlex.quote(doc)} "
            f"--reason {shlex.quote('answered: ...')}")
