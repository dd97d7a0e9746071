"""Blind reading 5 classes of proposals: one "Goals/Non-Goals" heading holds both
parts; the vocabulary of a Kubernetes reader (GKE, AKS, DB) is no acronym to spell
out."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

LAYOUTS = Path(__file__).parent / "layouts"


def test_goals_slash_non_goals_heading_is_both_goals_and_scope() -> None:
    got = {c.id: c for c in run(LAYOUTS / "proposal-kep-goals-slash.md").review.criteria}
    assert got["proposal.goals"].status == Status.PASSED
    assert got["proposal.goals"].found_at == "'Goals/Non-Goals'"
    assert got["proposal.scope"].status == Status.PASSED


def test_cloud_vocabulary_of_a_kubernetes_reader_is_not_spelled_out(tmp_path: Path) -> None:
    text = (LAYOUTS / "proposal-kep-goals-slash.md").read_text(encoding="utf-8").replace(
        "Workloads such as databases",
        "On GKE and AKS, workloads such as a DB server")
    path = tmp_path / "kep.md"
    path.write_text(text, encoding="utf-8")
    acronyms = next(c for c in run(path).review.criteria if c.id == "style.acronyms")
    assert not [f for f in acronyms.findings if f.quote in ("GKE", "AKS", "DB")]
