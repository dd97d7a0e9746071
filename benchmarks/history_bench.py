"""History store under concurrent writers: every corpus document reviewed by a
process pool into one store (SQLite file or PostgreSQL URL), twice; prints the
time and the row counts, which must be exact (one document, revision and review
per file; the second run adds nothing).

    python benchmarks/history_bench.py sqlite:////tmp/hb.db
    python benchmarks/history_bench.py postgresql+psycopg://user@127.0.0.1:5432/db
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from prereview import engine
from prereview.history import Tracking
from prereview.history.store import dispose_engines

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TABLES = ("documents", "revisions", "reviews", "findings")


def _review(job: tuple[str, str]) -> tuple[int, str | None]:
    path, url = job
    try:
        review = engine.run(path, tracking=Tracking(url=url)).review
    except Exception as exc:  # a row in the report, not a crash of the pool
        return 0, f"{path}: {type(exc).__name__}: {exc}"
    return len(review.findings), None


def _counts(url: str) -> dict[str, int]:
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in TABLES}
    finally:
        eng.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="SQLAlchemy URL of an empty store")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    docs = sorted(str(p) for p in args.corpus.rglob("*.md")
                  if p.name != "README.md" and "licenses" not in p.parts)
    for attempt in (1, 2):
        started = time.perf_counter()
        dispose_engines()
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            results = pool.map(_review, [(d, args.url) for d in docs], chunksize=2)
        errors = [e for _, e in results if e]
        print(f"run {attempt}: {len(docs)} documents in {time.perf_counter() - started:.1f} s, "
              f"{len(errors)} errors, {sum(n for n, _ in results)} findings; "
              f"rows {_counts(args.url)}", flush=True)
        for error in errors[:5]:
            print(f"  {error}")


if __name__ == "__main__":
    main()
