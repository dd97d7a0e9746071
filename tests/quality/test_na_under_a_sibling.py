"""A bare "N/A" under one heading of a part is that heading unanswered, not the whole
part's answer (issue 8, fresh reading 3: a KEP whose compatibility fills its Risks
and Mitigations, Upgrade/Downgrade and Version Skew sections was failed as
"'Risks and Mitigations' answers 'N/A'", the N/A being under "Notes/Constraints/
Caveats (Optional)"). An optional heading answered "N/A" is the author's to leave;
the template's required Drawbacks answered "N/A" is that heading left unanswered,
said so; a part answered only "N/A" is still no answer. Layout: the KEP of
test_graduation_kep.py."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "proposal-kep-graduation.md"
RISKS = "### Risks and Mitigations"


def _compat(text: str) -> tuple[Status, str, list[str]]:
    result = by_id(review_layout(LAYOUT, text))["proposal.compatibility"]
    return result.status, result.note or "", [f.message for f in result.findings]


def test_an_optional_sibling_answered_na_is_not_the_parts_answer() -> None:
    notes = "### Notes/Constraints/Caveats (Optional)\n\nN/A\n\n"
    text = edited_layout(LAYOUT, RISKS, notes + RISKS)
    status, note, _ = _compat(text)
    assert status == Status.PASSED, note
    assert "which is not an answer" not in note


def test_drawbacks_answered_na_is_that_heading_unanswered() -> None:
    text = edited_layout(LAYOUT, "## Implementation History",
                         "## Drawbacks\n\nN/A\n\n## Implementation History")
    status, note, messages = _compat(text)
    assert status == Status.FAILED
    assert note.endswith("'Drawbacks' of the same part left empty")
    assert any(m.startswith("'Drawbacks' answers only 'N/A'") for m in messages)


def test_a_part_answered_only_na_is_no_answer() -> None:
    base = edited_layout(LAYOUT, RISKS, RISKS)
    start = base.index(RISKS) + len(RISKS)
    end = base.index("## Design Details")
    text = base[:start] + "\n\nN/A\n\n" + base[end:]
    status, note, _ = _compat(text)
    assert status == Status.FAILED
    assert note == ("drawbacks and compatibility: 'Risks and Mitigations' answers 'N/A', "
                    "which is not an answer")
