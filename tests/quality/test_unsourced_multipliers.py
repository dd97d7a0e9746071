"""Statistics with no source (blind reading 3, class 7): a multiplier or a range of
multipliers ("2-3x faster than DEFLATE") with nothing to say where it comes from
is an unsourced statistic; a benchmark, a measurement, a link in the sentence or a
target ("at least 2x faster") is not."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status


def _unsourced(tmp_path: Path, body: str) -> tuple[Status, list[str]]:
    doc = tmp_path / "prfaq.md"
    doc.write_text(
        "# Ledgerly Launches Fast Exports\n\n"
        "SEATTLE, WA — June 1, 2027 — Ledgerly today launched Fast Exports.\n\n"
        + body + "\n\n## FAQ\n\n### What does it cost?\n\nNothing.\n",
        encoding="utf-8",
    )
    c = next(c for c in run(doc).review.criteria if c.id == "style.unsourced-statistics")
    return c.status, [f.quote or "" for f in c.findings]


def test_a_multiplier_with_no_source_is_unsourced(tmp_path: Path) -> None:
    assert _unsourced(tmp_path, "- **Zip**: 2-3x faster compression than DEFLATE for shops.\n"
                      "- Exports run 10 times cheaper than the old batch job.") == (
        Status.FAILED, ["2-3x faster", "10 times cheaper"])


def test_a_sourced_or_required_multiplier_is_not(tmp_path: Path) -> None:
    assert _unsourced(
        tmp_path,
        "Our benchmarks show exports 3x faster than the macro. Exports are "
        "[2x faster](https://example.com/bench.sh) on 400 shops. The new export must be "
        "at least 2x faster than the old one. We measured 1.5x smaller files.",
    ) == (Status.PASSED, [])
