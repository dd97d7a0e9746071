"""Reports: a Review rendered for a person (Markdown) or a tool (JSON).

Renderers are pure functions of the Review; ``write_reports`` is the one place
that touches the disk, shared by the CLI's fast path and the Prefect flow.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from prereview.errors import PrereviewError
from prereview.reports.json import render_json
from prereview.reports.markdown import format_location, render_markdown
from prereview.review import Review

__all__ = [
    "FORMATS",
    "REPORT_FILES",
    "format_location",
    "render",
    "render_json",
    "render_markdown",
    "write_reports",
]

FORMATS = ("md", "json")
REPORT_FILES = {"md": "report.md", "json": "review.json"}
"""File written for each format by ``--out DIR``."""


def render(review: Review, fmt: str) -> str:
    """The report in ``fmt`` (``md`` or ``json``), without a trailing newline."""
    if fmt == "md":
        return render_markdown(review)
    if fmt == "json":
        return render_json(review)
    raise ValueError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")


def write_reports(
    review: Review, out_dir: str | Path, formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Write one file per format into ``out_dir`` (created if needed); return the
    paths in the order of ``formats``."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrereviewError(f"{out}: cannot create output directory: {exc.strerror}") from None
    written: list[Path] = []
    for fmt in dict.fromkeys(formats):
        path = out / REPORT_FILES[fmt] if fmt in REPORT_FILES else None
        if path is None:
            raise ValueError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")
        try:
            path.write_text(render(review, fmt) + "\n", encoding="utf-8")
        except OSError as exc:
            raise PrereviewError(f"{path}: cannot write report: {exc.strerror}") from None
        written.append(path)
    return written
