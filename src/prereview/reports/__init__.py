"""Reports: a Review rendered for a person (Markdown, HTML, the author's own .docx
with Word comments) or a tool (JSON, SARIF).

Renderers are pure functions of the Review (and the Document where they show its
text); ``write_report_set`` is the one place that touches the disk, shared by the
CLI's fast path and the Prefect flow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from prereview.document import Document
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
    force: bool = False,
) -> ReportsWritten:
    """Write one file per format into ``out_dir`` (created if needed), in the
    order of ``formats``. The set is written whole: every report is made first,
    then all are written to temporary names and renamed (all new or all old, see
    ``prereview.outputs``); never over the input, never through a link, and over
    an existing file only if it is an earlier prereview output or with ``force``."""
    from prereview.outputs import Output, ensure_dir, write_set

    out = ensure_dir(out_dir)
    written = ReportsWritten()
    items: list[Output] = []
    for fmt in dict.fromkeys(formats):
        path = out / get_format(fmt).file_for(review.document.path)
        items.append(Output(path, _maker(review, fmt, document, path, written)))
    inputs = [review.document.path] + ([document.path] if document is not None else [])
    written.paths = write_set(items, inputs=inputs, force=force)
    return written


def _maker(review: Review, fmt: str, document: Document | None, path: Path,
           written: ReportsWritten) -> Callable[[], bytes]:
    """The bytes of one report file, made only when the set is written."""
    spec = get_format(fmt)

    def make() -> bytes:
        if spec.build is not None:
            data, unplaced = spec.build(review, document)
            if unplaced:
                written.unplaced[str(path)] = unplaced
            return data
        text = render(review, fmt, document)
        if fmt == "md":  # people cat it: no terminal controls from the document
            from prereview.terminal import strip_controls

            text = strip_controls(text)
        return (text + "\n").encode("utf-8", "backslashreplace")

    return make


def write_reports(
    review: Review,
    out_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    document: Document | None = None,
    force: bool = False,
) -> list[Path]:
    """``write_report_set``, the paths alone."""
    return write_report_set(review, out_dir, formats, document, force=force).paths
