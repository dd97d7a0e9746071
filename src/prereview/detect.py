"""Which kind of document is this? Decided from its headings by each document
type's ``detect`` patterns (data in the rubric YAML), and explained so the report
can say how. A document none of them points to is the type with ``fallback``."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from prereview.checks.reading.headings import normalise_heading
from prereview.document import BlockKind, Document
from prereview.rubrics import Rubric


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    """A detect pattern compiled once per process (``re.search`` with a string
    looks its cache up on every heading)."""
    return re.compile(pattern, re.IGNORECASE)


def detect_type(document: Document, candidates: list[Rubric]) -> tuple[str, str]:
    """The best-matching rubric id and a sentence saying why."""
    raw = [b.text.strip() for b in document.blocks if b.kind == BlockKind.HEADING]
    if document.title and document.title not in raw:
        raw.insert(0, document.title)
    # the same normaliser as section mapping: "Part 1 — Press Release" reads
    # "Press Release" here too, so detection never matches a heading mapping misses
    headings = [normalise_heading(h) or h for h in raw]
    best: tuple[bool, int, int, str, list[str], str | None] | None = None
    for order, rubric in enumerate(candidates):
        if rubric.detect is None or not rubric.detect.headings_any:
            continue
        matched: list[str] = []
        for pattern in rubric.detect.headings_any:
            search = _compiled(pattern).search
            hit = next((h for h in headings if search(h)), None)
            if hit is not None and hit not in matched:
                matched.append(hit)
        for pattern in rubric.detect.metadata_any:
            search = _compiled(pattern).search
            found = next((k for k in document.metadata if search(k)), None)
            if found is not None and f"{found}:" not in matched:
                matched.append(f"{found}:")
        if len(matched) < rubric.detect.min_matches:
            continue
        named = _names_itself(document, raw, rubric.detect.names_itself,
                              rubric.detect.names_within)
        key = (named is not None, len(matched), -order, rubric.id, matched, named)
        if best is None or key[:3] > best[:3]:
            best = key
    if best is None:
        fallback = next((r.id for r in candidates if r.detect and r.detect.fallback),
                        candidates[-1].id if candidates else "")
        others = [r.id for r in candidates if r.id != fallback]
        named = " or ".join([", ".join(others[:-1]), others[-1]] if len(others) > 1 else others)
        return fallback, f"detected as {fallback}: no heading matched the {named} patterns"
    _, count, _, rid, matched, named = best
    shown = ", ".join(f'"{h}"' for h in matched[:4])
    if named is not None:
        return rid, (f"detected as {rid}: it names itself one ('{named}') and {count} "
                     f"heading(s) matched ({shown})")
    return rid, f"detected as {rid}: {count} heading(s) matched ({shown})"


def _names_itself(document: Document, headings: list[str], patterns: list[str],
                  within: int) -> str | None:
    """What in the title, the headings or the opening paragraphs names the
    document's own genre ("this RFC"), if anything does."""
    if not patterns:
        return None
    opening = [b.text for b in islice(
        (b for b in document.blocks if b.kind == BlockKind.PARAGRAPH), within)]
    for text in [*headings, *opening]:
        flat = " ".join(text.split())
        for pattern in patterns:
            m = _compiled(pattern).search(flat)
            if m is not None:
                return m.group(0)
    return None
