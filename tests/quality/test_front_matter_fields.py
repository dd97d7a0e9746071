"""A front-matter field the template tells the author to fill, left as the
template wrote it, is unfinished (issue 8, blind reading 10: a CDK RFC's "rfc pr:
[#xxx](.../pull/xxx) <-- fill this after you've already created the PR" passed
every placeholder rule).

- Front matter that YAML cannot read (the markdown link and the "<--" note) is
  still read as ``key: value`` fields, so the template's keys are seen.
- The field left as "#xxx" / ".../pull/xxx" / "<-- fill this" is one counted
  unfinished part of style.unfinished (major), with an action naming the field.
- A filled field, and the template's "(leave this empty)" (filled in by whoever
  merges the RFC, kept so in merged RFCs), are not.

Layout document written here: a short CDK RFC of that shape."""

from __future__ import annotations

from prereview.ingest.markdown import parse_markdown
from prereview.lead import top_actions
from prereview.review import Severity, Status

from .support import LAYOUTS, by_id, edited_layout, review_layout

CDK = "proposal-cdk-pr-field.md"
FIELD = ("rfc pr: [#xxx](https://github.com/aws/aws-cdk-rfcs/pull/xxx) <-- fill this "
         "after you've already created the PR")


def test_front_matter_yaml_cannot_read_is_still_fields() -> None:
    doc = parse_markdown((LAYOUTS / CDK).read_text(encoding="utf-8"))
    assert doc.metadata == {
        "rfc pr": FIELD.removeprefix("rfc pr: "),
        "tracking issue": "https://github.com/aws/aws-cdk-rfcs/issues/9120",
    }


def test_the_unfilled_pr_field_is_an_unfinished_part() -> None:
    review = review_layout(CDK)
    unfinished = by_id(review)["style.unfinished"]
    assert unfinished.status == Status.FAILED
    assert [(f.message, f.severity) for f in unfinished.findings] == [
        ("The front matter's 'rfc pr' is left as the template's placeholder ('#xxx'): "
         "fill it in.", Severity.MAJOR)]
    action = next(a for a in top_actions(review) if a.criterion == "style.unfinished")
    assert action.text == "Fill in the front matter's 'rfc pr' (now the template's '#xxx')."


def test_a_filled_field_and_leave_this_empty_are_not() -> None:
    for value in ("[#9121](https://github.com/aws/aws-cdk-rfcs/pull/9121)",
                  "(leave this empty)"):
        text = edited_layout(CDK, FIELD, f"rfc pr: {value}")
        unfinished = by_id(review_layout("cdk-pr-filled.md", text))["style.unfinished"]
        assert unfinished.status == Status.PASSED, value
        assert not [f for f in unfinished.findings if f.severity == Severity.MAJOR], value
