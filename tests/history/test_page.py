"""The review page in headless Chromium: "Since the last draft" is shown, and each
finding's Settle button selects (and copies) its exact ``prereview accept``
command. Skipped without Debian's chromium or the playwright package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prereview import engine
from prereview.history import Tracking
from prereview.reports import render


def test_settle_button_selects_the_accept_command(
        browser: Any, tiny_rubric: Path, tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text("# Notes\n\nPricing is TBD.\n\nIt is very soon.\n", encoding="utf-8")
    engine.run(doc, tiny_rubric, tracking=Tracking())
    doc.write_text("# Notes\n\nPricing is set.\n\nIt is very soon.\n", encoding="utf-8")
    run = engine.run(doc, tiny_rubric, tracking=Tracking())
    very = next(f for f in run.review.findings if f.criterion == "tiny.no-very")
    page_file = tmp_path / "report.html"
    page_file.write_text(render(run.review, "html", run.document), encoding="utf-8")
    expected = (f"prereview accept {very.fingerprint} --doc {doc.resolve()} "
                "--reason 'answered: ...'")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    since = page.locator("#since-last-draft").inner_text()
    assert "Score 0 → 66.7 (+66.7)" in since and "1 resolved, 0 new, 1 persisting" in since
    note = page.locator(f'.note:has(code[data-fingerprint="{very.fingerprint}"])')
    note.locator("details.note-more > summary").click()  # a compact note unfolds
    note.locator("details.accept > summary").click()
    note.locator("button.copy-accept").click()
    selected = page.evaluate("() => window.getSelection().toString()")
    assert selected == expected
    assert errors == []
    page.close()
