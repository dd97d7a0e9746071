"""One defect, one criterion (issue 8, blind reading 6, q-left).

- A KEP's inline ``<<[UNRESOLVED ...]>> ... <<[/UNRESOLVED]>>`` block is the KEP
  template's own mark of a question under debate: one placeholder, carried by
  ``style.placeholders`` (the labels list UNRESOLVED blocks as placeholders),
  never also an unfinished part, nor a missing Unresolved questions section (the
  KEP template has none; kep-960 counted each block three times).
- The word TODO in a sentence ("leaving the behaviors with a TODO or similar
  flag", "tests left with TODO comments") is a mention, not a placeholder; a TODO
  marker is (at the start of a line or a sentence, ``TODO:``, ``[TODO]``, alone,
  "the schema is TODO for now").
- A reference link defined as ``[s3-backend]: TODO`` is a dead link: a
  placeholder of minor weight, never the document's sole blocker (kep-1453).

Layout document written here: a KEP of that shape (two inline blocks, a TODO
mentioned in prose).
"""

from __future__ import annotations

from prereview.review import Severity, Status, Verdict

from .support import LAYOUTS, by_id, review_layout

KEP = "proposal-kep-inline-unresolved.md"


def test_each_unresolved_block_is_one_placeholder_and_nothing_else() -> None:
    review = review_layout(KEP)
    got = by_id(review)
    placeholders = got["style.placeholders"]
    assert (placeholders.status, placeholders.severity) == (Status.FAILED, Severity.BLOCKER)
    assert [(f.quote, f.location.line if f.location else None)
            for f in placeholders.findings] == [
        ("<<[UNRESOLVED who approves a behavior list for an optional feature ]>>", 37),
        ("<<[UNRESOLVED]>>", 50),
    ]
    assert placeholders.findings[1].message == (
        "'<<[UNRESOLVED]>>' marks a question the KEP leaves open: settle it before the "
        "review (or say who decides it, and when).")
    # counted once: no other criterion quotes or fails on the blocks
    assert [f.criterion for f in review.findings if "UNRESOLVED" in (f.quote or "")] == [
        "style.placeholders", "style.placeholders"]
    assert got["style.unfinished"].status == Status.PASSED
    assert got["proposal.open-questions"].status == Status.NOT_APPLICABLE
    assert got["proposal.open-questions"].note == (
        "not applicable: the KEP template has no Unresolved questions section, and the "
        "document no such heading")
    assert review.verdict == Verdict.NOT_READY  # two questions left open: settle them


def test_one_unresolved_block_is_a_fix_not_a_blocker() -> None:
    text = (LAYOUTS / KEP).read_text(encoding="utf-8")
    block = ("<<[UNRESOLVED]>>\nWhether the behavior lists live next to the API types or "
             "in the test tree.\n<<[/UNRESOLVED]>>\n\n")
    assert block in text
    got = by_id(review_layout("kep-one-block.md", text.replace(block, "")))
    placeholders = got["style.placeholders"]
    assert (placeholders.status, placeholders.severity) == (Status.FAILED, Severity.MAJOR)
    assert len(placeholders.findings) == 1


def test_a_todo_mentioned_in_a_sentence_is_not_a_placeholder() -> None:
    review = review_layout(KEP)
    assert "with a TODO or similar" in (LAYOUTS / KEP).read_text(encoding="utf-8")
    assert not [f for f in review.findings if f.quote == "TODO"]


def test_todo_markers_are_placeholders_in_every_form() -> None:
    text = (LAYOUTS / KEP).read_text(encoding="utf-8")
    blocks = ("<<[UNRESOLVED who approves a behavior list for an optional feature ]>>\n"
              "The feature owners write the list; SIG Architecture or the feature's SIG\n"
              "approves it, and the two have not agreed which.\n<<[/UNRESOLVED]>>\n")
    inner = ("<<[UNRESOLVED]>>\nWhether the behavior lists live next to the API types or "
             "in the test tree.\n<<[/UNRESOLVED]>>\n\n")
    markers = ("TODO for SIG Architecture\n\nThe list is approved by its owners. TODO: say "
               "which owners.\n\nThe report is JSON (TODO: the schema).\n\n- [TODO] a "
               "dashboard\n\nThe schema is TODO for now; tests left with TODO comments are "
               "counted apart.\n\n### Version Skew Strategy\n\nTODO\n")
    text = text.replace(blocks, markers).replace(inner, "")
    placeholders = by_id(review_layout("kep-todo.md", text))["style.placeholders"]
    assert placeholders.status == Status.FAILED
    assert [f.quote for f in placeholders.findings] == [
        "TODO", "TODO", "TODO", "[TODO]", "TODO", "TODO"]  # not "TODO comments"


def test_reference_links_to_todo_are_dead_links_of_minor_weight() -> None:
    """kep-1453's class: backends listed with reference links whose definitions
    point at TODO; the document's only placeholders."""
    text = (LAYOUTS / KEP).read_text(encoding="utf-8")
    for block in ("<<[UNRESOLVED who approves a behavior list for an optional feature ]>>\n"
                  "The feature owners write the list; SIG Architecture or the feature's SIG\n"
                  "approves it, and the two have not agreed which.\n<<[/UNRESOLVED]>>\n",
                  "<<[UNRESOLVED]>>\nWhether the behavior lists live next to the API types "
                  "or in the test tree.\n<<[/UNRESOLVED]>>\n\n"):
        text = text.replace(block, "")
    text = text.replace(
        "report as JSON for the coverage dashboard.",
        "report as JSON for the coverage dashboard, stored in [S3][s3-backend] or\n"
        "[GCS][gcs-backend].") + "\n[s3-backend]: TODO\n[gcs-backend]: TODO\n"
    review = review_layout("kep-links.md", text)
    placeholders = by_id(review)["style.placeholders"]
    assert (placeholders.status, placeholders.severity) == (Status.FAILED, Severity.MINOR)
    assert [f.quote for f in placeholders.findings] == ["S3", "GCS"]
    assert placeholders.findings[0].message == (
        "The link 'S3' points at a placeholder ('TODO'): put the real address.")
    assert placeholders.note == ("2 occurrences found (tolerance 0); only links to a "
                                 "placeholder target (dead links): a fix, not a blocker")
    assert review.verdict != Verdict.NOT_READY
