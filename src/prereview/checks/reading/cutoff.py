"""Sentences cut off mid-way (a part of ``style.unfinished``).

A draft whose author stopped typing shows it at the end of a paragraph: no
terminal punctuation, and the last words are a fragment, not a sentence's end:

- a **trailing function word**: "...built for the", "...users of and" (an
  article, a preposition, a conjunction, an auxiliary: ``function_words``);
- a **dangling comma or dash**: "...including docker,";
- a **clause opened and left**: "the problem that copilot" (a clause opener,
  ``clause_openers``, with at most one word after it);
- an **enumeration cut before its last item**: "including docker, kube" (a list
  after "including / such as / like" with no "and", "or" or "etc.");
- a **truncated word**: the last word (four letters or more) is a proper prefix,
  two letters short or more, of a word the document uses elsewhere or of a known
  name (``vocabulary``: "kuber" of Kubernetes), and is never used whole elsewhere;

A finished sentence that only lacks its full stop ("Running workloads will not be
affected") is not cut off: on the corpus that reading flagged eight finished
sentences for every real cut.

Only the author's paragraphs are read: never headings, list items (list items
need no full stop), table cells, code, metadata, quotes, a line that is all
bold or italics (a caption, a subheading), a paragraph ending in a link or a
code span, or one right before a list, code or table (an introduction to it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import Field

from prereview.checks.params import Params
from prereview.document import Block, BlockKind
from prereview.text import sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ENDS_ON_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:,|\s+[-–—])?[\"”]?$")
"""The paragraph's last character is a letter (or a dangling comma or dash after a
word, or a quote closed right after the word): anything else (a full stop, a
colon, a bracket, a digit, an emoji) is not a cut-off sentence."""
_LAST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’-,–—\"”")
"""The characters ``_ENDS_ON_WORD`` can end on (the text is stripped, so ``$`` is
its end): any other last character and the search is not needed."""
_ENUMERATION = re.compile(
    r"\b(?:including|such as|like|e\.g\.,?)\s+[\w.+#/-]+(?:\s*,\s*[\w.+#/-]+)+\s*$",
    re.IGNORECASE,
)
_LIST_END = re.compile(r"\b(?:and|or|etc)\b", re.IGNORECASE)
_INFLECTION = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "y", "'s", "’s")
_MIN_WORDS = 5
_TAIL = 400
"""Characters of the last sentence read for its fragment (bounded)."""
_FOLLOWING_INTRO = (BlockKind.LIST_ITEM, BlockKind.CODE, BlockKind.TABLE_CELL)


class CutOffParams(Params):
    """What a fragment is: data, so a rubric can extend the lists."""

    function_words: list[str] = Field(default_factory=list)
    """Words a finished sentence does not end on ("the", "of", "and", "that")."""
    clause_openers: list[str] = Field(default_factory=list)
    """Words that open a clause ("that", "because", "which"): followed by one word
    and the paragraph's end, the clause was left unfinished."""
    vocabulary: list[str] = Field(default_factory=list)
    """Names a truncated word may be the start of ("kubernetes", "terraform")."""


@dataclass(frozen=True)
class CutOff:
    block: Block
    start: int
    """Start of the unfinished sentence in the block's text."""
    end: int
    reason: str


def whole_emphasis(block: Block) -> bool:
    """All bold or italics: a caption, a subheading, a banner."""
    text = block.text
    lead, end = len(text) - len(text.lstrip()), len(text.rstrip())
    stripped = text.strip()
    return any(m.kind in ("strong", "em") and m.start <= lead + 1 and m.end >= end - 1
               for m in block.marks) or (
        len(stripped) > 2 and stripped[0] in "*_" and stripped[-1] in "*_")


def _ends_in_link_or_code(block: Block) -> bool:
    end = len(block.text.rstrip())
    return any(m.kind == "link" and m.end >= end - 1 for m in block.marks) or any(
        c.end >= end - 1 for c in block.code)


def _document_words(blocks: Iterable[Block]) -> dict[str, int]:
    """How often each word (lowercased) occurs; the blocks joined by line breaks,
    which no word spans, and counted in C."""
    return Counter(map(str.lower, _WORD.findall("\n".join(b.text for b in blocks))))


_PREFIX_LOOKS = 64
"""Words sharing the prefix looked at, at most (sorted, so a bounded scan)."""


def _truncated(word: str, counts: dict[str, int], known: list[str],
               vocabulary: set[str]) -> str | None:
    """The longer word ``word`` is a truncation of, if any: ``known`` is the sorted
    document words and vocabulary, searched by bisection (no scan of every word)."""
    if len(word) < 4 or counts.get(word, 0) > 1 or word in vocabulary:
        return None
    i = bisect_left(known, word)
    for other in known[i:i + _PREFIX_LOOKS]:
        if not other.startswith(word):
            break
        if len(other) >= len(word) + 2 and (
                other in vocabulary or other[len(word):] not in _INFLECTION):
            return other
    return None


def _reason(text: str, start: int, function_words: set[str], openers: set[str],
            counts: dict[str, int], known: list[str], vocabulary: set[str]) -> str | None:
    sentence = text[start:].rstrip().rstrip('"”')[-_TAIL:]
    tokens = _WORD.findall(sentence)
    if not tokens:
        return None
    last = tokens[-1].lower()
    if sentence.endswith(",") or re.search(r"\s[-–—]$", sentence):
        return "it ends on a dangling comma or dash"
    if last in function_words and tokens[-1].islower():
        return f"it ends on '{tokens[-1]}'"
    if len(tokens) >= 2 and tokens[-2].lower() in openers and tokens[-1].islower():
        return f"the clause '{tokens[-2]} {tokens[-1]}' is left unfinished"
    m = _ENUMERATION.search(sentence)
    if m is not None and not _LIST_END.search(m.group()):
        return "its list stops before the last item"
    if tokens[-1].islower():
        longer = _truncated(last, counts, known, vocabulary)
        if longer is not None:
            return f"'{tokens[-1]}' looks like the start of a word ('{longer}')"
    return None


_EXAMPLE_LEAD = re.compile(r"(?:\bfor (?:example|instance)|\be\.g\.|\bsuch as|\bas follows)"
                           r"\s*[,:]?$", re.IGNORECASE)
"""A paragraph that ends by announcing an example ("... which is a breaking change.
For example,")."""


def _leads_in(text: str, all_blocks: list[Block], index: int) -> bool:
    """The paragraph announces an example that follows within two blocks (a short
    lead-in paragraph, "A definition of", then the code): no sentence is cut off."""
    if not _EXAMPLE_LEAD.search(text[-40:]):
        return False
    return any(b.kind in _FOLLOWING_INTRO for b in all_blocks[index + 1:index + 3])


def cut_off_sentences(blocks: list[Block], all_blocks: list[Block],
                      skip: frozenset[int] | set[int], p: CutOffParams) -> list[CutOff]:
    """The paragraphs of ``blocks`` that end on a fragment (see the module doc)."""
    function_words = {w.lower() for w in p.function_words}
    openers = {w.lower() for w in p.clause_openers}
    vocabulary = {w.lower() for w in p.vocabulary}
    counts: dict[str, int] | None = None
    known: list[str] = []
    out: list[CutOff] = []
    for block in blocks:
        if block.kind != BlockKind.PARAGRAPH or block.index in skip:
            continue
        text = block.text.rstrip()
        if text[-1:] not in _LAST or len(text.split()) < _MIN_WORDS or not _ENDS_ON_WORD.search(
                text[-80:]):
            continue
        if whole_emphasis(block) or _ends_in_link_or_code(block):
            continue
        following = all_blocks[block.index + 1] if block.index + 1 < len(all_blocks) else None
        if following is not None and following.kind in _FOLLOWING_INTRO:
            continue
        if _leads_in(text, all_blocks, block.index):
            continue
        # lines broken by hand (an address, a signature, a verse) are not one
        # sentence: only the last line is read; soft breaks are the source's wrapping
        floor = max((m.start for m in block.marks if m.kind == "break"), default=0)
        if len(text[floor:].split()) < _MIN_WORDS:
            continue
        spans = [s for s in sentences(text) if s[1] > floor]
        if not spans:
            continue
        start = max(spans[-1][0], floor)
        if counts is None:
            counts = _document_words(all_blocks)
            known = sorted(set(counts) | vocabulary)
        reason = _reason(text, start, function_words, openers, counts, known, vocabulary)
        if reason is not None:
            out.append(CutOff(block, start, len(text), reason))
    return out
