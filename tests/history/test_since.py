"""``--since REF`` (git) and ``--since PREVIOUS``: findings in changed text in
full, the rest as a count."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prereview.cli import app

V1 = """\
# Launch notes

Pricing is TBD.

Support is very good.
"""
V2 = """\
# Launch notes

Pricing is TBD.

Support is very good.

A new paragraph that is very new.
"""


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True,
                   capture_output=True)


def _review_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["review", "--fast", "-f", "json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_git_ref_shows_only_changed_text(
    store_url: str, tiny_rubric: Path, tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    doc = repo / "notes.md"
    doc.write_text(V1, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "notes.md")
    _git(repo, "commit", "-q", "-m", "v1")
    doc.write_text(V2, encoding="utf-8")
    data = _review_json(str(doc), "-r", str(tiny_rubric), "--since", "HEAD")
    findings = data["findings"]
    assert isinstance(findings, list)
    assert [(f["criterion"], f["quote"], f["location"]["line"]) for f in findings] == [
        ("tiny.no-very", "very", 7)]
    assert data["since"] == {"ref": "HEAD", "changed_blocks": 1, "shown": 1,
                             "unchanged_findings": 2}
    md = CliRunner().invoke(app, ["review", "--fast", str(doc), "-r", str(tiny_rubric),
                                  "--since", "HEAD", "--no-history"]).stdout
    assert "Changed since HEAD: 1 block; 1 finding shown, 2 in unchanged text not shown." in md
    bad = CliRunner().invoke(app, ["review", "--fast", str(doc), "-r", str(tiny_rubric),
                                   "--since", "no-such-ref"])
    assert bad.exit_code == 2
    assert "no such git revision" in bad.stderr


def test_since_previous_uses_the_last_recorded_revision(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    doc = write_doc(V1, "notes.md")
    _review_json(str(doc), "-r", str(tiny_rubric))
    doc.write_text(V2, encoding="utf-8")
    data = _review_json(str(doc), "-r", str(tiny_rubric), "--since", "PREVIOUS")
    assert data["since"] == {"ref": "PREVIOUS", "changed_blocks": 1, "shown": 1,
                             "unchanged_findings": 2}
    history = data["history"]
    assert isinstance(history, dict)
    assert (history["revision"], history["new"], history["persisting"]) == (2, 1, 2)
    no_store = CliRunner().invoke(app, ["review", "--fast", str(doc), "-r", str(tiny_rubric),
                                        "--since", "PREVIOUS", "--no-history"])
    assert no_store.exit_code == 2 and "needs the history store" in no_store.stderr
