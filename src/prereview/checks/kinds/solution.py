"""Where the press release states its solution (``solution``): a locating rule.

Whether the solution answers the customer's problem well is a judgment (the LLM
reviewer's); where it is stated is reading, and the report shows it either way so
an author sees what was read as the solution. The solution is the first paragraph
after the problem paragraph that says what the product does ("With Acme Pay, ...",
"Acme Pay now deposits ..."); with no problem paragraph, the opening (summary)
paragraph that does; else an FAQ answer to "What is X?" / "How does it work?".
"""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, ScopeRef, compile_all
from prereview.checks.reading.faq_answers import answered_in_faq
from prereview.checks.reading.press import first_matches, press_release, strip_label
from prereview.checks.reading.problem import (
    SOLUTION_OPENINGS,
    SOLVES,
    ProblemSettings,
    product_names,
    read_problem,
)
from prereview.checks.reading.quotes import find_quotes
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.rubric.model import Criterion
from prereview.text import has_words, sentence_at, word_count


class SolutionParams(Params):
    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    label: str = "solution paragraph"
    """How the report names the paragraph."""
    patterns: list[Regex]
    """Words of a solution ("now", "lets", "with", "automatically")."""
    problem_patterns: list[Regex] = Field(default_factory=list)
    """Words of a problem, to find the problem paragraph the solution follows
    (the ``problem`` kind's ``patterns``)."""
    min_words: int = Field(default=8, ge=1)
    """A shorter paragraph (a one-line tagline) is not the solution paragraph."""
    faq_questions: list[Regex] = Field(default_factory=list)
    """FAQ questions whose answer states the solution ("What is X?", "How does it
    work?"), read when the press release states none."""
    headings: list[Regex] = Field(default_factory=list)
    """Headings of a solution section inside the press release ("The Solution",
    "How it works"): its first paragraph is the solution; left empty (a
    template's "Explain the approach or solution" with nothing under it), the
    solution is not there, whatever other paragraphs say."""


def _where(label: str, block: Block, at: int) -> str:
    start, end = sentence_at(block.text, at)
    quote = " ".join(block.text[start:end].split())
    if len(quote) > 80:
        quote = quote[:77].rstrip() + "..."
    line = block.line_of(start)
    return f"{label}{f' (line {line})' if line is not None else ''}: \"{quote}\""


@check_kind("solution", SolutionParams)
def check_solution(ctx: CheckContext, criterion: Criterion, p: SolutionParams) -> Outcome:
    """Where the solution is stated: after the problem, else in the opening
    paragraph, else in an FAQ answer. It passes when found; as a ``locate`` rule
    (``pr.solution``) only the place is kept and the judgment is left to the LLM."""
    pr = press_release(ctx, p.scope)
    patterns = compile_all(p.patterns)
    quoted = {q.block.index for q in find_quotes(ctx, p.scope)}
    parts = {b.index for b in (pr.headline, pr.subheading) if b is not None}
    body = [b for b in pr.body
            if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and has_words(b.text)
            and b.index not in parts and b.index not in quoted]
    slot = _section(pr.blocks, compile_all(p.headings))
    if slot is not None:
        heading, under = slot
        if under:
            where = _where(p.label, under[0], 0)
            return Outcome(True, note=where, found_at=where)
        line = heading.anchor.line
        at = f" (line {line})" if line is not None else ""
        finding = ctx.finding(criterion, heading, 0, len(heading.text.rstrip()),
                              f"The heading '{heading.text.strip()}' has no solution under it.")
        return Outcome(False, [finding], note=f"{p.label}: heading '{heading.text.strip()}'"
                       f"{at} is empty")
    after = -1
    if p.problem_patterns:
        problem = read_problem(ctx, ProblemSettings(scope=p.scope, patterns=p.problem_patterns,
                                                    followed_by=p.patterns))
        if problem.paragraphs:
            after = problem.paragraphs[0][0].index
    candidates = [b for b in body if b.index > after] if after >= 0 else []
    candidates += [b for b in body if b.index <= after or after < 0]
    candidates = [b for b in candidates if word_count(b.text) >= p.min_words]
    names = product_names(ctx, p.scope, body[:2])
    openers = compile_all(SOLUTION_OPENINGS)
    problem_words = compile_all(p.problem_patterns)

    def strong(block: Block) -> re.Match[str] | None:
        """Says what the product does: opens with its name; or, with no problem
        word, opens "With ..." or has a verb of a solution ("lets", "provides")."""
        text = block.text[strip_label(block.text):]
        for name in names:
            m = re.match(rf"\W*{re.escape(name)}\b", text)
            if m is not None:
                return m
        if first_matches(block, problem_words):
            return None  # "It does not track ...": the problem, however it opens
        return next((m for x in openers if (m := x.search(text)) is not None),
                    None) or SOLVES.search(block.text)

    # the first paragraph that says what the product does; else the first that
    # has a solution word and no problem word (a paragraph about the problem is
    # not the solution, however it is phrased)
    for block in candidates:
        m = strong(block)
        if m is not None:
            where = _where(p.label, block, m.start())
            return Outcome(True, note=where, found_at=where)
    for block in candidates:
        hits = first_matches(block, patterns)
        if hits and not first_matches(block, problem_words):
            where = _where(p.label, block, hits[0].start())
            return Outcome(True, note=where, found_at=where)
    answered = answered_in_faq(ctx, p.scope, p.faq_questions)
    if answered is not None:
        where = f"{p.label}: not in the {ctx.scope_label(p.scope)}; the FAQ states it " \
                f"({answered.where()})"
        return Outcome(True, note=where, found_at=where)
    finding = ctx.block_finding(criterion, f"No {p.label} in the {ctx.scope_label(p.scope)}.")
    return Outcome(False, [finding], note=f"{p.label}: not found")


def _section(blocks: list[Block], headings: list[re.Pattern[str]]
             ) -> tuple[Block, list[Block]] | None:
    """The first heading matching ``headings`` and the prose under it, up to the
    next heading."""
    for i, block in enumerate(blocks):
        if block.kind != BlockKind.HEADING or not any(h.search(block.text) for h in headings):
            continue
        under: list[Block] = []
        for other in blocks[i + 1 :]:
            if other.kind == BlockKind.HEADING:
                break
            if other.is_prose and has_words(other.text):
                under.append(other)
        return block, under
    return None
