"""A re-run over unchanged documents on the flow path: answered from the result
cache without Prefect's temporary server when no Prefect API is configured; with
one configured, the flow still runs (so the run shows in its UI)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from prereview.batch import Options, discover, run_batch
from prereview.batch.reuse import answer_all_reused

SCRIPT = Path(sys.executable).with_name("prereview")
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
Env = Callable[..., dict[str, str]]
Unreachable = tuple[str, Callable[[subprocess.CompletedProcess[str]], None]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "a").mkdir(parents=True)
    shutil.copy(SAMPLES / "prfaq-strong.md", root / "a" / "prfaq.md")
    shutil.copy(SAMPLES / "design-doc.md", root / "design.md")
    shutil.copy(SAMPLES / "prfaq-flawed.docx", root / "flawed.docx")
    return root


def _batch(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT}")
    return subprocess.run([str(SCRIPT), "batch", *args], capture_output=True, text=True,
                          env=env, timeout=180, check=False)


def test_every_document_cached_is_answered_without_a_review(folder: Path) -> None:
    cold = run_batch([str(folder)], Options(record_history=False), workers=1)
    assert [r.status for r in cold.rows] == ["reviewed"] * 3
    board = answer_all_reused(discover([str(folder)]), Options(record_history=False))
    assert board is not None
    assert [(r.path, r.status, r.score, r.verdict) for r in board.rows] == [
        (r.path, "reused", r.score, r.verdict) for r in cold.rows]
    assert board.totals["reused"] == 3 and not board.interrupted and board.not_reviewed == 0


def test_one_changed_document_means_the_batch_runs(folder: Path) -> None:
    run_batch([str(folder)], Options(record_history=False), workers=1)
    with (folder / "design.md").open("a", encoding="utf-8") as handle:
        handle.write("\nOne more paragraph of the design.\n")
    assert answer_all_reused(discover([str(folder)]), Options(record_history=False)) is None
    assert answer_all_reused(discover([str(folder)]),
                             Options(record_history=False, use_cache=False)) is None


def test_an_only_wb_file_name_needs_no_review(folder: Path) -> None:
    """``--only-wb``: a README is skipped before any reading, so it never has a cached
    review; it does not stop the rest from being answered."""
    options = Options(record_history=False, only_wb=True)
    run_batch([str(folder)], options, workers=1)
    (folder / "README.md").write_text("# Tools\n\nHow to build.\n", encoding="utf-8")
    board = answer_all_reused(discover([str(folder)]), options)
    assert board is not None
    assert [r.status for r in board.rows] == ["reused"] * 3
    assert "README.md" in board.skipped


def test_flow_rerun_without_an_api_starts_no_server(folder: Path, isolated_env: Env) -> None:
    env = isolated_env()
    cold = _batch(str(folder), "--fast", "-f", "json", env=env)
    assert cold.returncode == 0, cold.stderr
    warm = _batch(str(folder), "--flow", "-f", "json", env=env)
    assert warm.returncode == 0, warm.stderr
    assert warm.stderr == (
        "prereview: all 3 documents unchanged since their last review: answered from the "
        "result cache without starting Prefect's temporary server (set PREFECT_API_URL to "
        "record such runs)\n")
    board = json.loads(warm.stdout)
    assert [r["status"] for r in board["rows"]] == ["reused"] * 3
    assert board["totals"]["reused"] == 3
    rows = {r["path"]: (r["score"], r["verdict"]) for r in json.loads(cold.stdout)["rows"]}
    assert {r["path"]: (r["score"], r["verdict"]) for r in board["rows"]} == rows
    # the temporary server would have created its database there
    assert not list(Path(env["PREFECT_HOME"]).glob("*.db"))


def test_flow_rerun_with_an_api_still_runs_the_flow(
        folder: Path, isolated_env: Env, unreachable_prefect: Unreachable) -> None:
    """Everything cached, but PREFECT_API_URL is set: the flow is attempted (here
    against a port nothing listens on: the one-line exit 3 proves it was)."""
    api, check = unreachable_prefect
    cold = _batch(str(folder), "--fast", "-f", "json", env=isolated_env())
    assert cold.returncode == 0, cold.stderr
    check(_batch(str(folder), "-f", "json", env=isolated_env(PREFECT_API_URL=api)))
