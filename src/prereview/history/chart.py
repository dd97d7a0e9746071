"""The score trend as SVG, drawn by matplotlib with its SVG backend (no display,
no network, deterministic output for the same history)."""

from __future__ import annotations

import io

from prereview.history.queries import DocumentHistory

VERDICT_COLOURS = {"ready": "#1a7f37", "needs-work": "#9a6700", "not-ready": "#cf222e"}


def trend_svg(history: DocumentHistory, threshold: float | None = None) -> str:
    """One point per recorded review (x: revision, y: score 0-100), coloured by
    verdict, with the rubric's threshold as a dashed line."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    matplotlib.rcParams["svg.hashsalt"] = "prereview"
    matplotlib.rcParams["svg.fonttype"] = "none"
    from matplotlib.figure import Figure

    entries = history.reviews
    xs = list(range(1, len(entries) + 1))
    scores = [e.score for e in entries]
    fig = Figure(figsize=(6.4, 2.8), dpi=100)
    ax = fig.add_subplot()
    ax.plot(xs, scores, color="#57606a", linewidth=1.5, zorder=1)
    ax.scatter(xs, scores, c=[VERDICT_COLOURS.get(e.verdict, "#57606a") for e in entries],
               s=36, zorder=2)
    if threshold is not None:
        ax.axhline(threshold, color="#8c959f", linestyle="--", linewidth=1)
    ax.set_ylim(0, 100)
    ax.set_xticks(xs, [f"r{e.revision}" for e in entries])
    ax.set_ylabel("score")
    ax.set_title(f"Score trend: {history.reviews[-1].title or history.doc_id}"[:80]
                 if entries else "Score trend", fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
