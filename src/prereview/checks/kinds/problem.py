"""The customer's problem in a press release (``problem``), found by its words or
by its place before the solution."""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, Requirement, ScopeRef, compile_all
from prereview.checks.reading.faq_answers import answered_in_faq
from prereview.checks.reading.press import strip_label
from prereview.checks.reading.problem import (
    NEGATED,
    SOLUTION_OPENINGS,
    SOLVES,
    ProblemRead,
    product_names,
    read_problem,
)
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.rubric.model import Criterion
from prereview.text import (
    sentence_at,
)

# ----------------------------------------------------------------------- problem


class ProblemParams(Params):
    """The customer's problem, stated before the solution (``pr.problem``), and
    what that paragraph must hold (``pr.problem-quantified``: a number)."""

    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    label: str = "problem paragraph"
    """How messages name the paragraph."""
    patterns: list[Regex]
    """Words of a problem ("wait", "lose", "took 23 days", "gave up")."""
    followed_by: list[Regex] = Field(default_factory=list)
    """A later paragraph must match one of these (the solution comes after it)."""
    contains: list[Requirement] = Field(default_factory=list)
    """The problem paragraph must also contain each of these (e.g. a number)."""
    negated: Regex = NEGATED
    """Matched against the text just before a problem word: such a word is the
    solution talking ("no longer wait", "nobody has to be home")."""
    by_position: bool = True
    """With no problem words: the first paragraph of at least ``min_words`` after the
    opening (dateline or summary) paragraph and before the solution, the first quote
    or the first list is taken as the problem paragraph."""
    min_words: int = Field(default=20, ge=1)
    """Words a paragraph needs to be taken as the problem by its position."""
    faq_questions: list[Regex] = Field(default_factory=list)
    """FAQ questions that state the problem ("Why another ...?", "What problem
    does it solve?"): with no problem paragraph in the press release but such an
    FAQ entry, the criterion fails without confidence (a blocker fails as major)."""
    adjacent: bool = True
    """``contains`` may be met by the paragraph right before or after the problem
    paragraph (not the opening paragraph, not a quote): a problem is often stated
    in two paragraphs, the number in one ("grown from 8 to 29 members") and the
    difficulty in the next. Not for a problem paragraph read by its place alone."""
    solution_openings: list[Regex] = Field(default_factory=lambda: list(SOLUTION_OPENINGS))
    """A paragraph opening this way, or with the product's or company's name, is the
    solution: the problem, read by position, comes before it."""


@check_kind("problem", ProblemParams)
def check_problem(ctx: CheckContext, criterion: Criterion, p: ProblemParams) -> Outcome:
    """A paragraph states the customer's problem before the solution: found by its
    words, or, without them, by its place after the opening paragraph."""
    read = read_problem(ctx, p)
    where = ctx.scope_label(p.scope)
    if not read.paragraphs:
        if read.late is not None:
            block, at = read.late
            start, end = sentence_at(block.text, at)
            finding = ctx.finding(criterion, block, start, end,
                                  f"The {p.label} comes after the solution: state it first.")
            return Outcome(False, [finding], note=f"{p.label}: not before the solution",
                           found_at=f"{p.label} ({_at(block)}), after the solution")
        answered = answered_in_faq(ctx, p.scope, p.faq_questions)
        if answered is not None:
            finding = ctx.finding(
                criterion, answered.block, answered.entry.start, answered.entry.end,
                f"The {where} does not state the problem; the FAQ does ({answered.where()}): "
                "say it in the press release, before the solution.")
            note = f"{p.label}: stated only in the FAQ ({answered.where()})"
            return Outcome(False, [finding], confident=False, note=note, found_at=note)
        finding = ctx.block_finding(
            criterion, f"No {p.label} in the {where}: nothing between the opening paragraph "
            "and the solution states what the customer struggles with today.")
        return Outcome(False, [finding], note=f"{p.label}: not found")
    found = read.paragraphs
    if p.contains:
        # what the problem paragraph holds is read in that paragraph (the one
        # ``pr.problem`` reports) and its neighbours, not in any later paragraph
        # with a problem word ("Setup takes less than 5 minutes" is the solution)
        found = found[:1]
        good = [(b, at) for b, at in found if all(r.found_in(b.text) for r in p.contains)]
        # a paragraph taken by its place alone (no problem words) is a guess: the
        # paragraph next to it is not read for the number (the next one in the
        # problem's place is as likely the product's: "a five-dollar VPS")
        if not good and p.adjacent and read.how != "position":
            for block, _ in found:
                neighbour = _quantified_neighbour(ctx, read, block, p)
                if neighbour is not None:
                    note = (f"{p.label} ({_at(block)}): quantified in the paragraph next to "
                            f"it ({_at(neighbour)})")
                    return Outcome(True, note=note, found_at=note)
        if not good:
            block, at = found[0]
            start, end = sentence_at(block.text, at)
            missing = ", ".join(r.what for r in p.contains if not r.found_in(block.text))
            finding = ctx.finding(criterion, block, start, end,
                                  f"The {p.label} has no {missing}.")
            return Outcome(False, [finding], note=f"{p.label}: no {missing}",
                           found_at=f"{p.label} ({_at(block)})")
        found = good
    block, at = found[0]
    start, end = sentence_at(block.text, at)
    line = block.line_of(start)
    quote = block.text[start:end]
    if len(quote) > 80:
        quote = quote[:77].rstrip() + "..."
    where_line = f"line {line}" if line is not None else ""
    how = {"words": "", "opening": "", "position": "by position"}[read.how]
    detail = ", ".join(x for x in (where_line, how) if x)
    note = f"{p.label}{f' ({detail})' if detail else ''}: \"{quote}\""
    return Outcome(True, note=note, found_at=note)




def _quantified_neighbour(ctx: CheckContext, read: ProblemRead, block: Block,
                          p: ProblemParams) -> Block | None:
    """The paragraph right before or after ``block`` in the press release that
    meets every ``contains`` requirement, if it is neither the opening paragraph,
    a quote nor the solution (its numbers are what the product does: "NEP
    provides ... two key capabilities", "With Acme Pay, within 2 hours")."""
    at = next((i for i, b in enumerate(read.body) if b.index == block.index), None)
    if at is None:
        return None
    openers = compile_all(p.solution_openings)
    names = product_names(ctx, p.scope, read.body[:2])

    def solution(other: Block) -> bool:
        text = other.text[strip_label(other.text):]
        return (any(x.search(text) for x in openers)
                or any(re.match(rf"\W*{re.escape(n)}\b", text) for n in names)
                or (other.index > block.index and SOLVES.search(text) is not None))
    for i in (at - 1, at + 1):
        if not 0 <= i < len(read.body):
            continue
        other = read.body[i]
        if other.index <= read.opening or other.index in read.quoted or solution(other):
            continue
        if other.kind == BlockKind.PARAGRAPH and all(r.found_in(other.text) for r in p.contains):
            return other
    return None


def _at(block: Block) -> str:
    line = block.anchor.line
    return f"line {line}" if line is not None else f"paragraph {block.index + 1}"
