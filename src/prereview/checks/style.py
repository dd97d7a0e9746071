"""Style check kinds: word lists, patterns, metrics, acronyms, placeholders, injection.

The kinds live in ``style_*`` modules; importing this module registers them all.
"""

from __future__ import annotations

from prereview.checks import (  # importing registers the kinds
    style_acronyms,
    style_integrity,
    style_metrics,
    style_words,
)

__all__ = ["style_acronyms", "style_integrity", "style_metrics", "style_words"]
