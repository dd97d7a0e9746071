"""Placeholders (``placeholders``): the word list of unfinished text, plus link
targets left as the template's ("[the guide](http://Link)"), with a severity in
proportion to what is left unfilled.

A placeholder or two in the body of a draft ("languages TBD", "available at
[repository URL]") is a one-minute fix: the failure is ``major``, not a blocker
that makes the whole document not-ready. Placeholders where the reader looks
first keep the criterion's own severity: the title or headline, the subheading,
the release line, taglines and the dateline (the press release's opening), the
quotes and their attributions; and so do more than ``major_at_most`` of them anywhere.
"""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.kinds.cutoff import whole_emphasis
from prereview.checks.kinds.words import WordListParams, word_list
from prereview.checks.params import Regex, compile_all, tolerance_note
from prereview.checks.reading.press import press_release
from prereview.checks.reading.quotes import find_quotes, quoted_spans
from prereview.checks.registry import Outcome, check_kind
from prereview.document import BlockKind
from prereview.review import Finding, Severity
from prereview.rubric.model import Criterion

_PRESS = "press-release"


class PlaceholderParams(WordListParams):
    link_targets: list[Regex] = Field(default_factory=list)
    """Link targets that are a template's stand-in (``http://Link``, ``url``,
    ``#``): matched against the whole target, case-insensitive."""
    link_message: str = ("The link '{match}' points at a placeholder ('{target}'): put the "
                         "real address.")
    """Finding on a placeholder link target; ``{match}`` is the link text."""
    major_at_most: int = Field(default=0, ge=0)
    """This many placeholders or fewer, none in a prominent place (title, headline,
    release line, dateline, quotes), fail as ``major``; 0: always the criterion's
    own severity."""


def _link_findings(ctx: CheckContext, criterion: Criterion, p: PlaceholderParams) -> list[Finding]:
    targets = compile_all(p.link_targets)
    if not targets:
        return []
    out: list[Finding] = []
    for block in ctx.document.blocks:
        for mark in block.marks:
            if mark.kind != "link" or mark.href is None:
                continue
            href = mark.href.strip()
            if not any(t.fullmatch(href) for t in targets):
                continue
            text = block.text[mark.start:mark.end]
            message = p.link_message.replace("{match}", text).replace("{target}", href)
            out.append(ctx.finding(criterion, block, mark.start, mark.end, message,
                                   p.suggestion))
    return out


def _prominent(ctx: CheckContext) -> tuple[set[int], dict[int, list[tuple[int, int]]]]:
    """Blocks where a placeholder is never minor (title, the press release's
    opening), and the spans of quotes and attributions by block."""
    blocks: set[int] = set()
    title = ctx.title_section()
    if title is not None and title.heading_block is not None:
        blocks.add(title.heading_block)
    spans: dict[int, list[tuple[int, int]]] = {}
    if _PRESS not in ctx.rubric.sections:
        return blocks, spans
    pr = press_release(ctx, _PRESS)
    # the opening runs to the dateline, the first paragraph of the body that is
    # not all bold or italics (a tagline, a customers line under the headline) and
    # not a note in a blockquote
    opening = next((b.index for b in pr.body
                    if b.kind == BlockKind.PARAGRAPH and not whole_emphasis(b)), None)
    for block in pr.blocks:
        if opening is not None and block.index > opening:
            break
        blocks.add(block.index)
    for part in (pr.headline, pr.subheading):
        if part is not None:
            blocks.add(part.index)
    for quote in find_quotes(ctx, _PRESS):
        spans.setdefault(quote.block.index, []).append((quote.start, quote.end))
        if quote.who_block is not None:
            spans.setdefault(quote.who_block.index, []).append((quote.who_start, quote.who_end))
    for block in ctx.scope(_PRESS):
        if block.kind == BlockKind.QUOTE:
            spans.setdefault(block.index, []).append((0, len(block.text)))
        else:
            spans.setdefault(block.index, []).extend(quoted_spans(block.text))
    return blocks, spans


def _in_prominent_place(ctx: CheckContext, findings: list[Finding]) -> bool:
    blocks, spans = _prominent(ctx)
    for f in findings:
        loc = f.location
        if loc is None or loc.block is None:
            return True  # a finding without a place: no reason to think it minor
        if loc.block in blocks:
            return True
        start, end = loc.start or 0, loc.end or 0
        if any(s <= end and start <= e for s, e in spans.get(loc.block, [])):
            return True
    return False


@check_kind("placeholders", PlaceholderParams)
def placeholders(ctx: CheckContext, criterion: Criterion, p: PlaceholderParams) -> Outcome:
    """Every placeholder word, pattern or link target is a finding; a few in the
    body only fail as ``major`` (see the module doc)."""
    base = word_list(ctx, criterion, p)
    links = _link_findings(ctx, criterion, p)
    if base.passed and not links:
        return base
    findings = sorted([*base.findings, *links],
                      key=lambda f: (f.location.block or 0, f.location.start or 0)
                      if f.location is not None else (0, 0))
    note = tolerance_note(len(findings), "occurrences", 0, p.max_findings, None)
    severity = None
    if (p.major_at_most and len(findings) <= p.major_at_most
            and not _in_prominent_place(ctx, findings)):
        severity = Severity.MAJOR
        note += "; none in the headline, dateline or quotes: a fix, not a blocker"
    return Outcome(False, findings, note=note, severity=severity)


__all__ = ["PlaceholderParams", "placeholders", "re"]
