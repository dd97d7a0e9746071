"""Limits more than one stage needs.

How much one criterion may report: a document of "TODO " fifty thousand times
is one problem, not fifty thousand findings (and 365 MB of report). The first
``MAX_FINDINGS_PER_CRITERION`` findings are kept; the criterion's note says how
many more there were, so every report shows the count.

How large an input may be: ingest guards the input with it, and the .docx
annotator reads the author's file again under the same cap."""

from __future__ import annotations

from prereview.review import Finding

MAX_FINDINGS_PER_CRITERION = 50

MAX_FILE_BYTES = 25 * 1024 * 1024
"""Largest input file (either format) accepted, in bytes."""


def cap_findings(
    findings: list[Finding], note: str | None, limit: int = MAX_FINDINGS_PER_CRITERION
) -> tuple[list[Finding], str | None]:
    """At most ``limit`` findings, and the note extended with the count of the rest."""
    if len(findings) <= limit:
        return findings, note
    rest = len(findings) - limit
    more = f"{rest:,} more finding{'s' if rest != 1 else ''} not listed (the first {limit} are)"
    return findings[:limit], f"{note}; {more}" if note else more
