"""Parts a template lets the author leave out are not unfinished (issue 8, blind
reading 9: kep-4762 and kep-5996, whose style.unfinished failed on "(Optional)"
headings and on a prompt under an option the author did not tick).

- A heading the template marks optional ("User Stories (Optional)", "Drawbacks
  [optional]", "Infrastructure Needed (Optional)") left empty is a minor note,
  quoting the section's name, never counted against the tolerance. So are the
  KEP's "Prerequisite testing updates" (tests reviewers ask for before the work
  starts, empty in most merged KEPs) and its "Deprecation" stage (only for a
  change that deprecates something).
- The prompts under an option left unticked ("- [ ] Other" / "Describe the
  mechanism:") beside a ticked one ("- [x] Feature gate") are not the author's to
  answer: not reported at all.
- A required section left empty (Drawbacks without the mark, Version Skew
  Strategy, Implementation History) still counts.

Layout document written here: a KEP of that shape with every optional part empty."""

from __future__ import annotations

from prereview.review import Severity, Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-optional-sections.md"


def _found(name: str, text: str | None = None) -> tuple[Status, list[tuple[str, Severity]], str]:
    unfinished = by_id(review_layout(name, text))["style.unfinished"]
    return (unfinished.status,
            [((f.quote or "").split("\n")[0], f.severity) for f in unfinished.findings],
            unfinished.note or "")


def test_empty_optional_sections_are_minor_notes_not_counted() -> None:
    status, found, note = _found(KEP)
    assert status == Status.PASSED
    assert found == [
        ("User Stories", Severity.MINOR),
        ("Notes/Constraints/Caveats", Severity.MINOR),
        ("Prerequisite testing updates", Severity.MINOR),
        ("Deprecation", Severity.MINOR),
        ("Drawbacks", Severity.MINOR),
        ("Infrastructure Needed", Severity.MINOR),
    ]
    assert note == ("0 unfinished part(s) (tolerance 0); 6 optional section(s) of the "
                    "template left empty, not counted")


def test_a_prompt_under_an_unticked_option_is_not_reported() -> None:
    _, found, _ = _found(KEP)
    assert "Describe the mechanism:" not in [q for q, _ in found]
    # with no option ticked, the prompt is the author's to answer or remove
    text = edited_layout(KEP, "- [x] Feature gate", "- [ ] Feature gate")
    _, found, _ = _found("kep-none-ticked.md", text)
    assert ("Describe the mechanism:", Severity.MINOR) in found


def test_required_sections_left_empty_still_count() -> None:
    text = edited_layout(KEP, "## Drawbacks [optional]", "## Drawbacks")
    text = text.replace(
        "The change is local to the kubelet; no other component reads the queues.\n",
        "<!--\nIf applicable, how will the component handle version skew?\n-->\n")
    text = text.replace(
        "- 2026-03-01: KEP merged as implementable, targeting alpha.\n",
        "<!--\nMajor milestones in the lifecycle of a KEP.\n-->\n")
    status, found, note = _found("kep-required-empty.md", text)
    # the required Drawbacks is counted once, under the part that judges it
    # (proposal.compatibility, tests/quality/test_lead_empty_parts.py), so the two
    # left are within the tolerance (tests/quality/test_counted_elsewhere.py)
    assert status == Status.PASSED
    assert [q for q, s in found if s == Severity.MAJOR] == [
        "Version Skew Strategy", "Implementation History"]
    assert "3 empty section(s) or template prompt(s) (tolerance 2)" in note
    assert "the empty heading 'Drawbacks' is counted under proposal.compatibility" in note
    assert note.endswith("within the tolerance without them")
    assert "5 optional section(s) of the template left empty, not counted" in note
