"""Attributed quotes (leader / customer / any) and FAQ entries with their answers."""

from __future__ import annotations

from typing import Any

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.checks.reading.faq import find_entries
from prereview.checks.reading.quotes import find_quotes, is_name
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
    # a place or an organisation after "in/from/at/of" is never the name
    ('"I used to throw out a bag of groceries a week," said one customer from the pilot '
     'building in Capitol Hill.',
     "one customer from the pilot building in Capitol Hill", None),
    ('"I used to throw out a bag of groceries a week," said a renter at Park Towers.',
     "a renter at Park Towers", None),
    # a described speaker stays unnamed, even with a place after a comma...
    ('"I used to throw out a bag of groceries a week," said a customer, Denver.',
     "a customer, Denver", None),
    # ...unless a full name follows it
    ('"We built this for renters," said the company\'s co-founder, Tomas Reyes.',
     "the company's co-founder, Tomas Reyes", "Tomas Reyes"),
    ('"We built this for renters," said head of operations at Cartwheel, Tomas Reyes.',
     "head of operations at Cartwheel, Tomas Reyes", "Tomas Reyes"),
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


def test_a_customer_described_by_place_is_there_wanting_a_name() -> None:
    # the customer's voice is there (issue 8, fresh reading); the name is the
    # minor improvement, a finding on the attribution
    md = "# Acme launches Lockers\n\n\"I order on my break now,\" said one customer from " \
         "the pilot building in Capitol Hill.\n"
    result = run(md, CUSTOMER)
    assert (result.status, result.score) == (Status.PASSED, 0.75)
    assert [where(f) for f in result.findings] == [
        ("one customer from the pilot building in Capitol Hill", 3, 32, 84)]


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


def test_company_after_a_dateline_dash_makes_its_ceo_a_leader() -> None:
    quote = ('"Empty hours cost our own clinic $40,000 a year," said Maria Chen, chief '
             'executive officer of Tidewell Software.')
    for opening in ("SEATTLE, WA — March 2, 2027 — Tidewell Software today launched Fill.",
                    "SEATTLE, WA - March 2, 2027 -Tidewell Software today launched Fill.",
                    "SEATTLE, WA — March 2, 2027 — Tidewell Software, a clinic software "
                    "company, today launched Fill."):
        md = f"# Fill texts your waitlist\n\n{opening}\n\n{quote}\n"
        result = run(md, LEADER)
        assert result.status == Status.PASSED, opening
        assert result.note == ("leader quote: Maria Chen, chief executive officer of Tidewell "
                               "Software")


SPOKESPERSON = ('"Invoicing is a huge pain point for our customers, and this launch helps," '
                'said a Harborline spokesperson. "We think customers might finally stop '
                'using spreadsheets."')


def test_a_second_quote_continues_the_speaker_before_it() -> None:
    result = run(f"# Harborline launches Invoice\n\n{SPOKESPERSON}\n", CUSTOMER)
    assert result.status == Status.FAILED
    # One finding, on the attribution both quotes share; none saying "not attributed".
    assert [f.message for f in result.findings] == [
        "This quote is attributed to 'a Harborline spokesperson', not to a named person."]


@pytest.mark.parametrize("text", [
    # The first quoted passage is too short to be a quote, but it names the speaker.
    '"Finally," said Jo Park, CEO of Acme. "Florists told us they wait a week to be paid."',
    # A pronoun goes on with the speaker named before.
    '"Florists told us they wait a week to be paid," said Jo Park, CEO of Acme. "Now they '
    'wait two hours for it," she added.',
    '"Florists told us they wait a week to be paid," said Jo Park, CEO of Acme. She added: '
    '"Now they wait two hours for it."',
])
def test_continued_quotes_keep_their_speaker(text: str) -> None:
    got = quotes_of(f"# Acme launches Pay\n\n{text}\n")
    assert got and all(name == "Jo Park" for _, name, _ in got), got
    result = run(f"# Acme launches Pay\n\n{text}\n", CUSTOMER)
    assert all("not attributed to anyone" not in f.message for f in result.findings)


@pytest.mark.parametrize("second", [
    '"Now they wait two hours, and they can pay their suppliers on time."',
    '"Now they wait two hours, and they can pay their suppliers on time," she said.',
])
def test_a_quote_paragraph_after_an_attributed_one_continues_it(second: str) -> None:
    md = ('# Acme launches Pay\n\n"Florists told us they wait a week to be paid," said Jo '
          f'Park, CEO of Acme.\n\n{second}\n\nAcme Pay is available today.\n')
    assert [name for _, name, _ in quotes_of(md)] == ["Jo Park", "Jo Park"]


def test_a_pronoun_alone_is_not_a_name() -> None:
    assert not is_name("She") and not is_name("They")
    md = '# Acme launches Pay\n\n"We wait a week to be paid for every order," she said.\n'
    result = run(md, CUSTOMER)
    assert [f.message for f in result.findings] == [
        "This quote is attributed to 'she', not to a named person."]


# ------------------------------------------------------------------ FAQ

FAQ = {"kind": "faq"}


def entries_of(md: str) -> list[tuple[str, int]]:
    ctx = CheckContext(parse_markdown(md, "d.md"), make_rubric(FAQ))
    return [(e.question.text[e.start:e.end], len(e.answer))
            for e in find_entries(ctx, ctx.scope("faq"))]


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


@pytest.mark.parametrize(("answer", "unanswered"), [
    ("TBD (waiting on the pricing team).", True),
    ("TODO: ask legal about it", True),
    ("To be determined.", True),
    ("? (ask Jo)", True),
    ("N/A", True),
    ("N/A: Acme Pay stores no card numbers at all, so there is nothing to delete.", False),
    ("TBD. We decide in March, after the pricing study with 40 florists and the board.",
     False),
    ("$9 a month; the price is to be confirmed by finance in May.", False),
])
def test_placeholder_answers(answer: str, unanswered: bool) -> None:
    md = f"## FAQ\n\n### How much does it cost?\n\n{answer}\n"
    result = run(md, FAQ)
    assert (result.status == Status.FAILED) is unanswered
    if unanswered:
        assert [f.message for f in result.findings] == [
            f"The question 'How much does it cost?' is answered only with '{answer}'."]
