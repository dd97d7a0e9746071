"""WordprocessingML names and the one definition of a paragraph's visible text.

Shared by the .docx reader (``prereview.ingest.docx``) and the .docx writers
(``prereview.reports.annotate``, ``prereview.reports.render_docx``), so an offset
a reader produced always lands on the run a writer splits: the paragraph text is
the concatenation of ``run_text`` over ``paragraph_text_runs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Element = Any
"""An lxml element (lxml ships no type stubs)."""

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_STYLES = _RT + "styles"
RT_NUMBERING = _RT + "numbering"
RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag (``w:p`` -> ``{ns}p``)."""
    return f"{{{W_NS}}}{tag}"


W_BODY = w("body")
W_P = w("p")
W_R = w("r")
W_T = w("t")
W_PPR = w("pPr")
W_RPR = w("rPr")
W_VAL = w("val")

_TEXT_CHARS = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\n",
    w("cr"): "\n",
    w("noBreakHyphen"): "-",
}
_NOT_TEXT_CONTAINERS = frozenset(
    {
        W_PPR,
        W_RPR,
        w("del"),  # tracked deletion: not in the text a reader sees
        w("moveFrom"),  # the old place of moved text
        w("sdtPr"),
        w("sdtEndPr"),
        w("rt"),  # ruby annotation text
        W_P,  # a nested paragraph is its own block
        f"{{{MC_NS}}}Fallback",  # a copy of the mc:Choice content
    }
)

def piece_text(child: Element) -> str:
    """Visible text of one child of a ``w:r``: ``w:t``, or the character a tab,
    break or non-breaking hyphen stands for. ``w:delText`` and ``w:instrText``
    (field codes) are not visible."""
    tag = child.tag
    if tag == W_T:
        return str(child.text or "")
    return _TEXT_CHARS.get(tag, "") if isinstance(tag, str) else ""


def run_text(run: Element) -> str:
    """Visible text of one ``w:r``: the annotator splits runs by the same count."""
    return "".join(piece_text(child) for child in run)


def iter_runs(element: Element) -> Iterator[Element]:
    """The paragraph's own runs in order, through hyperlinks, insertions, smart
    tags, inline content controls, simple fields and the like, but not deleted
    text nor runs of nested paragraphs (text boxes)."""
    for child in element:
        tag = child.tag
        if tag == W_R:
            yield child
        elif isinstance(tag, str) and tag not in _NOT_TEXT_CONTAINERS:
            yield from iter_runs(child)


def runs_with_text(p: Element) -> list[tuple[Element, int, int, str]]:
    """Each run of ``p`` with its ``[start, end)`` and its visible text."""
    out: list[tuple[Element, int, int, str]] = []
    pos = 0
    for run in iter_runs(p):
        text = run_text(run)
        out.append((run, pos, pos + len(text), text))
        pos += len(text)
    return out


def paragraph_text_runs(p: Element) -> list[tuple[Element, int, int]]:
    """Each ``w:r`` of paragraph ``p`` with its ``[start, end)`` in the paragraph text.

    The paragraph text is the concatenation of ``run_text`` of these runs, so block
    offsets map back to runs exactly; runs without text get ``start == end``.
    """
    return [(run, start, end) for run, start, end, _ in runs_with_text(p)]


def body_paragraphs(document_element: Element) -> list[Element]:
    """Every ``w:p`` of the body in document order: ``Anchor.paragraph`` indexes
    this list (tables, content controls and both copies of a text box included)."""
    body = document_element.find(W_BODY)
    return list(body.iter(W_P)) if body is not None else []


def paragraph_text(p: Element) -> str:
    """The text ``Block.text`` holds for paragraph ``p``."""
    return "".join(text for *_, text in runs_with_text(p))

