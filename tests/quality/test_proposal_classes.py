"""Change-proposal classes of the second blind read (issue 8), each on a layout
document written here (tests/quality/layouts/): scope and prior art stated
outside their headings, a CDK RFC told by its template's front matter, and the
register of technical prose that proposal style rules must not fail."""

from __future__ import annotations

import tempfile
from pathlib import Path

from prereview.engine import run
from prereview.review import Review, Severity, Status, Verdict

from .support import LAYOUTS, review_layout


def _by_id(review: Review) -> dict[str, tuple[Status, str]]:
    return {c.id: (c.status, c.note or "") for c in review.criteria}


def test_scope_stated_inline_and_prior_art_in_an_faq_count_as_present() -> None:
    """Class 1: "this proposal limits the change to ..." states the scope; an FAQ
    answer naming other tools that "also provide a corresponding feature" (with
    links) is prior art, though neither has its own heading."""
    review = review_layout("proposal-inline-scope.md")
    assert review.rubric.id == "proposal"
    got = {c.id: c for c in review.criteria}
    # a Go design document: its template asks for neither, so neither is scored,
    # but both are read where they are
    for cid, where in (("proposal.scope", "the text under 'Rationale' (line 41)"),
                       ("proposal.prior-art", "the text under 'Is this new?' (line 52)")):
        assert got[cid].status == Status.NOT_APPLICABLE
        assert "the Go design document template has no" in (got[cid].note or "")
        assert (got[cid].found, got[cid].found_at) == (True, where)
    assert review.verdict == Verdict.READY


def test_possible_future_expansions_heading_is_the_scope() -> None:
    base = (LAYOUTS / "proposal-inline-scope.md").read_text(encoding="utf-8")
    text = base.replace("In contrast, this proposal limits the\nchange in the language to "
                        "widget types.", "")
    assert text != base
    text += "\n## Possible future expansions\n\nAliases of functions could follow.\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scope.md"
        path.write_text(text, encoding="utf-8")
        got = _by_id(run(path).review)
    assert got["proposal.scope"] == (
        Status.PASSED, "scope (non-goals, future work): 'Possible future expansions' (5 words)")


def test_cdk_rfc_front_matter_makes_it_a_proposal() -> None:
    """Class 3: a CDK RFC whose headings (Summary, Background, Motivation, Design,
    Implementation Plan) match design-doc as well is a change proposal by its
    template's front matter ("rfc pr", "related issue", "feature name")."""
    review = review_layout("proposal-cdk-front-matter.md")
    assert review.rubric.id == "proposal"
    ids = {c.id for c in review.criteria}
    assert not any(i.startswith("design.") for i in ids)
    got = _by_id(review)
    assert got["proposal.design"][0] == Status.PASSED
    assert got["proposal.open-questions"][0] == Status.PASSED
    assert got["proposal.testing"][0] == Status.PASSED
    assert got["proposal.operations"][0] == Status.PASSED  # its Implementation Plan
    for cid in ("proposal.security", "proposal.metrics"):
        assert got[cid][0] == Status.NOT_APPLICABLE, cid


def test_technical_prose_register_is_not_a_style_failure() -> None:
    """Class 5: frequency adverbs in a motivation, a comparison shown by the code
    example right after it, passives in a technical description (43%) and a short
    enumeration are the register of a language RFC, not findings."""
    got = _by_id(review_layout("proposal-technical-prose.md"))
    for cid in ("style.weasel-words", "style.unquantified-claims", "style.passive-voice"):
        assert got[cid][0] == Status.PASSED, (cid, got[cid])
    assert got["style.bullets"][0] == Status.NOT_APPLICABLE  # lists are a proposal's norm
    assert got["style.passive-voice"][1].startswith("10 of 23 sentences passive (43%")
    assert got["style.unquantified-claims"][1].startswith("no unquantified claims found")


def test_a_claim_without_a_code_example_still_fails_on_a_proposal() -> None:
    base = (LAYOUTS / "proposal-technical-prose.md").read_text(encoding="utf-8")
    code = "```rust\nmatch &opt { Some(x) => x.len(), None => 0 }\n```\n"
    assert code in base
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.md"
        path.write_text(base.replace(code, ""), encoding="utf-8")
        got = _by_id(run(path).review)
    assert got["style.unquantified-claims"][0] == Status.FAILED


def test_kep_unresolved_block_in_a_code_fence_is_one_placeholder() -> None:
    """Class 4: a KEP's ``<<[UNRESOLVED ...]>>`` block (here kept in a code fence)
    is a question left open: one placeholder, reported once (style.placeholders),
    never also an unfinished part or a missing Unresolved questions section (the
    KEP template keeps its open questions inline; blind reading 6: kep-960)."""
    review = review_layout("proposal-kep-unresolved.md")
    got = _by_id(review)
    assert got["proposal.open-questions"][0] == Status.NOT_APPLICABLE
    assert got["style.unfinished"] == (Status.PASSED, "0 unfinished part(s) (tolerance 0)")
    assert got["style.placeholders"] == (
        Status.FAILED, "1 occurrences found (tolerance 0); none in the headline, dateline "
        "or quotes: a fix, not a blocker")
    marked = [f for f in review.findings if "UNRESOLVED" in (f.quote or "")]
    assert [(f.criterion, f.severity, f.location.line if f.location else None)
            for f in marked] == [("style.placeholders", Severity.MAJOR, 31)]
    assert marked[0].message.startswith(
        "'<<[UNRESOLVED how conditions look when several controllers write them ]>>' marks "
        "a question the KEP leaves open: settle it")


def test_kep_without_unresolved_block_is_not_asked_for_open_questions() -> None:
    base = (LAYOUTS / "proposal-kep-unresolved.md").read_text(encoding="utf-8")
    start = base.index("```\n<<[UNRESOLVED")
    end = base.index("<<[/UNRESOLVED]>>\n```\n") + len("<<[/UNRESOLVED]>>\n```\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kep.md"
        path.write_text(base[:start] + base[end:], encoding="utf-8")
        got = _by_id(run(path).review)
    assert got["proposal.open-questions"][0] == Status.NOT_APPLICABLE
    assert got["style.unfinished"][0] == Status.PASSED


def test_hobby_client_library_is_not_asked_for_service_criteria() -> None:
    """Class 3: a client library that talks to a device's HTTP server, mentions
    latency and metrics, and stores nothing is not a service: no security,
    operations, cost or metrics section is asked; its ordered roadmap of epics is
    its milestones (no owners and dates in a single-maintainer project)."""
    review = review_layout("design-hobby-client.md")
    assert review.rubric.id == "design-doc"
    got = _by_id(review)
    for cid in ("design.operations", "design.cost", "design.metrics"):
        assert got[cid] == (Status.NOT_APPLICABLE, "not applicable: the design is not about "
                            "running a service (no section for it, no talk of traffic, "
                            "servers, on-call or production)"), cid
    assert got["design.security"][0] == Status.NOT_APPLICABLE
    assert got["design.milestones"] == (Status.PASSED, "milestones: 'Roadmap (epics)' (22 words, "
                                        "at least 10)")
    assert review.verdict == Verdict.READY


def test_the_same_design_running_a_service_is_asked_for_them() -> None:
    base = (LAYOUTS / "design-hobby-client.md").read_text(encoding="utf-8")
    anchor = "## Alternatives"
    service = ("## Hosting\n\nOur new backend service stores user data and login tokens for "
               "every lamp owner; it runs in production with an on-call rota and dashboards "
               "for its uptime. Attackers could abuse the API keys.\n\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "service.md"
        path.write_text(base.replace(anchor, service + anchor), encoding="utf-8")
        got = _by_id(run(path).review)
    for cid in ("design.security", "design.operations", "design.cost", "design.metrics"):
        assert got[cid][0] != Status.NOT_APPLICABLE, (cid, got[cid])
    assert got["design.operations"][0] == Status.FAILED


def test_kep_at_alpha_is_not_asked_for_slos_and_at_beta_it_is() -> None:
    """Class 2: the KEP template asks for SLOs "when targeting beta"; a KEP whose
    metadata says ``stage: alpha`` is not asked for success metrics yet."""
    got = _by_id(review_layout("proposal-kep-alpha.md"))
    assert got["proposal.metrics"] == (
        Status.NOT_APPLICABLE, "not applicable: the proposal is at alpha (its template asks "
        "for SLOs and metrics when targeting beta)")
    base = (LAYOUTS / "proposal-kep-alpha.md").read_text(encoding="utf-8")
    assert "\nstage: alpha\n" in base
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kep.md"
        path.write_text(base.replace("\nstage: alpha\n", "\nstage: beta\n"), encoding="utf-8")
        beta = _by_id(run(path).review)
    assert beta["proposal.metrics"][0] == Status.FAILED
    assert beta["proposal.metrics"][1].endswith("(2 words, at least 10)")


def test_the_kep_templates_own_sample_marker_is_not_an_open_question() -> None:
    """Class 4, the other way: the KEP template's instructions (kept in an HTML
    comment by many real KEPs) show the marker with its sample text
    ``<<[UNRESOLVED optional short context or usernames ]>>``; that is the
    template explaining itself, not a question the author left open."""
    base = (LAYOUTS / "proposal-kep-unresolved.md").read_text(encoding="utf-8")
    start = base.index("```\n<<[UNRESOLVED")
    end = base.index("<<[/UNRESOLVED]>>\n```\n") + len("<<[/UNRESOLVED]>>\n```\n")
    sample = ("<!--\nDenote sections that are under active debate as follows:\n\n```\n"
              "<<[UNRESOLVED optional short context or usernames ]>>\n"
              "Stuff that is being argued.\n<<[/UNRESOLVED]>>\n```\n-->\n\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kep.md"
        path.write_text(sample + base[:start] + base[end:], encoding="utf-8")
        got = _by_id(run(path).review)
    assert got["proposal.open-questions"][0] == Status.NOT_APPLICABLE
    assert got["style.unfinished"][0] == Status.PASSED
