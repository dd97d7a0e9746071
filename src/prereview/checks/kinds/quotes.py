"""A quote attributed to a named customer or leader (``attributed-quote``)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, ScopeRef
from prereview.checks.reading.press import company_names
from prereview.checks.reading.quotes import PLACEHOLDER_SPEAKER, Quote, find_quotes
from prereview.checks.reading.speakers import (
    described_customer,
    own_role,
    quote_role,
    speaker_kind,
)
from prereview.checks.registry import Outcome, check_kind
from prereview.document import BlockKind
from prereview.review import Finding, Severity
from prereview.rubric.model import Criterion


class QuoteParams(Params):
    scope: ScopeRef = "press-release"
    """Where quotes are read: a section of the rubric (or ``document``, ``body``)."""
    speaker: Literal["customer", "leader", "any"] = "any"
    """Who must be quoted: a customer, a company leader, or anyone named."""
    min_words: int = Field(default=5, ge=1)
    """Shorter quoted passages are scare quotes, not quotes."""
    company: list[str] = Field(default_factory=list)
    """Names of the announcing company when the headline does not give them."""


_ROLE = {"leader": "a company leader (name and role)",
         "customer": "a named customer (with role or place)",
         "any": "a named person"}


@check_kind("attributed-quote", QuoteParams)
def check_attributed_quote(ctx: CheckContext, criterion: Criterion, p: QuoteParams) -> Outcome:
    """A quote attributed to a named leader, customer or anyone, in a scope."""
    quotes = find_quotes(ctx, p.scope, p.min_words)
    companies = company_names(ctx, p.scope, p.company)
    for quote in quotes:
        kind = speaker_kind(quote, companies)
        if (p.speaker == "any" and quote.name is not None) or kind == p.speaker:
            who = " ".join(quote.who.split())
            note = f"{p.speaker} quote: {who}"
            return Outcome(True, note=note, found_at=_at(quote, note))
    if p.speaker == "leader":
        unnamed = next((q for q in quotes if own_role(q) and q.who_block is not None), None)
        if unnamed is not None and unnamed.who_block is not None:
            # "said the author": the project's own voice, there but unnamed
            who = " ".join(unnamed.who.split()).rstrip(" .")
            note = f"leader quote: {who} (no name)"
            finding = ctx.finding(
                criterion, unnamed.who_block, unnamed.who_start, unnamed.who_end,
                f"The quote is attributed to '{who}' by role only: give the name "
                f"(\"said NAME, {who}\").",
                "Name the speaker of the quote.",
            )
            return Outcome(True, [finding], note=note, score=0.75, found_at=_at(unnamed, note))
    if p.speaker == "customer":
        described = next((q for q in quotes if described_customer(q, companies)
                          and q.who_block is not None), None)
        if described is not None and described.who_block is not None:
            return _role_only(ctx, criterion, described)
    findings: list[Finding] = []
    seen: set[tuple[int, int, int]] = set()
    other = {"leader": "customer", "customer": "leader"}.get(p.speaker)
    for quote in quotes:
        if quote.name is not None or (other and quote_role(quote, companies) == other):
            # an unnamed quote that fills the other slot (an imagined builder is
            # the customer's voice) says nothing about this one
            continue
        key = _speech(quote)
        if quote.who and key in seen:
            continue
        seen.add(key)
        if quote.who and quote.who_block is not None and PLACEHOLDER_SPEAKER.match(quote.who):
            findings.append(ctx.finding(
                criterion, quote.who_block, quote.who_start, quote.who_end,
                f"This quote is attributed to a placeholder ('{' '.join(quote.who.split())}'): "
                "name the real "
                "speaker, or the quote is not yet written.",
            ))
        elif quote.who and quote.who_block is not None:
            findings.append(ctx.finding(
                criterion, quote.who_block, quote.who_start, quote.who_end,
                f"This quote is attributed to '{quote.who}', not to a named person.",
            ))
        else:
            end = _quote_opening(quote)
            findings.append(ctx.finding(
                criterion, quote.block, quote.start, end,
                "This quote is not attributed to anyone by name.",
            ))
    elsewhere = _outside(ctx, criterion, p, quotes)
    if elsewhere is not None:
        return elsewhere
    others = [" ".join(q.who.split()) for q in quotes if q.name is not None]
    message = f"No quote from {_ROLE[p.speaker]}"
    if others:
        message += f" (quoted: {'; '.join(others)})"
    if not findings:
        findings.append(ctx.block_finding(criterion, message + "."))
    note = f"{_speeches(quotes)} quote(s), none from {_ROLE[p.speaker]}"
    return Outcome(False, findings, note=note, found_at=_slot(ctx, p, quotes, companies))


def _role_only(ctx: CheckContext, criterion: Criterion, quote: Quote) -> Outcome:
    """A customer quoted by role alone: the quote is there (a pass), and a name is
    the minor improvement the guidance asks for (three quarters of the weight)."""
    assert quote.who_block is not None
    who = " ".join(quote.who.split()).rstrip(" .")
    note = f"customer quote: {who} (no name)"
    finding = ctx.finding(
        criterion, quote.who_block, quote.who_start, quote.who_end,
        f"The customer quote is attributed to '{who}' by role only: give the customer "
        "a name.",
        "Name the customer who speaks.",
    )
    return Outcome(True, [finding], note=note, score=0.75, severity=Severity.MINOR,
                   found_at=_at(quote, note))


_SLOT_HEADING = {
    "customer": re.compile(r"\btestimonials?\b|\b(?:customer|user|client|partner)s?['’]?s?"
                           r"\s+(?:quotes?|testimonials?|voices?|stories)\b", re.IGNORECASE),
    "leader": re.compile(r"\b(?:leader|leadership|executive|spokesperson|company|founder)s?['’]?s?"
                         r"\s+quotes?\b", re.IGNORECASE),
}
"""A heading that holds the place of a quote ("Customer testimonials", "Leader's
quote"), whatever is under it yet."""


def _slot(ctx: CheckContext, p: QuoteParams, quotes: list[Quote],
          companies: list[str]) -> str | None:
    """Where a quote of the role stands without a named speaker: a quote labelled
    or attributed to that role but not by name ('"…" — [Leader, Org]', "Customer
    quote: …", "said a principal engineer at an early-adopter organization"), or a
    heading that holds its place. The criterion fails (no named speaker); the part
    is there, so the reading map says where."""
    if p.speaker == "any":
        return None
    for quote in quotes:
        if quote_role(quote, companies) == p.speaker:
            line = quote.block.anchor.line
            at = f" (line {line})" if line is not None else ""
            who = " ".join(quote.who.split()) or "nobody"
            return f"{p.speaker} quote{at}, attributed to {who}, not to a named person"
    pattern = _SLOT_HEADING[p.speaker]
    for block in ctx.scope(p.scope):
        if block.kind == BlockKind.HEADING and pattern.search(block.text):
            line = block.anchor.line
            at = f" (line {line})" if line is not None else ""
            return f"{p.speaker} quote: heading '{block.text.strip()}'{at}, with no quote under it"
    return None


def _outside(ctx: CheckContext, criterion: Criterion, p: QuoteParams,
             inside: list[Quote]) -> Outcome | None:
    """A named customer quoted outside the scope (a "Customer Quotes" or
    testimonials section, an FAQ answer): the quote exists, it is only in the wrong
    place. A minor failure at half the weight: move one into the press release."""
    if p.speaker != "customer" or p.scope in ("document", "body"):
        return None
    scoped = {b.index for b in ctx.scope(p.scope)} | {q.block.index for q in inside}
    companies = company_names(ctx, p.scope, p.company)
    found = [q for q in find_quotes(ctx, "document", p.min_words)
             if q.block.index not in scoped and speaker_kind(q, companies) == "customer"]
    if not found:
        return None
    quote = found[0]
    who = " ".join(quote.who.split())
    section = ctx.document.section_title(quote.block)
    where = f" in '{section}'" if section else ""
    scope = ctx.scope_label(p.scope)
    finding = ctx.finding(
        criterion, quote.block, quote.start, _quote_opening(quote),
        f"{len(found)} named customer quote(s){where}, outside the {scope} (first: "
        f"{who}): move one into the {scope}.",
        f"Move one of these customer quotes into the {scope}.",
    )
    line = quote.block.anchor.line
    at = f" (line {line})" if line is not None else ""
    note = f"found outside the {scope}{where}{at}: {who}"
    return Outcome(False, [finding], note=note, score=0.5, severity=Severity.MINOR,
                   found_at=note)


def _speech(quote: Quote) -> tuple[int, int, int]:
    """One speech: the place of its attribution (every part of a quote that goes
    on under it shares it), else the quote's own place."""
    if quote.who:
        return (quote.who_block or quote.block).index, quote.who_start, quote.who_end
    return quote.block.index, quote.start, quote.end


def _speeches(quotes: list[Quote]) -> int:
    """Quotes counted as a reader counts them: a quote that goes on in the next
    paragraph under the same attribution is one."""
    return len({_speech(q) for q in quotes})


def _at(quote: Quote, note: str) -> str:
    line = quote.block.anchor.line
    return f"{note} (line {line})" if line is not None else note


def _quote_opening(quote: Quote, max_words: int = 12) -> int:
    text = quote.block.text
    found = list(re.finditer(r"\S+", text[quote.start : quote.end]))
    if len(found) <= max_words:
        return quote.end
    return quote.start + found[max_words - 1].end()
