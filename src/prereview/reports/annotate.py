"""Word comments in the author's own .docx, anchored on exactly the quoted text.

Reviewers leave notes in the margin of the document; this module does the same
before any human reads it. The author's file is copied untouched except for
native comments: runs are split at a quote's edges (each half keeps the run's
own ``w:rPr``, so formatting survives character by character), comment range
markers go around the runs, and every placed comment is read back and checked
against its quote. Existing comments and tracked changes are left as they are.

Offsets follow ingest's definition of a paragraph's visible text
(``prereview.ooxml.paragraph_text_runs``): the text of its runs in order,
including runs inside hyperlinks, tracked insertions, smart tags, inline content
controls and simple fields; ``w:tab`` is ``\\t``, ``w:br``/``w:cr`` are ``\\n``;
deleted text is excluded. Markers go on the paragraph unless the quote's edge
is inside such a wrapper, where they go beside the run (valid OOXML: range
markup is allowed in hyperlinks, insertions, content controls and fields);
the reference run always goes on the paragraph, so it is never part of a link
or of someone's tracked insertion.

Entry points: ``annotate_docx`` for .docx input, ``write_reviewed_docx`` for
either format (Markdown is rendered to .docx first), ``read_comment_anchors``
to check a written file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from prereview.document import BlockKind, Document, find_quote
from prereview.errors import InputError
from prereview.lead import reading_map, top_actions
from prereview.ooxml import (
    Element,
    body_paragraphs,
    paragraph_text,
)
from prereview.reports.comment_ranges import (
    AUTHOR,
    INITIALS,
    CommentWriter,
    MalformedComments,
    RunIndex,
    comment_id,
    comment_ranges,
    mark_range,
    read_comment_anchors,
    unmark,
)
from prereview.review import (
    SEVERITY_ORDER,
    CriterionResult,
    Finding,
    Review,
    Severity,
    Status,
)

__all__ = [
    "AUTHOR",
    "INITIALS",
    "AnnotationResult",
    "PlacedComment",
    "Unanchored",
    "annotate_document",
    "annotate_docx",
    "read_comment_anchors",
    "remove_own_comments",
    "reviewed_docx_name",
    "write_reviewed_docx",
]

# --------------------------------------------------------------------------- comments


@dataclass
class PlacedComment:
    comment_id: int
    paragraph: int
    anchored: str
    """The paragraph text the comment is on: the quote itself, except that in a
    rendered Markdown draft a soft line break inside the quote reads as a space."""
    criterion: str | None
    """None for the summary comment."""
    fingerprints: list[str] = field(default_factory=list)
    quote: str | None = None
    """The finding's quote when the comment is anchored on it."""


@dataclass
class Unanchored:
    criterion: str
    quote: str | None
    reason: str
    fallback: bool = True
    """The finding still got a comment, at its section heading or the title."""


@dataclass
class AnnotationResult:
    path: Path
    comments: list[PlacedComment] = field(default_factory=list)
    unanchored: list[Unanchored] = field(default_factory=list)
    data: bytes = b""
    """The annotated .docx itself (what was, or would be, written to ``path``)."""

    @property
    def anchored_quotes(self) -> int:
        return sum(1 for c in self.comments if c.quote is not None)


def _criterion_map(review: Review) -> dict[str, CriterionResult]:
    return {c.id: c for c in review.criteria}


def _header(finding_severity: Severity, criterion: CriterionResult | None, cid: str) -> str:
    title = criterion.title if criterion is not None else cid
    return f"[{finding_severity.value.upper()}] {title} ({cid})"


def _finding_text(finding: Finding, criterion: CriterionResult | None) -> str:
    from prereview.reports.delta import finding_state

    lines = [_header(finding.severity, criterion, finding.criterion), finding.message]
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    state = finding_state(finding)
    if state:
        lines.append(f"({state})")
    return "\n".join(lines)


def _group_text(findings: list[Finding], criterion: CriterionResult | None) -> str:
    worst = min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s])
    lines = [_header(worst, criterion, findings[0].criterion)]
    for f in findings:
        note = ""
        if f.quote:
            note = f' (about "{f.quote}", which could not be located in the text)'
        lines.append(f"- {f.message}{note}" if len(findings) > 1 else f"{f.message}{note}")
    suggestions = list(dict.fromkeys(f.suggestion for f in findings if f.suggestion))
    lines.extend(f"Suggestion: {s}" for s in suggestions)
    return "\n".join(lines)


def _summary_text(review: Review) -> str:
    counts = {s: 0 for s in Severity}
    for f in review.findings:
        counts[f.severity] += 1
    parts = [
        f"prereview: score {review.score:g}/100, verdict {review.verdict.value} "
        f"(rubric {review.rubric.id}, threshold {review.rubric.threshold:g}).",
        f"{len(review.findings)} findings: {counts[Severity.BLOCKER]} blocker, "
        f"{counts[Severity.MAJOR]} major, {counts[Severity.MINOR]} minor.",
    ]
    blockers = review.failed_blockers
    actions = top_actions(review)
    if actions:
        parts.append("Top actions:")
        parts.extend(f"{i}. {a.text} ({a.criterion})" for i, a in enumerate(actions, 1))
    if blockers:
        parts.append("Failed blockers: " + "; ".join(f"{c.title} ({c.id})" for c in blockers) + ".")
    missing = [r for r in reading_map(review) if r.status == Status.FAILED]
    if missing:
        parts.append("Not found: " + "; ".join(r.title for r in missing) + ".")
    if review.not_assessed:
        parts.append(
            f"Not assessed: {len(review.not_assessed)} criteria "
            f"({', '.join(c.id for c in review.not_assessed)})."
        )
    from prereview.reports.delta import since_text

    since = since_text(review)
    if since:
        parts.append(since)
    return "\n".join(parts)


class _Annotator:
    def __init__(
        self,
        doc: DocxDocument,
        review: Review,
        document: Document,
        paragraph_of: dict[int, int] | None,
        result: AnnotationResult,
    ) -> None:
        self.doc = doc
        self.review = review
        self.document = document
        self.paragraph_of = paragraph_of
        self.result = result
        self.paragraphs = body_paragraphs(doc.element)
        self.criteria = _criterion_map(review)
        self.writer = CommentWriter(doc)
        self.texts: dict[Element, str] = {}
        self.runs: dict[Element, RunIndex] = {}

    # -- where things are

    def _para_of_block(self, block: int | None) -> int | None:
        if block is None or not 0 <= block < len(self.document.blocks):
            return None
        if self.paragraph_of is not None:
            return self.paragraph_of.get(block)
        return self.document.blocks[block].anchor.paragraph

    def _finding_paragraph(self, finding: Finding) -> int | None:
        loc = finding.location
        if loc is None:
            return None
        if self.paragraph_of is None and loc.paragraph is not None:
            return loc.paragraph
        return self._para_of_block(loc.block)

    def _title_paragraph(self) -> int | None:
        blocks = self.document.blocks
        title = self.document.title.strip()
        candidates = [b for b in blocks if b.kind == BlockKind.HEADING and b.text.strip() == title]
        candidates += [b for b in blocks if b.kind == BlockKind.HEADING]
        candidates += [b for b in blocks if b.text.strip()]
        for block in candidates:
            para = self._para_of_block(block.index)
            if para is not None and para < len(self.paragraphs):
                return para
        return 0 if self.paragraphs else None

    def _section_paragraph(self, finding: Finding) -> int | None:
        loc = finding.location
        if loc is None:
            return None
        section = None
        if loc.block is not None and 0 <= loc.block < len(self.document.blocks):
            section = self.document.section_of(self.document.blocks[loc.block])
        if section is not None:
            return self._para_of_block(section.heading_block)
        heading = self.document.heading_at(loc)
        return self._para_of_block(heading.index) if heading is not None else None

    # -- placing

    def _text_of(self, p: Element) -> str:
        """Paragraph text, cached: splitting runs and adding markers never change it."""
        if p not in self.texts:
            self.texts[p] = paragraph_text(p)
        return self.texts[p]

    def _runs_of(self, p: Element) -> RunIndex:
        if p not in self.runs:
            self.runs[p] = RunIndex(p)
        return self.runs[p]

    def _comment(self, text: str) -> int:
        return self.writer.add(text)

    def _whole_paragraph(self, para: int, text: str) -> tuple[int, str]:
        p = self.paragraphs[para]
        index = self._runs_of(p)
        cid = self._comment(text)
        mark_range(p, [r for r, _, _ in index.runs], cid, index.visible)
        return cid, self._text_of(p)

    def _locate(self, p: Element, finding: Finding) -> tuple[int, int] | str:
        """Offsets of the quote in the paragraph, or why it cannot be placed.

        In a rendering of a Markdown draft the paragraph's text is the block's
        rendered text (soft line breaks read as spaces, same length), so the quote
        (the block's own characters) is found in the block and anchored on the
        same offsets of the paragraph."""
        text = self._text_of(p)
        loc = finding.location
        if self.paragraph_of is not None and loc is not None and loc.block is not None:
            block_text = self.document.blocks[loc.block].text
            if len(block_text) == len(text):
                text = block_text
        span = find_quote(text, finding.quote, finding.location)
        return span if span is not None else "quote not found in the paragraph's text"

    def place_quote(self, finding: Finding) -> PlacedComment | str:
        para = self._finding_paragraph(finding)
        if para is None:
            return "no paragraph anchor"
        if not 0 <= para < len(self.paragraphs):
            return f"paragraph {para} is not in the document"
        p = self.paragraphs[para]
        where = self._locate(p, finding)
        if isinstance(where, str):
            return where
        start, end = where
        index = self._runs_of(p)
        runs = index.isolate(start, end)
        if runs is None:
            return "run text differs from ingest's paragraph model"
        cid = self._comment(_finding_text(finding, self.criteria.get(finding.criterion)))
        mark_range(p, runs, cid, index.visible)
        return PlacedComment(
            comment_id=cid, paragraph=para, anchored=self._text_of(p)[start:end],
            criterion=finding.criterion, fingerprints=[finding.fingerprint],
            quote=finding.quote,
        )

    def run(self) -> None:
        title_para = self._title_paragraph()
        if title_para is not None:
            cid, text = self._whole_paragraph(title_para, _summary_text(self.review))
            self.result.comments.append(
                PlacedComment(comment_id=cid, paragraph=title_para, anchored=text,
                              criterion=None)
            )
        groups: dict[tuple[str, int], list[Finding]] = {}
        for finding in self.review.findings:
            failure: str | None = None
            if finding.quote:
                placed = self.place_quote(finding)
                if isinstance(placed, PlacedComment):
                    self.result.comments.append(placed)
                    continue
                failure = placed
            para = self._section_paragraph(finding)
            if para is None or not 0 <= para < len(self.paragraphs):
                para = title_para
            if failure is not None:
                self.result.unanchored.append(
                    Unanchored(finding.criterion, finding.quote, failure,
                               fallback=para is not None)
                )
            if para is None:
                if failure is None:
                    self.result.unanchored.append(
                        Unanchored(finding.criterion, None, "document has no paragraph",
                                   fallback=False)
                    )
                continue
            groups.setdefault((finding.criterion, para), []).append(finding)
        for (criterion, para), findings in groups.items():
            text = _group_text(findings, self.criteria.get(criterion))
            cid, anchored = self._whole_paragraph(para, text)
            self.result.comments.append(
                PlacedComment(comment_id=cid, paragraph=para, anchored=anchored,
                              criterion=criterion,
                              fingerprints=[f.fingerprint for f in findings])
            )
        self.verify()

    def verify(self) -> None:
        """Read every placed quote back; a mismatch (never expected) is removed and
        reported rather than left pointing at the wrong words."""
        ranges = comment_ranges(self.doc)
        kept: list[PlacedComment] = []
        for placed in self.result.comments:
            anchored, _ = ranges.get(placed.comment_id, ("", []))
            if placed.quote is not None and anchored != placed.anchored:
                unmark(self.doc.element.body, placed.comment_id)
                self._drop_comment(placed.comment_id)
                self.result.unanchored.append(
                    Unanchored(placed.criterion or "", placed.quote,
                               f"anchored text read back as {anchored!r}", fallback=False)
                )
                continue
            placed.anchored = anchored
            kept.append(placed)
        self.result.comments = kept

    def _drop_comment(self, comment_id: int) -> None:
        self.writer.remove(comment_id)


def remove_own_comments(doc: DocxDocument) -> int:
    """Drop the comments an earlier prereview run left (author "prereview"), so
    reviewing a ``.reviewed.docx`` again replaces the old review instead of adding
    a second one; everybody else's comments stay. Returns how many were dropped."""
    comments = doc.comments._comments_elm  # the part is created if missing: we add to it anyway
    ours = [el for el in comments.xpath("./w:comment") if el.get(qn("w:author")) == AUTHOR]
    for el in ours:
        unmark(doc.element.body, comment_id(el.get(qn("w:id"))))
        comments.remove(el)
    return len(ours)


def annotate_document(
    doc: DocxDocument,
    review: Review,
    document: Document,
    out_path: str | Path | None,
    paragraph_of: dict[int, int] | None = None,
) -> AnnotationResult:
    """Add the review's comments to an open python-docx document and save it
    (written whole, see ``prereview.outputs``; with ``out_path`` None only kept in
    ``result.data``, for a caller that writes a set of reports at once).

    ``paragraph_of`` maps block indices to paragraph indices when the .docx is a
    rendering of another format; without it, findings' ``Location.paragraph`` (and
    blocks' anchors) are used.
    """
    from prereview.outputs import write_file

    result = AnnotationResult(path=Path(out_path or reviewed_docx_name(document)))
    try:
        remove_own_comments(doc)
        if review.history is not None and review.history.doc_id:
            # The annotated copy carries the document's id, so reviewing it (or
            # the author's next draft saved from it) continues the same history.
            props = doc.core_properties
            if not (props.identifier or "").strip():
                props.identifier = review.history.doc_id
        _Annotator(doc, review, document, paragraph_of, result).run()
    except MalformedComments as exc:
        raise InputError(document.path, str(exc)) from None
    buffer = io.BytesIO()
    doc.save(buffer)
    result.data = buffer.getvalue()
    if out_path is not None:
        write_file(out_path, result.data)
    return result


def annotate_docx(
    source_path: str | Path, review: Review, document: Document, out_path: str | Path | None
) -> AnnotationResult:
    """Copy the author's .docx to ``out_path`` with one Word comment per finding
    (per criterion for findings without a quote) and a summary on the title.

    The file is read again here, so it must still be the one that passed the
    input guards: a file swapped since (for a zip bomb, say) is refused."""
    from prereview.document import sha256_of
    from prereview.limits import MAX_FILE_BYTES

    try:
        with open(source_path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(str(source_path),
                         f"cannot read ({(exc.strerror or str(exc)).lower()})") from None
    if document.sha256 and sha256_of(data) != document.sha256:
        raise InputError(str(source_path), "changed while it was being reviewed: review it again")
    return annotate_document(docx.Document(io.BytesIO(data)), review, document, out_path)


def write_reviewed_docx(
    document: Document,
    review: Review,
    out_path: str | Path | None,
    source_path: str | Path | None = None,
) -> AnnotationResult:
    """The reviewed .docx for either input format: the author's own file annotated
    (.docx input) or a rendering of the Markdown annotated."""
    if document.format == "docx":
        return annotate_docx(source_path or document.path, review, document, out_path)
    from prereview.reports.render_docx import build_docx

    rendered, paragraph_of = build_docx(document)
    return annotate_document(rendered, review, document, out_path, paragraph_of)


def reviewed_docx_name(document: Document) -> str:
    """``<stem>.reviewed.docx``: the name ``--out DIR`` writes."""
    return f"{Path(document.path).stem}.reviewed.docx"
