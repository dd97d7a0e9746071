"""Acronyms for a specialist audience (blind reading 3, class 3): names with digits
(LZ4, GRIB2, HDF5), names of things ("FITS files") and, when many distinct
acronyms go unexplained (a field's vocabulary), those used once or twice are not
findings; an acronym the document leans on without spelling it out still is."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Status

SPECIALIST = (
    "# Grid Reader Adds Six Formats\n\n"
    "SEATTLE, WA — June 1, 2027 — Gridworks today released Grid Reader 3.0.\n\n"
    "Grid Reader reads GRIB2, HDF5 and LZ4-compressed chunks, FITS files from the "
    "telescope archives, and CDF data from the space physics missions. Oceanographers "
    "read ARGO floats and XBT casts; meteorologists read METAR and TAF reports, "
    "SYNOP messages, GTS bulletins and the BUFR tables of the WMO; astronomers read VOT and ASDF "
    "tables. FITS headers map to attributes. CDF variables map to arrays.\n\n"
    "## FAQ\n\n### Which formats?\n\nGRIB2, HDF5, FITS, CDF, ARGO and METAR.\n"
)


def _acronyms(tmp_path: Path, text: str) -> tuple[Status, str, list[str]]:
    doc = tmp_path / "prfaq.md"
    doc.write_text(text, encoding="utf-8")
    c = next(c for c in run(doc).review.criteria if c.id == "style.acronyms")
    return c.status, c.note or "", [f.quote or "" for f in c.findings]


def test_a_specialist_vocabulary_is_not_a_finding(tmp_path: Path) -> None:
    status, note, quotes = _acronyms(tmp_path, SPECIALIST)
    assert (status, quotes) == (Status.PASSED, [])
    assert note.startswith("no acronyms not spelled out found")
    assert note.endswith("a specialist's vocabulary (9 distinct): those used fewer than 3 "
                         "times not counted")


def test_an_acronym_leaned_on_without_spelling_out_is_still_counted(tmp_path: Path) -> None:
    text = SPECIALIST.replace(
        "## FAQ", "Each QXR holds one scan. The QXR index lists every QXR by date, and "
                  "a QXR is never rewritten.\n\n## FAQ")
    status, note, _ = _acronyms(tmp_path, text)
    assert note.startswith("1 acronyms not spelled out found")  # QXR, used 4 times
    assert status == Status.PASSED  # one is within the tolerance of 2
