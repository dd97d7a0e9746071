"""Attributed quotes (leader / customer / any) and FAQ entries with their answers."""

from __future__ import annotations

from typing import Any

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.checks.faq import find_entries
from prereview.checks.quotes import find_quotes, is_name
from prereview.checks.scopes import scope_blocks
from prereview.ingest.markdown import parse_markdown
from prereview.review import CriterionResult, Finding, Status
from prereview.rubrics import Rubric

SECTIONS: dict[str, Any] = {
    "press-release": {"headings": [r"^(the\s+)?press[\s-]*release\b"], "before": "faq"},
    "faq": {"headings": [r"^(?!.*\bpr\s*[/&+-]?\s*faq)(?=.*\bfaqs?\b)"]},
}


def make_rubric(check: dict[str, Any]) -> Rubric:
    return Rubric.model_validate({
        "id": "t", "sections": SECTIONS,
        "criteria": [{"id": "t.x", "title": "T", "severity": "major", "check": check}],
    })


def run(md: str, check: dict[str, Any]) -> CriterionResult:
    rubric = make_rubric(check)
    return run_criterion(CheckContext(parse_markdown(md, "doc.md"), rubric), rubric.criteria[0])


def where(f: Finding) -> tuple[str | None, int | None, int | None, int | None]:
    if f.location is None:
        return (f.quote, None, None, None)
    return (f.quote, f.location.line, f.location.start, f.location.end)


LEADER = {"kind": "attributed-quote", "speaker": "leader"}
CUSTOMER = {"kind": "attributed-quote", "speaker": "customer"}
ANY = {"kind": "attributed-quote", "speaker": "any"}


# ------------------------------------------------------------------ quotes


def quotes_of(md: str) -> list[tuple[str, str | None, list[str]]]:
    ctx = CheckContext(parse_markdown(md, "d.md"), make_rubric(ANY))
    return [(q.who, q.name, q.parts) for q in find_quotes(ctx, "press-release")]


@pytest.mark.parametrize(("text", "who", "name"), [
    ('"I used to lose a day a month," said Ana Ruiz, a florist in Tucson.',
     "Ana Ruiz, a florist in Tucson", "Ana Ruiz"),
    ('"I used to lose a day a month," Ana Ruiz, a florist, said.',
     "Ana Ruiz, a florist", "Ana Ruiz"),
    ('“I used to lose a day a month.” — Dr. Ana de la Ruiz, owner, Bloom & Co.',
     "Dr. Ana de la Ruiz, owner, Bloom & Co", "Dr. Ana de la Ruiz"),
    ('Ana Ruiz, a florist in Tucson, said: "I used to lose a day a month."',
     "Ana Ruiz, a florist in Tucson", "Ana Ruiz"),
    ('"I used to lose a day a month" - Co-Chair Florist Guild, Ana Ruiz.',
     "Co-Chair Florist Guild, Ana Ruiz", "Ana Ruiz"),
    ('"We are thrilled to launch this for you," said the product team.',
     "the product team", None),
    ('"We are thrilled to launch this for you," said Mr. CTO, ACME Corp.',
     "Mr. CTO, ACME Corp", None),
])
def test_attribution_forms(text: str, who: str, name: str | None) -> None:
    ((got_who, got_name, _),) = quotes_of(f"# Acme launches Pay\n\n{text}\n")
    assert (got_who, got_name) == (who, name)


def test_attribution_in_the_next_paragraph_and_labelled_quotes() -> None:
    md = "# Acme launches Pay\n\n> Paid before I close the shop, every single day.\n\n" \
         "— Ana Ruiz, florist\n\nText.\nCustomer quote: The SDK gave our people a head start.\n"
    assert quotes_of(md) == [("Ana Ruiz, florist", "Ana Ruiz", ["florist"]),
                             ("", None, [])]


def test_scare_quotes_are_not_quotes() -> None:
    assert quotes_of('# A\n\nCharts are "out of the box" ready.\n') == []


def test_names() -> None:
    assert is_name("Ana Ruiz") and is_name("Jenny") and is_name("Dr. Jo van Dijk")
    assert not is_name("ACME Corp") and not is_name("Product Manager")
    assert not is_name("the team") and not is_name("Consultancy ABC")


RELEASE = """\
# Acme launches Acme Pay for florists

"Florists told us they wait a week to be paid. Now they wait two hours," said Jo
Park, general manager of Acme Pay.

"I used to lose a day a month chasing payments," said Ana Ruiz, a florist in Tucson.
"""


def test_leader_and_customer_quotes() -> None:
    leader = run(RELEASE, LEADER)
    assert leader.status == Status.PASSED
    assert leader.note == "leader quote: Jo Park, general manager of Acme Pay"
    customer = run(RELEASE, CUSTOMER)
    assert customer.status == Status.PASSED
    assert customer.note == "customer quote: Ana Ruiz, a florist in Tucson"


def test_a_titled_person_at_another_company_is_a_customer() -> None:
    md = "# Acme launches Acme Pay\n\n\"It saves my team four hours a week,\" said Li Wu, " \
         "CTO at Bloom Corp.\n"
    assert run(md, CUSTOMER).status == Status.PASSED
    result = run(md, LEADER)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [(None, None, None, None)]
    assert result.findings[0].message == (
        "No quote from a company leader (name and role) (quoted: Li Wu, CTO at Bloom Corp).")


def test_unnamed_quotes_are_findings_on_their_attribution() -> None:
    md = "# Acme launches Pay\n\n\"We are thrilled to launch this for you,\" said the " \
         "product team.\n"
    result = run(md, CUSTOMER)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [("the product team", 3, 47, 63)]
    assert result.findings[0].message == (
        "This quote is attributed to 'the product team', not to a named person.")


def test_unattributed_quote_is_a_finding_on_the_quote() -> None:
    md = "# Acme launches Pay\n\nCustomer Quote: The SDK gave our practitioners a head " \
         "start in defining the boundary.\n"
    result = run(md, CUSTOMER)
    assert [where(f) for f in result.findings] == [
        ("The SDK gave our practitioners a head start in defining the boundary.", 3, 16, 85)]


def test_no_quotes_at_all() -> None:
    result = run("# Acme launches Pay\n\nText.\n", ANY)
    assert result.status == Status.FAILED
    assert result.note == "0 quote(s), none from a named person"
    assert [where(f) for f in result.findings] == [(None, None, None, None)]


# ------------------------------------------------------------------ FAQ

FAQ = {"kind": "faq"}


def entries_of(md: str) -> list[tuple[str, int]]:
    ctx = CheckContext(parse_markdown(md, "d.md"), make_rubric(FAQ))
    return [(e.question.text[e.start:e.end], len(e.answer))
            for e in find_entries(ctx, scope_blocks(ctx, "faq"))]


def test_faq_entry_forms() -> None:
    md = """\
## FAQ

### Is it free?

No, $9 a month.

**Q: Does it work offline?**

A: Yes.

**Can I cancel?**

Any time.

Really, any time.
"""
    assert entries_of(md) == [("Is it free?", 1), ("Q: Does it work offline?", 1),
                              ("Can I cancel?", 2)]


def test_faq_as_a_nested_list() -> None:
    md = """\
# FAQ

- What cards work?
  - Every card.
  - Even old ones.
- Where do I sign up
  - At acme.com.
- A statement, not a question
"""
    assert entries_of(md) == [("What cards work?", 2), ("Where do I sign up", 1)]


def test_questions_inside_an_answer_are_not_entries() -> None:
    md = "# FAQ\n\n### What will the report cover?\n\n- How aware are people?\n" \
         "- What tools exist?\n\n### Who writes it?\n\nThe policy group.\n"
    assert entries_of(md) == [("What will the report cover?", 2), ("Who writes it?", 1)]


def test_faq_all_answered() -> None:
    md = "## FAQ\n\n### Is it free?\n\nNo.\n\n**Q: Offline? A: Yes.**\n"
    result = run(md, FAQ)
    assert result.status == Status.PASSED
    assert result.note == "2 FAQ entries, 0 unanswered"


def test_faq_unanswered_and_placeholder_answers() -> None:
    md = """\
## FAQ

### How much does it cost?

TBD

### Does it work with my reader?

### When is it available?

June 2027.

### More questions

- Will it be translated?
- Is there an API?
"""
    result = run(md, FAQ)
    assert result.status == Status.FAILED
    assert [(where(f), f.message) for f in result.findings] == [
        (("How much does it cost?", 3, 0, 22),
         "The question 'How much does it cost?' is answered only with 'TBD'."),
        (("Does it work with my reader?", 7, 0, 28),
         "The question 'Does it work with my reader?' has no answer."),
        (("Will it be translated?", 15, 0, 22),
         "The question 'Will it be translated?' has no answer."),
        (("Is there an API?", 16, 0, 16), "The question 'Is there an API?' has no answer."),
    ]


def test_faq_section_without_questions() -> None:
    result = run("# Pay\n\nText.\n\n## FAQ\n\nWe will add questions later on.\n", FAQ)
    assert result.status == Status.FAILED
    assert [where(f) for f in result.findings] == [("FAQ", 5, 0, 3)]


def test_faq_without_heading_reads_the_body() -> None:
    md = "## PRFAQ\n\nNow shops get paid.\n\n**Q: What is it?**\n\nA tool for florists.\n"
    result = run(md, FAQ)
    assert result.status == Status.PASSED
    assert result.note == "1 FAQ entries, 0 unanswered"
    none = run("# Pay\n\nText.\n", FAQ)
    assert none.status == Status.FAILED
    assert none.findings[0].message == "No FAQ questions found in the main body."


def test_quarter_names_are_not_questions() -> None:
    md = "# FAQ\n\nQ3: revenue grew 20%.\n\nQ4: What comes next?\n\nMore shops.\n"
    assert entries_of(md) == [("Q4: What comes next?", 1)]
