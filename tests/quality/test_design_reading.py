"""Design-doc classes of issue 8 on a layout written here: a component spec
derived from a parent design (cdk-assets shape) reads its goals as requirements,
its non-goals in an Assumptions list, the whole document as the design, and is
not asked for a service's operations, cost, milestones or metrics."""

from __future__ import annotations

import tempfile
from pathlib import Path

from prereview.engine import run
from prereview.review import Status, Verdict

LAYOUTS = Path(__file__).parent / "layouts"


def test_component_spec_derived_from_a_parent_design() -> None:
    review = run(LAYOUTS / "design-component-spec.md").review
    assert review.rubric.id == "design-doc"
    got = {c.id: (c.status, c.note or "") for c in review.criteria}
    # class 6: sections under other names and places
    assert got["design.goals"] == (
        Status.PASSED, "goals: 'Non-Functional Requirements' (28 words, at least 10)")
    assert got["design.non-goals"] == (
        Status.PASSED, "non-goals: no heading; covered in the text (line 11)")
    assert got["design.proposal"] == (
        Status.PASSED, "proposed design: no heading; covered in the text (line 6)")
    assert got["design.context"][0] == Status.PASSED
    # the problem is the parent's: not asked again
    assert got["design.problem"][0] == Status.NOT_APPLICABLE
    assert "derives from a parent design" in got["design.problem"][1]
    # service criteria of a CLI tool
    for cid in ("design.operations", "design.cost", "design.milestones", "design.metrics"):
        status, note = got[cid]
        assert status == Status.NOT_APPLICABLE, cid
        assert "not about running a service" in note
    # what a reviewer would raise stays
    for cid in ("design.alternatives", "design.risks"):
        assert got[cid][0] == Status.FAILED, cid
    assert review.verdict == Verdict.NEEDS_WORK
    assert not review.failed_blockers


def test_a_service_design_is_still_asked_for_operations() -> None:
    text = (LAYOUTS / "design-component-spec.md").read_text(encoding="utf-8")
    text = text.replace(
        "## Assumptions",
        "The tool runs as a backend service in production, serving 200 requests a "
        "minute from the deployment pipelines.\n\n## Assumptions")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "service.md"
        path.write_text(text, encoding="utf-8")
        got = {c.id: c.status for c in run(path).review.criteria}
    assert got["design.operations"] == Status.FAILED
    assert got["design.metrics"] == Status.FAILED
