"""Reports: a Review rendered for a person (Markdown, HTML, the author's own .docx
with Word comments) or a tool (JSON, SARIF).

Renderers are pure functions of the Review (and the Document where they show its
text); ``write_report_set`` is the one place that touches the disk, shared by the
CLI's fast path and the Prefect flow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from prereview.document import Document
from prereview.errors import PrereviewError
from prereview.reports.formats import REGISTRY, ReportFormat, get_format
from prereview.reports.json import render_json
from prereview.reports.markdown import render_markdown
from prereview.reports.where import format_location
from prereview.review import Review

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "REGISTRY",
    "REPORT_FILES",
    "TEXT_FORMATS",
    "ReportFormat",
    "ReportsWritten",
    "format_location",
    "formats_for",
    "render",
    "render_json",
    "render_markdown",
    "report_name",
    "write_report_set",
    "write_reports",
]

FORMATS = tuple(REGISTRY)
TEXT_FORMATS = tuple(f.name for f in REGISTRY.values() if f.render is not None)
"""Formats that can go to stdout."""
DEFAULT_FORMATS = ("md", "json")
"""What ``--out DIR`` writes when no ``--format`` is given (plus the annotated
.docx for .docx input)."""
REPORT_FILES = {f.name: f.file_name for f in REGISTRY.values() if "{stem}" not in f.file_name}
"""The fixed file names under ``--out DIR`` (docx is ``<stem>.reviewed.docx``)."""


def render(review: Review, fmt: str, document: Document | None = None) -> str:
    """A text report in ``fmt``, without a trailing newline. HTML and SARIF show
    the document's own text, so they need the Document."""
    spec = get_format(fmt)
    if spec.render is None:
        raise ValueError(f"the {fmt} report is a file, not text")
    return spec.render(review, document)


def report_name(fmt: str, document_path: str) -> str:
    """The predictable file name of one format under ``--out DIR``."""
    return get_format(fmt).file_for(document_path)


def formats_for(requested: Iterable[str] | None, document_format: str) -> list[str]:
    """The formats ``--out`` writes: those asked for (default md and json), and
    always the annotated copy when the author gave us a .docx."""
    formats = list(dict.fromkeys(requested or DEFAULT_FORMATS))
    for fmt in formats:
        get_format(fmt)
    if document_format == "docx" and "docx" not in formats:
        formats.append("docx")
    return formats


@dataclass
class ReportsWritten:
    """The files written, and per file what it could not place (the annotated
    .docx lists the findings it could not anchor on their text)."""

    paths: list[Path] = field(default_factory=list)
    unplaced: dict[str, list[str]] = field(default_factory=dict)


def write_report_set(
    review: Review,
    out_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    document: Document | None = None,
) -> ReportsWritten:
    """Write one file per format into ``out_dir`` (created if needed), in the
    order of ``formats``."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrereviewError(f"{out}: cannot create output directory: {exc.strerror}") from None
    written = ReportsWritten()
    for fmt in dict.fromkeys(formats):
        spec = get_format(fmt)
        path = out / spec.file_for(review.document.path)
        try:
            if spec.write is not None:
                unplaced = spec.write(review, document, path)
                if unplaced:
                    written.unplaced[str(path)] = unplaced
            else:
                path.write_text(render(review, fmt, document) + "\n", encoding="utf-8")
        except OSError as exc:
            raise PrereviewError(f"{path}: cannot write report: {exc.strerror}") from None
        written.paths.append(path)
    return written


def write_reports(
    review: Review,
    out_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    document: Document | None = None,
) -> list[Path]:
    """``write_report_set``, the paths alone."""
    return write_report_set(review, out_dir, formats, document).paths
