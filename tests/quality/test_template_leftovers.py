"""Template text in change proposals (issue 8, blind reading 3, classes 1 and 2).

HTML comments (the KEP and RFC templates' instructions, an <<[UNRESOLVED]>>
block kept inside one) are never content: no unfinished, open-questions or
placeholder rule reads them, and a section whose only content is a comment is
empty. The templates' own prompts are found where the author left them: alone
under a heading (unfinished) or inside the author's text (a leftover). A CDK RFC's
quoted prompt above a written answer is the template's norm, not a finding; its
sign-off box is the bar raiser's to tick, shown but never counted.
Layout documents written here: a KEP and a CDK RFC of those shapes."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.ingest import parse_markdown
from prereview.review import CriterionResult, Review, Severity, Status

LAYOUTS = Path(__file__).parent / "layouts"
KEP = LAYOUTS / "proposal-kep-template-leftovers.md"
CDK = LAYOUTS / "proposal-cdk-template-prompts.md"


def _criterion(review: Review, cid: str) -> CriterionResult:
    return next(c for c in review.criteria if c.id == cid)


def _found(result: CriterionResult) -> list[tuple[str | None, int | None]]:
    return [(f.quote, f.location.line if f.location else None) for f in result.findings]


def test_a_comment_is_not_content_and_a_section_with_only_a_comment_is_empty() -> None:
    review = run(KEP).review
    assert review.document.type == "proposal"
    unfinished = _criterion(review, "style.unfinished")
    assert unfinished.status == Status.FAILED
    # the empty Drawbacks is one defect, reported by the part's own criterion
    # the PRR prompts of an answered question are minor notes, not counted (blind
    # reading 8: tests/quality/test_kep_questionnaire_stages.py)
    assert unfinished.note == ("0 unfinished part(s) (tolerance 0); 4 empty section(s) or "
                               "template prompt(s) (tolerance 2); 2 template prompt(s) kept "
                               "above answered questions, not counted; the empty heading "
                               "'Drawbacks' is counted under proposal.compatibility")
    assert [f.quote for f in _criterion(review, "proposal.compatibility").findings] == [
        "Drawbacks"]
    assert _found(unfinished) == [
        ("Integration tests", 46),            # a comment and '<test>: <link to ...>'
        ("Describe them providing:", 63),     # the PRR prompt above its answer
        ("(e.g. new annotation of size 32B)", 65),
        # the template's question with only its comment, though a higher-level
        # heading follows (not an embedded README's wrapper heading)
        ("Are there any missing metrics that would be useful to have?", 67),
        ("Implementation History", 73),       # template text in a comment only
    ]
    assert unfinished.findings[1].message == (
        "'Describe them providing:' is the KEP template's own prompt, kept above the "
        "answer, as merged KEPs keep it: not counted (it may go).")
    assert unfinished.findings[1].severity == Severity.MINOR
    # the <<[UNRESOLVED ...]>> block and the TODO inside the opening comment: not
    # an open question, not a placeholder, not an unfinished marker
    quotes = " ".join(f.quote or "" for f in review.findings)
    assert "UNRESOLVED" not in quotes and "TODO" not in quotes
    assert _criterion(review, "proposal.open-questions").status == Status.NOT_APPLICABLE
    assert _criterion(review, "style.placeholders").status == Status.PASSED


def test_a_marker_in_a_comment_does_not_make_open_questions_apply(tmp_path: Path) -> None:
    """The same <<[UNRESOLVED]>> block outside the comment is a question left open:
    one placeholder, counted once (never also a missing Unresolved questions
    section: the KEP template keeps its open questions inline)."""
    text = KEP.read_text(encoding="utf-8")
    opened = text.replace("<!--\nThis is the title", "This is the title", 1).replace(
        "<<[/UNRESOLVED]>>\n-->", "<<[/UNRESOLVED]>>", 1)
    path = tmp_path / "open.md"
    path.write_text(opened, encoding="utf-8")
    review = run(path).review
    assert _criterion(review, "proposal.open-questions").status == Status.NOT_APPLICABLE
    placeholders = _criterion(review, "style.placeholders")
    assert placeholders.status == Status.FAILED
    assert _found(placeholders) == [("<<[UNRESOLVED who owns the migration guide? ]>>", 5),
                                    ("TODO", 6)]  # "TODO: ask in ...", a marker
    quoted = [f for f in review.findings if "UNRESOLVED" in (f.quote or "")]
    assert [f.criterion for f in quoted] == ["style.placeholders"]


def test_a_quoted_cdk_prompt_above_an_answer_is_not_a_finding_alone_it_is() -> None:
    review = run(CDK).review
    unfinished = _criterion(review, "style.unfinished")
    # one empty section is tolerated in a proposal (two are), the box never counts
    assert unfinished.status == Status.PASSED
    assert unfinished.note == ("0 unfinished part(s) (tolerance 0); 1 empty section(s) or "
                               "template prompt(s) (tolerance 2); 1 template sign-off "
                               "box(es) left to the approver, not counted")
    assert _found(unfinished) == [
        ("[ ] Signed-off by API Bar Raiser @xxxxx", 27),
        ("Is there a way to address this use case with the current product? What are the\n"
         "downsides of implementing this feature?", 49),
    ]
    box, prompt = unfinished.findings
    assert box.severity == Severity.MINOR
    assert box.message == (
        "'[ ] Signed-off by API Bar Raiser @xxxxx' is left by the template to its approver "
        "(the sign-off box, filled in at sign-off or merge); not counted against the draft.")
    assert prompt.message == (
        "The section 'Why should we not do this?' holds only the CDK RFC template's prompt "
        "(unfinished): write the section, or remove it.")
    # the filled-in '#{0901}' and '@{rsmith}' tokens of the metadata are not findings
    assert not any("{" in (f.quote or "") for f in review.findings)


def test_the_sign_off_box_alone_does_not_fail_the_criterion(tmp_path: Path) -> None:
    text = CDK.read_text(encoding="utf-8").split("### Why should we _not_ do this?")[0]
    path = tmp_path / "boxed.md"
    path.write_text(text, encoding="utf-8")
    unfinished = _criterion(run(path, rubric_ref="proposal").review, "style.unfinished")
    assert unfinished.status == Status.PASSED
    assert _found(unfinished) == [("[ ] Signed-off by API Bar Raiser @xxxxx", 27)]


def test_rust_rfc_prompt_alone_under_its_heading_is_unfinished(tmp_path: Path) -> None:
    text = (
        "- Feature Name: `lazy_statics`\n- Start Date: 2026-01-01\n\n"
        "# Summary\n\nThis RFC adds `lazy static` items to the language.\n\n"
        "# Motivation\n\nStatics that need a computed value today need a crate and a macro,"
        " which hides the initialisation order from the compiler.\n\n"
        "# Prior art\n\nDiscuss prior art, both the good and the bad, in relation to\n"
        "this proposal.\n\n"
        "# Unresolved questions\n\nNone.\n"
    )
    path = tmp_path / "rust-prompt.md"
    path.write_text(text, encoding="utf-8")
    review = run(path, rubric_ref="proposal").review
    unfinished = _criterion(review, "style.unfinished")
    assert _found(unfinished) == [
        ("Discuss prior art, both the good and the bad, in relation to\nthis proposal.", 14)]
    assert "the Rust RFC template's prompt" in unfinished.findings[0].message


def test_a_field_left_for_the_merger_is_not_counted(tmp_path: Path) -> None:
    """A Rust RFC's "RFC PR: (leave this empty)" is the template's instruction,
    followed: the PR number is filled in when the RFC is merged."""
    text = ("- Feature Name: lazy_statics\n- Start Date: 2026-01-01\n"
            "- RFC PR: (leave this empty)\n\n# Summary\n\nThis RFC adds lazy statics.\n")
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    unfinished = _criterion(run(path, rubric_ref="proposal").review, "style.unfinished")
    assert unfinished.status == Status.PASSED
    assert [(f.quote, f.location.line if f.location else None, f.severity)
            for f in unfinished.findings] == [("(leave this empty)", 3, Severity.MINOR)]


def test_is_comment_only_for_blocks_holding_nothing_but_comments() -> None:
    doc = parse_markdown("<!-- a note -->\n\n<!-- one --> <b>shown</b>\n\n"
                         "Text <!-- inline --> here.\n")
    assert [(b.text, b.is_comment) for b in doc.blocks] == [
        ("<!-- a note -->", True), ("<!-- one --> <b>shown</b>", False),
        ("Text  here.", False), ("<!-- inline -->", True)]
