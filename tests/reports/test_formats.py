"""The report-format registry: one table for names, file names and renderers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from prereview import engine
from prereview.cli import app
from prereview.reports import REGISTRY, report_name, write_report_set


def test_registry_declares_every_format_once() -> None:
    assert list(REGISTRY) == ["md", "json", "html", "sarif", "concise", "docx"]
    assert [f.name for f in REGISTRY.values() if f.needs_document] == ["html", "sarif", "docx"]
    assert [f.name for f in REGISTRY.values() if f.render is None] == ["docx"]
    assert report_name("docx", "drafts/launch.md") == "launch.reviewed.docx"


def test_cli_help_lists_every_registered_format() -> None:
    result = CliRunner().invoke(app, ["review", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    help_text = " ".join(result.stdout.split())
    for name in REGISTRY:
        assert name in help_text


def test_unanchored_findings_come_back_from_the_docx_writer(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path],
    stale_quotes: Callable[[Any], Any],
) -> None:
    run = engine.run(docs["very"], tiny_rubric)
    stale_quotes(run.review)
    finding = next(f for c in run.review.criteria for f in c.findings if f.quote)
    written = write_report_set(run.review, tmp_path, ["md", "docx"], run.document)
    docx_path = tmp_path / "very.reviewed.docx"
    assert written.paths == [tmp_path / "report.md", docx_path]
    assert list(written.unplaced) == [str(docx_path)]
    (note,) = written.unplaced[str(docx_path)]
    assert note.startswith(f"{finding.criterion}: ")
