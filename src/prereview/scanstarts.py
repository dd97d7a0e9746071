"""Where a ``prefixscan.PrefixScan`` looks for the starts of matches, found with
as few searches of the text as give the same places (or a superset of them: the
pattern's own ``match`` at each place decides, so the matches stay ``finditer``'s).

- starts that a shorter start covers are dropped (a word starting with ``two``
  covers the whole word ``twofold``);
- many single-character word starts (``[A-Z]`` at a word start) are one regex
  pass, not a search per character;
- many literals with one first character (``[A``...``[Z``) are looked for by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LEAD_MIN = 4
"""This many single-character word starts (``[A-Z]``) or more are found by one
regex pass instead of a search each."""
SHARED_MAX = 4
"""More literals than this with one first character (``[A``...``[Z``) are found by
that character."""


def fewest(prefixes: Iterable[str]) -> tuple[str, ...]:
    """The prefixes that no shorter one of them starts: a word starting with
    ``capital`` starts with ``c`` too, so ``c`` alone finds both."""
    kept: list[str] = []
    for prefix in sorted(set(prefixes), key=lambda p: (len(p), p)):
        if not prefix.startswith(tuple(kept)):
            kept.append(prefix)
    return tuple(sorted(kept))


def shared_heads(literals: Iterable[str]) -> tuple[str, ...]:
    """The literals, those that share a first character with many others cut to
    it, and those another one starts dropped (their places are among its)."""
    by_first: dict[str, list[str]] = {}
    for literal in literals:
        by_first.setdefault(literal[:1], []).append(literal)
    cut = {first if len(group) > SHARED_MAX else lit
           for first, group in by_first.items() for lit in group}
    return fewest(cut)


def lead_of(starts: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """A regex finding the word starts at one of many single characters, and the
    word starts left to search for; (None, ``starts``) when they are few."""
    singles = "".join(sorted(w for w in starts if len(w) == 1))
    if len(singles) < LEAD_MIN:
        return None, starts
    return re.compile(rf"(?<!\w)[{re.escape(singles)}]"), tuple(w for w in starts if len(w) > 1)
