#!/usr/bin/env python3
"""Dump the engine's review of every corpus document, and diff two dumps.

A speed change must make the same decisions faster: before and after it, every
review (criteria, statuses, scores, notes, findings with quotes, anchors and
fingerprints; everything but the timings and the rubric's version hash) must be
byte-identical.

Usage:
    python benchmarks/corpus_reviews.py dump OUT_DIR [--corpus DIR]
    python benchmarks/corpus_reviews.py diff BEFORE_DIR AFTER_DIR

``dump`` writes one JSON file per document (its path under the corpus, ``/``
as ``__``) plus the samples' .docx and Markdown files; ``diff`` prints every
file that differs (or is missing on one side) and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def documents(corpus: Path) -> list[tuple[str, Path]]:
    """(name, path) of every .md/.docx of the corpus and the samples."""
    out = [(str(p.relative_to(corpus)), p) for p in sorted(corpus.rglob("*"))
           if p.is_file() and p.suffix in (".md", ".docx")]
    samples = ROOT / "samples"
    out += [(f"samples/{p.relative_to(samples)}", p) for p in sorted(samples.rglob("*"))
            if p.is_file() and p.suffix in (".md", ".docx")]
    return out


def review_json(path: Path) -> str:
    """The review without its timings and the rubric's version hash (which any
    edit of the rubric's text changes), as stable JSON (the path is the file's
    name, so dumps from two checkouts compare)."""
    from prereview.engine import review_path

    review = review_path(path)
    data = review.model_dump(mode="json", exclude={"timings"})
    data["document"]["path"] = path.name
    data["rubric"].pop("version", None)  # a hash of the rubric's text, not a decision
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def dump(out: Path, corpus: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for name, path in documents(corpus):
        try:
            text = review_json(path)
        except Exception as exc:  # an error is a result to compare too
            text = f"ERROR {type(exc).__name__}: {exc}\n"
        (out / (name.replace("/", "__") + ".json")).write_text(text, encoding="utf-8")
    return 0


def diff(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    bad = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            bad += 1
            continue
        old, new = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        if old != new:
            bad += 1
            lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(),
                                              str(a), str(b), lineterm="", n=1))
            print("\n".join(lines[:40]))
    print(f"{len(names)} reviews compared, {bad} differ", file=sys.stderr)
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, args.corpus)
    return diff(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
