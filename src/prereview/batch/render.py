"""The readiness board as text: Markdown for people (stdout by default), JSON
(``prereview.batch/1``) for tools, concise lines for editors and CI logs.

Pure functions of the Board; writing files is ``write_board``'s job.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from prereview.batch.board import Board, Row
from prereview.reports.concise import error_line
from prereview.reports.markdown import md_text
from prereview.terminal import strip_controls

BOARD_FORMATS = ("md", "json", "html", "concise")
BOARD_FILES = {"md": "board.md", "json": "board.json", "html": "board.html",
               "concise": "board.txt"}


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def change_text(row: Row) -> str:
    if row.change is None:
        return ""
    return f"+{_num(row.change)}" if row.change > 0 else (_num(row.change) or "0")


def verdict_text(row: Row) -> str:
    if row.status == "error":
        return "error"
    if row.status == "skipped":
        return "skipped"
    return row.verdict.value if row.verdict is not None else ""


def summary_line(board: Board) -> str:
    t = board.totals
    parts = [f"{t.get(k, 0)} {k}" for k in ("not-ready", "needs-work", "ready", "error")]
    line = " · ".join(parts)
    if t.get("skipped"):
        line += f" · {t['skipped']} skipped"
    if t.get("reused"):
        line += f" · {t['reused']} reused unchanged"
    return line


def _md_row(n: int, row: Row) -> str:
    if row.status in ("error", "skipped"):
        actions = md_text(row.error)
    else:
        actions = "; ".join(f"{i}. {md_text(a)}" for i, a in enumerate(row.actions, 1))
    status = verdict_text(row) + (" (reused)" if row.status == "reused" else "")
    cells = [
        str(n), md_text(row.title), md_text(row.path), md_text(row.type), md_text(row.rubric),
        _num(row.score), status, ", ".join(f"`{b}`" for b in row.blockers), actions,
        str(row.words) if row.words is not None else "", change_text(row),
    ]
    return "| " + " | ".join(cells) + " |"


def render_board_markdown(board: Board) -> str:
    """The board for a person: totals, the table least ready first, then what
    fails most often."""
    count = len(board.rows)
    lines = [f"# Readiness board: {count} document{'s' if count != 1 else ''}", ""]
    if board.interrupted:
        lines += [f"**Interrupted**: {board.not_reviewed} document(s) were not reviewed; "
                  "the board shows what finished.", ""]
    lines += [summary_line(board), ""]
    lines.append("| # | title | path | type | rubric | score | verdict | blockers "
                 "| top actions | words | change |")
    lines.append("|---|---|---|---|---|---:|---|---|---|---:|---:|")
    lines.extend(_md_row(n, row) for n, row in enumerate(board.rows, 1))
    if board.failing:
        lines += ["", "## Criteria that fail most often", ""]
        for c in board.failing[:10]:
            lines.append(f"- `{c.id}` {md_text(c.title)}: failed in {c.failed} of {c.of} "
                         "documents")
    if board.skipped:
        lines += ["", f"Skipped: {len(board.skipped)} file(s) ("
                  + ", ".join(md_text(s) for s in board.skipped[:20])
                  + (", ..." if len(board.skipped) > 20 else "") + ")"]
    return "\n".join(lines)


def board_contract(board: Board) -> dict[str, object]:
    data: dict[str, object] = board.model_dump(mode="json", by_alias=True)
    return data


def render_board_json(board: Board) -> str:
    return json.dumps(board_contract(board), indent=2, ensure_ascii=False)


def render_board_concise(board: Board) -> str:
    """Every finding of every document, one line each, least ready document first;
    a document in error is one ``error load`` line."""
    lines: list[str] = []
    for row in board.rows:
        if row.status == "error":
            lines.append(error_line(row.file, row.error or "error"))
        lines.extend(row.lines)
    return "\n".join(lines)


def render_board(board: Board, fmt: str) -> str:
    if fmt == "md":
        return render_board_markdown(board)
    if fmt == "json":
        return render_board_json(board)
    if fmt == "concise":
        return render_board_concise(board)
    if fmt == "html":
        from prereview.batch.html import render_board_html

        return render_board_html(board)
    raise ValueError(f"unknown board format '{fmt}' (known: {', '.join(BOARD_FORMATS)})")


def write_board(board: Board, out_dir: str | Path, formats: Iterable[str],
                force: bool = False) -> list[Path]:
    """``board.md``, ``board.json``, ``board.html``... into ``out_dir``, as one set
    through ``prereview.outputs``: whole or not at all, never through a symbolic
    link, never over a reviewed document or a file that is not an earlier board."""
    from prereview.outputs import Output, ensure_dir, write_set

    out = ensure_dir(out_dir)
    items = [Output(out / BOARD_FILES[fmt], _board_bytes(board, fmt))
             for fmt in dict.fromkeys(formats)]
    return write_set(items, inputs=[row.file for row in board.rows], force=force)


def _board_bytes(board: Board, fmt: str) -> Callable[[], bytes]:
    def make() -> bytes:
        text = render_board(board, fmt)
        if fmt in ("md", "concise"):  # people cat them: no terminal controls from a title
            text = strip_controls(text)
        return (text + "\n").encode("utf-8", "backslashreplace")

    return make
