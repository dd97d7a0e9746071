"""Scopes of CheckContext: a section ends at a nested section its spec names in
``until:``; without a heading it runs to the first ``before:`` or ``until:`` one."""

from __future__ import annotations

from typing import Any

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.ingest.markdown import parse_markdown
from prereview.review import Status
from prereview.rubrics import Rubric, load_rubric

SECTIONS: dict[str, Any] = {
    "press-release": {"headings": [r"^press[\s-]*release\b"], "before": "faq",
                      "until": ["faq", "external-faq", "internal-faq", "appendix"]},
    "faq": {"headings": [r"\bfaqs?\b"]},
    "external-faq": {"headings": [r"\bcustomer\s+(faqs?|questions)\b"]},
    "internal-faq": {"headings": [r"\binternal\s+(faqs?|questions)\b"]},
    "appendix": {"headings": [r"^appendix\b"], "appendix": True},
}

WRAPPED = """\
# Press Release

## Acme Pay lets florists get paid the same day

SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay.

To learn more, visit acme.com/pay.

## Customer FAQ

### Is it free?

No, $9 a month.

## Internal FAQ

### Why now?

Florists asked.
"""


def ctx_for(md: str, sections: dict[str, Any] | None = None) -> CheckContext:
    rubric = Rubric.model_validate({"id": "t", "sections": sections or SECTIONS})
    return CheckContext(parse_markdown(md, "d.md"), rubric)


def texts(ctx: CheckContext, scope: str) -> list[str]:
    return [b.text for b in ctx.scope(scope)]


def test_a_press_release_heading_over_the_whole_document_ends_at_its_faq() -> None:
    ctx = ctx_for(WRAPPED)
    assert texts(ctx, "press-release") == [
        "Press Release", "Acme Pay lets florists get paid the same day",
        "SEATTLE, WA — June 1, 2027 — Acme today launched Acme Pay.",
        "To learn more, visit acme.com/pay.",
    ]
    assert texts(ctx, "external-faq") == ["Customer FAQ", "Is it free?", "No, $9 a month."]
    assert texts(ctx, "internal-faq")[0] == "Internal FAQ"


def test_without_until_a_nested_section_stays_inside() -> None:
    sections = {**SECTIONS, "press-release": {**SECTIONS["press-release"], "until": []}}
    ctx = ctx_for(WRAPPED, sections)
    assert texts(ctx, "press-release")[-1] == "Florists asked."
    # an FAQ holding its external and internal parts is the whole FAQ
    ctx = ctx_for("# Acme Pay\n\nText.\n\n## FAQ\n\n### Customer FAQ\n\nYes, it is.\n\n"
                  "### Internal FAQ\n\nNo.\n")
    assert texts(ctx, "faq") == ["FAQ", "Customer FAQ", "Yes, it is.", "Internal FAQ", "No."]


def test_the_cut_is_at_the_first_until_section_inside() -> None:
    md = "# Press release\n\nPara.\n\n## Appendix\n\nData.\n\n## Customer FAQ\n\nQ.\n"
    assert texts(ctx_for(md), "press-release") == ["Press release", "Para."]


def test_without_a_heading_the_press_release_ends_at_an_until_section() -> None:
    # no "FAQ" heading (the `before:` section), but a "Customer questions" one
    md = "# Acme launches Pay\n\nPara one.\n\n## Customer questions\n\n### Why?\n\nBecause.\n"
    assert texts(ctx_for(md), "press-release") == ["Acme launches Pay", "Para one."]


def test_unknown_until_section_is_a_key_error() -> None:
    sections = {**SECTIONS, "press-release": {**SECTIONS["press-release"], "until": ["nope"]}}
    with pytest.raises(KeyError, match="unknown section 'nope'"):
        ctx_for(WRAPPED, sections).scope("press-release")


def test_prfaq_press_release_kinds_read_only_the_press_release() -> None:
    # Before `until`, the FAQ under "# Press Release" was read as the press release:
    # the call to action was looked for in the last FAQ answers, and its words counted.
    prfaq = load_rubric("prfaq")
    md = WRAPPED.replace("No, $9 a month.", "No. " + "It costs nine dollars a month. " * 120)
    ctx = CheckContext(parse_markdown(md, "d.md"), prfaq)
    cta = run_criterion(ctx, prfaq.criterion("pr.call-to-action"))
    assert cta.status == Status.PASSED
    assert cta.note == ('closing paragraph saying where to learn more (line 7): '
                        '"To learn more, visit acme.com/pay."')
    length = run_criterion(ctx, prfaq.criterion("pr.length"))
    assert length.status == Status.PASSED
    assert length.note == "press release: 16 words (warn above 500, fail above 800)"
