"""Claim-level style kinds: comparative claims with no number
(``unquantified-claims``) and relative changes with no baseline (``baseline``)."""

from __future__ import annotations

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Pattern, ProseParams, Regex, compile_all
from prereview.checks.reading.matching import blocks_of, build_matcher, render, sentence_hits
from prereview.checks.reading.prose import authors_prose
from prereview.checks.registry import Outcome, check_kind
from prereview.checks.wordlists import ListParams, decide, inside, quoted_spans
from prereview.document import BlockKind
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import has_number


class ClaimParams(ListParams):
    message: str = ("Claim '{match}' with no number in its sentence: say by how much, "
                    "against what.")
    """Finding on a claim whose sentence has no number; ``{match}`` is the claim."""
    supported_by: Regex | None = None
    """What supports a claim in its sentence: by default a number; with this regular
    expression, a source instead ("according to", a link, a citation), for claims
    a number does not support ("the first", "an estimated 20-50%")."""
    link_supports: bool = False
    """A link in the claim's sentence is its source (a benchmark, a study)."""
    shown_by_code: int = 0
    """A claim whose block is followed within this many blocks by a code block is
    demonstrated, not asserted ("a simpler form:" then the example); 0: off."""


def _code_follows(ctx: CheckContext, index: int, within: int) -> bool:
    """A code block (an HTML comment is none) starts within ``within`` blocks after
    block ``index``."""
    blocks = ctx.document.blocks
    return any(b.kind == BlockKind.CODE and not b.is_comment
               for b in blocks[index + 1:index + 1 + within])


@check_kind("unquantified-claims", ClaimParams)
def unquantified_claims(ctx: CheckContext, criterion: Criterion, params: ClaimParams) -> Outcome:
    """A sentence with a comparative or superlative claim word and no number.

    One finding per sentence, quoting its first claim word (a precise anchor for a
    Word comment); the message names the other claim words of that sentence.
    """
    matcher = build_matcher(params.matcher_words(), [*params.patterns, *params.add_patterns],
                            params.ignore)
    findings: list[Finding] = []
    blocks = blocks_of(ctx, params.scope, params.kinds)
    if params.authors_prose_only:
        blocks = authors_prose(ctx, blocks)
    support = compile_all([params.supported_by])[0] if params.supported_by else None
    for block, s, sentence, hits in sentence_hits(blocks, matcher, ctx.document):
        if support.search(sentence) if support is not None else has_number(sentence):
            continue
        if params.link_supports and any(
                m.kind == "link" and m.start < s + len(sentence) and m.end > s
                for m in block.marks):
            continue
        if params.shown_by_code and _code_follows(ctx, block.index, params.shown_by_code):
            continue
        if params.skip_quoted:
            quoted = quoted_spans(block)
            hits = [h for h in hits if not inside(s + h.start, quoted)]
            if not hits:
                continue
        first = hits[0]
        quote = sentence[first.start:first.end]
        message = render(params.message, quote)
        others = list(dict.fromkeys(sentence[h.start:h.end] for h in hits[1:]))
        if others:
            message += f" (also: {', '.join(others)})"
        findings.append(ctx.finding(criterion, block, s + first.start, s + first.end,
                                    message, params.suggestion))
    return decide(findings, blocks, "unquantified claims", params)


class BaselineParams(ProseParams):
    patterns: list[Pattern] = Field(default_factory=list)
    """Change phrases: "cut by 50%", "3x faster", "doubled"."""
    add_patterns: list[Pattern] = Field(default_factory=list)
    """Added to the inherited ``patterns``."""
    baseline: list[Pattern] = Field(default_factory=list)
    """Regexes that give a change its baseline or time frame in the same sentence:
    "from X to Y", "compared to", "than", "in 2026", "per month", "since"."""
    add_baseline: list[Pattern] = Field(default_factory=list)
    """Added to the inherited ``baseline``."""
    settings: list[Regex] = Field(default_factory=list)
    """A setting's value, not a claimed change: a change phrase inside a match of
    one ("a 10% growth factor", "increases the traffic by 10% at each step") is
    not read (blind reading 8: cdk-0499's deployment strategies)."""
    message: str = "Change '{match}' with no baseline or time frame: from what, to what, by when?"
    """Finding on a change with no baseline; ``{match}`` is the change."""
    linked_is_sourced: bool = False
    """A change that is a link's text ("a [3x faster](bench.sh) round trip") cites
    the measurement it comes from: its baseline is there (a proposal's benchmark),
    not a claim to qualify (a press release's "[3x faster](...)" still is one)."""


@check_kind("baseline", BaselineParams)
def baseline(ctx: CheckContext, criterion: Criterion, params: BaselineParams) -> Outcome:
    """A relative change whose sentence gives no baseline and no time frame."""
    changes = build_matcher((), [*params.patterns, *params.add_patterns], params.settings)
    anchors = build_matcher((), [*params.baseline, *params.add_baseline])
    findings: list[Finding] = []
    blocks = blocks_of(ctx, params.scope, params.kinds)
    if params.authors_prose_only:
        blocks = authors_prose(ctx, blocks)
    for block, s, sentence, hits in sentence_hits(blocks, changes, ctx.document):
        if anchors.search(sentence):
            continue
        links = [(m.start, m.end) for m in block.marks if m.kind == "link"]
        for h in hits:
            if params.linked_is_sourced and any(
                    a <= s + h.start and s + h.end <= b for a, b in links):
                continue
            quote = sentence[h.start:h.end]
            findings.append(ctx.finding(criterion, block, s + h.start, s + h.end,
                                        render(h.message or params.message, quote),
                                        params.suggestion))
    return decide(findings, blocks, "changes without a baseline", params)
