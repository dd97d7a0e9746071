"""A one-line plain-text inline token is rendered without the cursor walk, to the
same Rendered as the walk gives (every inline token of the samples, and odd ones)."""

from __future__ import annotations

from pathlib import Path

from prereview.ingest.markdown import _PARSER, normalize_newlines
from prereview.ingest.markdown_inline import Rendered, _InlineRenderer, render_inline

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ODD = ("# Plain\n\nplain text\n\n| a | b&amp;c |\n|---|---|\n| x\\|y | `z` |\n\n"
       "- item *em*\n\n&copy; 2026\n")


def _walked(token: object) -> Rendered:
    renderer = _InlineRenderer(token.content)  # type: ignore[attr-defined]
    renderer.render(token.children or [])  # type: ignore[attr-defined]
    return renderer.result()


def test_plain_tokens_render_as_the_walk_does() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.md"))] + [ODD]
    plain = 0
    for text in texts:
        for token in _PARSER.parse(normalize_newlines(text)):
            if token.type != "inline":
                continue
            assert render_inline(token) == _walked(token), token.content
            plain += token.children is not None and len(token.children) == 1
    assert plain > 20
