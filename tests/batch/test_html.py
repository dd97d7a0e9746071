"""The HTML readiness board, as text and in a real headless Chromium (skipped
cleanly without /usr/bin/chromium or the playwright package)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from prereview.batch import Board, Options, run_batch, write_board
from prereview.batch.html import histogram, render_board_html
from prereview.review import Status

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'
HOSTILE_MD = HOSTILE.replace("<", "\\<")
"""The same, escaped in Markdown so the title's text keeps the tags."""


@pytest.fixture
def board_page(meeting: Path, tmp_path: Path) -> tuple[Board, Path]:
    (meeting / "hostile.md").write_text(f"# {HOSTILE_MD}\n\n## Press release\n\nWe launch it.\n",
                                        encoding="utf-8")
    out = tmp_path / "out"
    board = run_batch([str(meeting)], Options(out_dir=str(out), formats=("md", "json", "html")),
                      workers=2)
    (page,) = write_board(board, out, ["html"])
    return board, page


def test_page_is_self_contained_and_escaped(board_page: tuple[Board, Path]) -> None:
    board, path = board_page
    html = path.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert HOSTILE not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert html.count("<tr data-n=") == len(board.rows) == 7
    assert 'href="team-a/prfaq.md/report.html"' in html


def test_histogram_bands() -> None:
    from prereview.batch.board import Row, build_board

    rows = [Row(path=f"{s}.md", file=f"{s}.md", status="reviewed", score=s)
            for s in (0, 9.9, 10, 55, 99.5, 100)]
    bars = histogram(build_board(rows))
    assert [b.count for b in bars] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert bars[-1].label == "90-100"
    assert max(b.height for b in bars) == bars[0].height


@pytest.fixture
def page(browser: Any, board_page: tuple[Board, Path]) -> Iterator[Any]:
    _, path = board_page
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.errors, pg.dialogs, pg.requests = [], [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(path.as_uri())
    yield pg
    pg.close()


VISIBLE_JS = """() => Array.from(document.querySelectorAll('#board tbody tr'))
  .filter(r => !r.hidden).map(r => r.dataset.path)"""


def test_rows_filters_and_no_script_from_documents(page: Any,
                                                   board_page: tuple[Board, Path]) -> None:
    board, _ = board_page
    assert page.evaluate(VISIBLE_JS) == [r.path for r in board.rows]
    assert page.inner_text("#shown") == "7 of 7 documents shown"
    page.uncheck("input[name=verdict][value=ready]")
    page.uncheck("input[name=verdict][value=error]")
    visible = page.evaluate(VISIBLE_JS)
    assert visible == [r.path for r in board.rows
                       if r.status != "error" and r.verdict is not None
                       and r.verdict.value != "ready"]
    assert page.inner_text("#shown") == f"{len(visible)} of 7 documents shown"
    # heat map rows follow the filter
    assert page.evaluate("() => document.querySelectorAll('#heat tbody tr:not([hidden])')"
                         ".length") == len(visible)
    page.check("input[name=verdict][value=ready]")
    page.check("input[name=verdict][value=error]")
    page.select_option("#type", "design-doc")
    assert page.evaluate(VISIBLE_JS) == [r.path for r in board.rows if r.type == "design-doc"]
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.dialogs == [] and page.errors == []
    assert all(u.startswith(("file:", "data:")) for u in page.requests)


def test_sorting_by_score_and_by_path(page: Any, board_page: tuple[Board, Path]) -> None:
    board, _ = board_page
    scored = [r for r in board.rows if r.score is not None]
    page.click("th[data-key=score]")
    order = page.evaluate(VISIBLE_JS)
    errors = [r.path for r in board.rows if r.score is None]
    assert order[:len(errors)] == errors  # no score sorts first when ascending
    scores = [next(r.score for r in scored if r.path == p) for p in order[len(errors):]]
    assert scores == sorted(scores)
    assert page.get_attribute("th[data-key=score]", "aria-sort") == "ascending"
    page.click("th[data-key=score]")
    order = page.evaluate(VISIBLE_JS)
    scores = [next(r.score for r in scored if r.path == p) for p in order[:len(scored)]]
    assert scores == sorted(scores, reverse=True)
    page.click("th[data-key=path]")
    assert page.evaluate(VISIBLE_JS) == sorted(r.path for r in board.rows)


def test_chart_heat_map_and_links(page: Any, board_page: tuple[Board, Path]) -> None:
    board, _ = board_page
    counts = page.evaluate("() => Array.from(document.querySelectorAll('#histogram rect'))"
                           ".map(r => +r.dataset.count)")
    assert counts == [b.count for b in histogram(board)]
    assert sum(counts) == len([r for r in board.rows if r.score is not None])
    failed = page.evaluate("() => document.querySelectorAll('#heat td.c-fail').length")
    heat = page.evaluate("() => Array.from(document.querySelectorAll('#heat th.crit'))"
                         ".map(t => t.textContent)")
    assert failed == sum(1 for r in board.rows for c in heat
                         if r.criteria.get(c) == Status.FAILED)
    assert page.inner_text("#summary") == "2 not-ready · 0 needs-work · 3 ready · 2 error"
    page.click("text=" + next(r.title for r in board.rows if r.path == "team-a/prfaq.md"))
    page.wait_for_load_state()
    assert page.url.endswith("/team-a/prfaq.md/report.html")
    assert page.title().startswith("Review: ")


def test_rendered_without_out_links_relative_to_cwd(
    board_page: tuple[Board, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    board, path = board_page
    monkeypatch.chdir(path.parent.parent)
    board.out_dir = None
    assert 'href="out/team-a/prfaq.md/report.html"' in render_board_html(board)
