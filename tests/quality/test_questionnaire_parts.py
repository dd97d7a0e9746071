"""A part read at a questionnaire is where its questions are answered (issue 8,
blind reading 9: kep-5996, whose "Success metrics" was credited at a "Monitoring
Requirements" whose SLO and SLI answers were the template's blank prompts).

- The template's form left unfilled ("- [ ] Metrics" over "- Metric name:",
  "- Details:") is no content of any part: neither words nor a section's content.
- A section of the part that is a questionnaire (every heading under it a
  question) is read only at the questions that ask for the part (the SLO, SLI
  and metrics questions): a usage answer ("Check the kubelet logs") does not
  make the metrics written, and those questions left with only the template's
  comment or blank form leave the part not found.
- The PRR questions that name existing SLOs in passing (to keep them, to
  troubleshoot them) are not where success metrics are.
- One SLO answered: the part is found there, its unanswered siblings noted;
  its questions all answered "N/A" (a change with no service level of its own),
  the section is read as written, with its other answers.

Layout document written here: a beta KEP whose Monitoring Requirements is the
template's form."""

from __future__ import annotations

from prereview.checks.reading.answered import unfilled_form
from prereview.ingest.markdown import parse_markdown
from prereview.review import Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-monitoring-form.md"
SLO_PROMPT = '''for a feature.
-->
'''


def test_a_questionnaire_left_as_the_templates_form_holds_no_metrics() -> None:
    metrics = by_id(review_layout(KEP))["proposal.metrics"]
    assert metrics.status == Status.FAILED
    assert metrics.found is False and metrics.found_at is None
    assert metrics.note == (
        "success metrics: 'What are the reasonable SLOs (Service Level Objectives) for the "
        "enhancement?' and 2 more headings (0 words, at least 10)")
    assert [f.message for f in metrics.findings] == ["The success metrics section is empty."]


def test_an_answered_slo_is_where_the_metrics_are() -> None:
    text = edited_layout(KEP, SLO_PROMPT, SLO_PROMPT + "\n99% of image pulls per day start "
                         "within 30 seconds of the pod's creation on every node.\n")
    metrics = by_id(review_layout("kep-slo-answered.md", text))["proposal.metrics"]
    assert metrics.status == Status.PASSED
    assert metrics.found_at == (
        "'What are the reasonable SLOs (Service Level Objectives) for the enhancement?'")
    assert metrics.note == (
        "success metrics: 'What are the reasonable SLOs (Service Level Objectives) for the "
        "enhancement?' and 2 more headings (17 words, at least 10); 2 empty heading(s) of "
        "the same part")
    assert [f.quote for f in metrics.findings] == [
        "What are the SLIs (Service Level Indicators) an operator can use to determine the "
        "health of the service?",
        "Are there any missing metrics that would be useful to have to improve observability "
        "of this feature?"]


def test_a_filled_in_form_is_an_answer() -> None:
    text = edited_layout(KEP, "- [ ] Metrics\n  - Metric name:\n",
                         "- [x] Metrics\n  - Metric name: kubelet_image_pull_wait_seconds, "
                         "per namespace, under 30 seconds at the 99th percentile\n")
    metrics = by_id(review_layout("kep-sli-filled.md", text))["proposal.metrics"]
    assert metrics.status == Status.PASSED
    assert metrics.found_at == (
        "'What are the SLIs (Service Level Indicators) an operator can use to determine the "
        "health of the service?'")



def test_short_answers_to_its_questions_are_read_with_the_section() -> None:
    # a change with no service level of its own answers the SLO questions "N/A":
    # the section is read as written, its other answers with them
    text = edited_layout(KEP, SLO_PROMPT, SLO_PROMPT + "\nN/A.\n")
    text = text.replace("- [ ] Metrics\n  - Metric name:\n  - [Optional] Aggregation method:\n"
                        "  - Components exposing the metric:\n- [ ] Other (treat as last resort)\n"
                        "  - Details:\n", "N/A.\n")
    metrics = by_id(review_layout("kep-slo-na.md", text))["proposal.metrics"]
    assert metrics.status == Status.PASSED and metrics.found is True
    assert metrics.found_at == "'Monitoring Requirements'"


def test_a_label_introducing_code_or_a_list_is_the_authors_prose() -> None:
    # "- From an inline schema:" over a code block, "such as:" over a list: prose
    # that introduces what follows, not a field of the template's form left blank
    text = ("# Design\n\n- From an inline schema:\n\n  ```ts\n  Schema.fromInline('x');\n  ```\n"
            "\n- Accounting for and react to memory outside the Go runtime, such as:\n"
            "- cgo allocations\n\n"
            "- [ ] Metrics\n  - Metric name:\n  - Components exposing the metric:\n\n## Next\n")
    document = parse_markdown(text)
    assert sorted(document.blocks[i].text for i in unfilled_form(document)) == [
        "Components exposing the metric:", "Metric name:", "[ ] Metrics"]
