"""N runs of ``prereview review FILE --flow``, one after another, each in a fresh
``PREFECT_HOME`` with no Prefect server configured (issue 9: "run 20 times in fresh
homes with no failure").

Every run starts Prefect's temporary server on a new SQLite database (so it also
migrates it). The script reports, per run, the exit code, the wall time, whether
stdout parsed as the review's JSON, the number of stderr lines and whether any of
them is a Python traceback; then the totals.

    .venv/bin/python benchmarks/fresh_homes.py               # 20 runs
    .venv/bin/python benchmarks/fresh_homes.py -n 5 --file samples/narrative.md

Exit code 0 when every run exited 0 with a parsable review and no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("prereview")


def one_run(file: Path, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="prereview-fresh-") as tmp:
        root = Path(tmp)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PREFECT_", "PREREVIEW_", "OPENAI_"))}
        env.update(PREFECT_HOME=str(root / "prefect"), PREREVIEW_HOME=str(root / "prereview"))
        started = time.perf_counter()
        try:
            proc = subprocess.run(
                [str(SCRIPT), "review", "--flow", str(file), "--format", "json"],
                capture_output=True, text=True, env=env, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return {"exit": None, "seconds": round(time.perf_counter() - started, 1),
                    "json": False, "stderr_lines": 0, "traceback": False, "timeout": True}
        seconds = time.perf_counter() - started
        try:
            parsed = json.loads(proc.stdout).get("schema") is not None
        except ValueError:
            parsed = False
        lines = proc.stderr.splitlines()
        return {
            "exit": proc.returncode,
            "seconds": round(seconds, 1),
            "json": parsed,
            "stderr_lines": len(lines),
            "traceback": any("Traceback (most recent call last)" in line for line in lines),
            "stderr_head": lines[:3],
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="runs (default 20)")
    parser.add_argument("--file", type=Path, default=REPO / "samples" / "prfaq-strong.md")
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds per run")
    args = parser.parse_args()
    load_start = os.getloadavg()
    runs = []
    for i in range(args.n):
        run = one_run(args.file, args.timeout)
        print(f"run {i + 1}: {run}", file=sys.stderr, flush=True)
        runs.append(run)
    ok = [r for r in runs if r["exit"] == 0 and r["json"] and not r["traceback"]]
    seconds = sorted(float(str(r["seconds"])) for r in runs)
    exits: dict[str, int] = {}
    for r in runs:
        exits[str(r["exit"])] = exits.get(str(r["exit"]), 0) + 1
    result = {
        "runs": args.n, "succeeded": len(ok), "exit_codes": exits,
        "with_traceback": sum(1 for r in runs if r["traceback"]),
        "with_stderr": sum(1 for r in runs if r["stderr_lines"]),
        "seconds_min": seconds[0], "seconds_median": seconds[len(seconds) // 2],
        "seconds_max": seconds[-1],
        "load_average_start": load_start, "load_average_end": os.getloadavg(),
        "detail": runs,
    }
    print(json.dumps(result, indent=2))
    return 0 if len(ok) == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
