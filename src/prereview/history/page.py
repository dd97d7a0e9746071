"""``prereview history`` output: a text table, JSON, or a self-contained HTML page
with the trend chart and the per-criterion status over time."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from prereview.history.queries import DocumentHistory

SCHEMA = "prereview.history/1"
_STATUS_MARK = {"passed": "✓", "failed": "✗", "not-assessed": "·", "not-applicable": "-"}


def history_json(history: DocumentHistory) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "doc_id": history.doc_id,
        "doc_id_source": history.doc_id_source,
        "reviews": [
            {**e.model_dump(mode="json", exclude={"criteria"}), "criteria": e.criteria}
            for e in history.reviews
        ],
    }


def render_history_json(history: DocumentHistory) -> str:
    return json.dumps(history_json(history), indent=2, ensure_ascii=False)


def render_table(history: DocumentHistory) -> str:
    """Revisions with date, score, verdict and the delta; then criterion status
    per review (✓ passed, ✗ failed, · not assessed)."""
    head = ("REV", "DATE", "SCORE", "VERDICT", "RESOLVED", "NEW", "PERSISTING", "RUBRIC")
    rows = [head]
    for e in history.reviews:
        rubric = f"{e.rubric} {e.rubric_version}" + (" (changed)" if e.rubric_changed else "")
        rows.append((str(e.revision), e.reviewed_at.strftime("%Y-%m-%d %H:%M"),
                     f"{e.score:g}", e.verdict, str(e.resolved), str(e.new), str(e.persisting),
                     rubric))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [f"{history.doc_id} ({history.doc_id_source})", ""]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    ids = history.criterion_ids
    if ids:
        width = max(len(i) for i in ids)
        lines += ["", f"{'CRITERION':<{width}}  " + " ".join(
            f"r{e.revision}" for e in history.reviews)]
        for cid in ids:
            marks = " ".join(
                _STATUS_MARK.get(e.criteria.get(cid, ""), " ").ljust(len(f"r{e.revision}"))
                for e in history.reviews)
            lines.append(f"{cid:<{width}}  {marks}".rstrip())
    return "\n".join(lines)



_ENV = Environment(loader=PackageLoader("prereview", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def render_history_html(history: DocumentHistory, svg: str) -> str:
    """Self-contained: the SVG inline, no script, no network fetch."""
    svg_body = svg[svg.index("<svg"):] if "<svg" in svg else ""
    title = (history.reviews[-1].title if history.reviews else "") or history.doc_id
    return _ENV.get_template("history.html.j2").render(
        title=title, doc_id=history.doc_id, source=history.doc_id_source,
        reviews=history.reviews, criteria=history.criterion_ids, svg=svg_body,
    )
