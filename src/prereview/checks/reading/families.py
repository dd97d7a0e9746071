"""Which template a change proposal follows (a KEP, a CDK RFC, a Rust RFC, a Go
design document, or none in particular).

Each project's template asks for its own sections: a KEP for goals, non-goals and
a test plan; a Rust RFC for prior art and unresolved questions; a CDK RFC for open
issues (a Go design document's "Open issues (if applicable)" is optional). A
criterion tied to a template section (``applies_if.template``) is asked of every
document of a family that has it and of no other unless the document has that
section anyway, so two KEPs are judged alike. The family is read from the
document's own headings and metadata, the signature its template leaves
(``families`` in the rubric, first match wins).
"""

from __future__ import annotations

import re

from prereview.checks.params import compile_all
from prereview.checks.reading.headings import normalise_heading
from prereview.document import Document
from prereview.rubric.model import Family, Rubric

_START_DATE = re.compile(r"\bstart[\s_-]?date:?\s*\**\s*`?(\d{4}-\d{2}-\d{2})", re.IGNORECASE)
OPENING_BLOCKS = 12
"""A proposal's own metadata (Feature Name, Start Date, RFC PR) leads the document."""


def start_date(document: Document) -> str | None:
    """The ``Start Date: YYYY-MM-DD`` of the opening metadata (a list or front
    matter), if any: the template an RFC was written against follows from it."""
    for key, value in document.metadata.items():
        m = _START_DATE.search(f"{key}: {value}")
        if m:
            return m.group(1)
    for block in document.blocks[:OPENING_BLOCKS]:
        m = _START_DATE.search(block.text)
        if m:
            return m.group(1)
    return None


def template_family(document: Document, rubric: Rubric) -> tuple[str, Family] | None:
    """The first family whose distinct heading and metadata patterns match at least
    its ``min_matches`` times, else the fallback family; None when the rubric has
    no families."""
    if not rubric.families:
        return None
    titles = [normalise_heading(s.title) for s in document.sections
              if s.heading_block is not None]
    keys = list(document.metadata)
    fallback: tuple[str, Family] | None = None
    for name, family in rubric.families.items():
        if family.fallback:
            fallback = fallback or (name, family)
            continue
        if any(p.search(t) for p in compile_all(family.headings_none) for t in titles):
            continue
        if family.started_before is not None:
            started = start_date(document)
            if started is not None and started >= family.started_before:
                continue
        points = sum(1 for p in compile_all(family.headings_any)
                     if any(p.search(t) for t in titles))
        points += sum(1 for p in compile_all(family.metadata_any)
                      if any(p.search(k) for k in keys))
        if points >= family.min_matches:
            return name, family
    return fallback
