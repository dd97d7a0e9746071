"""A template's own words left in a draft (issue 8, template leftovers).

Change-proposal templates (the KEP, the CDK RFC, the Rust RFC) put their
instructions in the document: in HTML comments (never content, see
``Block.is_comment``), or in plain text the author is meant to replace ("Describe
them providing:", a CDK RFC's quoted "> Describe use cases that are addressed by
this feature.", the Rust template's "One paragraph explanation of the feature.").
The prompts are data, per template family, in the rubric (``template_prompts``).

Two cases, told apart by what else the block says:

- a block that is **only** template prompts is the template's boilerplate: not
  the author's content; a section holding nothing else is unfinished. Above an
  answer, a block of the template's questions ("> What is the motivation for this
  change?") restates the heading (a CDK RFC keeps it, the template's norm), while a
  block of its instructions to the author ("> This section should include answers
  to questions readers will likely ask...", a KEP's "_This section must be
  completed when targeting beta graduation to a release._") is a leftover;
- a prompt **inside** the author's text ("Estimated increase in size: (e.g. new
  annotation of size 32B): 35B") is a leftover to remove.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from prereview.checks.context import CheckContext
from prereview.document import Block, BlockKind, Document
from prereview.prefixscan import finditer as scan_finditer
from prereview.text import has_words
from prereview.wordindex import per_pattern, word_index

PROMPT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE,
                          BlockKind.TABLE_CELL})
"""Where a prompt is read: the author's text, never code, comments or headings
(a prompt as a heading is the ``prompt_headings`` rule's)."""


_QUOTES = {'"': '["“”]', "'": "['’]"}


@lru_cache(maxsize=1024)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A prompt as the template words it, matched as a reader sees it: any case,
    any run of whitespace (a line wrapped elsewhere), straight or typographic
    quotes, and whole words at both ends."""
    parts: list[str] = []
    for word in phrase.split():
        parts.append("".join(_QUOTES.get(ch, re.escape(ch)) for ch in word))
    body = r"\s+".join(parts)
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?!\w)" if phrase[-1:].isalnum() else ""
    pattern = re.compile(head + body + tail, re.IGNORECASE)
    _WORDS[pattern] = tuple(sorted({w for w in _WORD.findall(phrase.lower()) if w.isascii()}))
    return pattern


_WORD = re.compile(r"\w+")
_WORDS: dict[re.Pattern[str], tuple[str, ...]] = {}
"""The ASCII words of each phrase pattern, lowercased. A match holds each of them
as a whole word (the phrase's other characters, quotes and spaces, are not word
characters, and its ends are word boundaries), matched case-insensitively: the
block's lowercased words hold them, unless its case folding is not ASCII's
(``WordIndex.unsure``)."""


def _candidates(document: Document, patterns: list[re.Pattern[str]]) -> list[set[int] | None]:
    """For each pattern, the blocks that may hold a match: those with every word of
    its phrase (``_WORDS``), else what ``per_pattern`` says."""
    index = word_index(document)
    out: list[set[int] | None] = []
    for pattern in patterns:
        words = _WORDS.get(pattern)
        if not words:
            out.extend(per_pattern(document, [pattern]))
            continue
        lists = sorted((index.folded.get(w, ()) for w in words), key=len)
        found = set(lists[0])
        for more in lists[1:]:
            if not found:
                break
            found.intersection_update(more)
        found.update(index.unsure)
        out.append(found)
    return out


def compile_families(families: dict[str, list[str]]) -> list[tuple[str, list[re.Pattern[str]]]]:
    """``template_prompts`` of a rubric, compiled."""
    return [(name, [phrase_pattern(p) for p in phrases if p.strip()])
            for name, phrases in families.items()]


@dataclass(frozen=True)
class PromptHit:
    block: Block
    start: int
    end: int
    family: str


@dataclass(frozen=True)
class TemplateText:
    """The prompts found in one document, by block."""

    hits: dict[int, list[PromptHit]]
    boilerplate: frozenset[int]
    """Blocks whose every word is a template prompt."""

    def leftovers(self) -> list[PromptHit]:
        """Prompts inside the author's own text, in document order."""
        return [h for i in sorted(self.hits) if i not in self.boilerplate
                for h in self.hits[i]]

    def instructions(self, skip: set[int]) -> list[list[PromptHit]]:
        """Each passage of instructions (consecutive blocks: a quoted prompt of two
        paragraphs is one passage) as the hits of its blocks, in order."""
        passages: list[list[PromptHit]] = []
        last = -2
        for hits in self._instruction_blocks(skip):
            index = hits[0].block.index
            if index == last + 1 and passages:
                passages[-1].extend(hits)
            else:
                passages.append(list(hits))
            last = index
        return passages

    def _instruction_blocks(self, skip: set[int]) -> list[list[PromptHit]]:
        """Blocks of boilerplate (outside ``skip``) that instruct the author ("This
        section should include answers to questions readers will likely ask"),
        each as its hits: left above the author's answer, they are leftovers to
        remove. A block whose prompts are all questions ("What is the motivation
        for this change?") restates its heading's question: the template's norm."""
        return [self.hits[i] for i in sorted(self.boilerplate)
                if i not in skip and not all(
                    h.block.text[h.start:h.end].rstrip().endswith("?") for h in self.hits[i])]


def find_template_text(
    document: Document, families: list[tuple[str, list[re.Pattern[str]]]]
) -> TemplateText:
    """Every prompt of ``families`` (name, compiled patterns) in the author's text;
    overlapping matches count once (the first family listed wins), inline code is
    not read."""
    hits: dict[int, list[PromptHit]] = {}
    boilerplate: set[int] = set()
    if not families:
        return TemplateText(hits, frozenset())
    entries = [(family, p) for family, patterns in families for p in patterns]
    # each prompt is tried only in the blocks that hold what its match needs, in
    # the listed order (the first family listed wins an overlap)
    always: list[int] = []
    tried: dict[int, list[int]] = {}
    for i, blocks in enumerate(_candidates(document, [p for _, p in entries])):
        if blocks is None:
            always.append(i)
        else:
            for b in blocks:
                tried.setdefault(b, []).append(i)
    for block in document.blocks:
        if block.kind not in PROMPT_KINDS:
            continue
        found: list[PromptHit] = []
        for i in sorted([*always, *tried.get(block.index, ())]):
            family, pattern = entries[i]
            for m in scan_finditer(pattern, block.text):
                if m.end() <= m.start() or any(
                    c.start <= m.start() < c.end for c in block.code
                ) or any(h.start < m.end() and m.start() < h.end for h in found):
                    continue
                found.append(PromptHit(block, m.start(), m.end(), family))
        if not found:
            continue
        found.sort(key=lambda h: h.start)
        hits[block.index] = found
        rest = block.text
        for h in reversed(found):
            rest = rest[: h.start] + " " + rest[h.end:]
        if not has_words(rest):
            boilerplate.add(block.index)
    return TemplateText(hits, frozenset(boilerplate))


def template_text(ctx: CheckContext, families: dict[str, list[str]]) -> TemplateText:
    """``find_template_text`` of the review's document with these prompts, read once
    per review: the unfinished rule, the stage reading and the section rules all
    ask with the same ``template_prompts`` (``style.unfinished``'s)."""
    key = ("template text", tuple((name, tuple(phrases)) for name, phrases in families.items()))
    return ctx.cached(key, lambda: find_template_text(ctx.document, compile_families(families)))

