"""Hold the model to evidence: find each quote in the Document, or drop it.

A quote matches when it equals a passage of one block after folding what models
change without meaning to: runs of whitespace, typographic quotes, dashes and
ellipses, invisible characters, and (as a last resort) letter case. The anchor is
the exact original substring, so reports quote the author, never the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from prereview.document import Block, BlockKind, Document
from prereview.injection import overlaps
from prereview.review import Finding, Location, Severity

_FOLD = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "—": "-", "–": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-", "−": "-",
    "…": "...",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ",
    "\u2003": " ", "\t": " ", "\n": " ", "\r": " ",
}
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
MIN_QUOTE_CHARS = 12
"""A quote shorter than this (spaces aside) must have MIN_QUOTE_WORDS words."""
MIN_QUOTE_WORDS = 3
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_STOP_WORDS_TEXT = """
a an the and or but nor so yet if then than that this these those there here of to in
on at by for from with without into onto over under about as is are was were be been
being am do does did done have has had it its it's we our us you your they their them he
she his her him i me my not no yes all any some each every such very can could will would
shall should may might must just also only what which who whom whose when where why how
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""Words that are no evidence by themselves: "of the" is in every document."""


def is_evidence(quote: str) -> bool:
    """Long enough to point at one passage: at least MIN_QUOTE_WORDS words or
    MIN_QUOTE_CHARS characters, and not only stop words ("the", "and it is")."""
    words = _WORD.findall(quote.lower())
    if not words or all(w in STOP_WORDS for w in words):
        return False
    return len(words) >= MIN_QUOTE_WORDS or len(quote.replace(" ", "")) >= MIN_QUOTE_CHARS


def fold(text: str, *, casefold: bool = False) -> tuple[str, list[int]]:
    """Folded ``text`` and, for each folded character, its offset in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        piece = _FOLD.get(ch, ch)
        if casefold:
            piece = piece.lower()
        for out in piece:
            if out == " " and (not chars or chars[-1] == " "):
                continue  # whitespace runs fold to one space
            if out == "-" and chars and chars[-1] == "-":
                continue  # "--" stands for a dash
            if out == "-" and chars and chars[-1] == " ":
                chars.pop()  # "a — b" and "a—b" alike
                index.pop()
            if out == " " and chars and chars[-1] == "-":
                continue
            chars.append(out)
            index.append(i)
    return "".join(chars), index


_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+>|]\s+|\d{1,3}[.)]\s+)")
_WRAPPING = "\"'“”‘’«»"


def _variants(quote: str) -> list[str]:
    """The quote as given, then without a Markdown marker the model copied from the
    rendering (``- ``, ``# ``, ``> ``) or without wrapping quotation marks."""
    out = [quote]
    stripped = _MARKER.sub("", quote, count=1)
    if stripped != quote:
        out.append(stripped)
    for q in list(out):
        if len(q) >= 2 and q[0] in _WRAPPING and q[-1] in _WRAPPING:
            out.append(q[1:-1])
    return out


@dataclass(frozen=True)
class Evidence:
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


def locate(
    document: Document,
    quote: str,
    prefer: list[int] | None = None,
    exclude: dict[int, list[tuple[int, int]]] | None = None,
) -> Evidence | None:
    """The first place ``quote`` occurs, blocks in ``prefer`` (the chunk) first.

    Code blocks are never matched (the model does not see them), nor passages that
    overlap ``exclude`` (text cut from what the model saw).
    """
    wanted = [q for q in (v.strip() for v in _variants(quote)) if q]
    if not wanted:
        return None
    order: list[Block] = []
    seen: set[int] = set()
    for i in prefer or []:
        if 0 <= i < len(document.blocks) and i not in seen:
            order.append(document.blocks[i])
            seen.add(i)
    order.extend(b for b in document.blocks if b.index not in seen)
    order = [b for b in order if b.kind != BlockKind.CODE]
    for casefold in (False, True):
        for variant in wanted:
            needle, _ = fold(variant, casefold=casefold)
            needle = needle.strip()
            if not is_evidence(needle):
                continue
            for block in order:
                found = _find_in(block, needle, casefold, (exclude or {}).get(block.index, []))
                if found is not None:
                    return found
    return None


def _find_in(block: Block, needle: str, casefold: bool,
             excluded: list[tuple[int, int]]) -> Evidence | None:
    hay, index = fold(block.text, casefold=casefold)
    pos = hay.find(needle)
    while pos >= 0:
        after = pos + len(needle)
        if (needle[0].isalnum() and pos > 0 and hay[pos - 1].isalnum()) or (
            needle[-1].isalnum() and after < len(hay) and hay[after].isalnum()
        ):  # inside a word: "the" is not in "other"
            pos = hay.find(needle, pos + 1)
            continue
        start = index[pos]
        end = index[pos + len(needle) - 1] + 1
        if not overlaps(excluded, start, end):
            return Evidence(block=block, start=start, end=end)
        pos = hay.find(needle, pos + 1)
    return None


def location_of(document: Document, evidence: Evidence) -> Location:
    return document.location(evidence.block, evidence.start, evidence.end)


class ClaimedFinding(BaseModel):
    """A finding as the model states it, before its quote is checked."""

    criterion: str
    quote: str
    message: str
    suggestion: str = ""


def verify(
    document: Document,
    llm_findings: list[ClaimedFinding],
    severities: dict[str, Severity],
    prefer: list[int] | None = None,
    exclude: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[list[Finding], int]:
    """Findings whose quote is in the document, anchored, and how many were
    dropped (quote not found, or a criterion the request did not ask about)."""
    verified: list[Finding] = []
    dropped = 0
    for claim in llm_findings:
        severity = severities.get(claim.criterion)
        evidence = locate(document, claim.quote, prefer, exclude) if severity else None
        if severity is None or evidence is None or not claim.message.strip():
            dropped += 1
            continue
        verified.append(Finding(
            criterion=claim.criterion,
            severity=severity,
            source="llm",
            message=claim.message.strip(),
            quote=evidence.text,
            suggestion=claim.suggestion.strip() or None,
            location=location_of(document, evidence),
        ))
    return verified, dropped
