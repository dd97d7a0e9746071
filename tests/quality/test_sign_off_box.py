"""The CDK RFC template's sign-off box is the approver's, in the prose too (issue 8,
a fresh reading: "[ ] Signed-off by API Bar Raiser @xxxxx" under the README failed
style.placeholders as major while style.unfinished, reading the same line, said
"left to the approver, not counted"). Both rules read it alike; a placeholder
handle elsewhere in the prose is still one. Layout: the CDK RFC family layout with
the box kept in the text."""

from __future__ import annotations

from prereview.review import Status

from .support import LAYOUTS, by_id, review_layout

BOX = "[ ] Signed-off by API Bar Raiser @xxxxx"


def _with(line: str) -> str:
    text = (LAYOUTS / "proposal-family-cdk.md").read_text(encoding="utf-8")
    marker = "### Why are we doing this?"
    assert marker in text
    return text.replace(marker, f"{line}\n\n{marker}", 1)


def test_the_sign_off_box_in_the_prose_is_no_placeholder() -> None:
    got = by_id(review_layout("cdk-sign-off.md", _with(BOX)))
    assert got["style.placeholders"].status == Status.PASSED
    assert got["style.placeholders"].findings == []
    note = got["style.unfinished"].note
    assert note is not None and "1 template sign-off box(es) left to the approver" in note


def test_a_placeholder_handle_in_the_authors_text_still_counts() -> None:
    got = by_id(review_layout("cdk-handle.md", _with("Reviewed with @xxxxx from the team.")))
    assert got["style.placeholders"].status == Status.FAILED
    assert [f.quote for f in got["style.placeholders"].findings] == ["@xxxxx"]
