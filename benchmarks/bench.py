#!/usr/bin/env python3
"""Reproducible timings for prereview (see benchmarks/README.md).

1. Engine only: ``prereview.engine.review_path`` (ingest, rubric choice, rule
   checks, scoring: rules only, no Prefect) on every .md/.docx file under the
   corpus directory, one run per file after a warm-up.
2. CLI wall time for one file, each a fresh process: ``--fast`` (no Prefect),
   the flow with no Prefect server configured (Prefect starts a temporary local
   server), and, with ``--api-url``, the flow against a running
   ``prefect server start``. Uses ``hyperfine`` when installed, else repeated
   runs.

Usage: python benchmarks/bench.py [--corpus DIR] [--file FILE] [--runs N]
       [--api-url http://127.0.0.1:4200/api] [--skip-engine] [--skip-cli]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_FILE = ROOT / "samples" / "prfaq-strong.md"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_engine(corpus: Path) -> dict[str, object]:
    from prereview.engine import review_path

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".md", ".docx"))
    if not files:
        raise SystemExit(f"no .md/.docx files under {corpus}")
    review_path(files[0])  # warm-up: imports, regex compilation, dictionaries
    rows: list[tuple[float, int, str]] = []
    errors: list[str] = []
    for path in files:
        started = time.perf_counter()
        try:
            review = review_path(path)
        except Exception as exc:  # a benchmark reports failures, it does not stop
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        rows.append((time.perf_counter() - started, review.document.words, str(path)))
    seconds = [r[0] for r in rows]
    words = sum(r[1] for r in rows)
    return {
        "files": len(files),
        "errors": errors,
        "total_s": round(sum(seconds), 3),
        "mean_ms": round(1000 * statistics.mean(seconds), 1),
        "p50_ms": round(1000 * _pct(seconds, 0.5), 1),
        "p95_ms": round(1000 * _pct(seconds, 0.95), 1),
        "max_ms": round(1000 * max(seconds), 1),
        "slowest": Path(max(rows)[2]).name,
        "words": words,
        "words_per_s": round(words / sum(seconds)),
    }


def _time_runs(
    cmd: list[str], env: dict[str, str], runs: int, warmup: int
) -> dict[str, object]:
    """Wall time of a fresh process, with hyperfine when available."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                [hyperfine, "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                 "--export-json", out.name, "--", shlex.join(cmd)],
                env=env, check=True, stdout=subprocess.DEVNULL,
            )
            result = json.loads(Path(out.name).read_text())["results"][0]
        return {"mean_s": round(result["mean"], 3), "min_s": round(result["min"], 3),
                "max_s": round(result["max"], 3), "runs": runs, "tool": "hyperfine"}
    for _ in range(warmup):
        subprocess.run(cmd, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"mean_s": round(statistics.mean(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs, "tool": "repeat"}


def bench_cli(file: Path, runs: int, api_url: str | None) -> dict[str, object]:
    script = Path(sys.executable).with_name("prereview")
    base = [str(script) if script.exists() else "prereview", "review", str(file),
            "--format", "json"]
    home = Path(tempfile.mkdtemp(prefix="prereview-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PREREVIEW_"))}
    env.update(PREREVIEW_HOME=str(home), PREFECT_HOME=str(home / "prefect"))
    out: dict[str, object] = {}
    out["fast"] = _time_runs([*base, "--fast"], env, runs * 2, warmup=1)
    # the first flow run in a new PREFECT_HOME also creates the database
    started = time.perf_counter()
    subprocess.run(base, env=env, check=True, capture_output=True)
    out["flow_ephemeral_first_run_s"] = round(time.perf_counter() - started, 3)
    out["flow_ephemeral"] = _time_runs(base, env, runs, warmup=0)
    if api_url:
        out["flow_server"] = _time_runs(base, {**env, "PREFECT_API_URL": api_url}, runs, warmup=1)
    shutil.rmtree(home, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--api-url", default=None,
                        help="a running Prefect server's API URL, to time the flow against it")
    parser.add_argument("--skip-engine", action="store_true")
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args()

    result: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
                   f"{platform.python_version()}, load {os.getloadavg()[0]:.2f}",
    }
    if not args.skip_engine:
        if args.corpus.is_dir():
            result["engine"] = bench_engine(args.corpus)
        else:
            result["engine"] = f"skipped: no corpus at {args.corpus}"
    if not args.skip_cli:
        result["cli"] = bench_cli(args.file.resolve(), args.runs, args.api_url)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
