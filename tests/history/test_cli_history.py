"""``prereview history`` (table, JSON, HTML page with the SVG trend, files with
--out), the reports' "Since the last draft", the copyable accept command, the
.docx summary comment and identifier, SARIF fingerprints, and the flows."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from prereview.cli import app
from prereview.history.identity import docx_doc_id

V1 = "# Launch notes\n\nPricing is TBD.\n\nSupport is very good.\n"
V2 = "# Launch notes\n\nPricing is set.\n\nSupport is very good.\n"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _two_drafts(path: Path, rubric: Path, out: Path | None = None) -> None:
    path.write_text(V1, encoding="utf-8")
    _cli("review", "--fast", str(path), "-r", str(rubric), "--no-history", "-f", "json")
    _cli("review", "--fast", str(path), "-r", str(rubric), "-f", "json")
    path.write_text(V2, encoding="utf-8")
    extra = ["-o", str(out), "-f", "md,html,json,sarif,docx"] if out else ["-f", "json"]
    _cli("review", "--fast", str(path), "-r", str(rubric), *extra)


def test_history_table_json_html_and_files(
    store_url: str, tiny_rubric: Path, tmp_path: Path,
) -> None:
    doc = tmp_path / "notes.md"
    _two_drafts(doc, tiny_rubric)
    table = _cli("history", str(doc))
    lines = table.splitlines()
    assert lines[0] == f"{doc.resolve()} (path)"
    assert re.match(r"REV\s+DATE\s+SCORE\s+VERDICT\s+RESOLVED\s+NEW\s+PERSISTING\s+RUBRIC",
                    lines[2])
    assert re.match(r"1\s+\S+ \S+\s+0\s+not-ready\s+0\s+0\s+0\s+tiny ", lines[3])
    assert re.match(r"2\s+\S+ \S+\s+66.7\s+needs-work\s+1\s+0\s+1\s+tiny ", lines[4])
    assert re.search(r"^tiny.no-tbd\s+✗\s+✓$", table, re.M)
    data = json.loads(_cli("history", str(doc), "--format", "json"))
    assert data["schema"] == "prereview.history/1"
    assert [(r["revision"], r["score"], r["resolved"]) for r in data["reviews"]] == [
        (1, 0.0, 0), (2, 66.7, 1)]
    html = _cli("history", str(doc), "-f", "html")
    assert "<svg" in html and "<script" not in html and "http://" not in html.split("<svg")[0]
    out = tmp_path / "hist"
    written = _cli("history", str(doc), "-o", str(out)).split()
    assert written == [str(out / n) for n in ("history.json", "history.html",
                                               "score-trend.svg")]
    svg = (out / "score-trend.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    missing = CliRunner().invoke(app, ["history", "nobody-reviewed-this"])
    assert missing.exit_code == 2
    assert missing.stderr == ("prereview: error: nobody-reviewed-this: no recorded review "
                              "of this document\n")


def test_reports_show_the_delta_and_the_accept_command(
    store_url: str, tiny_rubric: Path, tmp_path: Path,
) -> None:
    doc = tmp_path / "notes.md"
    out = tmp_path / "out"
    _two_drafts(doc, tiny_rubric, out)
    md = (out / "report.md").read_text()
    section = md.split("## Since the last draft", 1)[1].split("\n## ", 1)[0]
    assert "Score 0 → 66.7 (+66.7); revision 2, compared with revision 1." in section
    assert "1 resolved, 0 new, 1 persisting." in section
    assert '- tiny.no-tbd: "TBD" found ("TBD")' in section
    review = json.loads((out / "review.json").read_text())
    assert review["history"]["revision"] == 2 and review["history"]["previous_score"] == 0.0
    fingerprint = review["findings"][0]["fingerprint"]
    html = (out / "report.html").read_text()
    assert 'id="since-last-draft"' in html
    assert (f"prereview accept {fingerprint} --doc {doc.resolve()} --reason "
            "&#39;answered: ...&#39;") in html
    sarif = json.loads((out / "review.sarif").read_text())
    assert [r["partialFingerprints"]["prereviewFinding/v1"]
            for r in sarif["runs"][0]["results"]] == [fingerprint]
    reviewed = out / "notes.reviewed.docx"
    comments = [c.text for c in docx.Document(str(reviewed)).comments]
    summary = next(c for c in comments if c.startswith("prereview: score"))
    assert "Since the last draft: Score 0 → 66.7" in summary
    assert "Resolved: tiny.no-tbd" in summary
    assert docx_doc_id(reviewed) == (str(doc.resolve()), "docx-identifier")
    # the annotated copy, reviewed, continues the same document's history
    again = json.loads(_cli("review", "--fast", str(reviewed), "-r", str(tiny_rubric),
                            "-f", "json"))
    assert again["history"]["doc_id"] == str(doc.resolve())
    assert again["history"]["revision"] == 3


def test_docx_custom_property_is_the_doc_id(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    d = docx.Document()
    d.add_paragraph("Hello")
    d.save(str(path))
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
              'pid="2" name="prereview-doc-id"><vt:lpwstr>KEP-1234</vt:lpwstr></property>'
              '</Properties>')
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("docProps/custom.xml", custom)
    assert docx_doc_id(path) == ("KEP-1234", "docx-property")


def test_flow_path_records_and_track_revisions_publishes(
    prefect_harness: str, store_url: str, tiny_rubric: Path,
    write_doc: Callable[[str, str], Path], tmp_path: Path,
) -> None:
    from prefect.client.orchestration import get_client

    from prereview_flows.history import track_revisions
    from prereview_flows.review import review_document

    doc = write_doc(V1, "flow.md")
    first = review_document(doc, rubric=str(tiny_rubric), artifact=False)
    doc.write_text(V2, encoding="utf-8")
    second = review_document(doc, rubric=str(tiny_rubric), artifact=False)
    assert first.review.history is not None and second.review.history is not None
    assert (second.review.history.revision, second.review.history.resolved) == (2, 1)
    history = track_revisions(str(doc), out_dir=str(tmp_path / "h"))
    assert [e.score for e in history.reviews] == [0.0, 66.7]
    assert (tmp_path / "h" / "score-trend.svg").is_file()

    async def artifacts() -> list[str]:
        async with get_client() as client:
            found = await client.read_artifacts()
            return [a.key or "" for a in found]

    import asyncio

    keys = asyncio.run(artifacts())
    assert any(k.startswith("history-flow-") and k.endswith("-revisions") for k in keys)
    assert any(k.startswith("history-flow-") and k.endswith("-trend") for k in keys)


@pytest.mark.parametrize("fast", [True, False])
def test_review_cli_doc_id_option(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path], fast: bool,
    request: pytest.FixtureRequest,
) -> None:
    if not fast:
        request.getfixturevalue("prefect_harness")
    doc = write_doc(V1, "d.md")
    args = ["review", str(doc), "-r", str(tiny_rubric), "-f", "json", "--doc-id", "launch-7"]
    data = json.loads(_cli(*args, "--fast" if fast else "--flow"))
    assert data["history"]["doc_id"] == "launch-7" and data["history"]["revision"] == 1
