"""Weasel words are vague amounts, not every intensifier (issue 8, blind reading
10: "Very much like StepFunctions" counted as a vague qualifier and failed the
rule one hit over its tolerance).

Fixed phrases whose intensifier is no amount are left out: a comparison ("very
much like the order pipeline"), the emphatic "very" ("the very same schema", "at
the very least"), a discourse marker ("most importantly"), a release stage
("generally available"), a cardinality ("many-to-many") and a preference ("would
rather"). The vague amounts beside them ("significantly", "many teams", "a lot
of") still count, against the same tolerance.

Layout document written here: a short design narrative using each phrase."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

DOC = "narrative-fixed-phrases.md"


def test_fixed_phrases_are_not_vague_amounts() -> None:
    weasel = by_id(review_layout(DOC))["style.weasel-words"]
    assert weasel.status == Status.PASSED
    assert (weasel.note or "").startswith("3 occurrences found")


def test_the_vague_amounts_beside_them_still_count() -> None:
    text = edited_layout(DOC, "the order pipeline:", "the order pipeline for several teams:")
    text = text.replace("each invoice maps one-to-one", "each invoice maps many-to-many")
    weasel = by_id(review_layout("fixed-phrases-and-one-more.md", text))["style.weasel-words"]
    assert weasel.status == Status.FAILED
    assert [f.quote for f in weasel.findings] == [
        "several", "significantly", "many", "a lot of"]
