"""A KEP's production-readiness questionnaire read by its own conventions (issue 8,
blind reading 8: kep-1753, an alpha KEP whose style.unfinished failed on 14
"empty sections or template prompts").

- The KEP template defers parts of the questionnaire ("_This section must be
  completed when targeting beta graduation to a release._", "_For beta, this
  section is required_"). A section due at a later stage than the KEP's is not
  unfinished: left with only the note, or with its questions open, it is not
  counted. The KEP's stage is the latest its title, a `stage:` key or its
  Implementation History names; a KEP that names none is taken at alpha (what
  alpha asks is due). The notes themselves are the template's markers, kept in
  merged KEPs: never a finding.
- The PRR question text and inline prompts ("Describe them, providing:", "(e.g.
  PATCH pods)") kept above an answered question are a minor note each, never
  counted; a question left with only its prompts is still unfinished.
- A genuinely empty heading ("## Drawbacks") stays a finding.

Layout document written here: an alpha KEP of that shape."""

from __future__ import annotations

from prereview.review import CriterionResult, Severity, Status

from .support import by_id, edited_layout, review_layout

KEP = "proposal-kep-alpha-questionnaire.md"
HISTORY = "- 2026-02-10: KEP merged as implementable, targeting alpha in v1.40.\n"
GA = HISTORY + "- 2026-11-02: Promoted to stable in v1.43.\n"
DEFERRED = ("6 empty section(s) or prompt(s) in 3 section(s) the template leaves for beta "
            "({stage}), not counted")


def _found(result: CriterionResult) -> list[tuple[str, int | None, Severity]]:
    return [((f.quote or "").split("\n")[0], f.location.line if f.location else None,
             f.severity) for f in result.findings]


def test_an_alpha_kep_leaves_its_beta_sections_for_beta() -> None:
    unfinished = by_id(review_layout(KEP))["style.unfinished"]
    assert unfinished.status == Status.PASSED
    # the empty Drawbacks is the one leftover; the beta sections, only their note
    # under the heading, and the Scalability prompts are not counted; the stage
    # notes are not reported; the instruction above the answered mechanism is
    assert _found(unfinished) == [
        ("Drawbacks", 47, Severity.MAJOR),
        ("Describe the mechanism:", 62, Severity.MINOR),
    ]
    assert unfinished.note == (
        "0 unfinished part(s) (tolerance 0); 1 empty section(s) or template prompt(s) "
        "(tolerance 2); " + DEFERRED.format(stage="the document targets alpha")
        + "; 1 passage(s) of the template's instructions left above the answers "
        "(remove them), not counted")


def test_a_kep_that_names_no_stage_is_read_at_alpha() -> None:
    text = edited_layout(KEP, HISTORY, "- 2026-02-10: KEP merged as implementable.\n")
    unfinished = by_id(review_layout("kep-no-stage.md", text))["style.unfinished"]
    assert unfinished.status == Status.PASSED
    assert DEFERRED.format(stage="the document names no stage: read at alpha") in (
        unfinished.note or "")
    # what alpha asks is due: its section left with only the note is unfinished
    start = text.index("* **How can this feature be enabled")
    end = text.index("### Rollout, Upgrade")
    text = text[:start] + text[end:]
    got = by_id(review_layout("kep-no-stage-alpha-empty.md", text))["style.unfinished"]
    assert ("This section must be completed when targeting alpha to a release.", 58,
            Severity.MAJOR) in _found(got)


def test_a_ga_kep_owes_its_beta_sections() -> None:
    text = edited_layout(KEP, HISTORY, GA)
    unfinished = by_id(review_layout("kep-ga.md", text))["style.unfinished"]
    assert unfinished.status == Status.FAILED
    assert [(q, line, s) for q, line, s in _found(unfinished) if s == Severity.MAJOR] == [
        ("Drawbacks", 48, Severity.MAJOR),
        ("This section must be completed when targeting beta graduation to a release.", 74,
         Severity.MAJOR),
        ("This section must be completed when targeting beta graduation to a release.", 78,
         Severity.MAJOR),
    ]
    assert unfinished.findings[2].message == (
        "The section 'Rollout, Upgrade and Rollback Planning' holds only the KEP template's "
        "prompt (unfinished): write the section, or remove it.")
    # the Scalability questions are answered: their prompts are minor notes
    notes = [f for f in unfinished.findings if "kept above the answer" in f.message]
    assert [(f.quote, f.severity) for f in notes] == [
        ("Describe them, providing:", Severity.MINOR),
        ("(e.g. PATCH pods)", Severity.MINOR),
        ("Describe them, providing:", Severity.MINOR),
        ("(e.g., new annotation of size 32B)", Severity.MINOR),
    ]
    assert notes[0].message == (
        "'Describe them, providing:' is the KEP template's own prompt, kept above the "
        "answer, as merged KEPs keep it: not counted (it may go).")
    assert "4 template prompt(s) kept above answered questions, not counted" in (
        unfinished.note or "")


def test_a_question_left_with_only_its_prompts_is_unfinished() -> None:
    text = edited_layout(KEP, HISTORY, GA).replace("  - estimated throughput\n\n    No\n",
                                                   "  - estimated throughput\n", 1)
    unfinished = by_id(review_layout("kep-ga-unanswered.md", text))["style.unfinished"]
    counted = [(f.quote, f.severity) for f in unfinished.findings
               if "left in the text (unfinished)" in f.message]
    assert counted == [("Describe them, providing:", Severity.MAJOR),
                       ("(e.g. PATCH pods)", Severity.MAJOR)]
    # the other question is answered ("No. Redaction changes log lines only.")
    assert [f.quote for f in unfinished.findings if "kept above the answer" in f.message] == [
        "Describe them, providing:", "(e.g., new annotation of size 32B)"]


def test_the_stage_notes_above_answers_are_not_findings() -> None:
    quotes = " ".join(f.quote or "" for f in review_layout(KEP).findings)
    assert "must be completed" not in quotes
    assert "this section is required" not in quotes
    assert "this section is encouraged" not in quotes


COMMENTED = ("<!--\nThis section must be completed when targeting beta to a release.\n-->\n\n"
             "###### How can a rollout or rollback fail? Can it impact already running "
             "workloads?\n\n<!--\nTry to be as paranoid as possible.\n-->\n")


def test_the_newer_templates_note_in_a_comment_defers_its_questions() -> None:
    # the 2022 template keeps the note in an HTML comment, and each question is a
    # heading: at alpha the empty questions of a beta section are not due
    beta_note = "_This section must be completed when targeting beta graduation to a release._\n"
    text = edited_layout(KEP, "### Rollout, Upgrade and Rollback Planning\n\n" + beta_note,
                         "### Rollout, Upgrade and Rollback Planning\n\n" + COMMENTED)
    unfinished = by_id(review_layout("kep-comment-note.md", text))["style.unfinished"]
    assert unfinished.status == Status.PASSED
    assert not any(q.startswith("How can a rollout") for q, _, _ in _found(unfinished))
    assert "in 3 section(s) the template leaves for beta" in (unfinished.note or "")
    # at GA they are owed
    ga = by_id(review_layout("kep-comment-note-ga.md", text.replace(HISTORY, GA)))
    assert [(q, s) for q, _, s in _found(ga["style.unfinished"])
            if q.startswith("How can a rollout")] == [
        ("How can a rollout or rollback fail? Can it impact already running workloads?",
         Severity.MAJOR)]


def test_a_plan_that_starts_past_alpha_owes_what_its_first_stage_asks() -> None:
    # no stage named; the Graduation Criteria plan no alpha: the KEP goes to GA
    text = edited_layout(KEP, HISTORY, "- 2026-02-10: KEP merged as implementable.\n")
    text = text.replace("#### Alpha\n", "#### GA\n").replace(
        "#### Beta\n\n- The overhead of redaction is under 5% of the time spent in the log "
        "call.\n\n", "")
    unfinished = by_id(review_layout("kep-straight-to-ga.md", text))["style.unfinished"]
    assert unfinished.status == Status.FAILED
    assert [line for q, line, s in _found(unfinished) if s == Severity.MAJOR and
            q.startswith("This section must be completed")] == [69, 73]
