"""A KEP that graduates a shipped feature does not owe alternatives (issue 8, blind
reading 11: "Graduate ScheduleDaemonSetPods to GA" failed Alternatives; reader: "the
design choice was made at alpha, a GA-graduation KEP does not owe a fresh
alternatives analysis"). A title that graduates or promotes the feature to GA,
stable or beta, with no Alternatives heading, makes the criterion not applicable;
an Alternatives section it has is read, and any other KEP still owes one. Layout
written here: a GA graduation KEP in the current template's shape."""

from __future__ import annotations

import pytest
from tests.quality.support import by_id, edited_layout, review_layout

from prereview.review import Status

LAYOUT = "proposal-kep-graduation.md"
TITLE = "# KEP-9100: Graduate NodeLeaseRenewal to GA"


def _alternatives_titled(title: str) -> Status:
    text = edited_layout(LAYOUT, TITLE, title)
    return by_id(review_layout(LAYOUT, text))["proposal.alternatives"].status


def test_a_graduation_kep_is_not_asked_for_alternatives() -> None:
    review = review_layout(LAYOUT)
    result = by_id(review)["proposal.alternatives"]
    assert result.status == Status.NOT_APPLICABLE
    assert result.note is not None and "graduates a feature designed" in result.note
    assert result.findings == []


@pytest.mark.parametrize("title", [
    "# Promote NodeLeaseRenewal to GA",
    "# NodeLeaseRenewal to GA",
    "# KEP-9100: Graduating node lease renewal to stable",
    "# Move NodeLeaseRenewal to beta",
])
def test_titles_that_graduate_a_feature(title: str) -> None:
    assert _alternatives_titled(title) == Status.NOT_APPLICABLE, title


def test_a_graduation_kep_with_alternatives_has_them_read() -> None:
    text = edited_layout(LAYOUT, "## Implementation History", (
        "## Alternatives\n\n"
        "Keeping the gate for two more releases was considered and rejected: nobody\n"
        "turns it off, and the job that tests it off costs an hour per release.\n\n"
        "## Implementation History"))
    result = by_id(review_layout(LAYOUT, text))["proposal.alternatives"]
    assert result.status == Status.PASSED
    assert result.found_at == "'Alternatives'"


@pytest.mark.parametrize("title", [
    "# KEP-9100: Node lease renewal",
    "# KEP-9100: Promote sysctl annotations to fields",
    "# KEP-9100: Graduation criteria for node leases",
])
def test_any_other_kep_still_owes_alternatives(title: str) -> None:
    assert _alternatives_titled(title) == Status.FAILED, title
