"""A bare "N/A" under Non-Goals states no scope, as a bare "N/A" under Alternatives
weighs no option (issue 8, fresh reading 2: kep-2890's "Non-Goals: - N/A" was read
as its scope while its "Alternatives: N/A" was not an answer; the reader: "the tool
rejects N/A under Alternatives and accepts it here"). An N/A with its reason still
answers. Layout: the graduation KEP of test_graduation_kep.py."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "proposal-kep-graduation.md"
NON_GOALS = "- Changing how the node lifecycle controller reads the lease."


def _scope(answer: str) -> tuple[Status, str | None]:
    text = edited_layout(LAYOUT, NON_GOALS, answer)
    result = by_id(review_layout(LAYOUT, text))["proposal.scope"]
    return result.status, result.note


def test_a_bare_na_under_non_goals_is_no_scope() -> None:
    for answer in ("- N/A", "N/A.", "Not applicable"):
        status, note = _scope(answer)
        assert status == Status.FAILED, answer
        assert note is not None and "which is not an answer" in note


def test_an_na_with_its_reason_answers() -> None:
    status, _ = _scope("N/A: the change only removes a feature gate.")
    assert status == Status.PASSED
