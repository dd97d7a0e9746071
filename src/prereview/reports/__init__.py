"""Reports: a Review rendered for a person (Markdown, HTML, the author's own .docx
with Word comments) or a tool (JSON, SARIF).

Renderers are pure functions of the Review (and the Document where they show its
text); ``write_reports`` is the one place that touches the disk, shared by the
CLI's fast path and the Prefect flow.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from prereview.document import Document
from prereview.errors import PrereviewError
from prereview.reports.json import render_json
from prereview.reports.markdown import format_location, render_markdown
from prereview.review import Review

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "REPORT_FILES",
    "TEXT_FORMATS",
    "format_location",
    "formats_for",
    "render",
    "render_json",
    "render_markdown",
    "report_name",
    "write_reports",
]

TEXT_FORMATS = ("md", "json", "html", "sarif")
"""Formats that can go to stdout."""
FORMATS = (*TEXT_FORMATS, "docx")
DEFAULT_FORMATS = ("md", "json")
"""What ``--out DIR`` writes when no ``--format`` is given (plus the annotated
.docx for .docx input)."""
REPORT_FILES = {"md": "report.md", "json": "review.json", "html": "report.html",
                "sarif": "review.sarif"}
"""File written for each text format by ``--out DIR``; docx is ``<stem>.reviewed.docx``."""


def _unknown(fmt: str) -> ValueError:
    return ValueError(f"unknown report format '{fmt}' (known: {', '.join(FORMATS)})")


def render(review: Review, fmt: str, document: Document | None = None) -> str:
    """A text report in ``fmt``, without a trailing newline. HTML and SARIF show
    the document's own text, so they need the Document."""
    if fmt == "md":
        return render_markdown(review)
    if fmt == "json":
        return render_json(review)
    if fmt in ("html", "sarif"):
        if document is None:
            raise ValueError(f"the {fmt} report needs the reviewed Document")
        if fmt == "html":
            from prereview.reports.html import render_html

            return render_html(review, document)
        from prereview.reports.sarif import render_sarif_json

        return render_sarif_json(review, document)
    raise _unknown(fmt)


def report_name(fmt: str, document_path: str) -> str:
    """The predictable file name of one format under ``--out DIR``."""
    if fmt == "docx":
        return f"{Path(document_path).stem}.reviewed.docx"
    if fmt not in REPORT_FILES:
        raise _unknown(fmt)
    return REPORT_FILES[fmt]


def formats_for(requested: Iterable[str] | None, document_format: str) -> list[str]:
    """The formats ``--out`` writes: those asked for (default md and json), and
    always the annotated copy when the author gave us a .docx."""
    formats = list(dict.fromkeys(requested or DEFAULT_FORMATS))
    for fmt in formats:
        if fmt not in FORMATS:
            raise _unknown(fmt)
    if document_format == "docx" and "docx" not in formats:
        formats.append("docx")
    return formats


def write_reports(
    review: Review,
    out_dir: str | Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    document: Document | None = None,
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
        path = out / report_name(fmt, review.document.path)
        try:
            if fmt == "docx":
                if document is None:
                    raise ValueError("the annotated .docx needs the reviewed Document")
                from prereview.reports.annotate import write_reviewed_docx

                write_reviewed_docx(document, review, path)
            else:
                path.write_text(render(review, fmt, document) + "\n", encoding="utf-8")
        except OSError as exc:
            raise PrereviewError(f"{path}: cannot write report: {exc.strerror}") from None
        written.append(path)
    return written
