"""A section that is about a topic, whatever its heading says.

A Go design weighs download authentication under "Should go.sum files be
checked?": the checksum database, trust in the proxy, what can be verified. That
subsection is the security discussion, though no heading says "Security". A
sentence naming a mechanism in passing ("the download is checked against the
checksum database") is not: a section is about a topic when its own prose (its
subsections left out, so a long parent does not add up their words) holds enough
of the topic's terms, of enough different kinds.

Where the terms stand matters (issue 8): a rejected alternative's pros and cons
("Cons: the sidecar would need the node's credentials") weigh another design,
not the proposal's own, so the sections of ``outside`` are never read; and a
proposal whose own parts (its design, its drawbacks) each say a little about the
topic covers it together (``parts_about``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from itertools import islice

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.document import Section
from prereview.prefixscan import finditer as scan_finditer
from prereview.text import has_words
from prereview.wordindex import per_pattern

MAX_HITS_PER_BLOCK = 50
"""Counting stops here: the threshold is a handful, the scan stays linear."""


def own_range(ctx: CheckContext, section: Section) -> range:
    """Block indices of a section up to its first subsection."""
    end = section.end_block
    for other in ctx.document.sections[section.index + 1:]:
        if other.first_block >= section.end_block:
            break
        if other.heading_block is not None:
            end = other.first_block
            break
    return range(section.first_block, end)


def _count(ctx: CheckContext, patterns: list[re.Pattern[str]],
           where: list[set[int] | None], indices: Iterable[int],
           skip: Collection[int]) -> tuple[int, set[int]]:
    """Hits of ``patterns`` in the prose blocks at ``indices`` (not in ``skip``),
    and which patterns matched."""
    hits = 0
    kinds: set[int] = set()
    for index in indices:
        if index in skip:
            continue
        block = ctx.document.blocks[index]
        if not block.is_prose or block.is_comment or not has_words(block.text):
            continue
        text = block.text.replace("\n", " ")
        for k, pattern in enumerate(patterns):
            cands = where[k]
            if cands is not None and index not in cands:
                continue
            n = sum(1 for _ in islice(scan_finditer(pattern, text), MAX_HITS_PER_BLOCK))
            if n:
                hits += n
                kinds.add(k)
    return hits, kinds


def section_about(ctx: CheckContext, terms: list[str], min_hits: int,
                  min_kinds: int, outside: Collection[int] = ()) -> tuple[Section, int] | None:
    """The first headed section whose own prose matches ``terms`` at least
    ``min_hits`` times, at least ``min_kinds`` different terms among them, with
    its hit count; None when no section is about the topic. Blocks of
    ``outside`` (a rejected alternative) are not read."""
    if not terms or min_hits <= 0:
        return None
    patterns = compile_all(terms)
    where = per_pattern(ctx.document, patterns)  # blocks where each may match
    for section in ctx.document.sections:
        if section.heading_block is None or section.heading_block in outside:
            continue
        hits, kinds = _count(ctx, patterns, where, own_range(ctx, section), outside)
        if hits >= min_hits and len(kinds) >= min_kinds:
            return section, hits
    return None


def parts_about(ctx: CheckContext, terms: list[str], min_hits: int, min_kinds: int,
                parts: list[Section], outside: Collection[int] = ()
                ) -> tuple[list[Section], int] | None:
    """The proposal's own ``parts`` (its design, its drawbacks, subsections
    included, ``outside`` left out) read together: the sections that hold a term
    and the hit count, when they reach ``min_hits`` of ``min_kinds`` different
    terms; None otherwise. Each block is counted once however the parts nest."""
    if not terms or min_hits <= 0 or not parts:
        return None
    patterns = compile_all(terms)
    where = per_pattern(ctx.document, patterns)
    seen: set[int] = set(outside)
    total = 0
    kinds: set[int] = set()
    holding: list[Section] = []
    for part in sorted(parts, key=lambda s: s.first_block):
        indices = [i for i in range(part.first_block, part.end_block) if i not in seen]
        hits, found = _count(ctx, patterns, where, indices, ())
        seen.update(indices)
        if hits:
            total += hits
            kinds |= found
            holding.append(part)
    if total >= min_hits and len(kinds) >= min_kinds:
        return holding, total
    return None
