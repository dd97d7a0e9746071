"""Progress on stderr: a Rich bar on a terminal, nothing on a pipe."""

from __future__ import annotations

import io

from prereview.batch.board import Row
from prereview.batch.progress import Progress


def rows() -> list[Row]:
    return [Row(path="a.md", file="a.md", status="reviewed"),
            Row(path="b.md", file="b.md", status="error", error="empty"),
            Row(path="c.md", file="c.md", status="reused")]


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(3, stream=stream) as bar:
        for row in rows():
            bar.advance(row)
    assert stream.getvalue() == ""
    assert (bar.done, bar.failed, bar.reused) == (3, 1, 1)


def test_bar_counts_done_and_failed_on_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(3, stream=stream, force=True) as bar:
        for row in rows():
            bar.advance(row)
    text = stream.getvalue()
    assert "reviewing" in text and "3/3" in text
    assert "1 failed" in text and "1 reused" in text
    assert "0:00:0" in text  # elapsed
