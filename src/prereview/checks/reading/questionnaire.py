"""A questionnaire read at its questions (issue 8, blind reading 9: kep-5996).

A template's questionnaire section (a KEP's "Monitoring Requirements") is a run
of question headings, each with its answer: "How can an operator determine if
the feature is in use by workloads?", "What are the reasonable SLOs...?", "What
are the SLIs...?". A part the section is named for (success metrics) is where
the questions that ask for it are answered, not wherever the section holds some
words: a usage answer ("Check Kubelet logs") is not an SLO, and the SLO and SLI
questions left with only the template's comment or its blank form leave the
part unwritten.
"""

from __future__ import annotations

import re

from prereview.checks.context import CheckContext
from prereview.checks.reading.headings import normalise_heading
from prereview.document import Section


def asking_questions(ctx: CheckContext, section: Section,
                     naming: list[re.Pattern[str]]) -> list[Section] | None:
    """The question subsections of ``section`` that ask for the part (their
    heading matches one of ``naming``), when every subsection under it is a
    question; None when it is no questionnaire or none of its questions asks."""
    doc = ctx.document
    inside = [s for s in doc.sections
              if s.heading_block is not None
              and section.first_block < s.first_block < section.end_block]
    if not inside:
        return None
    titles = [doc.blocks[s.heading_block].text.strip() for s in inside
              if s.heading_block is not None]
    if not all(t.endswith("?") for t in titles):
        return None
    asking = [s for s, t in zip(inside, titles, strict=True)
              if any(p.search(normalise_heading(t)) for p in naming)]
    return asking or None
