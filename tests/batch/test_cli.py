"""``prereview batch`` from the command line: streams, exit codes, files."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prereview.cli import app

from .conftest import GOOD

runner = CliRunner()
SCRIPT = Path(sys.executable).with_name("prereview")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_json_board_parses_from_stdout(meeting: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = invoke("batch", str(meeting), "--fast", "-f", "json", "-o", str(out),
                                  "--workers", "2")
    assert code == 0, stderr
    board = json.loads(stdout)
    assert board["schema"] == "prereview.batch/1"
    rows = {r["path"]: r for r in board["rows"]}
    assert set(rows) == {*GOOD, "broken.docx", "empty.md"}
    assert rows["empty.md"]["status"] == "error"
    for rel in GOOD:
        review = json.loads(Path(rows[rel]["review_json"]).read_text(encoding="utf-8"))
        assert review["schema"] == "prereview.review/1"
        assert review["score"] == rows[rel]["score"]
    assert sorted(p.name for p in out.iterdir()) == ["board.json", "design.md", "team-a",
                                                     "team-b"]
    assert (out / "board.json").read_text(encoding="utf-8").strip() == stdout.strip()
    assert "board written to" in stderr


def test_markdown_board_by_default(meeting: Path) -> None:
    code, stdout, stderr = invoke("batch", str(meeting), "--fast", "--workers", "1")
    assert code == 0 and stderr == ""
    assert stdout.startswith("# Readiness board: 6 documents\n")
    assert "3 ready · 0 needs-work" not in stdout
    assert "1 not-ready · 0 needs-work · 3 ready · 2 error" in stdout
    assert "| 1 |  | broken.docx |" in stdout
    assert "## Criteria that fail most often" in stdout


def test_fail_on_gate(meeting: Path, tiny_rubric: Path, docs: dict[str, Path]) -> None:
    clean = str(docs["clean"])
    very = str(docs["very"])
    rubric = ["-r", str(tiny_rubric), "--fast", "-j", "1"]
    assert invoke("batch", clean, very, *rubric)[0] == 0
    assert invoke("batch", clean, very, *rubric, "--fail-on", "not-ready")[0] == 0
    assert invoke("batch", clean, very, *rubric, "--fail-on", "needs-work")[0] == 1
    # an error row fails any gate
    assert invoke("batch", clean, str(meeting / "empty.md"), *rubric,
                  "--fail-on", "not-ready")[0] == 1
    assert invoke("batch", clean, str(meeting / "empty.md"), *rubric)[0] == 0


def test_bad_usage_is_exit_2(meeting: Path, tmp_path: Path) -> None:
    code, stdout, stderr = invoke("batch", str(tmp_path / "missing"), "--fast")
    assert (code, stdout) == (2, "")
    assert stderr == f"prereview: error: {tmp_path / 'missing'}: no such file or folder\n"
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.png").write_bytes(b"x")
    code, _, stderr = invoke("batch", str(tmp_path / "pics"), "--fast")
    assert code == 2 and stderr == f"prereview: error: no reviewable file in {tmp_path / 'pics'}\n"
    code, _, stderr = invoke("batch", str(meeting), "--fast", "-f", "pdf")
    assert code == 2 and "'pdf' is not one of md, json, html, concise" in stderr
    code, _, stderr = invoke("batch", str(meeting), "--fast", "--fail-on", "meh")
    assert code == 2
    code, _, stderr = invoke("batch", str(meeting), "--fast", "-r", "no-such-rubric")
    assert code == 2 and stderr.startswith("prereview: error: ") and stderr.count("\n") == 1


def test_concise_lines(tiny_rubric: Path, docs: dict[str, Path], meeting: Path) -> None:
    code, stdout, _ = invoke("batch", str(docs["very"]), str(docs["tbd"]),
                             str(meeting / "empty.md"), "-r", str(tiny_rubric), "--fast",
                             "-j", "1", "-f", "concise")
    assert code == 0
    assert stdout.splitlines() == [
        f"{meeting / 'empty.md'}:1:1: error load empty document (no visible text)",
        f"{docs['tbd']}:3:12: blocker tiny.no-tbd \"TBD\" found",
        f"{docs['tbd']}:3:35: minor tiny.no-very \"very\" found",
        f"{docs['very']}:3:30: minor tiny.no-very \"very\" found",
    ]


def _descendants(pid: int) -> list[int]:
    """The processes under ``pid`` (the pool's forkserver and workers), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_writes_the_board_of_what_finished(tmp_path: Path) -> None:
    """SIGINT in the middle of a batch: exit 130, the board of the documents that
    finished on stdout and in --out, no traceback.

    The command starts with SIGINT at its default, as from a terminal: a test
    run started in the background by a shell without job control (``pytest &``
    from a script, as on a busy machine) has SIGINT ignored, every child
    inherits that, and the signal never arrived (the batch ran to the end: exit
    0). The worker processes are frozen (SIGSTOP) before the count and the
    signal, so no document can finish between them; they resume after it."""
    folder = tmp_path / "many"
    folder.mkdir()
    sample = (Path(__file__).resolve().parents[2] / "samples" / "prfaq-strong.md").read_text()
    for i in range(400):
        (folder / f"doc{i:03}.md").write_text(sample.replace("# ", f"# {i} ", 1))
    out = tmp_path / "out"
    env = {**os.environ, "PREREVIEW_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [str(SCRIPT), "batch", str(folder), "--fast", "-j", "2", "-o", str(out), "-f", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    frozen: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if len(list(out.glob("*/review.json"))) >= 5:
                break
            time.sleep(0.05)
        frozen = _descendants(proc.pid)
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        written = len(list(out.glob("*/review.json")))
        proc.send_signal(signal.SIGINT)
        time.sleep(0.5)  # time to take the signal in while nothing can finish
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        for pid in frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        if proc.poll() is None:
            proc.kill()
    assert 5 <= written < 400
    assert proc.returncode == 130, stderr
    board = json.loads(stdout)
    assert board["interrupted"] is True
    # those written before the signal, and the few a worker had in hand (two
    # workers, one more document queued each at most)
    assert written <= len(board["rows"]) <= written + 6
    assert board["not_reviewed"] == 400 - len(board["rows"])
    assert all(r["status"] == "reviewed" for r in board["rows"])
    assert json.loads((out / "board.json").read_text())["rows"] == board["rows"]
    assert "Traceback" not in stderr
    assert "interrupted" in stderr


def test_review_with_several_files_is_a_batch(meeting: Path) -> None:
    code, stdout, stderr = invoke("review", str(meeting / "team-a/prfaq.md"),
                                  str(meeting / "team-b/flawed.docx"), "--fast", "-f", "json",
                                  "--fail-on", "not-ready")
    assert code == 1, stderr
    board = json.loads(stdout)
    assert board["schema"] == "prereview.batch/1"
    assert [(r["path"], r["verdict"]) for r in board["rows"]] == [
        ("team-b/flawed.docx", "not-ready"), ("team-a/prfaq.md", "ready")]


def test_review_concise_for_one_file(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    code, stdout, stderr = invoke("review", str(docs["tbd"]), "-r", str(tiny_rubric),
                                  "--fast", "-f", "concise")
    assert (code, stderr) == (0, "")
    assert stdout == (f"{docs['tbd']}:3:12: blocker tiny.no-tbd \"TBD\" found\n"
                      f"{docs['tbd']}:3:35: minor tiny.no-very \"very\" found\n")
    code, stdout, _ = invoke("review", str(docs["clean"]), "-r", str(tiny_rubric), "--fast",
                             "-f", "concise")
    assert (code, stdout) == (0, "\n")


def test_default_path_is_in_process_without_prefect(meeting: Path, tmp_path: Path) -> None:
    probe = ("import sys, runpy; sys.argv = ['prereview'] + sys.argv[1:];\n"
             "try:\n    runpy.run_module('prereview.cli', run_name='__main__')\n"
             "finally:\n    sys.stderr.write('PREFECT=%s\\n' % ('prefect' in sys.modules))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREREVIEW_HOME"] = str(tmp_path / "home")
    proc = subprocess.run([sys.executable, "-c", probe, "batch", str(meeting), "-f", "json"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["rows"]) == 6
    assert proc.stderr == "PREFECT=False\n"
