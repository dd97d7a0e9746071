"""Structure kinds (section, order, length, list-share), scopes, and the three
document-type rubrics against the catalogue."""

from __future__ import annotations

from typing import Any

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.checks.binding import BindError
from prereview.checks.reading.headings import normalise_heading
from prereview.detect import detect_type
from prereview.ingest.markdown import parse_markdown
from prereview.review import CriterionResult, Finding, Status
from prereview.rubrics import Rubric, load_rubric

SECTIONS: dict[str, Any] = {
    "press-release": {"headings": [r"^(the\s+)?press[\s-]*release\b"], "before": "faq"},
    "faq": {"headings": [r"^(?!.*\bpr\s*[/&+-]?\s*faq)(?=.*\bfaqs?\b)"]},
    "external-faq": {"headings": [r"\b(external|customer|public)\s+faqs?\b"]},
    "internal-faq": {"headings": [r"\binternal\s+faqs?\b"]},
    "goals": {"headings": [r"^goals?\b"]},
    "non-goals": {"headings": [r"\bnon[\s-]?goals?\b"]},
    "security": {"headings": [r"\bsecurity\b"]},
    "tenets": {"headings": [r"\btenets?\b"]},
    "appendix": {"headings": [r"^appendix\b"], "appendix": True},
}


def make_rubric(check: dict[str, Any], severity: str = "major") -> Rubric:
    return Rubric.model_validate({
        "id": "t", "sections": SECTIONS,
        "criteria": [{"id": "t.x", "title": "T", "severity": severity,
                      "guidance": "Add it.", "check": check}],
    })


def run(md: str, check: dict[str, Any]) -> CriterionResult:
    rubric = make_rubric(check)
    return run_criterion(CheckContext(parse_markdown(md, "doc.md"), rubric), rubric.criteria[0])


def where(f: Finding) -> tuple[str | None, int | None, int | None, int | None]:
    """(quote, line, start, end)."""
    if f.location is None:
        return (f.quote, None, None, None)
    return (f.quote, f.location.line, f.location.start, f.location.end)


# ------------------------------------------------------------------ the rubrics

CATALOGUE = {
    "prfaq": {
        "pr.headline": ("blocker", "rule"), "pr.subheading": ("major", "rule + judgment"),
        "pr.dateline": ("minor", "rule"), "pr.summary": ("major", "judgment"),
        "pr.problem": ("blocker", "rule + judgment"), "pr.problem-quantified": ("minor", "rule"),
        "pr.solution": ("blocker", "judgment"), "pr.leader-quote": ("minor", "rule"),
        "pr.getting-started": ("major", "rule + judgment"),
        "pr.customer-quote": ("major", "rule"), "pr.call-to-action": ("minor", "rule"),
        "pr.launch-voice": ("minor", "rule"), "pr.length": ("major", "rule"),
        "pr.customer-language": ("major", "rule + judgment"),
        "faq.present": ("blocker", "rule"), "faq.external": ("major", "rule"),
        "faq.internal": ("major", "rule"), "faq.answered": ("major", "rule"),
        "faq.customer-evidence": ("major", "judgment"), "faq.market-size": ("major", "judgment"),
        "faq.economics": ("major", "judgment"), "faq.success-metrics": ("major", "judgment"),
        "faq.risks": ("major", "judgment"), "faq.scope": ("minor", "judgment"),
        "faq.consistent-numbers": ("minor", "judgment"), "faq.length": ("minor", "rule"),
        "faq.leadership-questions": ("minor", "rule"),  # issue 8 addition
    },
    "narrative": {
        "narrative.purpose": ("blocker", "rule + judgment"), "narrative.tenets": ("minor", "rule"),
        "narrative.state": ("major", "rule + judgment"), "narrative.lessons": ("major", "rule"),
        "narrative.plan": ("major", "rule + judgment"),
        "narrative.asks": ("blocker", "rule + judgment"),
        "narrative.length": ("major", "rule"), "narrative.prose": ("major", "rule"),
    },
    "design-doc": {
        "design.context": ("major", "rule"), "design.problem": ("blocker", "rule + judgment"),
        "design.goals": ("blocker", "rule + judgment"), "design.non-goals": ("major", "rule"),
        "design.proposal": ("blocker", "rule"),
        "design.alternatives": ("major", "rule + judgment"), "design.risks": ("major", "rule"),
        "design.security": ("major", "rule"), "design.operations": ("major", "rule"),
        "design.cost": ("minor", "rule"), "design.milestones": ("minor", "rule"),
        "design.metrics": ("major", "rule + judgment"), "design.open-questions": ("minor", "rule"),
    },
}
WEIGHT = {"blocker": 3, "major": 2, "minor": 1}


@pytest.mark.parametrize("rubric_id", sorted(CATALOGUE))
def test_rubric_has_every_catalogue_criterion(rubric_id: str) -> None:
    rubric = load_rubric(rubric_id)
    own = {c.id: c for c in rubric.criteria if not c.id.startswith(("style.", "integrity."))}
    assert {cid: (c.severity.value, c.kind) for cid, c in own.items()} == CATALOGUE[rubric_id]
    assert all(c.weight == WEIGHT[c.severity.value] for c in own.values())
    assert all(c.guidance and c.title for c in own.values())
    assert rubric.extends == ["style"]
    assert rubric.threshold == 80
    assert any(c.id == "style.weasel-words" for c in rubric.criteria)


def test_judgment_only_criteria_are_not_assessed() -> None:
    rubric = load_rubric("prfaq")
    doc = parse_markdown("# Acme launches Pay\n\nText.\n", "d.md")
    result = run_criterion(CheckContext(doc, rubric), rubric.criterion("pr.solution"))
    assert result.status == Status.NOT_ASSESSED
    assert result.findings == []


@pytest.mark.parametrize(("md", "expected"), [
    ("# Acme launches Pay\n\ntext\n\n## FAQ\n\n### Q?\n\nA.\n", "prfaq"),
    ("## PRFAQ\n\nNow shops get paid.\n\n**Q: What?**\n\nThis.\n", "prfaq"),
    ("# Title: GSF Announces Open Ontology Tool for SCI\n\nSubtitle: x\n", "prfaq"),
    ("# KEP-1: X\n\n## Summary\n\n## Motivation\n\n### Goals\n\n### Non-Goals\n\n"
     "## Proposal\n\n## Design Details\n\n## Alternatives\n", "design-doc"),
    ("# Review\n\n## Tenets\n\n## Lessons learned\n\n## Asks\n", "narrative"),
])
def test_detection(md: str, expected: str) -> None:
    rubrics = [load_rubric(r) for r in ("prfaq", "narrative", "design-doc")]
    rid, why = detect_type(parse_markdown(md, "d.md"), rubrics)
    assert rid == expected, why


# ------------------------------------------------------------------ scopes


def ctx_for(md: str) -> CheckContext:
    return CheckContext(parse_markdown(md, "d.md"), make_rubric({"kind": "order", "first": "goals",
                                                                  "then": "non-goals"}))


def test_heading_normalisation() -> None:
    assert normalise_heading("3.2 Non-Goals [optional]:") == "Non-Goals"
    assert normalise_heading("B. Tenets") == "Tenets"
    assert normalise_heading("Infrastructure Needed (Optional)") == "Infrastructure Needed"
    assert normalise_heading("2) Goals") == "Goals"


def test_press_release_is_everything_before_the_faq() -> None:
    ctx = ctx_for("# Acme launches Pay\n\nPara one.\n\n## FAQ\n\n### Why?\n\nBecause.\n")
    assert [b.text for b in ctx.scope("press-release")] == ["Acme launches Pay",
                                                                    "Para one."]


def test_press_release_without_faq_heading_ends_at_first_question() -> None:
    ctx = ctx_for("## PRFAQ\n\nNow shops get paid.\n\n**Q: What is it?**\n\nA tool.\n")
    assert [b.text for b in ctx.scope("press-release")] == ["PRFAQ",
                                                                    "Now shops get paid."]


def test_press_release_without_any_faq_is_the_whole_body() -> None:
    ctx = ctx_for("# Acme launches Pay\n\nPara.\n\n## Appendix\n\nData.\n")
    assert [b.text for b in ctx.scope("press-release")] == ["Acme launches Pay", "Para."]


def test_title_heading_only_counts_when_nothing_inside_matches() -> None:
    inner = ctx_for("# Security review design\n\n## Goals\n\nx\n\n## Security\n\ny\n")
    assert [s.title for s in inner.sections_named("security")] == ["Security"]
    alone = ctx_for("## FAQ\n\n### Is it free?\n\nYes.\n")
    assert [s.title for s in alone.sections_named("faq")] == ["FAQ"]


def test_scopes_and_sections_are_computed_once_per_context() -> None:
    ctx = ctx_for("# Acme launches Pay\n\nPara one.\n\n## FAQ\n\n### Why?\n\nBecause.\n")
    first = ctx.scope("press-release")
    first.clear()  # a caller's list is its own: the memo keeps the scope
    assert [b.text for b in ctx.scope("press-release")] == ["Acme launches Pay", "Para one."]
    assert ("scope", "press-release") in ctx.memo
    assert ctx.sections_named("faq") is ctx.sections_named("faq")
    assert CheckContext(ctx.document, ctx.rubric).memo == {}


def test_unknown_section_or_scope_is_a_key_error() -> None:
    ctx = ctx_for("# Doc\n\nText.\n")
    with pytest.raises(KeyError, match="unknown section 'nope'"):
        ctx.sections_named("nope")
    with pytest.raises(KeyError, match="unknown scope 'nope'"):
        ctx.scope("nope")


def test_body_leaves_out_a_numbered_appendix_for_every_kind() -> None:
    # One lookup for structure and style kinds alike: "7. Appendix" is the appendix.
    md = "# Doc\n\nWe ship in May.\n\n## 7. Appendix\n\nIt is very fast.\n"
    ctx = ctx_for(md)
    assert [b.text for b in ctx.prose("body")] == ["We ship in May."]
    prfaq = load_rubric("prfaq")
    weasel = prfaq.criterion("style.weasel-words")
    result = run_criterion(CheckContext(parse_markdown(md, "d.md"), prfaq), weasel)
    assert result.status == Status.PASSED


def test_style_readability_uses_the_same_press_release_as_the_structure_kinds() -> None:
    # No press-release heading and no FAQ heading: the press release runs to the
    # first "Q:" question, for the readability limit as for the press-release kinds.
    # Grade 15.6: under 18 (anywhere) but over 14 (a press release).
    medium = ("Ledger sends each customer a monthly summary of their spending, listing every "
              "subscription, flagging unusual charges, and suggesting cheaper alternative plans "
              "for each of them. Customers can cancel any subscription directly from the "
              "summary page, without calling the provider or visiting its website.")
    md = (f"# Acme launches Ledger\n\n{medium}\n\n**Q: What is it?**\n\n"
          "It is a way to save money. You sign up and we check your plans.\n")
    prfaq = load_rubric("prfaq")
    ctx = CheckContext(parse_markdown(md, "d.md"), prfaq)
    result = run_criterion(ctx, prfaq.criterion("style.readability"))
    assert result.status == Status.FAILED
    assert result.note is not None and "press-release grade 15.6 (limit 14)" in result.note
    assert [f.quote for f in result.findings] == [medium]


# ------------------------------------------------------------------ section

GOALS = {"kind": "section", "section": "goals", "min_words": 5}


def test_section_present() -> None:
    result = run("# Doc\n\n## Goals\n\n- Pay shops within two hours.\n", GOALS)
    assert result.status == Status.PASSED
    assert result.note == "goals: 'Goals' (5 words, at least 5)"


def test_section_missing_is_a_finding_without_quote() -> None:
    result = run("# Doc\n\n## Design\n\nText here.\n", GOALS)
    assert result.status == Status.FAILED
    (f,) = result.findings
    assert where(f) == (None, None, None, None)
    assert f.message == "No goals section found."
    assert f.suggestion == "Add it."


def test_section_too_short_points_at_its_heading() -> None:
    result = run("# Doc\n\n## Goals\n\n<!-- fill in -->\n\nTBD\n\n## Design\n\nx\n", GOALS)
    assert result.status == Status.FAILED
    (f,) = result.findings
    assert where(f) == ("Goals", 3, 0, 5)
    # "TBD" only says the section is still to be written: no words of the part
    assert f.message == "The goals section only says it is still to be written."


def test_section_empty() -> None:
    result = run("# Doc\n\n## Goals\n\n```\ncode only\n```\n\n## Design\n\nx\n", GOALS)
    # a code block is content, if not the part's words
    assert result.findings[0].message == \
        "The goals section holds only a code block or diagram, no prose."
    result = run("# Doc\n\n## Goals\n\n<!-- fill in -->\n\n## Design\n\nx\n", GOALS)
    assert result.findings[0].message == "The goals section is empty."


def test_section_with_numbered_decorated_heading() -> None:
    result = run("# Doc\n\n## 2.1 Goals (optional):\n\nPay shops within two hours.\n", GOALS)
    assert result.status == Status.PASSED


def test_section_contains_requirement() -> None:
    check = {**GOALS, "contains": [{"what": "number", "pattern": r"\d"}]}
    ok = run("## Goals\n\nPay shops within 2 hours every day.\n\n## Design\n\nx\n", check)
    assert ok.status == Status.PASSED
    bad = run("## Goals\n\nPay shops within two hours every day.\n\n## Design\n\nx\n", check)
    assert bad.status == Status.FAILED
    assert [(f.message, where(f)) for f in bad.findings] == [
        ("The goals section has no number.", ("Goals", 1, 0, 5))]


def test_section_or_patterns_stand_in_for_a_heading() -> None:
    check = {"kind": "section", "section": "non-goals",
             "or_patterns": [r"\bout of scope\b"]}
    md = "# Doc\n\nIntro.\n\nRefunds are out of scope. Other text.\n"
    result = run(md, check)
    assert result.status == Status.PASSED
    assert result.score == 1.0
    assert result.note == "non goals: no heading; covered in the text (line 5)"
    partial = run(md, {**check, "or_score": 0.5, "label": "non-goals"})
    assert partial.status == Status.PASSED and partial.score == 0.5
    assert [where(f) for f in partial.findings] == [("Refunds are out of scope.", 5, 0, 25)]


def test_section_or_within_limits_the_search_to_the_opening() -> None:
    check = {"kind": "section", "section": "goals", "or_patterns": [r"\bour goal\b"],
             "or_within": 1}
    assert run("First.\n\nOur goal is speed.\n", check).status == Status.FAILED
    assert run("Our goal is speed.\n\nFirst.\n", check).status == Status.PASSED


def test_section_fallback_for_part_score_but_not_a_claimed_section() -> None:
    check = {"kind": "section", "section": "external-faq", "label": "external FAQ",
             "fallback": ["faq"], "fallback_score": 0.5}
    plain = run("# Acme\n\nText.\n\n## FAQ\n\n### Is it free?\n\nYes.\n", check)
    assert plain.status == Status.PASSED and plain.score == 0.5
    assert [where(f) for f in plain.findings] == [("FAQ", 5, 0, 3)]
    internal = run("# Acme\n\nText.\n\n## Internal FAQ\n\n### Why?\n\nBecause.\n", check)
    assert internal.status == Status.FAILED


def test_section_after_another() -> None:
    check = {"kind": "section", "section": "faq", "after": "press-release"}
    good = run("# A\n\n## Press release\n\nText.\n\n## FAQ\n\nAnswers here.\n", check)
    assert good.status == Status.PASSED
    bad = run("# A\n\n## FAQ\n\nAnswers here.\n\n## Press release\n\nText.\n", check)
    assert bad.status == Status.FAILED
    (f,) = bad.findings
    assert where(f) == ("FAQ", 3, 0, 3)
    assert f.message == "'FAQ' comes before 'Press release': the faq should follow it."


def test_unknown_section_id_is_an_error() -> None:
    with pytest.raises(BindError, match=r"criteria\[0\] \(t\.x\)\.check: unknown section 'nope'"):
        run("# A\n", {"kind": "section", "section": "nope"})


# ------------------------------------------------------------------ order

ORDER = {"kind": "order", "first": "goals", "then": "non-goals"}


def test_order() -> None:
    assert run("## Goals\n\na\n\n## Non-goals\n\nb\n", ORDER).status == Status.PASSED
    bad = run("# D\n\n## Non-goals\n\nb\n\n## Goals\n\na\n", ORDER)
    assert bad.status == Status.FAILED
    assert [where(f) for f in bad.findings] == [("Non-goals", 3, 0, 9)]
    absent = run("## Goals\n\na\n", ORDER)
    assert absent.status == Status.PASSED
    assert absent.note == "order: not both of goals and non goals present"


# ------------------------------------------------------------------ length

LENGTH = {"kind": "length", "scope": "press-release", "label": "press release",
          "warn_above": 5, "fail_above": 8}


def test_length_within_limit_counts_prose_only() -> None:
    md = "# Acme launches Pay\n\nOne two three.\n\n```\nnot counted at all\n```\n\n" \
         "| a | b |\n|---|---|\n| not | counted |\n\n## FAQ\n\nx\n"
    result = run(md, LENGTH)
    assert result.status == Status.PASSED and result.score == 1.0
    assert result.note == "press release: 3 words (warn above 5, fail above 8)"


def test_length_warning_passes_with_half_score_and_points_where_it_crosses() -> None:
    md = "# Acme launches Pay\n\nOne two three.\n\nFour five. Six seven.\n\n## FAQ\n\nx\n"
    result = run(md, LENGTH)
    assert result.status == Status.PASSED and result.score == 0.5
    (f,) = result.findings
    assert where(f) == ("Six seven.", 5, 11, 21)
    assert f.message == "The press release is 7 words long; it passes 5 words here."


def test_length_failure() -> None:
    md = "# Acme launches Pay\n\nOne two three four five six seven eight nine.\n"
    result = run(md, LENGTH)
    assert result.status == Status.FAILED and result.score == 0.0
    assert [where(f) for f in result.findings] == [
        ("One two three four five six seven eight nine.", 3, 0, 45)]


def test_length_also_measures_other_scopes() -> None:
    check = {"kind": "length", "scope": "faq", "warn_above": 100,
             "also": [{"scope": "body", "label": "body", "fail_above": 4}]}
    md = "Alpha beta gamma.\n\n## FAQ\n\nDelta epsilon.\n\n## Appendix\n\nNot counted here.\n"
    result = run(md, check)
    assert result.status == Status.FAILED
    assert result.note == ("faq: 2 words (warn above 100); body: 5 words (fail above 4)")
    assert [where(f) for f in result.findings] == [("Delta epsilon.", 5, 0, 14)]


# ------------------------------------------------------------------ list-share

LISTS = {"kind": "list-share", "max_share": 0.3, "except_sections": ["tenets"]}


def test_list_share_passes_for_prose() -> None:
    md = "## State\n\nWe grew from 3 to 9 shops this year, because payouts got faster.\n\n" \
         "## Tenets\n\n- Pay the same day.\n- Never hold money.\n- Shops first always.\n"
    result = run(md, LISTS)
    assert result.status == Status.PASSED
    assert result.note == "list items: 0% of 13 words (max 30%)"


def test_list_share_fails_with_a_finding_per_list() -> None:
    md = "## State\n\n- Grew from 3 shops.\n- To 9 shops.\n\nIt went well.\n\n" \
         "1. Faster payouts now.\n2. Fewer tickets.\n"
    result = run(md, LISTS)
    assert result.status == Status.FAILED
    assert result.note == "list items: 80% of 15 words (max 30%)"
    assert [where(f) for f in result.findings] == [
        ("Grew from 3 shops.", 3, 0, 18), ("Faster payouts now.", 8, 0, 19)]
    assert result.findings[0].message == (
        "A bulleted list of 2 item(s) in the main body: write it as prose, or move it to an "
        "appendix.")


def test_list_share_per_section_counts_blocks_and_skips_ignored_headings() -> None:
    check = {"kind": "list-share", "per": "section", "measure": "blocks", "max_share": 0.5,
             "min_items": 2, "ignore_headings": [r"\bgoals?\b"]}
    md = ("## Why now\n\n- Lose a day.\n- Tickets doubled.\n\nSo we act.\n\n"
          "- Rivals have it.\n- Team is free.\n\n## Goals\n\n- One click.\n- Fast.\n\n"
          "## Plan\n\nWe build it in May.\n\n- Ship.\n")
    result = run(md, check)
    assert result.status == Status.FAILED
    # One finding per section, on its first list; Goals is exempt, Plan has one item.
    assert [where(f) for f in result.findings] == [("Lose a day.", 3, 0, 11)]
    assert result.findings[0].message == (
        "Section 'Why now' is mostly bullets (4 of 5 blocks): write it as prose that "
        "connects the points.")
    assert result.note == ("1 sections mostly bullets (tolerance 0); 71% of prose blocks are "
                           "list items")
    assert run(md, {**check, "max_sections": 1}).status == Status.PASSED


def test_list_share_message_is_a_template() -> None:
    check = {**LISTS, "message": "{run} of {items} items, {blocks} blocks in the {scope}."}
    md = "## State\n\n- Grew from 3 shops.\n- To 9 shops.\n\nIt went well.\n"
    result = run(md, check)
    assert [f.message for f in result.findings] == ["2 of 2 items, 3 blocks in the main body."]


def test_list_share_skips_numbered_lists_and_sections_by_id() -> None:
    check = {"kind": "list-share", "per": "section", "max_share": 0.5, "min_items": 2,
             "except_sections": ["security", "not-in-this-rubric"]}
    md = ("## Failover\n\nOne command runs it.\n\n1. Fence the primary.\n2. Drain.\n"
          "3. Promote.\n\n## Security\n\n- TLS.\n- Keys rotate.\n- Two approvals.\n")
    result = run(md, check)
    assert [f.quote for f in result.findings] == ["Fence the primary."]
    assert run(md, {**check, "ignore_ordered": True}).status == Status.PASSED


def test_list_share_message_follows_the_measure() -> None:
    check = {"kind": "list-share", "per": "section", "measure": "words", "max_share": 0.5,
             "min_items": 2}
    md = "## Why now\n\nSo.\n\n- Customers lose a day.\n- Tickets doubled this year.\n"
    (finding,) = run(md, check).findings
    assert finding.message == ("Section 'Why now' is mostly bullets (89% of its words are in "
                               "list items): write it as prose that connects the points.")
    (finding,) = run(md, {**check, "measure": "blocks"}).findings
    assert "(2 of 3 blocks)" in finding.message


def test_design_bullets_exempt_the_design_sections_but_not_alternatives() -> None:
    design = load_rubric("design-doc")
    md = ("## Measuring success\n\n- RTO under 15 minutes.\n- No lost entries.\n- p99 40 ms.\n\n"
          "## Monitoring\n\n- Lag above 500 ms.\n- Latency above 40 ms.\n- Lease lost.\n\n"
          "## Fencing\n\nOne command:\n\n1. Fence.\n2. Drain.\n3. Promote.\n\n"
          "## Alternatives considered\n\n- Kafka.\n- Redis.\n- SNS.\n")
    ctx = CheckContext(parse_markdown(md, "d.md"), design)
    result = run_criterion(ctx, design.criterion("style.bullets"))
    assert [f.quote for f in result.findings] == ["Kafka."]


REASONS = {"kind": "section", "section": "goals", "min_words": 1, "item_enough_words": 12,
           "items_contain": [{"what": "reason", "pattern": r"\b(because|but|too)\b"}]}


def test_section_items_each_need_the_requirement() -> None:
    md = ("## Goals\n\nWe looked at three options:\n\n- Kafka, but it needs a team.\n"
          "- Redis on our own hosts.\n  - With replicas too.\n- SNS fan-out.\n\nWe chose SQS.\n")
    result = run(md, REASONS)
    assert result.status == Status.FAILED
    assert [(f.quote, f.message) for f in result.findings] == [
        ("SNS fan-out.", "'SNS fan-out.' is listed with no reason.")]
    # Prose around the items that gives a reason may speak for them all.
    assert run(md.replace("We chose SQS.", "We chose SQS because it is managed."),
               REASONS).status == Status.PASSED


def test_section_items_are_sub_sections_and_long_ones_count_as_explained() -> None:
    md = ("## Goals\n\nThree options.\n\n### Kafka\n\nIt needs a team, because it is ours.\n\n"
          "### Redis\n\nRedis on our hosts.\n\n### SNS\n\n"
          "SNS fans each message out to one queue per channel, and each queue has its own "
          "workers.\n")
    result = run(md, REASONS)
    assert [(f.quote, f.message) for f in result.findings] == [
        ("Redis", "'Redis' is listed with no reason.")]


def test_section_with_fewer_than_two_items_is_judged_whole() -> None:
    md = "## Goals\n\nWe looked at Kafka and chose SQS.\n"
    (finding,) = run(md, REASONS).findings
    assert (finding.quote, finding.message) == ("Goals", "The goals section gives no reason.")


def test_section_contains_reads_all_matching_sections_and_their_headings() -> None:
    rubric = load_rubric("design-doc")
    crit = rubric.criterion("design.operations")
    testing = ("## Testing\n\nIntegration tests run against a sandbox with last month's data, "
               "and a load test replays a month-end day.\n\n")
    md = testing + ("## Monitoring\n\nAn alarm pages the on-call engineer when the oldest "
                    "invoice has waited 15 minutes.\n")
    result = run_criterion(CheckContext(parse_markdown(md, "d.md"), rubric), crit)
    assert result.status == Status.FAILED
    assert [f.message for f in result.findings] == [
        "The operations (monitoring, rollout, testing) sections ('Testing', 'Monitoring') "
        "have no rollout or rollback plan."]
    md += "\n## Rollback plan\n\n### Who decides\n\nThe on-call engineer.\n"
    result = run_criterion(CheckContext(parse_markdown(md, "d.md"), rubric), crit)
    assert result.status == Status.PASSED


def test_style_bullets_and_narrative_prose_are_one_kind() -> None:
    bullets = load_rubric("style").criterion("style.bullets").check
    prose = load_rubric("narrative").criterion("narrative.prose").check
    assert bullets is not None and prose is not None
    assert bullets.kind == prose.kind == "list-share"
    assert bullets.params["per"] == "section"
    assert prose.params.get("per", "scope") == "scope"


def test_section_can_count_code_but_never_html_comments() -> None:
    md = "## Goals\n\nShort.\n\n```go\ntype Version struct { Name string; Hash string }\n```\n\n" \
         "<!-- Describe the goals of this proposal here please -->\n"
    check = {"kind": "section", "section": "goals", "min_words": 6}
    assert run(md, check).status == Status.FAILED
    result = run(md, {**check, "count_code": True})
    assert result.status == Status.PASSED
    assert result.note == "goals: 'Goals' (8 words, at least 6)"


def test_a_bad_regex_in_a_user_rubric_is_reported_at_load(tmp_path: Any) -> None:
    from prereview.errors import RubricError

    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\nextends: prfaq\ncriteria:\n  - id: pr.problem\n    check:\n"
        "      kind: paragraph-match\n      scope: press-release\n      patterns: ['(unclosed']\n",
        encoding="utf-8",
    )
    with pytest.raises(RubricError) as err:
        load_rubric(path)
    assert "mine.yaml:8: criteria[" in str(err.value)
    assert "(pr.problem).check.patterns" in str(err.value)
    assert "invalid regular expression" in str(err.value)
