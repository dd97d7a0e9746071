"""An aside that wonders in a passage the proposal sets out of its scope is no
open question of its design (issue 8, blind reading 13: "(runtimeClass
selectors?)" in a bullet ending "This is beyond the scope of this proposal" failed
a KEP's unfinished rule). The same doubt in the design itself is still one (the
labels' "partial-matching?" in a test matrix).

Layout document: the alpha KEP of tests/quality/test_placeholders_not_due.py."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
DESIGN = "## Design Details\n\n"


def _unfinished(text: str, name: str) -> tuple[Status, list[str]]:
    c = by_id(review_layout(name, edited_layout(KEP, DESIGN, DESIGN + text)))[
        "style.unfinished"]
    return c.status, [f.quote for f in c.findings]


def test_a_doubt_in_a_passage_set_out_of_scope_is_not_counted() -> None:
    aside = ("- Redacting tokens in audit logs would need a second marker (audit "
             "selectors?) read by the audit backend. This is beyond the scope of this "
             "proposal.\n\n")
    _, quotes = _unfinished(aside, "kep-aside.md")
    assert "audit selectors?" not in quotes


def test_the_same_doubt_in_the_design_is_an_open_question() -> None:
    doubt = ("- Redaction applies to every sink (audit selectors?) the component "
             "registers.\n\n")
    status, quotes = _unfinished(doubt, "kep-doubt.md")
    assert status == Status.FAILED and "audit selectors?" in quotes
