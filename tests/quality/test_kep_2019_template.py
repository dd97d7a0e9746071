"""The 2018-2019 single-file KEP template's leftovers (issue 8, a fresh reading: a
2019 KEP kept "title: KEP Template" in its front matter, the template's table of
contents blurb and its Implementation History instructions, and the tool passed
style.unfinished and titled its report "KEP Template"). The front matter's title
left as the template's name is an unfilled field, and the document's title is
then its heading; the old template's instructions are its prompts. Layout
written here: a 2019 KEP in that template's shape."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "proposal-kep-2019-template-leftovers.md"


def test_the_template_title_is_an_unfilled_field_and_not_the_title() -> None:
    review = review_layout(LAYOUT)
    assert review.document.title == "Configurable probe terminals"
    unfinished = by_id(review)["style.unfinished"]
    assert unfinished.status == Status.FAILED
    messages = [f.message for f in unfinished.findings]
    assert ("The front matter's 'title' is left as the template's placeholder "
            "('KEP Template'): fill it in.") in messages


def test_the_old_templates_instructions_are_prompts() -> None:
    unfinished = by_id(review_layout(LAYOUT))["style.unfinished"]
    quotes = [f.quote or "" for f in unfinished.findings]
    assert any(q.startswith("A table of contents is helpful for quickly jumping") for q in quotes)
    assert any(q.startswith("Major milestones in the life cycle of a KEP") for q in quotes)


def test_a_filled_in_title_is_the_title_and_no_finding() -> None:
    text = edited_layout(LAYOUT, "title: KEP Template", "title: Probe terminals")
    review = review_layout(LAYOUT, text)
    assert review.document.title == "Probe terminals"
    messages = [f.message for f in by_id(review)["style.unfinished"].findings]
    assert not any("front matter's 'title'" in m for m in messages)


def test_sections_left_as_the_old_templates_text_are_unfinished() -> None:
    """Risks and Mitigations, Version Skew Strategy and Test Plan holding only the
    2019 template's own text (a fresh reading: a 2019 KEP scored 95 with "Nothing to
    fix" while most of its sections were the template's words)."""
    risks = ("### Risks and Mitigations\n\nWhat are the risks of this proposal and how do "
             "we mitigate.\nThink broadly.\nFor example, consider both security and how "
             "this will impact the larger kubernetes ecosystem.\n\nHow will security be "
             "reviewed and by whom?\nHow will UX be reviewed and by whom?\n\nConsider "
             "including folks that also work outside the SIG or subproject.\n\n"
             "### Version Skew Strategy\n\nIf applicable, how will the component handle "
             "version skew with other components? What are the guarantees? Make sure\nthis "
             "is in the test plan.\n\n### Test Plan\n\n**Note:** *Section not required until "
             "targeted at a release.*\n\nConsider the following in developing a test plan "
             "for this enhancement:\n- Will there be e2e and integration tests, in addition "
             "to unit tests?\n- How will it be tested in isolation vs with other "
             "components?\n\n## Graduation Criteria")
    text = edited_layout(LAYOUT, "title: KEP Template", "title: Probe terminals")
    start = text.index("### Risks and Mitigations")
    text = text[:start] + risks + text[text.index("## Graduation Criteria") +
                                       len("## Graduation Criteria"):]
    unfinished = by_id(review_layout(LAYOUT, text))["style.unfinished"]
    assert unfinished.status == Status.FAILED
    held = [f.message for f in unfinished.findings if "holds only the KEP template's prompt"
            in f.message]
    assert len(held) >= 2, [f.message for f in unfinished.findings]


def test_a_section_holding_only_the_templates_text_has_no_words_of_its_own() -> None:
    """The section rules read the same prompts (``prompts_of: style.unfinished``): a
    Test Plan that is the template's instructions is no test plan; one with an
    answer under the instructions counts the answer only."""
    prompts = ("### Test Plan\n\n**Note:** *Section not required until targeted at a "
               "release.*\n\nConsider the following in developing a test plan for this "
               "enhancement:\n- Will there be e2e and integration tests, in addition to "
               "unit tests?\n- How will it be tested in isolation vs with other components?"
               "\n\n## Graduation Criteria")
    text = edited_layout(LAYOUT, "title: KEP Template", "title: Probe terminals")
    text = text.replace("## Graduation Criteria", prompts, 1)
    testing = by_id(review_layout(LAYOUT, text))["proposal.testing"]
    assert testing.status == Status.FAILED
    assert testing.note == "test plan: 'Test Plan' (0 words, at least 10)"
    answered = text.replace("components?\n\n## Graduation", "components?\n\nUnit tests cover "
                            "the new field's validation, and an e2e test runs a probe with a "
                            "terminal under both runtimes.\n\n## Graduation")
    testing = by_id(review_layout(LAYOUT, answered))["proposal.testing"]
    assert testing.status == Status.PASSED
    assert testing.note == "test plan: 'Test Plan' (20 words, at least 10)"
