"""A section that is about a topic, whatever its heading says.

A Go design weighs download authentication under "Should go.sum files be
checked?": the checksum database, trust in the proxy, what can be verified. That
subsection is the security discussion, though no heading says "Security". A
sentence naming a mechanism in passing ("the download is checked against the
checksum database") is not: a section is about a topic when its own prose (its
subsections left out, so a long parent does not add up their words) holds enough
of the topic's terms, of enough different kinds.
"""

from __future__ import annotations

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


def section_about(ctx: CheckContext, terms: list[str], min_hits: int,
                  min_kinds: int) -> tuple[Section, int] | None:
    """The first headed section whose own prose matches ``terms`` at least
    ``min_hits`` times, at least ``min_kinds`` different terms among them, with
    its hit count; None when no section is about the topic."""
    if not terms or min_hits <= 0:
        return None
    patterns = compile_all(terms)
    where = per_pattern(ctx.document, patterns)  # blocks where each may match
    for section in ctx.document.sections:
        if section.heading_block is None:
            continue
        hits = 0
        kinds: set[int] = set()
        for index in own_range(ctx, section):
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
        if hits >= min_hits and len(kinds) >= min_kinds:
            return section, hits
    return None
