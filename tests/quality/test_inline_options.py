"""Options weighed where the choice is made are the alternatives, without a heading
of their own (issue 8, blind reading 11: a GA KEP argued "Option 1 loses
information ... Option 2 risks breaking webhook logic ... Option 3 is preferred"
in its design and listed "the issues considered and rejected for GA", and failed
proposal.alternatives). Options merely listed, with no choice, are not.

Layout document: the alpha KEP of tests/quality/test_placeholders_not_due.py
without its Alternatives section."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
ALTERNATIVES = ("## Alternatives\n\nA static check in CI finds tokens passed to log calls "
                "in the source; it cannot\nsee values that only hold a token at run time.\n\n")
DESIGN = "## Design Details\n\n"


def _alternatives(design: str, name: str) -> Status:
    text = edited_layout(KEP, ALTERNATIVES, "").replace(DESIGN, DESIGN + design)
    return by_id(review_layout(name, text))["proposal.alternatives"].status


def test_a_choice_among_options_in_the_design_is_the_alternatives() -> None:
    design = ("Three ways to find a token were weighed. Option 1 misses tokens built at "
              "run time. Option 2 costs a regex per log call. Option 3 is preferred: the "
              "marker replaces every registered format at the sink.\n\n")
    assert _alternatives(design, "kep-inline-options.md") == Status.PASSED


def test_options_listed_without_a_choice_are_not() -> None:
    design = "Option 1 is a static check. Option 2 is a sink filter.\n\n"
    assert _alternatives(design, "kep-options-listed.md") == Status.FAILED


def test_the_design_offered_against_the_practice_it_replaces() -> None:
    design = ("The practice we recommend today is a sink filter per component. Our "
              "proposal as an alternative is to redact at the log call itself, so every "
              "sink gets the marker.\n\n")
    assert _alternatives(design, "kep-offered-instead.md") == Status.PASSED
