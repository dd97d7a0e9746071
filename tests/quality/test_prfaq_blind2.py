"""Classes a blind bar-raiser reading of PR/FAQ reviews found wrong (issue 8):

1. customer quotes outside the press release (a "What customers say" section) are
   found: a minor "move one into the release", not "no customer quote";
2. a note or disclaimer blockquote ("> Note: early beta...") is not a quote;
3. a technical audience's own words (security teams: API, JSON, SARIF, PAT, MDM,
   REST, SSE) and a team named by the customers' role ("DevOps/SRE Team") are not
   jargon; an acronym that is a fragment of a product name ("VS Code", "POS Pro")
   is not one;
4. a dateline whose place and date are a placeholder ("[City, Date] — Today") is a
   dateline with a placeholder (minor, half the weight), consistent with
   style.placeholders; a dateline with the place and no date says so.
Layout documents written here."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import CriterionResult, Severity, Status

LAYOUTS = Path(__file__).parent / "layouts"


def _criteria(name: str) -> dict[str, CriterionResult]:
    return {c.id: c for c in run(LAYOUTS / name).review.criteria}


def _failed(criteria: dict[str, CriterionResult]) -> dict[str, tuple[Severity, float | None]]:
    return {c.id: (c.severity, c.score) for c in criteria.values()
            if c.status == Status.FAILED}


def test_customer_quotes_in_their_own_section_are_a_minor_move_not_missing() -> None:
    criteria = _criteria("prfaq-quotes-outside-release.md")
    quote = criteria["pr.customer-quote"]
    assert (quote.status, quote.severity, quote.score) == (Status.FAILED, Severity.MINOR, 0.5)
    assert [(f.severity, f.location.line if f.location else None, f.message)
            for f in quote.findings] == [(
        Severity.MINOR, 33,
        "2 named customer quote(s) in 'What customers say', outside the press release "
        "(first: Priya N., Bridge Inspector): move one into the press release.")]
    assert quote.findings[0].suggestion == (
        "Move one of these customer quotes into the press release.")
    assert quote.note == ("found outside the press release in 'What customers say' (line 33): "
                          "Priya N., Bridge Inspector")
    assert _failed(criteria) == {
        "faq.internal": (Severity.MAJOR, 0.0),
        "pr.dateline": (Severity.MINOR, 0.5),
        "style.placeholders": (Severity.BLOCKER, 0.0),
        "pr.customer-quote": (Severity.MINOR, 0.5),
    }


def test_a_note_blockquote_is_not_the_documents_quote() -> None:
    criteria = _criteria("prfaq-quotes-outside-release.md")
    leader = criteria["pr.leader-quote"]
    assert leader.status == Status.PASSED
    assert leader.note == "leader quote: Lena Ortiz, head of product at Harbor"
    # the beta note is never quoted back as an unattributed quote
    assert not any("Note" in (f.quote or "") for c in criteria.values() for f in c.findings
                   if c.id.startswith("pr."))


def test_a_placeholder_dateline_fails_as_a_placeholder_consistent_with_placeholders() -> None:
    criteria = _criteria("prfaq-quotes-outside-release.md")
    dateline = criteria["pr.dateline"]
    assert dateline.note == "dateline: placeholder '[City, Date] — Today Harbor'"
    assert [(f.quote, f.message) for f in dateline.findings] == [(
        "[City, Date]",
        "The dateline's place or date is a placeholder ('[City, Date]'): write the city "
        "and the launch date.")]
    assert [f.quote for f in criteria["style.placeholders"].findings] == ["[City, Date]"]


def test_a_dateline_with_the_place_and_no_date_is_not_missing() -> None:
    criteria = _criteria("prfaq-dateline-place-only.md")
    dateline = criteria["pr.dateline"]
    assert (dateline.status, dateline.note) == (
        Status.FAILED, "dateline: place 'San Francisco, CA', no date")
    assert [(f.quote, f.message) for f in dateline.findings] == [(
        "San Francisco, CA",
        "The dateline gives the place ('San Francisco, CA') but no launch date.")]
    # "POS" in the product name "POS Pro" is a fragment of a name, not jargon
    assert criteria["pr.customer-language"].status == Status.PASSED


def test_security_teams_words_and_their_role_team_are_not_jargon() -> None:
    criteria = _criteria("prfaq-technical-audience-words.md")
    language = criteria["pr.customer-language"]
    assert (language.status, language.note) == (
        Status.PASSED, "0 internal term(s) in the press release (technical audience: "
        "engineering terms and acronyms are its own)")
    assert criteria["style.acronyms"].findings == []
    assert criteria["style.acronyms"].status == Status.PASSED
    assert _failed(criteria) == {
        "faq.internal": (Severity.MAJOR, 0.0),
    }


def test_a_team_not_named_by_the_audiences_role_is_still_internal(tmp_path: Path) -> None:
    text = (LAYOUTS / "prfaq-technical-audience-words.md").read_text(encoding="utf-8")
    doc = tmp_path / "team.md"
    doc.write_text(text.replace("**DevOps/SRE Team ships", "**Payments Platform Team ships"),
                   encoding="utf-8")
    language = next(c for c in run(doc).review.criteria if c.id == "pr.customer-language")
    assert language.status == Status.FAILED
    assert [f.quote for f in language.findings] == ["Payments Platform Team"]
