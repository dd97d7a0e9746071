"""The temporary Prefect server the CLI starts for a flow run (no PREFECT_API_URL):
the run is recorded in it, the CLI process never imports Prefect's server
modules, and the server is gone when the command has exited."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PROBE = (
    "import sys, runpy; sys.argv = ['prereview'] + sys.argv[1:]\n"
    "try:\n    runpy.run_module('prereview.cli', run_name='__main__')\n"
    "finally:\n"
    "    t = sys.modules.get('prereview_flows.tempserver')\n"
    "    sys.stderr.write('SERVER_MODULES=%s PIDS=%s\\n' % (\n"
    "        'prefect.server.api.server' in sys.modules,\n"
    "        ','.join(str(p.pid) for p in (t._PROCESSES if t else []))))\n"
)


def test_batch_flow_on_the_temporary_server(
        tmp_path: Path, isolated_env: Callable[..., dict[str, str]]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLES / "prfaq-strong.md", folder / "prfaq.md")
    shutil.copy(SAMPLES / "design-doc.md", folder / "design.md")
    env = isolated_env()
    proc = subprocess.run([sys.executable, "-c", PROBE, "batch", str(folder), "--flow",
                           "-f", "json", "-j", "1"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    board = json.loads(proc.stdout)
    assert sorted((r["path"], r["status"]) for r in board["rows"]) == [
        ("design.md", "reviewed"), ("prfaq.md", "reviewed")]
    last = proc.stderr.splitlines()[-1]
    assert last.startswith("SERVER_MODULES=False PIDS="), proc.stderr
    pids = [int(p) for p in last.removeprefix("SERVER_MODULES=False PIDS=").split(",") if p]
    assert len(pids) == 1
    try:
        os.kill(pids[0], 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive, "the temporary server outlived the command"
    with sqlite3.connect(Path(env["PREFECT_HOME"]) / "prefect.db") as db:
        flows = db.execute("SELECT id, state_type FROM flow_run").fetchall()
        assert [state for _, state in flows] == ["COMPLETED"]
        tasks = db.execute("SELECT name, state_type FROM task_run WHERE flow_run_id = ?",
                           (flows[0][0],)).fetchall()
    assert sorted((n.rsplit("-", 1)[0], s) for n, s in tasks) == [
        ("publish-board", "COMPLETED"), ("review-group", "COMPLETED")]
