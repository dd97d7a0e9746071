"""Word lists and patterns: one compiled regex per list (cached), so a long
document is scanned once per criterion; block selection and message templates
the style kinds share."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from prereview.checks.context import CheckContext
from prereview.checks.params import PatternSpec
from prereview.document import Block, BlockKind, Document
from prereview.prefixscan import finditer as scan_finditer
from prereview.regexes import bounded
from prereview.text import sentences
from prereview.wordindex import union, word_index
from prereview.wordscan import WordScan, first_word


def blocks_of(ctx: CheckContext, scope: str, kinds: Sequence[BlockKind]) -> list[Block]:
    """Blocks of a scope restricted to some kinds (code is never in a scope)."""
    wanted = set(kinds)
    return [b for b in ctx.scope(scope) if b.kind in wanted]


def word_regex(entry: str) -> str:
    """One word-list entry as a regex: whole words, case folded by the caller,
    any whitespace between words, ``-`` matching a hyphen or a space, ``'``
    either apostrophe, and a trailing ``*`` any word ending (``leverag*``)."""
    entry = entry.strip()
    wildcard = entry.endswith("*")
    if wildcard:
        entry = entry[:-1]
    parts: list[str] = []
    for ch in entry:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch == "-":
            parts.append(r"[-‐‑\s]")
        elif ch in "'’":
            parts.append("['’]")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    if wildcard:
        body += r"[\w'’-]*"
    return body


def merged_words(words: Sequence[str], add: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """The inherited list plus additions, minus exclusions (case-insensitive)."""
    dropped = {w.strip().lower() for w in exclude}
    out: list[str] = []
    seen: set[str] = set()
    for w in [*words, *add]:
        key = w.strip().lower()
        if key and key not in dropped and key not in seen:
            seen.add(key)
            out.append(w.strip())
    return out


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    message: str | None = None
    """A pattern's own message template, when it has one."""


@dataclass(frozen=True)
class Matcher:
    """Finds whole-word entries and patterns in text, minus ``ignore`` contexts."""

    regexes: tuple[tuple[re.Pattern[str], str | None], ...]
    ignore: re.Pattern[str] | None
    words: WordScan | None = None
    """The word list's entries that are looked up by their first word."""

    def finditer(self, text: str, block: int | None = None,
                 where: Sequence[set[int] | None] | None = None) -> Iterator[Match]:
        """The matches in ``text``. With ``where`` (``places``) and the index of
        the block ``text`` is, only the parts that may match in that block run."""
        found: list[Match] = []
        places = where if where is not None and block is not None else None

        def runs(part: int) -> bool:
            at = places[part] if places is not None else None
            return at is None or block in at

        if self.words is not None and runs(0):
            found.extend(Match(m.start(), m.end()) for m in self.words.finditer(text))
        for k, (regex, message) in enumerate(self.regexes, 1):
            if not runs(k):
                continue
            found.extend(Match(m.start(), m.end(), message)
                         for m in scan_finditer(regex, text) if m.end() > m.start())
        if not found:
            return
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        # finditer's spans do not overlap and come in order, so the only ignored
        # span that can contain a match is the last one starting at or before it
        ignored = (
            [m.span() for m in self.ignore.finditer(text)] if self.ignore is not None else []
        )
        starts = [s for s, _ in ignored]
        last_end = -1
        for match in found:
            if match.start < last_end:
                continue  # overlaps a longer or earlier match
            i = bisect_right(starts, match.start) - 1
            if i >= 0 and match.end <= ignored[i][1]:
                continue
            last_end = match.end
            yield match

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None

    def places(self, document: Document) -> list[set[int] | None]:
        """For the words (first) and each pattern (in order), the indices of the
        blocks of ``document`` where it may match (its literals occur there:
        ``wordindex``), or None when any block may."""
        index = word_index(document)
        where: list[set[int] | None] = [set()]
        if self.words is not None:
            found = index.pattern_blocks(self.words.regex)
            where[0] = found if found is not None else index.word_blocks(
                self.words.firsts, self.words.prefixes, self.words.fold)
        where.extend(index.pattern_blocks(regex) for regex, _ in self.regexes)
        return where

    def blocks(self, document: Document) -> set[int] | None:
        """Indices of the blocks of ``document`` where ``finditer`` may find a
        match; None when any block may. Reading only those gives the same matches."""
        return union(self.places(document))


def _spec(p: str | PatternSpec) -> PatternSpec:
    return p if isinstance(p, PatternSpec) else PatternSpec(regex=p)


def build_matcher(
    words: Sequence[str],
    patterns: Sequence[str | PatternSpec] = (),
    ignore: Sequence[str] = (),
    case_sensitive: bool = False,
) -> Matcher:
    specs = tuple(_spec(p) for p in patterns)
    return _build(tuple(words), tuple((s.regex, s.case_sensitive, s.message) for s in specs),
                  tuple(ignore), case_sensitive)


@lru_cache(maxsize=256)
def _build(
    words: tuple[str, ...],
    patterns: tuple[tuple[str, bool, str | None], ...],
    ignore: tuple[str, ...],
    case_sensitive: bool,
) -> Matcher:
    regexes: list[tuple[re.Pattern[str], str | None]] = []
    scan: WordScan | None = None
    if words:
        fold = not case_sensitive
        flags = re.IGNORECASE if fold else 0
        entries = [w for w in words if w.strip()]
        firsts = {w: first_word(w, fold) for w in entries}
        # Longest first so "nearly all" wins over a shorter entry at the same place.
        for group in ([w for w in entries if firsts[w]], [w for w in entries if not firsts[w]]):
            if not group:
                continue
            alternatives = sorted((word_regex(w) for w in group), key=len, reverse=True)
            alternation = re.compile(
                r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)
            looked_up = [f for w in group if (f := firsts[w])]
            if looked_up:
                scan = WordScan(alternation, frozenset(f for f, _ in looked_up),
                                tuple(f for f, prefix in looked_up if prefix), fold)
            else:
                regexes.append((alternation, None))
    # Patterns with no message of their own are scanned as one alternation per case
    # rule (one pass over the text instead of one per pattern); a pattern that
    # cannot be combined (inline global flags, named groups) runs on its own.
    for sensitive in (False, True):
        group = [regex for regex, s, message in patterns if s == sensitive and message is None]
        flags = 0 if sensitive else re.IGNORECASE
        try:
            if group:
                combined = "|".join(f"(?:{regex})" for regex in group)
                regexes.append((bounded(combined, flags), None))
        except re.error:
            regexes.extend((bounded(regex, flags), None) for regex in group)
    for regex, sensitive, message in patterns:
        if message is not None:
            regexes.append((bounded(regex, 0 if sensitive else re.IGNORECASE), message))
    ignore_re = bounded("|".join(f"(?:{i})" for i in ignore), re.IGNORECASE) if ignore else None
    return Matcher(tuple(regexes), ignore_re, scan)


def sentence_hits(
    blocks: Sequence[Block], matcher: Matcher, document: Document | None = None
) -> Iterator[tuple[Block, int, str, list[Match]]]:
    """Each sentence of ``blocks`` with a match: its block, where it starts, its
    text and the matches in it (offsets within the sentence). With the blocks'
    ``document``, only the blocks where the matcher may match are read."""
    cands = matcher.blocks(document) if document is not None else None
    for block in blocks:
        if cands is not None and block.index not in cands:
            continue
        text = block.text
        if not matcher.search(text):
            continue
        for start, end in sentences(text):
            sentence = text[start:end]
            hits = list(matcher.finditer(sentence))
            if hits:
                yield block, start, sentence, hits


def render(template: str, match: str) -> str:
    """Fill ``{match}`` without ``str.format`` (a user's braces stay as typed)."""
    return template.replace("{match}", match)
