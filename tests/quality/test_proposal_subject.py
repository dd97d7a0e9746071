"""What a proposal is about decides two criteria (issue 8, blind reading 3,
classes 3 and 4). A proposal whose subject is a vulnerability (a CVE, remote
code execution, an exploit) has a security surface, and describing it is its
security discussion; a proposal that cites an earlier precedent ("there exists
precedent", "similar to the removal of ...", "as was done for ...") has prior art.
A word in another sense ("exploit the cache", "it lacks precedent") is neither.
Layout document written here: a KEP disabling a driver because of an RCE."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import CriterionResult, Status

LAYOUT = Path(__file__).parent / "layouts" / "proposal-vulnerability-removal.md"


def _results(path: Path) -> dict[str, CriterionResult]:
    return {c.id: c for c in run(path, rubric_ref="proposal").review.criteria}


def test_a_vulnerability_is_a_security_surface_and_its_description_covers_it() -> None:
    security = _results(LAYOUT)["proposal.security"]
    assert security.status == Status.PASSED
    assert security.note == "security: no heading; covered in the text (line 12)"


def test_a_cited_precedent_is_prior_art() -> None:
    prior = _results(LAYOUT)["proposal.prior-art"]
    assert prior.status == Status.PASSED
    assert prior.note == "prior art: no heading; covered in the text (line 29)"


def test_other_senses_of_the_words_are_neither(tmp_path: Path) -> None:
    text = LAYOUT.read_text(encoding="utf-8")
    text = text.replace(
        "A crafted archive can be\nexploited to write outside the volume and gain remote "
        "code execution on the\nnode, as shown in CVE-2025-12345.",
        "Unpacking can\nexploit the page cache to run faster on the\nnode.")
    text = text.replace(
        "There exists\nprecedent for removing unmaintained volume drivers: this removal is "
        "similar to\nthe removal of the glusterfs driver, which followed the same "
        "three-release\nschedule and the same event.",
        "The mechanism\nlacks precedent in the kubelet, which has never refused a volume "
        "driver\nbefore, so the schedule and the event are new.")
    path = tmp_path / "plain.md"
    path.write_text(text, encoding="utf-8")
    results = _results(path)
    assert "CVE" not in text and "glusterfs" not in text
    assert results["proposal.security"].status == Status.NOT_APPLICABLE
    assert results["proposal.prior-art"].status == Status.NOT_APPLICABLE
