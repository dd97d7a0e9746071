"""The report formats, declared once: name, file name under ``--out``, whether it
needs the reviewed Document, and how it is made.

The CLI's ``--format`` choices and help, ``--out`` file names, the flow and
``write_reports`` all read this table; adding a format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from prereview.document import Document
from prereview.reports.concise import render_concise
from prereview.reports.json import render_json
from prereview.reports.markdown import render_markdown
from prereview.review import Review

Renderer = Callable[[Review, "Document | None"], str]
"""A text report (no trailing newline)."""
Builder = Callable[[Review, "Document | None"], tuple[bytes, list[str]]]
"""A binary report's bytes (``write_report_set`` writes them with the rest of the
set) and what could not be done (one line per finding the report could not
place), empty when all went in."""


@dataclass(frozen=True)
class ReportFormat:
    name: str
    file_name: str
    """Under ``--out DIR``; ``{stem}`` is the reviewed file's stem."""
    needs_document: bool
    """The report shows the document's own text, so it needs the Document."""
    summary: str
    """A few words for ``--help``."""
    render: Renderer | None = None
    """Text formats (they can go to stdout)."""
    build: Builder | None = None
    """Binary formats (written to a file only)."""

    def file_for(self, document_path: str) -> str:
        return self.file_name.format(stem=Path(document_path).stem)


def _document(fmt: str, document: Document | None) -> Document:
    if document is None:
        raise ValueError(f"the {fmt} report needs the reviewed Document")
    return document


def _html(review: Review, document: Document | None) -> str:
    from prereview.reports.html import render_html

    return render_html(review, _document("html", document))


def _sarif(review: Review, document: Document | None) -> str:
    from prereview.reports.sarif import render_sarif_json

    return render_sarif_json(review, _document("sarif", document))


def _docx(review: Review, document: Document | None) -> tuple[bytes, list[str]]:
    from prereview.reports.annotate import write_reviewed_docx

    if document is None:
        raise ValueError("the annotated .docx needs the reviewed Document")
    result = write_reviewed_docx(document, review, None)
    return result.data, [f"{u.criterion or 'finding'}: {u.reason}"
                         + ("" if u.fallback else " (no comment)") for u in result.unanchored]


REGISTRY: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("md", "report.md", False, "Markdown (default)",
                 render=lambda review, _document: render_markdown(review)),
    ReportFormat("json", "review.json", False, "the Review as JSON",
                 render=lambda review, _document: render_json(review)),
    ReportFormat("html", "report.html", True, "the document with its findings", render=_html),
    ReportFormat("sarif", "review.sarif", True, "SARIF 2.1.0 for code-scanning tools",
                 render=_sarif),
    ReportFormat("concise", "findings.txt", False,
                 "one line per finding: path:line:col: severity criterion message",
                 render=lambda review, _document: render_concise(review)),
    ReportFormat("docx", "{stem}.reviewed.docx", True, "the annotated Word file",
                 build=_docx),
)}
"""Every report format, in the order ``--help`` lists them."""


def get_format(name: str) -> ReportFormat:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown report format '{name}' (known: {', '.join(REGISTRY)})"
        ) from None
