"""The HTML review page: the document itself with each finding highlighted in place
and its note beside it, a score card, filters, and what was not assessed.

One self-contained file (CSS and a small script inline, nothing fetched) that an
author can open from disk or a CI job can publish. Every piece of document and
review text goes through Jinja2's autoescaping, and a Content-Security-Policy
that admits only the page's own script (by hash) backs that up: a document that
contains ``<script>`` shows it as text.

Highlights may overlap (two criteria quoting the same words), so each block's
text is cut at every highlight edge into segments, and each segment lists the
findings covering it; nothing nests, so nothing can break.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from prereview.document import Block, BlockKind, Document, find_quote
from prereview.lead import reading_map, rules_only_caveat, top_actions
from prereview.reports.delta import accept_command, finding_state, resolved_lines, since_summary
from prereview.reports.inline import Piece, pieces, rendered_text
from prereview.reports.where import format_location
from prereview.review import (
    SEVERITY_ORDER,
    CriterionResult,
    Finding,
    Review,
    Severity,
    Status,
)

SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: SEVERITY_ORDER[s])]


@dataclass
class Segment:
    text: str
    ids: list[str] = field(default_factory=list)
    severity: str | None = None
    """The worst severity among the findings covering it, for its colour."""
    hidden: bool = False
    """Hidden in the source .docx (vanish, white on white, tiny font)."""
    strong: bool = False
    em: bool = False
    code: bool = False
    href: str | None = None
    """Inline formatting of a Markdown draft (``reports.inline``)."""


@dataclass
class Note:
    id: str
    criterion: str
    title: str
    severity: str
    source: str
    message: str
    quote: str | None
    suggestion: str | None
    where: str
    placed: bool
    """Its quote is highlighted in the document."""
    problem: str | None = None
    """Why a quote could not be highlighted."""
    fingerprint: str = ""
    state: str | None = None
    """new / accepted / suppressed (history)."""
    accept: str = ""
    """The copyable ``prereview accept`` command."""


@dataclass
class Item:
    """One row of the document view: a block (or a whole table) and its notes."""

    kind: str
    segments: list[Segment] = field(default_factory=list)
    rows: list[list[list[Segment]]] = field(default_factory=list)
    level: int = 0
    number: int | None = None
    notes: list[Note] = field(default_factory=list)
    block: int = 0


@dataclass
class _Placement:
    block: int | None
    start: int | None = None
    end: int | None = None
    problem: str | None = None


def _place(document: Document, finding: Finding) -> _Placement:
    """Where a finding's quote is in the document's blocks (the section heading
    for a finding about a section)."""
    loc = finding.location
    block = document.block_at(loc) or document.heading_at(loc)
    if block is None or not finding.quote:
        return _Placement(block.index if block is not None else None)
    span = find_quote(block.text, finding.quote, loc)
    if span is None:
        return _Placement(block.index, problem="quote not found in the text")
    return _Placement(block.index, *span)


def segments(
    text: str,
    spans: list[tuple[str, int, int]],
    severity_of: dict[str, str],
    hidden: list[tuple[int, int]] | None = None,
) -> list[Segment]:
    """Cut ``text`` at every span edge; each piece lists the span ids covering it.

    One sweep over the edges (spans opening and closing), so a paragraph with
    thousands of findings costs the size of the output, not findings squared.
    """
    size = len(text)
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for i, (_, s, e) in enumerate(spans):
        s, e = max(0, s), min(size, e)
        if s < e:
            opens.setdefault(s, []).append(i)
            closes.setdefault(e, []).append(i)
    hidden_edges: dict[int, int] = {}
    for s, e in hidden or []:
        s, e = max(0, s), min(size, e)
        if s < e:
            hidden_edges[s] = hidden_edges.get(s, 0) + 1
            hidden_edges[e] = hidden_edges.get(e, 0) - 1
    points = sorted({0, size, *opens, *closes, *hidden_edges})
    active: set[int] = set()
    hiding = 0
    out: list[Segment] = []
    for a, b in itertools.pairwise(points):
        active.difference_update(closes.get(a, ()))
        active.update(opens.get(a, ()))
        hiding += hidden_edges.get(a, 0)
        ids = [spans[i][0] for i in sorted(active)]
        worst = min((severity_of[i] for i in ids), key=SEVERITIES.index, default=None)
        out.append(Segment(text=text[a:b], ids=ids, severity=worst, hidden=hiding > 0))
    return out


_SAFE_HREF = re.compile(r"(?:https?://|mailto:|#|\.{0,2}/|[\w.-]+(?:[/#?]|$))", re.IGNORECASE)
"""Web, mail, in-page and relative links; nothing else becomes a link."""


def formatted(marked: list[Segment], parts: list[Piece]) -> list[Segment]:
    """``marked`` (highlights) cut again where the formatting of ``parts``
    changes: two sorted covers of the same text merged in one pass."""
    if not parts:
        return marked
    out: list[Segment] = []
    j = 0
    seg_start = 0
    for seg in marked:
        seg_end = seg_start + len(seg.text)
        pos = seg_start
        while pos < seg_end:
            while j < len(parts) - 1 and parts[j].end <= pos:
                j += 1
            piece = parts[j]
            cut = min(seg_end, piece.end) if piece.end > pos else seg_end
            href = piece.href if piece.href and _SAFE_HREF.match(piece.href) else None
            out.append(Segment(text=seg.text[pos - seg_start:cut - seg_start], ids=seg.ids,
                               severity=seg.severity, hidden=seg.hidden, strong=piece.strong,
                               em=piece.em, code=piece.code, href=href))
            pos = cut
        seg_start = seg_end
    return out


def _where(finding: Finding) -> str:
    loc = finding.location
    where = format_location(loc)
    if loc is not None and loc.section:
        if loc.block is None and loc.line is None and loc.paragraph is None:
            return f"section {loc.section}"
        return f"{loc.section} · {where}"
    return where


class _Page:
    def __init__(self, review: Review, document: Document) -> None:
        self.review = review
        self.document = document
        self.titles = {c.id: c.title for c in review.criteria}
        self.ids = {id(f): f"f{i}" for i, f in enumerate(review.findings)}
        self.severity_of = {self.ids[id(f)]: f.severity.value for f in review.findings}
        self.spans: dict[int, list[tuple[str, int, int]]] = {}
        self.notes_at: dict[int, list[Note]] = {}
        self.document_notes: list[Note] = []
        for finding in review.findings:
            self._add(finding)

    def _add(self, finding: Finding) -> None:
        fid = self.ids[id(finding)]
        placement = _place(self.document, finding)
        placed = placement.start is not None and placement.end is not None
        note = Note(
            id=fid, criterion=finding.criterion,
            title=self.titles.get(finding.criterion, finding.criterion),
            severity=finding.severity.value, source=finding.source, message=finding.message,
            quote=finding.quote, suggestion=finding.suggestion, where=_where(finding),
            placed=placed, problem=placement.problem, fingerprint=finding.fingerprint,
            state=finding_state(finding), accept=accept_command(self.review, finding),
        )
        if placement.block is None:
            self.document_notes.append(note)
            return
        self.notes_at.setdefault(placement.block, []).append(note)
        if placed and placement.start is not None and placement.end is not None:
            self.spans.setdefault(placement.block, []).append(
                (fid, placement.start, placement.end)
            )

    def _segments(self, block: Block) -> list[Segment]:
        if self.document.format != "markdown":
            return segments(
                block.text, self.spans.get(block.index, []), self.severity_of,
                [(h.start, h.end) for h in block.hidden],
            )
        # a Markdown draft reads as rendered: soft breaks as spaces (same offsets,
        # so highlights stay on their words), bold, italics, code and links kept
        marked = segments(rendered_text(block), self.spans.get(block.index, []),
                          self.severity_of)
        return formatted(marked, pieces(block) if block.kind != BlockKind.CODE else [])

    def items(self) -> list[Item]:
        blocks = self.document.blocks
        out: list[Item] = []
        numbers: dict[int, int] = {}
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if block.kind == BlockKind.TABLE_CELL:
                item = Item(kind="table", block=block.index)
                line: int | None = None
                while i < len(blocks) and blocks[i].kind == BlockKind.TABLE_CELL:
                    cell = blocks[i]
                    if not item.rows or cell.anchor.line is None or cell.anchor.line != line:
                        item.rows.append([])
                    line = cell.anchor.line
                    item.rows[-1].append(self._segments(cell))
                    item.notes.extend(self.notes_at.get(cell.index, []))
                    i += 1
                out.append(item)
                numbers.clear()
                continue
            item = Item(
                kind=block.kind.value, segments=self._segments(block),
                level=block.level or 0, block=block.index,
                # worst first: the note shown beside the text is the one that matters
                notes=sorted(self.notes_at.get(block.index, []),
                             key=lambda n: SEVERITIES.index(n.severity)),
            )
            if block.kind == BlockKind.LIST_ITEM:
                depth = block.level or 1
                for deeper in [d for d in numbers if d > depth]:
                    del numbers[deeper]
                if block.ordered:
                    numbers[depth] = numbers.get(depth, 0) + 1
                    item.number = numbers[depth]
                else:  # a bullet list ends a numbered one at its depth
                    numbers.pop(depth, None)
            else:
                numbers.clear()
            out.append(item)
            i += 1
        return out


GROUP_ORDER = [(Status.FAILED, "Failed"), (Status.NOT_ASSESSED, "Not assessed"),
               (Status.PASSED, "Passed"), (Status.NOT_APPLICABLE, "Not applicable")]


def score_groups(review: Review) -> list[tuple[str, str, list[CriterionResult]]]:
    """The score card by status, failed first (worst severity first within a
    group, else rubric order): what to fix before what went well."""
    out = []
    for status, label in GROUP_ORDER:
        rows = [c for c in review.criteria if c.status == status]
        if status == Status.FAILED:
            rows.sort(key=lambda c: SEVERITY_ORDER[c.severity])
        if rows:
            out.append((status.value, label, rows))
    return out


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("prereview", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _static(name: str) -> str:
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), name)
    return source


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_html(review: Review, document: Document) -> str:
    """The review page as one HTML string."""
    page = _Page(review, document)
    script = _static("review.js")
    counts = {s: 0 for s in SEVERITIES}
    for f in review.findings:
        counts[f.severity.value] += 1
    with_findings = [c for c in review.criteria if c.findings]
    return _environment().get_template("review.html.j2").render(
        review=review,
        document=document,
        items=page.items(),
        document_notes=page.document_notes,
        severities=SEVERITIES,
        counts=counts,
        total=len(review.findings),
        filter_criteria=with_findings,
        not_assessed=review.not_assessed,
        actions=top_actions(review),
        blockers=review.failed_blockers,
        open_blockers=[c for c in review.not_assessed if c.severity == Severity.BLOCKER],
        caveat=rules_only_caveat(review),
        groups=score_groups(review),
        readings=reading_map(review),
        since=since_summary(review),
        resolved=resolved_lines(review),
        status=Status,
        css=_static("review.css"),
        script=script,
        script_hash=_csp_hash(script),
    )
