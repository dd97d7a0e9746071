"""Launch voice and an openly labelled roadmap (blind reading 3, class 5): a
sentence that says what comes in a later version is not plan-voice for the
launch; a plan for the launch itself still is."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

HEAD = (
    "# Ledgerly Launches Same-Day Payouts\n\n"
    "SEATTLE, WA — June 1, 2027 — Ledgerly today launched Same-Day Payouts. Florists "
    "see the money in their bank by 6 pm.\n\n"
)


def _launch_voice(tmp_path: Path, body: str) -> tuple[Status, list[str]]:
    doc = tmp_path / "prfaq.md"
    doc.write_text(HEAD + body + "\n\n## FAQ\n\n### What does it cost?\n\n1% of each payout.\n",
                   encoding="utf-8")
    c = next(c for c in run(doc).review.criteria if c.id == "pr.launch-voice")
    return c.status, [f.quote or "" for f in c.findings]


def test_a_labelled_roadmap_sentence_is_not_plan_voice(tmp_path: Path) -> None:
    for sentence in (
        "Refunds and card-reader support are planned for the version 2.0 release in April 2028.",
        "Refunds will be available in a future release.",
        "Future versions will add refunds, and the team plans to add tipping on our roadmap.",
    ):
        assert _launch_voice(tmp_path, sentence) == (Status.PASSED, []), sentence


def test_a_plan_for_the_launch_itself_is_still_plan_voice(tmp_path: Path) -> None:
    status, quotes = _launch_voice(
        tmp_path, "Refunds are planned. Ledgerly plans to support every reader.")
    assert status == Status.FAILED
    assert quotes == ["are planned", "plans to"]
