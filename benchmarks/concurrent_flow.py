"""N reviews at once on the flow path, sharing one PREFECT_HOME (issue 10, item 6).

Each review is a fresh ``prereview review FILE --out DIR`` (the flow path) process with
no ``PREFECT_API_URL``, so every one starts Prefect's temporary server on the
same SQLite database; a fresh home makes the first start-up migrate it. The
script reports how many succeeded, the exit codes, the wall time of each and
any stderr line (there should be none but the report paths' absence).

    .venv/bin/python benchmarks/concurrent_flow.py             # 8 at once, fresh home
    .venv/bin/python benchmarks/concurrent_flow.py -n 8 --home /tmp/used-home

Exit code 0 when every review succeeded and wrote its reports, 1 otherwise.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=8, help="reviews at once (default 8)")
    parser.add_argument("--file", type=Path, default=REPO / "samples" / "prfaq-strong.md")
    parser.add_argument("--home", type=Path, default=None,
                        help="the shared PREFECT_HOME (default: a fresh temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prereview-concurrent-") as tmp:
        root = Path(tmp)
        home = args.home or root / "prefect"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PREFECT_", "PREREVIEW_", "OPENAI_"))}
        env.update(PREFECT_HOME=str(home), PREREVIEW_HOME=str(root / "prereview"))
        started = time.perf_counter()
        procs = []
        for i in range(args.n):
            out = root / f"out-{i}"
            procs.append((out, time.perf_counter(), subprocess.Popen(
                [str(SCRIPT), "review", str(args.file), "--out", str(out), "-f", "json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)))
        ended: dict[int, float] = {}
        while len(ended) < len(procs):
            for i, (_, _, proc) in enumerate(procs):
                if i not in ended and proc.poll() is not None:
                    ended[i] = time.perf_counter()
            time.sleep(0.2)
        runs = []
        for i, (out, began, proc) in enumerate(procs):
            stdout, stderr = proc.communicate(timeout=900)
            lines = stderr.splitlines()
            runs.append({
                "exit": proc.returncode,
                "seconds": round(ended[i] - began, 1),
                "wrote": (out / "review.json").is_file(),
                "stdout": stdout.strip(),
                "stderr_lines": len(lines),
                "stderr_errors": sorted({line.split(" - ", 1)[-1][:160] for line in lines
                                         if "ERROR" in line or "Error" in line})[:5],
            })
        ok = sum(1 for r in runs if r["exit"] == 0 and r["wrote"])
        result = {"reviews": args.n, "succeeded": ok, "fresh_home": args.home is None,
                  "wall_seconds": round(time.perf_counter() - started, 1),
                  "load_average": os.getloadavg(), "runs": runs}
        print(json.dumps(result, indent=2))
    return 0 if ok == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
