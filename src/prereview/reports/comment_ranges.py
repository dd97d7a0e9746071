"""Word comments in WordprocessingML: the comments part (``CommentWriter``),
splitting runs at a quote's edges, range markers and the reference run around
them, and reading ranges back.

Offsets are those of ``prereview.ooxml.paragraph_text_runs`` (the reader's
definition of a paragraph's text), so a quote found by the reader is marked on
exactly its characters.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from prereview.ooxml import (
    W_R,
    Element,
    body_paragraphs,
    paragraph_text_runs,
    piece_text,
    run_text,
    w,
)

AUTHOR = "prereview"
INITIALS = "PR"

_RANGE_START = w("commentRangeStart")
_RANGE_END = w("commentRangeEnd")
_REFERENCE = w("commentReference")
_W_ID = w("id")



class MalformedComments(ValueError):
    """The file's comments part has an id Word itself would not write."""


def comment_id(raw: object) -> int:
    """A comment id as Word writes it (a number); anything else is refused with a
    reason the caller turns into one line (not a ValueError traceback)."""
    try:
        return int(str(raw))
    except ValueError:
        shown = str(raw)[:40].encode("ascii", "backslashreplace").decode("ascii")
        raise MalformedComments(f"a comment id in word/comments.xml is not a number "
                                f"({shown!r}): the annotated copy cannot be written") from None
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_CONTAINERS = frozenset(
    w(t)
    for t in (
        "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple",
        "customXml", "moveTo", "dir", "bdo",
    )
)
"""Paragraph-level wrappers whose runs are part of the visible text."""

TextRuns = list[tuple[Element, int, int]]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


# --------------------------------------------------------------------------- text model


# --------------------------------------------------------------------------- run surgery


def _split_run(r: Element, offset: int) -> Element:
    """Split ``r`` so that it keeps its first ``offset`` characters; return the new
    run (inserted right after it) holding the rest, with a copy of ``r``'s rPr."""
    new = OxmlElement("w:r")
    r.addnext(new)
    for name, value in r.attrib.items():
        new.set(name, value)
    rpr = r.find(qn("w:rPr"))
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    pos = 0
    moving = False
    for child in list(r):
        if child.tag == qn("w:rPr"):
            continue
        if moving:
            new.append(child)
            continue
        text = piece_text(child)
        if pos + len(text) <= offset:
            pos += len(text)
            if pos == offset and text:
                moving = True
            continue
        # the split falls inside this w:t
        cut = offset - pos
        tail = OxmlElement("w:t")
        tail.text = text[cut:]
        tail.set(XML_SPACE, "preserve")
        child.text = text[:cut]
        child.set(XML_SPACE, "preserve")
        new.append(tail)
        moving = True
        pos = offset
    return new


def isolate(p: Element, start: int, end: int) -> list[Element] | None:
    """Split runs so that ``[start, end)`` is covered by whole runs; return those runs
    (non-empty ones, in order), or None when a run's pieces disagree with ingest's
    count of its text (nothing is split then)."""
    runs = paragraph_text_runs(p)
    for edge in (start, end):
        for i, (r, s, e) in enumerate(runs):
            if s < edge < e:
                if len(run_text(r)) != e - s:
                    return None
                new = _split_run(r, edge - s)
                runs[i : i + 1] = [(r, s, edge), (new, edge, e)]
                break
    return [r for r, s, e in runs if e > s and s >= start and e <= end]


class RunIndex:
    """The text runs of one paragraph with their offsets, read once and kept up to
    date as runs are split: placing each of thousands of comments in a paragraph
    finds its runs by bisection instead of re-reading the paragraph (which made
    annotation quadratic in the findings per paragraph)."""

    def __init__(self, p: Element) -> None:
        self.runs = [(r, s, e) for r, s, e in paragraph_text_runs(p) if e > s]
        self.starts = [s for _, s, _ in self.runs]
        self.visible = {r for r, _, _ in self.runs}

    def isolate(self, start: int, end: int) -> list[Element] | None:
        """``isolate`` on the indexed paragraph."""
        for edge in (start, end):
            i = bisect_right(self.starts, edge) - 1
            if i < 0:
                continue
            r, s, e = self.runs[i]
            if s < edge < e:
                if len(run_text(r)) != e - s:
                    return None
                new = _split_run(r, edge - s)
                self.runs[i : i + 1] = [(r, s, edge), (new, edge, e)]
                self.starts.insert(i + 1, edge)
                self.visible.add(new)
        out: list[Element] = []
        for i in range(bisect_left(self.starts, start), len(self.runs)):
            r, _, e = self.runs[i]
            if e > end:
                break
            out.append(r)
        return out


def _visible_runs(p: Element) -> set[Element]:
    return {r for r, s, e in paragraph_text_runs(p) if e > s}


def _has_visible(node: Element, visible: set[Element]) -> bool:
    if node in visible:
        return True
    return any(d in visible for d in node.iter(W_R))


def _marker_anchor(run: Element, p: Element, visible: set[Element], before: bool) -> Element:
    """The node a range marker goes next to: the run itself, or the outermost
    container (hyperlink, insertion, content control...) that the run opens
    (``before``) or closes, so markers sit on the paragraph whenever that keeps the
    range exact."""
    node = run
    while node.getparent() is not p and node.getparent() is not None:
        parent = node.getparent()
        if parent.tag not in _CONTAINERS:
            break
        siblings = node.itersiblings(preceding=before)
        if any(_has_visible(s, visible) for s in siblings):
            break
        node = parent
    return node


def _reference_run(comment_id: int) -> Element:
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), "CommentReference")
    rpr.append(rstyle)
    r.append(rpr)
    ref = OxmlElement("w:commentReference")
    ref.set(_W_ID, str(comment_id))
    r.append(ref)
    return r


def _marker(name: str, comment_id: int) -> Element:
    el = OxmlElement(name)
    el.set(_W_ID, str(comment_id))
    return el


def _top_level(node: Element, p: Element) -> Element:
    while node.getparent() is not p:
        node = node.getparent()
    return node


def mark_range(
    p: Element, runs: list[Element], comment_id: int, visible: set[Element] | None = None
) -> None:
    """Put commentRangeStart/End around ``runs`` (or at the paragraph's end when
    there are none) and the reference run after the range, on the paragraph.
    ``visible``: the paragraph's runs with text, when the caller keeps them."""
    start = _marker("w:commentRangeStart", comment_id)
    end = _marker("w:commentRangeEnd", comment_id)
    if not runs:
        p.append(start)
        p.append(end)
        p.append(_reference_run(comment_id))
        return
    nested = runs[0].getparent() is not p or runs[-1].getparent() is not p
    if not nested:
        visible = set()
    elif visible is None:
        visible = _visible_runs(p)
    _marker_anchor(runs[0], p, visible, before=True).addprevious(start)
    after = _marker_anchor(runs[-1], p, visible, before=False)
    after.addnext(end)
    ref_after = end if end.getparent() is p else _top_level(after, p)
    ref_after.addnext(_reference_run(comment_id))


def unmark(doc_root: Element, comment_id: int) -> None:
    sid = str(comment_id)
    for tag in (_RANGE_START, _RANGE_END):
        for el in list(doc_root.iter(tag)):
            if el.get(_W_ID) == sid:
                el.getparent().remove(el)
    for ref in list(doc_root.iter(_REFERENCE)):
        if ref.get(_W_ID) == sid:
            run = ref.getparent()
            run.getparent().remove(run)


# --------------------------------------------------------------------------- reading back


@dataclass
class CommentAnchor:
    """A comment as a reader of the file sees it."""

    id: int
    author: str
    initials: str | None
    text: str
    anchored: str
    """Visible text between the comment's range markers."""
    paragraphs: list[int]
    """Indices (``body.iter(w:p)``) of the paragraphs the range touches."""


def comment_ranges(doc: DocxDocument) -> dict[int, tuple[str, list[int]]]:
    """Anchored text and paragraph indices of every comment range in the body."""
    texts_of: dict[Element, str] = {}
    run_para: dict[Element, int] = {}
    for i, p in enumerate(body_paragraphs(doc.element)):
        for r, _, _ in paragraph_text_runs(p):
            texts_of[r] = run_text(r)
            run_para[r] = i
    open_ids: set[int] = set()
    texts: dict[int, list[str]] = {}
    paras: dict[int, list[int]] = {}
    for el in doc.element.body.iter(_RANGE_START, _RANGE_END, W_R):
        if el.tag == _RANGE_START:
            cid = comment_id(el.get(_W_ID))
            open_ids.add(cid)
            texts.setdefault(cid, [])
            paras.setdefault(cid, [])
        elif el.tag == _RANGE_END:
            open_ids.discard(comment_id(el.get(_W_ID)))
        elif el in texts_of:
            for cid in open_ids:
                texts[cid].append(texts_of[el])
                if run_para[el] not in paras[cid]:
                    paras[cid].append(run_para[el])
    return {cid: ("".join(parts), paras[cid]) for cid, parts in texts.items()}


def read_comment_anchors(path: str | Path) -> list[CommentAnchor]:
    """Every comment of a .docx with the text it is anchored on."""
    doc = docx.Document(str(path))
    ranges = comment_ranges(doc)
    out: list[CommentAnchor] = []
    for comment in doc.comments:
        anchored, paras = ranges.get(comment.comment_id, ("", []))
        out.append(
            CommentAnchor(
                id=comment.comment_id,
                author=comment.author,
                initials=comment.initials,
                text=comment.text,
                anchored=anchored,
                paragraphs=paras,
            )
        )
    return out


class CommentWriter:
    """Appends ``w:comment`` elements the way Word writes them.

    python-docx's ``Comments.add_comment`` searches every comment for a free id on
    each call; a review can add thousands, so ids come from a counter here.
    """

    def __init__(self, doc: DocxDocument) -> None:
        self.element: Element = doc.comments._comments_elm  # the part's w:comments root
        used = [comment_id(x) for x in self.element.xpath("./w:comment/@w:id")]
        self.next_id = max(used, default=-1) + 1
        self.date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(self, text: str) -> int:
        cid = self.next_id
        self.next_id += 1
        comment = OxmlElement(
            "w:comment",
            attrs={qn("w:id"): str(cid), qn("w:author"): AUTHOR,
                   qn("w:initials"): INITIALS, qn("w:date"): self.date},
        )
        for i, line in enumerate(text.split("\n")):
            p = OxmlElement("w:p")
            ppr = OxmlElement("w:pPr")
            ppr.append(OxmlElement("w:pStyle", attrs={qn("w:val"): "CommentText"}))
            p.append(ppr)
            if i == 0:
                ref = OxmlElement("w:r")
                rpr = OxmlElement("w:rPr")
                rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
                ref.append(rpr)
                ref.append(OxmlElement("w:annotationRef"))
                p.append(ref)
            if line:
                r = OxmlElement("w:r")
                t = OxmlElement("w:t")
                # LibreOffice drops w:tab inside comments; a space reads the same
                t.text = xml_safe(line.replace("\t", " "))
                t.set(XML_SPACE, "preserve")
                r.append(t)
                p.append(r)
            comment.append(p)
        self.element.append(comment)
        return cid

    def remove(self, comment_id: int) -> None:
        for el in self.element.xpath(f"./w:comment[@w:id='{comment_id}']"):
            self.element.remove(el)
