"""The pre-commit hook, run the way pre-commit runs it: the ``entry`` split like a
shell command, its ``args``, then the staged file names (relative, from the
repository root), here with spaces in them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
BIN = Path(sys.executable).parent


def hook() -> dict[str, object]:
    (only,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return dict(only)


def run_hook(repo: Path, files: list[str]) -> subprocess.CompletedProcess[str]:
    spec = hook()
    pattern = re.compile(str(spec["files"]))
    exclude = re.compile(str(spec["exclude"]))
    staged = [f for f in files if pattern.search(f) and not exclude.search(f)]
    argv = [*shlex.split(str(spec["entry"])), *[str(a) for a in spec.get("args", [])], *staged]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "PREREVIEW_HOME": str(repo.parent / "home")}
    return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "Q3 launch").mkdir(parents=True)
    shutil.copy(SAMPLES / "prfaq-flawed.docx", repo / "Q3 launch" / "Our PR FAQ.docx")
    shutil.copy(SAMPLES / "prfaq-strong.md", repo / "Q3 launch" / "good one.md")
    (repo / "README.md").write_text("# Project\n\nInstall it. TBD.\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## 1.0\n\n- very fast\n")
    (repo / "notes.md").write_text("# Notes\n\nWe will maybe do this soon, TBD.\n")
    (repo / "~$r PR FAQ.docx").write_bytes(b"lock")
    return repo


def test_hook_spec() -> None:
    spec = hook()
    assert spec["id"] == "prereview" and spec["language"] == "python"
    assert spec["pass_filenames"] is True
    assert str(spec["entry"]).startswith("prereview batch ")


def test_hook_fails_on_the_not_ready_document_only(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    files = ["Q3 launch/Our PR FAQ.docx", "Q3 launch/good one.md", "README.md",
             "CHANGELOG.md", "notes.md", "~$r PR FAQ.docx", "src/app.py"]
    result = run_hook(repo, files)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    # only the two documents have lines: README, CHANGELOG and notes.md are skipped
    assert {line.split(":", 1)[0] for line in lines} <= {"Q3 launch/Our PR FAQ.docx",
                                                        "Q3 launch/good one.md"}
    assert not any(" blocker " in line for line in lines if line.startswith("Q3 launch/good"))
    assert any(re.match(r"Q3 launch/Our PR FAQ\.docx:1:1: blocker pr\.headline The headline ",
                        line) for line in lines)
    assert result.stderr == ""


def test_hook_passes_when_only_ready_documents_and_repo_files(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    result = run_hook(repo, ["Q3 launch/good one.md", "README.md", "CHANGELOG.md",
                             "notes.md"])
    assert (result.returncode, result.stderr) == (0, "")
    assert all(line.startswith("Q3 launch/good one.md:") for line in result.stdout.splitlines())
    only_repo_files = run_hook(repo, ["README.md", "CHANGELOG.md", "notes.md"])
    assert (only_repo_files.returncode, only_repo_files.stdout, only_repo_files.stderr) == (
        0, "", "")
