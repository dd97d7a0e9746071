"""The check kinds, one module per family; importing this package registers them
all. A new kind goes in one of these modules (or a new one listed here)."""

from __future__ import annotations

from prereview.checks.kinds import (
    acronyms,
    claims,
    faq,
    headed,
    integrity,
    length,
    metrics,
    names,
    order,
    press,
    problem,
    quotes,
    sections,
    solution,
    unfinished,
    voice,
    words,
)

FAMILIES = (sections, order, length, faq, press, headed, problem, solution, voice, quotes, words,
            claims, metrics, acronyms, names, unfinished, integrity)
"""Every kind module, in the order ``prereview kinds`` lists them."""

__all__ = ["FAMILIES"]
