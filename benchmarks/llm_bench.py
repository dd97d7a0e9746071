#!/usr/bin/env python3
"""The LLM reviewer over the corpus, against the fake server (see README.md).

Starts the scripted fake OpenAI-compatible server from ``tests/fakes`` on
127.0.0.1 with a fixed latency per request, then reviews every .md/.docx file of
the corpus with the reviewer on, through the Prefect task (``flows/llm.py``:
retries, concurrency limit, result cache), twice: the first run with an empty
cache, the second with the cache the first one filled. Reports the wall time of
each run, requests and estimated tokens per document, and the second run's
request count, which must be zero (exit 1 otherwise).

The cache and Prefect's local state go to a temporary PREREVIEW_HOME unless
``--home`` is given. No key, no network: the fake server answers every request.

Usage: python benchmarks/llm_bench.py [--corpus DIR] [--latency 0.5]
       [--workers 8] [--concurrency 4] [--json out.json] [--home DIR]
       [--api-url http://127.0.0.1:4200/api]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def load_fakes() -> ModuleType:
    path = ROOT / "tests" / "fakes" / "openai_server.py"
    spec = importlib.util.spec_from_file_location("prereview_bench_fakes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def review_one(path: Path, settings: Any) -> dict[str, Any]:
    from prereview import engine
    from prereview.checks import run_checks
    from prereview.ingest import load_document
    from prereview.reviewer import llm_review
    from prereview_flows.llm import run_requests_prefect

    started = time.perf_counter()
    document = load_document(path)
    rubric, _ = engine.choose_rubric(document, None)
    results = run_checks(document, rubric)
    reviewing = time.perf_counter()
    out = llm_review(document, rubric, results, settings, execute=run_requests_prefect)
    done = time.perf_counter()
    return {
        "file": str(path),
        "rubric": rubric.id,
        "words": document.words,
        "chunks": len(out.requests),
        "calls": out.usage.calls,
        "input_tokens": out.usage.input_tokens,
        "output_tokens": out.usage.output_tokens,
        "cache_hits": out.usage.cache_hits,
        "dropped": out.usage.dropped_unverified,
        "error": out.usage.error,
        "seconds": done - started,
        "llm_seconds": done - reviewing,
    }


def run_corpus(files: list[Path], settings: Any, workers: int, server: Any) -> dict[str, Any]:
    before = len(server.chat_requests)
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(review_one, path, settings): path for path in files}
        for future, path in futures.items():
            try:
                rows.append(future.result())
            except Exception as exc:  # a benchmark reports failures, it does not stop
                errors.append(f"{path}: {type(exc).__name__}: {exc}")
    wall = time.perf_counter() - started
    return {
        "wall_seconds": round(wall, 2),
        "documents": len(rows),
        "requests": len(server.chat_requests) - before,
        "calls_recorded": sum(r["calls"] for r in rows),
        "input_tokens": sum(r["input_tokens"] for r in rows),
        "output_tokens": sum(r["output_tokens"] for r in rows),
        "cache_hits": sum(r["cache_hits"] for r in rows),
        "llm_seconds": round(sum(r["llm_seconds"] for r in rows), 2),
        "llm_errors": [f"{r['file']}: {r['error']}" for r in rows if r["error"]],
        "errors": errors,
        "rows": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--latency", type=float, default=0.5,
                        help="seconds the fake server waits before each reply")
    parser.add_argument("--workers", type=int, default=8,
                        help="documents reviewed at once")
    parser.add_argument("--concurrency", type=int, default=4,
                        help="PREREVIEW_LLM_MAX_CONCURRENCY: requests in flight")
    parser.add_argument("--home", type=Path, default=None,
                        help="PREREVIEW_HOME (default: a fresh temporary directory)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--api-url", default=None,
                        help="PREFECT_API_URL of a running `prefect server start`: requests "
                             "then share its global concurrency limit 'prereview-llm'")
    args = parser.parse_args()
    if args.api_url:
        os.environ["PREFECT_API_URL"] = args.api_url

    home = args.home or Path(tempfile.mkdtemp(prefix="prereview-llm-bench-"))
    os.environ["PREREVIEW_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    from prereview_flows.settings import configure_prefect_env

    configure_prefect_env()  # quiet logging, Prefect state under PREREVIEW_HOME
    fakes = load_fakes()
    from prereview.reviewer.settings import ReviewerSettings

    files = sorted(p for p in args.corpus.rglob("*")
                   if p.is_file() and p.suffix in (".md", ".docx"))
    if not files:
        raise SystemExit(f"no .md/.docx files under {args.corpus}")
    # Start Prefect's local server once, before threads race to start it (inside a
    # flow run, as in `prereview review --llm`, it is already up).
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        client.hello()
    with fakes.FakeOpenAI(latency=args.latency) as server:
        settings = ReviewerSettings(api_key=fakes.TEST_API_KEY, base_url=server.url,
                                    timeout=max(10.0, args.latency * 4),
                                    max_concurrency=args.concurrency,
                                    cache_dir=home / "llm-cache")
        first = run_corpus(files, settings, args.workers, server)
        second = run_corpus(files, settings, args.workers, server)

    print(f"corpus: {args.corpus} ({len(files)} files), fake server latency "
          f"{args.latency:g} s/request, {args.workers} documents at once, "
          f"{args.concurrency} requests in flight at most")
    print(f"PREREVIEW_HOME: {home}; Prefect: "
          f"{args.api_url or 'no server configured (temporary local server, local bound)'}\n")
    print(f"{'document':52} {'rubric':10} {'words':>6} {'req':>4} {'in tok':>7} "
          f"{'out tok':>7} {'llm s':>6} {'total s':>7}")
    for row in sorted(first["rows"], key=lambda r: r["file"]):
        name = Path(row["file"]).name
        print(f"{name[:52]:52} {row['rubric']:10} {row['words']:6d} {row['calls']:4d} "
              f"{row['input_tokens']:7d} {row['output_tokens']:7d} {row['llm_seconds']:6.2f} "
              f"{row['seconds']:7.2f}")
    docs = max(1, first["documents"])
    print()
    for label, run in (("first run (empty cache)", first), ("second run (cached)", second)):
        print(f"{label:25} wall {run['wall_seconds']:6.2f} s (LLM step, summed over "
              f"documents: {run['llm_seconds']:6.2f} s)  HTTP requests {run['requests']:4d}  "
              f"cache hits {run['cache_hits']:4d}  input tokens {run['input_tokens']:7d}  "
              f"output tokens {run['output_tokens']:6d}")
    print("(wall includes ingest and rule checks of every document; 'LLM step' is the "
          "reviewer alone: plan, requests or cache lookups, verification, merge)")
    print(f"\nper document (first run): {first['requests'] / docs:.2f} requests, "
          f"{first['input_tokens'] / docs:,.0f} input tokens, "
          f"{first['output_tokens'] / docs:,.0f} output tokens")
    for problem in first["errors"] + second["errors"] + first["llm_errors"]:
        print(f"ERROR {problem}")
    ok = second["requests"] == 0 and not first["errors"] and not second["errors"]
    print(f"\nsecond run requests: {second['requests']} "
          f"({'OK: zero' if second['requests'] == 0 else 'FAIL: must be zero'})")
    if args.json:
        args.json.write_text(json.dumps({"first": first, "second": second,
                                         "latency": args.latency, "workers": args.workers,
                                         "concurrency": args.concurrency}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
