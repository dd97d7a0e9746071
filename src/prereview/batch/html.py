"""The readiness board as one self-contained HTML page, in the single review
page's style: a sortable table filterable by verdict and type (each row linking
to that document's review page), an inline SVG chart of the score distribution
and a criterion-by-document heat map. Nothing is fetched; a Content-Security-
Policy admits only the page's own script, and every text goes through Jinja2's
autoescaping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from prereview.batch.board import Board, Row
from prereview.batch.render import change_text, summary_line, verdict_text
from prereview.reports.html import _csp_hash, _environment, _static
from prereview.review import Status

BUCKETS = 10
"""Score histogram bars: 0-9, 10-19, ... 90-100."""
HEAT_CRITERIA = 40
"""At most this many criteria (most failed first) in the heat map."""


@dataclass
class Bar:
    label: str
    count: int
    x: float
    y: float
    height: float


def histogram(board: Board, width: float = 420, height: float = 140) -> list[Bar]:
    counts = [0] * BUCKETS
    for row in board.rows:
        if row.score is not None:
            counts[min(BUCKETS - 1, int(row.score // (100 / BUCKETS)))] += 1
    top = max(counts) or 1
    step = width / BUCKETS
    bars = []
    for i, n in enumerate(counts):
        h = (height - 34) * n / top  # 20 px of labels below, 14 above the tallest bar
        label = f"{i * 10}-{i * 10 + 9}" if i < BUCKETS - 1 else "90-100"
        bars.append(Bar(label=label, count=n, x=i * step + 2, y=height - 20 - h, height=h))
    return bars


def _link(row: Row, base: str | None) -> str | None:
    if row.review_html is None:
        return None
    target = Path(row.review_html)
    start = base if base is not None else os.getcwd()
    rel = os.path.relpath(target.resolve(), Path(start).resolve())
    return Path(rel).as_posix()


_CELL = {Status.PASSED: "pass", Status.FAILED: "fail", Status.NOT_ASSESSED: "na"}


def render_board_html(board: Board) -> str:
    """The board page as one HTML string; review links are relative to the board's
    folder (``--out``), else to the current directory."""
    script = _static("board.js")
    types = sorted({r.type for r in board.rows if r.type})
    verdicts = ["not-ready", "needs-work", "ready", "error"]
    heat = [c.id for c in board.failing[:HEAT_CRITERIA]]
    seen = set(heat)
    for row in board.rows:
        for cid in row.criteria:
            if cid not in seen and len(heat) < HEAT_CRITERIA:
                heat.append(cid)
                seen.add(cid)
    rows = [
        {
            "row": row, "n": n, "verdict": verdict_text(row), "change": change_text(row),
            "href": _link(row, board.out_dir),
            "cells": [(cid, _CELL.get(row.criteria[cid], "na") if cid in row.criteria else "none")
                      for cid in heat],
        }
        for n, row in enumerate(board.rows, 1)
    ]
    return _environment().get_template("board.html.j2").render(
        board=board, rows=rows, types=types, verdicts=verdicts, heat=heat,
        titles=board.criterion_titles, bars=histogram(board), summary=summary_line(board),
        css=_static("review.css") + "\n" + _static("board.css"),
        script=script, script_hash=_csp_hash(script),
    )
