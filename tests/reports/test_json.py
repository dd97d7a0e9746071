"""The JSON report is the contract, and write_reports writes both files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview import engine
from prereview.engine import review_path
from prereview.errors import PrereviewError
from prereview.reports import REPORT_FILES, formats_for, render, render_json, write_reports


def test_render_json_is_the_contract(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    review = review_path(docs["tbd"], tiny_rubric)
    text = render_json(review)
    data = json.loads(text)
    assert data == json.loads(json.dumps(review.to_contract()))
    assert data["schema"] == "prereview.review/1"
    assert data["verdict"] == "not-ready"
    assert data["rubric"]["id"] == "tiny"
    assert [(c["id"], c["status"]) for c in data["criteria"]] == [
        ("tiny.no-tbd", "failed"), ("tiny.no-very", "failed"), ("tiny.judgment", "not-assessed"),
    ]
    tbd = data["findings"][0]
    assert tbd["criterion"] == "tiny.no-tbd" and tbd["quote"] == "TBD"
    assert tbd["location"]["line"] == 3 and tbd["location"]["column"] == 12
    assert text.startswith('{\n  "schema": "prereview.review/1"')
    assert not text.endswith("\n")


def test_render_json_keeps_unicode(
    tiny_rubric: Path, write_doc: Callable[[str, str], Path]
) -> None:
    path = write_doc("# Café “crème”\n\nLe café est very bon.\n", "cafe.md")
    text = render_json(review_path(path, tiny_rubric))
    assert '"title": "Café “crème”"' in text and "\\u" not in text


def test_render_unknown_format(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(review_path(docs["clean"], tiny_rubric), "pdf")


def test_html_and_sarif_need_the_document(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    run = engine.run(docs["very"], tiny_rubric)
    with pytest.raises(ValueError, match="the html report needs the reviewed Document"):
        render(run.review, "html")
    assert render(run.review, "html", run.document).startswith("<!DOCTYPE html>")
    sarif = json.loads(render(run.review, "sarif", run.document))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["tiny.no-very"]


def test_out_formats_always_include_the_annotated_docx_for_docx_input() -> None:
    assert formats_for(None, "markdown") == ["md", "json"]
    assert formats_for(["html"], "docx") == ["html", "docx"]
    assert formats_for(["docx", "md", "docx"], "markdown") == ["docx", "md"]
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        formats_for(["pdf"], "markdown")


def test_write_reports_creates_dir_and_files(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    review = review_path(docs["very"], tiny_rubric)
    out = tmp_path / "a" / "b"
    paths = write_reports(review, out)
    assert paths == [out / "report.md", out / "review.json"]
    assert REPORT_FILES == {"md": "report.md", "json": "review.json", "html": "report.html",
                            "sarif": "review.sarif", "concise": "findings.txt"}
    assert json.loads(paths[1].read_text(encoding="utf-8"))["verdict"] == "needs-work"
    md = paths[0].read_text(encoding="utf-8")
    assert md.startswith("# Pre-review: Launch notes") and md.endswith("\n")
    assert write_reports(review, out, ["json"]) == [out / "review.json"]


def test_write_every_format_under_its_predictable_name(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    run = engine.run(docs["very"], tiny_rubric)
    paths = write_reports(run.review, tmp_path, ["md", "json", "html", "sarif", "docx"],
                          run.document)
    stem = Path(run.document.path).stem
    assert [p.name for p in paths] == ["report.md", "review.json", "report.html",
                                       "review.sarif", f"{stem}.reviewed.docx"]
    assert paths[4].read_bytes()[:2] == b"PK"


def test_write_reports_into_a_file_is_a_user_error(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(PrereviewError, match="cannot create output directory"):
        write_reports(review_path(docs["clean"], tiny_rubric), blocker / "out")


def test_json_says_where_each_part_was_found() -> None:
    """The reading map's "found at" is in the contract too, for a part that is
    scored and for one that is not (a tool reading the JSON sees what the report's
    "how the document was read" table shows)."""
    layouts = Path(__file__).resolve().parents[1] / "quality" / "layouts"
    data = json.loads(render_json(engine.run(layouts / "proposal-kep-goals-slash.md").review))
    got = {c["id"]: c for c in data["criteria"]}
    assert (got["proposal.goals"]["found"], got["proposal.goals"]["found_at"]) == (
        True, "'Goals/Non-Goals'")
    assert (got["proposal.testing"]["found"], got["proposal.testing"]["found_at"]) == (
        True, "'Test Plan'")
    assert got["proposal.security"]["status"] == "not-applicable"
    assert (got["proposal.security"]["found"], got["proposal.security"]["found_at"]) == (
        False, None)
