"""A KEP written after the fact for a feature designed before the KEP process
defers its design to the design proposal it links (issue 8, blind reading 12: a
storage KEP that says it "has been designed & merged before KEP process was
introduced" and links the archived design was asked for an inline design and
alternatives). As for a sub-KEP of a parent KEP, the parts that travel with the
design are the linked document's.

Layout document: the alpha KEP of tests/quality/test_placeholders_not_due.py with
that note in its summary."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
SUMMARY = "## Summary\n\n"
NOTE = ("## Summary\n\nNote that it has been designed & merged before KEP process was "
        "introduced: https://example.org/design-proposals-archive/storage/redaction.md\n\n")


def test_a_design_from_before_the_kep_process_is_the_linked_one() -> None:
    got = by_id(review_layout("kep-pre-kep.md", edited_layout(KEP, SUMMARY, NOTE)))
    for cid in ("proposal.design", "proposal.alternatives", "proposal.compatibility"):
        assert got[cid].status == Status.NOT_APPLICABLE, cid
        assert "defers it to a parent document" in (got[cid].note or ""), cid


def test_without_the_note_the_kep_is_read_as_its_own_design() -> None:
    got = by_id(review_layout(KEP))
    for cid in ("proposal.design", "proposal.alternatives", "proposal.compatibility"):
        assert got[cid].status != Status.NOT_APPLICABLE, cid
