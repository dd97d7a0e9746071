"""The JSON report: the stable ``prereview.review/1`` contract of design.md."""

from __future__ import annotations

import json

from prereview.review import Review


def render_json(review: Review) -> str:
    """``Review.to_contract()`` as indented UTF-8 JSON (no trailing newline)."""
    return json.dumps(review.to_contract(), indent=2, ensure_ascii=False)
