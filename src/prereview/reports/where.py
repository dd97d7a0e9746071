"""Where a finding is, in words: one formatter for every report that prints it."""

from __future__ import annotations

from prereview.review import Location


def format_location(location: Location | None) -> str:
    """Where a finding is, as a person looks for it: "line 12, col 5" in Markdown,
    "paragraph 4, chars 10-23" in a .docx (both as in the JSON)."""
    if location is None:
        return "whole document"
    if location.paragraph is not None:
        where = f"paragraph {location.paragraph}"
        if location.start is not None and location.end is not None:
            where += f", chars {location.start}-{location.end}"
        return where
    if location.line is not None:
        where = f"line {location.line}"
        if location.column is not None:
            where += f", col {location.column}"
        return where
    if location.block is not None:
        return f"block {location.block}"
    return "whole document"
