"""``-f concise``: one line per finding, ``path:line:col: severity criterion message``,
as ruff and Vale print them for editors and CI logs.

Markdown findings carry their line and column; a .docx finding uses its
paragraph (counted from 1) as the line and the character offset (from 1) as the column; a
finding about the whole document points at 1:1.
"""

from __future__ import annotations

from prereview.review import Finding, Review


def _position(finding: Finding) -> tuple[int, int]:
    loc = finding.location
    if loc is None:
        return 1, 1
    if loc.line is not None:
        return loc.line, loc.column or 1
    if loc.paragraph is not None:  # 0-based in the JSON; editors count from 1
        return loc.paragraph + 1, (loc.start or 0) + 1
    return 1, 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


def concise_lines(review: Review) -> list[str]:
    """Every finding as one line, in document order (line, column), then criterion."""
    path = review.document.path
    rows = []
    for finding in review.findings:
        line, col = _position(finding)
        rows.append((line, col, finding.criterion, finding.severity.value,
                     _one_line(finding.message)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return [f"{path}:{line}:{col}: {sev} {crit} {msg}" for line, col, crit, sev, msg in rows]


def render_concise(review: Review) -> str:
    """The whole review as concise lines (empty string when there are no findings)."""
    return "\n".join(concise_lines(review))


def error_line(path: str, reason: str) -> str:
    """A document that could not be reviewed, in the same shape."""
    return f"{path}:1:1: error load {_one_line(reason)}"
