"""The JSON report is the contract, and write_reports writes both files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview.engine import review_path
from prereview.errors import PrereviewError
from prereview.reports import REPORT_FILES, render, render_json, write_reports


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
    with pytest.raises(ValueError, match="unknown report format 'html'"):
        render(review_path(docs["clean"], tiny_rubric), "html")


def test_write_reports_creates_dir_and_files(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    review = review_path(docs["very"], tiny_rubric)
    out = tmp_path / "a" / "b"
    paths = write_reports(review, out)
    assert paths == [out / "report.md", out / "review.json"]
    assert REPORT_FILES == {"md": "report.md", "json": "review.json"}
    assert json.loads(paths[1].read_text(encoding="utf-8"))["verdict"] == "needs-work"
    md = paths[0].read_text(encoding="utf-8")
    assert md.startswith("# Pre-review: Launch notes") and md.endswith("\n")
    assert write_reports(review, out, ["json"]) == [out / "review.json"]


def test_write_reports_into_a_file_is_a_user_error(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(PrereviewError, match="cannot create output directory"):
        write_reports(review_path(docs["clean"], tiny_rubric), blocker / "out")
