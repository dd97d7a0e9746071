"""Acronyms a bar raiser would not raise (issue 8, blind review: acronym rule
right 1 time of 8): the audience's domain vocabulary (HLS, DASH, DRM, CRD, PVC),
expansions in any form ("multipart upload (MPU)", letters from inside a word;
"Software Carbon Intensity, or SCI,"; a name in capitalised words, "Harbor Media
Cloud" for HMC) and words in capitals (NOTES, WARNING, ACME, template fields) are
not findings. Layout document written here: a PR/FAQ for a media service."""

from __future__ import annotations

from pathlib import Path

from prereview.checks import CheckContext, run_criterion
from prereview.checks.reading.acronyms import defines
from prereview.engine import run
from prereview.ingest import load_document
from prereview.review import Status
from prereview.rubrics import load_rubric

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-acronym-expansions.md"


def test_only_the_two_unexplained_acronyms_count_and_two_are_tolerated() -> None:
    result = next(c for c in run(LAYOUT).review.criteria if c.id == "style.acronyms")
    assert result.status == Status.PASSED
    assert result.findings == []
    assert result.note == (
        "2 acronyms not spelled out found (11.2 per 1,000 of 179 words; tolerance 1.5 per "
        "1,000 words, at least 2: 2); 2 never spelled out, 3 distinct acronyms checked")


def test_the_two_are_the_report_names_and_nothing_else(tmp_path: Path) -> None:
    """At zero tolerance the findings are exactly the two acronyms the document
    never explains, at their first use."""
    strict = tmp_path / "strict.yaml"
    strict.write_text("id: strict\nextends: prfaq\ncriteria:\n  - id: style.acronyms\n"
                      "    check: {kind: acronyms, max_findings: 0, max_per_1000_words: null}\n",
                      encoding="utf-8")
    rubric = load_rubric(strict)
    result = run_criterion(CheckContext(load_document(LAYOUT), rubric),
                           rubric.criterion("style.acronyms"))
    assert result.status == Status.FAILED
    assert [(f.quote, f.location.line if f.location else None)
            for f in result.findings] == [("QPR", 24), ("BLT", 25)]


def test_expansion_forms() -> None:
    text = "Uploads use multipart upload (MPU) today."
    assert defines(text, text.index("MPU"), text.index("MPU") + 3, "MPU")
    text = "It reports its Software Carbon Intensity, or SCI, per hour."
    assert defines(text, text.index("SCI"), text.index("SCI") + 3, "SCI")
    text = "Streams switch with adaptive bitrate (ABR) ladders."
    assert defines(text, text.index("ABR"), text.index("ABR") + 3, "ABR")
    # the words must start with the acronym's first letter
    text = "It ships a faster build (QPR) today."
    assert not defines(text, text.index("QPR"), text.index("QPR") + 3, "QPR")
