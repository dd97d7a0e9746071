"""Document.location / block_at / heading_at / resolve and find_quote: the one
place findings are anchored and found again."""

from __future__ import annotations

from prereview.document import Location, find_quote
from prereview.ingest.markdown import parse_markdown

TEXT = """\
# Launch

Intro line.

## Risks

The risk is real and the risk is known.
"""


def test_location_of_a_passage() -> None:
    document = parse_markdown(TEXT, "doc.md")
    block = next(b for b in document.blocks if b.text.startswith("The risk"))
    loc = document.location(block, 4, 8)
    assert (loc.section, loc.block, loc.line, loc.column, loc.start, loc.end) == (
        "Risks", block.index, 7, 5, 4, 8)
    assert document.location(block.index) == document.location(block)


def test_resolve_keeps_offsets_that_hold_else_nearest_hit() -> None:
    document = parse_markdown(TEXT, "doc.md")
    block = next(b for b in document.blocks if b.text.startswith("The risk"))
    exact = document.resolve(Location(block=block.index, start=25, end=29), "risk")
    assert exact is not None and (exact.block.index, exact.start, exact.end) == (
        block.index, 25, 29)
    moved = document.resolve(Location(block=block.index, start=12, end=16), "risk")
    assert moved is not None and (moved.start, moved.end) == (4, 8)
    missing = document.resolve(Location(block=block.index), "absent")
    assert missing is not None and (missing.block.index, missing.start) == (block.index, None)
    assert document.resolve(Location(block=99)) is None
    assert document.resolve(None) is None


def test_heading_at_names_the_section_heading() -> None:
    document = parse_markdown(TEXT, "doc.md")
    heading = document.heading_at(Location(section=" Risks "))
    assert heading is not None and heading.text == "Risks"
    assert document.heading_at(Location(section="Nowhere")) is None


def test_find_quote_first_hit_without_offsets() -> None:
    assert find_quote("a b a b", "b") == (2, 3)
    assert find_quote("a b a b", "b", Location(start=6, end=6)) == (6, 7)
    assert find_quote("a b a b", "") is None
    assert find_quote("a b", "z") is None
