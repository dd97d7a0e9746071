"""A Markdown block as a reader of the rendered draft sees it: soft line breaks
read as spaces, hard breaks stay breaks, bold, italics, links and code spans.

Shared by the .docx rendering and the HTML document view. The rendered text has
the length of ``Block.text`` (each soft ``\\n`` becomes one space), so a finding's
``[start, end)`` offsets into the block are offsets into the rendering and
comments and highlights land on the same characters.

One exception to "soft breaks are spaces" keeps FAQs readable: a line that is
wholly bold or italic on its own (``**Q3. Why now?**``, not one line of a longer
italic passage), or a labelled question (``Q3. Why
now?``), followed by its answer on the next source line, keeps its line break,
so the question does not run into the answer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from prereview.document import Block, BlockKind

_QUESTION_LABEL = re.compile(r"\s*(?:Q(?:uestion)?|[A-Z]{1,2}\d{1,3})\s*\d{0,3}\s*[.:)]")
"""``Q:``, ``Q3.``, ``Question 2:``, ``C1.``, ``IF4)`` at a line's start (bounded, no
nested quantifiers)."""


@dataclass(frozen=True)
class Piece:
    """A stretch of rendered text with one formatting."""

    start: int
    end: int
    text: str
    strong: bool = False
    em: bool = False
    code: bool = False
    href: str | None = None


def _emphasis_prefix(block: Block) -> list[int] | None:
    """Prefix counts of characters inside bold or italics (None when there is none)."""
    marks = [m for m in block.marks if m.kind in ("strong", "em")]
    if not marks:
        return None
    n = len(block.text)
    diff = [0] * (n + 1)
    for m in marks:
        diff[max(0, min(m.start, n))] += 1
        diff[max(0, min(m.end, n))] -= 1
    prefix = [0] * (n + 1)
    depth = 0
    for i in range(n):
        depth += diff[i]
        prefix[i + 1] = prefix[i] + (1 if depth > 0 else 0)
    return prefix


def line_breaks(block: Block) -> set[int]:
    """Offsets of the ``\\n`` characters that stay line breaks in a rendering."""
    text = block.text
    if "\n" not in text:
        return set()
    if block.kind == BlockKind.CODE:
        return {i for i, ch in enumerate(text) if ch == "\n"}
    if block.kind == BlockKind.HEADING:
        return set()
    kept = {m.start for m in block.marks if m.kind == "break"}
    prefix = _emphasis_prefix(block)
    line_start = 0
    while True:
        nl = text.find("\n", line_start)
        if nl < 0:
            break
        line = text[line_start:nl]
        stripped = line.strip()
        if stripped and nl not in kept and nl + 1 < len(text):
            a = line_start + (len(line) - len(line.lstrip()))
            b = a + len(stripped)
            # wholly bold/italic, and the emphasis is the line's own: it does not
            # go on across the newlines around it (an italic quote wrapped over
            # several lines reads as one paragraph)
            emphasised = (prefix is not None and prefix[b] - prefix[a] == b - a
                          and prefix[nl + 1] == prefix[nl]
                          and (line_start == 0 or prefix[line_start] == prefix[line_start - 1]))
            question = stripped.endswith("?") and _QUESTION_LABEL.match(stripped) is not None
            if emphasised or question:
                kept.add(nl)
        line_start = nl + 1
    return kept


def rendered_text(block: Block) -> str:
    """The block's text with its soft line breaks as spaces (same length)."""
    if "\n" not in block.text:
        return block.text
    keep = line_breaks(block)
    return "".join(" " if ch == "\n" and i not in keep else ch
                   for i, ch in enumerate(block.text))


def pieces(block: Block) -> list[Piece]:
    """The rendered text cut where formatting changes, in order (a sweep over the
    edges of the block's marks and code spans: linear in their number)."""
    text = rendered_text(block)
    n = len(text)
    if n == 0:
        return []
    if block.kind == BlockKind.CODE:
        return [Piece(0, n, text, code=True)]
    events: dict[int, list[tuple[str, int, str | None]]] = {}

    def add(kind: str, start: int, end: int, href: str | None = None) -> None:
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if end > start:
            events.setdefault(start, []).append((kind, 1, href))
            events.setdefault(end, []).append((kind, -1, href))

    for m in block.marks:
        if m.kind != "break":
            add(m.kind, m.start, m.end, m.href)
    for span in block.code:
        add("code", span.start, span.end)
    points = sorted({0, n, *events})
    depth = {"strong": 0, "em": 0, "code": 0, "link": 0}
    links: list[str | None] = []
    out: list[Piece] = []
    for a, b in itertools.pairwise(points):
        for kind, delta, href in sorted(events.get(a, []), key=lambda e: e[1]):
            depth[kind] += delta
            if kind == "link":
                if delta > 0:
                    links.append(href)
                elif links:
                    links.pop()
        out.append(Piece(a, b, text[a:b], strong=depth["strong"] > 0, em=depth["em"] > 0,
                         code=depth["code"] > 0, href=links[-1] if links else None))
    return out
