"""Review time grows like the input on pathological Markdown: four times the bytes
cost at most about four times the time (a quadratic path would cost sixteen).

Ratios of the best of three runs (CPU time), never absolute times (a loaded machine slows
both sizes alike); the shapes are in tests/md_shapes.py, shared with benchmarks/big_inputs.py
(which times them at 5 MB, with their peak memory).
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

import pytest

from prereview.engine import run

SHAPES = sys.modules["prereview_test_md_shapes"].SHAPES  # tests/md_shapes.py (conftest)
SMALL = 10_000


def _best_of_three(path: Path) -> float:
    """CPU time (other processes' load disturbs it less), with the cyclic garbage
    collector paused: its full passes over every live object make a big input's
    run look superlinear by chance (a 16,000-row table 5.1x a 4,000-row one with
    it, 4.2x without), and that is Python's cost, not a rule's."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            run(path)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize("name", list(SHAPES))
def test_review_time_grows_linearly(name: str, tmp_path: Path) -> None:
    costs: dict[int, float] = {}
    for size in (SMALL, 4 * SMALL):
        path = tmp_path / f"{size}.md"
        path.write_text("# Shape\n\n" + SHAPES[name](size) + "\n", encoding="utf-8")
        costs[size] = _best_of_three(path)
    # linear is 4x; allow noise and fixed costs, well under quadratic's 16x
    assert costs[4 * SMALL] < 8 * max(costs[SMALL], 0.02), costs
