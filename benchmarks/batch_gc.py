#!/usr/bin/env python3
"""The garbage collector's share of a review, with Python's default settings and
with a batch worker's (``prereview.batch.gctune``): ``../shared/corpus``'s first
``--docs`` Markdown files reviewed by ``engine.run`` in one process, the time
inside collections measured with ``gc.callbacks`` (CPU time, so other load on
the machine moves it less than wall time). See benchmarks/README.md, "Batch".

Usage: python benchmarks/batch_gc.py [--docs 60] [--rounds 2]
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    import prereview.batch.preload  # noqa: F401 (what a worker has loaded)
    from prereview import engine
    from prereview.batch import gctune

    files = sorted(p for p in CORPUS.rglob("*.md") if p.name != "README.md")[: args.docs]
    engine.run(files[0])  # warm-up
    inside = [0.0]
    began = [0.0]

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            began[0] = time.process_time()
        else:
            inside[0] += time.process_time() - began[0]

    gc.callbacks.append(callback)
    results: dict[str, list[dict[str, float]]] = {"default": [], "gctune": []}
    for _ in range(args.rounds):
        for label in results:
            inside[0] = 0.0
            counts = sum(s["collections"] for s in gc.get_stats())
            started = time.process_time()
            if label == "gctune":
                with gctune.tuned():
                    for f in files:
                        engine.run(f)
            else:
                for f in files:
                    engine.run(f)
            total = time.process_time() - started
            results[label].append({
                "ms_per_doc": round(1000 * total / len(files), 1),
                "gc_ms_per_doc": round(1000 * inside[0] / len(files), 2),
                "collections": sum(s["collections"] for s in gc.get_stats()) - counts,
            })
    print(json.dumps({"docs": len(files), "results": results}, indent=2))


if __name__ == "__main__":
    main()
