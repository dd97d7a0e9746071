"""An undivided FAQ of the team's own questions (who is responsible, milestones,
resources required, "will we review it") is the internal FAQ of an internal
PR/FAQ: it stands in for the internal FAQ, and not for the customers' one."""

from __future__ import annotations

from pathlib import Path

from prereview.review import CriterionResult, Status

from .support import by_id, edited_layout, results_of, review_layout

RELEASE = """# Harbor Foundation publishes its first Open Ports survey report

In March 2027 the Harbor Foundation released the Open Ports report, a survey of 3,000
port operators on how they share berth schedules.

Port operators re-key the same berth schedule into four systems, and 60% of them
told us a schedule error cost them a ship's slot last year.

The report names the systems in use, the gaps between them and what the operators
want fixed first.

"Every operator we spoke to wanted the same three fixes," said Ana Ruiz, chair of the
Harbor Foundation survey group.

To read the report, go to https://example.org/open-ports.

# FAQ

"""


def _faq(tmp_path: Path, questions: list[str]) -> dict[str, CriterionResult]:
    body = "".join(f"### {q}\n\nThe survey group answers this in its plan.\n\n"
                   for q in questions)
    path = tmp_path / "survey.md"
    path.write_text(RELEASE + body, encoding="utf-8")
    return results_of(path)


def test_a_faq_of_the_teams_questions_is_the_internal_faq(tmp_path: Path) -> None:
    results = _faq(tmp_path, [
        "Which working group is responsible for the survey?", "When are the key milestones?",
        "What resources are required?", "Will we review the report before it is published?",
        "What topics will the report cover?", "Where will the report be published?"])
    internal, external = results["faq.internal"], results["faq.external"]
    assert (internal.status, internal.score) == (Status.PASSED, 0.5)
    assert internal.note == "internal (stakeholder) FAQ: not found; 'FAQ' stands in for it"
    assert external.status == Status.FAILED
    assert external.note == "external (customer) FAQ: missing"


def test_a_faq_of_customers_questions_stays_the_external_one(tmp_path: Path) -> None:
    results = _faq(tmp_path, [
        "Is the report free?", "Where will the report be published?",
        "What topics will the report cover?", "Can I use its figures in my own work?"])
    external, internal = results["faq.external"], results["faq.internal"]
    assert (external.status, external.score) == (Status.PASSED, 0.5)
    assert internal.status == Status.FAILED


def test_a_technical_faq_is_the_internal_faq() -> None:
    """"## Technical FAQ" (or "Technical Questions") beside the customer FAQ is the
    team's own questions (a fresh reading: two readers, "the tool fails to recognise
    the Technical FAQ as the internal FAQ"); its missing leadership questions are then
    what is asked."""
    for heading in ("## Technical FAQ", "## Technical Questions"):
        text = edited_layout("prfaq-author-quote.md", "## Internal FAQ", heading)
        got = by_id(review_layout("prfaq-technical-faq.md", text))
        assert got["faq.internal"].status == Status.PASSED, heading
        assert got["faq.internal"].found_at == f"'{heading.lstrip('# ')}'"
