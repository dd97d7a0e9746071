#!/usr/bin/env python3
"""Where the engine's time goes, against the parse floor, in one process.

Reviews every .md/.docx file under the corpus (``prereview.engine.review_path``,
one warm-up file first, as ``bench.py`` does) and times, by CPU time
(``time.process_time``): each engine step (ingest, rubric choice, rule checks,
scoring) and each check kind (all criteria of that kind summed; a kind that
first needs a per-document reading, such as sentences or sections, pays for it),
next to markdown-it-py parsing the same files (``bench.bench_parse``). With
``--rounds N`` the corpus is reviewed N times in fresh processes and the median
of each figure is kept (the per-process caches, such as syllables, are cold in
each round, as in ``bench.py``).

Usage: python benchmarks/engine_profile.py [--corpus DIR] [--rounds N]
       [--cprofile N]   # also print cProfile's N costliest functions (one round)
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import DEFAULT_CORPUS, bench_parse, corpus_files  # noqa: E402


def one_round(corpus: Path) -> dict[str, Any]:
    import prereview.checks.runner as runner
    import prereview.engine as engine

    files = corpus_files(corpus)
    engine.review_path(files[0])  # warm-up: imports, regex compilation
    kinds: collections.Counter[str] = collections.Counter()
    steps: collections.Counter[str] = collections.Counter()
    run_criterion = runner.run_criterion

    def timed_criterion(ctx: Any, criterion: Any, recounts: Any = None) -> Any:
        started = time.process_time()
        result = run_criterion(ctx, criterion, recounts)
        kind = criterion.check.kind if criterion.check is not None else "judgment"
        kinds[kind] += time.process_time() - started
        return result

    def timed(fn: Any, name: str) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            result = fn(*args, **kwargs)
            steps[name] += time.process_time() - started
            return result
        return wrapper

    runner.run_criterion = timed_criterion  # type: ignore[assignment]
    engine.load_document = timed(engine.load_document, "ingest")
    engine.choose_rubric = timed(engine.choose_rubric, "rubric choice")
    engine.check_document = timed(engine.check_document, "rule checks")
    engine.score = timed(engine.score, "scoring")
    floor = float(bench_parse(files)["cpu_s"])  # best of three, as bench.py
    started = time.process_time()
    for path in files:
        engine.review_path(path)
    total = time.process_time() - started
    return {"files": len(files), "engine_cpu_s": total, "parse_cpu_s": floor,
            "steps": dict(steps), "kinds": dict(kinds)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cprofile", type=int, default=0)
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        if args.cprofile:
            import cProfile
            import pstats
            profile = cProfile.Profile()
            profile.enable()
            one_round(args.corpus)
            profile.disable()
            pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(
                args.cprofile)
            return
        print(json.dumps(one_round(args.corpus)))
        return
    rounds = []
    for _ in range(max(1, args.rounds)):
        out = subprocess.run([sys.executable, __file__, "--one", "--corpus", str(args.corpus)],
                             check=True, capture_output=True, text=True).stdout
        rounds.append(json.loads(out))
    if args.cprofile:
        subprocess.run([sys.executable, __file__, "--one", "--corpus", str(args.corpus),
                        "--cprofile", str(args.cprofile)], check=True)

    def median(get: Any) -> float:
        return statistics.median(get(r) for r in rounds)

    floor = median(lambda r: r["parse_cpu_s"])
    engine = median(lambda r: r["engine_cpu_s"])
    ratios = [r["engine_cpu_s"] / r["parse_cpu_s"] for r in rounds]
    rows = [("markdown-it-py parse only (the floor)", floor),
            ("engine, whole review", engine)]
    rows += [(f"step: {s}", median(lambda r, s=s: r["steps"].get(s, 0.0)))
             for s in rounds[0]["steps"]]
    kinds = sorted(rounds[0]["kinds"], key=lambda k: -rounds[0]["kinds"][k])
    rows += [(f"kind: {k}", median(lambda r, k=k: r["kinds"].get(k, 0.0))) for k in kinds]
    print(json.dumps({"rounds": rounds, "engine_over_parse_cpu": [round(x, 2) for x in ratios],
                      "median_engine_over_parse_cpu": round(statistics.median(ratios), 2)},
                     indent=1))
    print(f"\n{len(rounds)} rounds, {rounds[0]['files']} files; medians of CPU seconds\n",
          file=sys.stderr)
    print("| | CPU s | x the parse floor |\n|---|---:|---:|", file=sys.stderr)
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / floor:.2f} |", file=sys.stderr)
    print(f"\nengine / parse per round: {', '.join(f'{x:.2f}' for x in ratios)}; "
          f"median {statistics.median(ratios):.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
