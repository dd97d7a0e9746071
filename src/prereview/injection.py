"""What the model and the other rules must never see: text addressed to an
automated reviewer.

The ``integrity.injection`` rule finds such text before any model runs and reports
it. The other rules then read the document without it (``without``), so it changes
no other criterion's result; the reviewer removes it, and hidden .docx text, from
what it sends: the
whole sentence around each flagged span goes, so a document with an injected
sentence produces the same request (and, from a deterministic server, the same
judgment) as the document without it. A few reviewer-directed patterns are also
matched here, as a second net in case a rubric disables or narrows the rule; those
extra matches are removed but not reported (reporting is the rule's job).
"""

from __future__ import annotations

import re

from prereview.document import Document, Span
from prereview.prefixscan import finditer as scan_finditer
from prereview.review import CriterionResult
from prereview.wordindex import candidates

INJECTION_CRITERION = "integrity.injection"

_PATTERNS = [
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|foregoing|original|system|your|all)\s+"
    r"(?:\w+\s+)?(?:instructions?|prompts?|directions?|guidelines|rubric|rules)\b",
    r"\b(?:rate|score|grade|mark)\s+(?:this|the|my|our)\s+(?:document|doc|draft|pr/?faq|"
    r"press release|narrative|proposal|paper|submission|text)\s+(?:as\s+|at\s+|with\s+)?"
    r"(?:an?\s+)?(?:\d{1,3}\b|perfect|ready|highly|excellent|full marks|maximum|top marks|"
    r"passing|pass)",
    r"\b(?:give|award|assign)\s+(?:this|the|it)\b[^.!?\n]{0,30}?\b(?:perfect|full|maximum|"
    r"highest|top|100)\b[^.!?\n]{0,20}?\b(?:score|scores|marks|rating|grade)\b",
    r"\b(?:pass|approve)\s+(?:all|every|each)\s+(?:the\s+)?(?:criteria|criterion|checks?)\b",
    r"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
    r"(?:ai|llms?|language models?|automated reviewers?|reviewer bots?|assistants?|"
    r"chatgpt|gpt|graders?)\b",
    r"\b(?:ai|llm|automated)\s+(?:reviewers?|graders?|assistants?)\s*"
    r"(?:should|must|shall|need to|are instructed|:)",
    r"\byou are (?:now )?(?:an? )?(?:ai|llm|language model|assistant|reviewer|grader)\b",
    r"<\|(?:im_start|im_end|system|endoftext)\|>",
]
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)\]]|$)|\n")


def pattern_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in scan_finditer(_PATTERN, text)]


def flagged_spans(
    document: Document, results: list[CriterionResult] | None = None
) -> dict[int, list[tuple[int, int]]]:
    """Per block index: ranges the model must not see (before sentence expansion).

    Sources: the ``integrity.injection`` rule's findings, the patterns above, and
    .docx hidden text.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for result in results or []:
        if result.id != INJECTION_CRITERION:
            continue
        for finding in result.findings:
            loc = finding.location
            if loc is None or loc.block is None:
                continue
            start = loc.start if loc.start is not None else 0
            block = document.blocks[loc.block] if loc.block < len(document.blocks) else None
            if block is None:
                continue
            end = loc.end if loc.end is not None else len(block.text)
            spans.setdefault(loc.block, []).append((start, end))
    may = candidates(document, [_PATTERN])  # the blocks where the patterns may match
    for block in document.blocks:
        if may is not None and block.index not in may:
            continue
        for start, end in pattern_spans(block.text):
            spans.setdefault(block.index, []).append((start, end))
    return spans


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around ``[start, end)``."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = len(text)
    after = _SENTENCE_END.search(text, max(end - 1, start))
    if after is not None:
        stop = after.end()
        # closing quotes or brackets right after the sentence end go with it
        while stop < len(text) and text[stop] in "\"'”’)]":
            stop += 1
    return begin, stop


def removal_spans(
    document: Document, results: list[CriterionResult] | None = None
) -> dict[int, list[tuple[int, int]]]:
    """Per block: sorted, merged ranges to cut from what the model sees: the
    sentences around flagged spans, and hidden text as is."""
    flagged = flagged_spans(document, results)
    out: dict[int, list[tuple[int, int]]] = {}
    for block in document.blocks:
        ranges = [sentence_bounds(block.text, s, e) for s, e in flagged.get(block.index, [])]
        ranges += [(h.start, h.end) for h in block.hidden]
        ranges = [(max(0, s), min(len(block.text), e)) for s, e in ranges if e > s]
        if not ranges:
            continue
        ranges.sort()
        merged = [ranges[0]]
        for s, e in ranges[1:]:
            if s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        out[block.index] = merged
    return out


def cut(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` without ``ranges``, whitespace around the cuts tidied."""
    if not ranges:
        return text
    pieces: list[str] = []
    last = 0
    for s, e in ranges:
        pieces.append(text[last:s])
        last = e
    pieces.append(text[last:])
    joined = ""
    for piece in pieces:
        if not joined:
            joined = piece.rstrip(" \t")
        elif piece.strip():
            joined = joined.rstrip() + " " + piece.lstrip()
    return joined.strip()


def overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in ranges)


OffsetMap = list[int]
"""For each character of a shortened block text, its offset in the original."""


def without(
    document: Document, removals: dict[int, list[tuple[int, int]]]
) -> tuple[Document, dict[int, OffsetMap]]:
    """A copy of ``document`` with ``removals`` cut from its blocks' text, and, per
    shortened block, the map from new offsets back to the original ones (so a
    finding on the copy is anchored on the original text)."""
    blocks = list(document.blocks)
    maps: dict[int, OffsetMap] = {}
    for index, ranges in removals.items():
        block = blocks[index]
        keep = [i for i in range(len(block.text))
                if not any(s <= i < e for s, e in ranges)]
        new_of = {old: new for new, old in enumerate(keep)}

        def moved(span: Span, keep: list[int] = keep, new_of: dict[int, int] = new_of,
                  ) -> Span | None:
            inside = [new_of[i] for i in range(span.start, span.end) if i in new_of]
            return Span(start=inside[0], end=inside[-1] + 1) if inside else None

        code = [m for m in (moved(c) for c in block.code) if m is not None]
        blocks[index] = block.model_copy(update={
            "text": "".join(block.text[i] for i in keep), "hidden": [], "code": code,
        })
        maps[index] = keep
    return document.model_copy(update={"blocks": blocks}), maps


def original_range(offsets: OffsetMap, text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` on a shortened text, as a range of the original ``text``."""
    if not offsets:
        return 0, 0
    begin = offsets[start] if start < len(offsets) else len(text)
    stop = offsets[end - 1] + 1 if 0 < end <= len(offsets) else begin
    return begin, max(begin, stop)
