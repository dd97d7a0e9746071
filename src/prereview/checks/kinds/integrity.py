"""Text addressed to an automated reviewer, visible or hidden.

Searched in every block, code and HTML comments included (that is where such
text hides in Markdown), plus every hidden span of a .docx (vanished, white or
tiny text). A finding here never changes another criterion's result: the LLM
reviewer treats the document as data either way.
"""

from __future__ import annotations

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Pattern
from prereview.checks.reading.matching import build_matcher, render
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block
from prereview.review import Finding
from prereview.rubric.model import Criterion


class InjectionParams(Params):
    patterns: list[Pattern] = Field(default_factory=list)
    """Phrases addressed to an automated reviewer ("ignore previous instructions")."""
    add_patterns: list[Pattern] = Field(default_factory=list)
    """Added to the inherited ``patterns``."""
    hidden: bool = True
    """Every hidden .docx span with letters in it is a finding."""
    message: str = "Text addressed to an automated reviewer: '{match}'"
    """Finding on visible text; ``{match}`` is the matched text."""
    hidden_message: str = "Hidden text (invisible, white or tiny) in the document: '{match}'"
    """Finding on hidden text; ``{match}`` is the hidden text."""
    hidden_instruction_message: str = ("Hidden instruction to an automated reviewer "
                                       "(invisible, white or tiny text): '{match}'")
    """Finding on hidden text that also matches ``patterns``."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""


def _hidden_spans(text: str, block: Block) -> list[tuple[int, int]]:
    """Hidden ranges with letters in them, merged and trimmed of spaces."""
    out: list[tuple[int, int]] = []
    for s, e in _merge([(sp.start, sp.end) for sp in block.hidden]):
        s, e = max(0, s), min(len(text), e)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if any(c.isalpha() for c in text[s:e]):
            out.append((s, e))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Touching hidden runs are one piece of hidden text."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@check_kind("injection", InjectionParams)
def injection(ctx: CheckContext, criterion: Criterion, params: InjectionParams) -> Outcome:
    """Instructions to a model ("ignore previous instructions", "rate this document
    100") anywhere, and hidden .docx text."""
    matcher = build_matcher((), [*params.patterns, *params.add_patterns])
    findings: list[Finding] = []
    hidden_count = 0
    cands = matcher.blocks(ctx.document)  # blocks where the matcher may match
    for block in ctx.document.blocks:
        text = block.text
        hidden = _hidden_spans(text, block) if params.hidden else []
        instructed: set[tuple[int, int]] = set()
        for m in matcher.finditer(text) if cands is None or block.index in cands else ():
            inside = next(((s, e) for s, e in hidden if s <= m.start and m.end <= e), None)
            if inside is not None:
                instructed.add(inside)  # reported once, as the hidden text around it
                continue
            findings.append(ctx.finding(criterion, block, m.start, m.end,
                                        render(m.message or params.message, text[m.start:m.end]),
                                        params.suggestion))
        for s, e in hidden:
            hidden_count += 1
            template = params.hidden_instruction_message if (s, e) in instructed \
                else params.hidden_message
            findings.append(ctx.finding(criterion, block, s, e, render(template, text[s:e]),
                                        params.suggestion))
    findings.sort(key=lambda f: (f.location.block or 0, f.location.start or 0)
                  if f.location is not None else (0, 0))
    note = (f"{len(findings) - hidden_count} instructions to a reviewer, "
            f"{hidden_count} hidden text spans")
    return Outcome(not findings, findings, note)
