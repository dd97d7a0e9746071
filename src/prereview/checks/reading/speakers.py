"""Whose quote it is, for the quote kinds: the announcing side's leader, a
customer, or no speaker yet, from the attribution ``reading.quotes`` reads ("Jo
Park, head of payments at Acme", "a systems administrator who tested an early
build", "the Kith developer", "[SPOKESPERSON NAME], [TITLE] at Acme")."""

from __future__ import annotations

import re
from typing import Literal

from prereview.checks.reading.quotes import PLACEHOLDER_SPEAKER, PRONOUN, UNNAMED, Quote

_TITLE = re.compile(
    r"\b(?:ceo|cto|cfo|coo|cio|cmo|cpo|ciso|vp|svp|evp|gm|chief|founder|co-founder|cofounder|"
    r"president|vice[- ]president|director|head of|general manager|managing|chair\w*|"
    r"co-chair\w*|executive|leader|lead|manager|principal|partner|spokes\w+|owner|"
    r"creator|co-creator|maintainer|co-maintainer|architect|core (?:team|developer|member))\b",
    re.IGNORECASE,
)
"""A title that, with no other organisation named, speaks for the announcing side:
its CEO, founder, Principal Architect, lead maintainer, the project's creator."""


_ROLE_WORD = re.compile(
    r"(?:ceo|cto|cfo|coo|cio|cmo|cpo|ciso|vp|svp|evp|gm|chief|senior|staff|principal|lead|"
    r"head|founder|co-founder|cofounder|creator|co-creator|maintainer|co-maintainer|author|"
    r"architect|engineer|engineering|developer|scientist|researcher|analyst|designer|manager|"
    r"director|officer|president|vice|chair\w*|co-chair\w*|executive|leader|partner|owner|"
    r"spokes\w+|representative|member|core|team|product|program|project|technical|"
    r"operations|marketing|sales|research|security|data|general|managing|advocate|"
    r"evangelist|consultant|specialist|coordinator|administrator|editor|professor)s?",
    re.IGNORECASE,
)
"""A word of a role ("Principal Architect", "Lead Maintainer"): in an attribution
it describes the speaker, it does not name another organisation."""


_PERSON = re.compile(
    r"\b(?:customer|client|user|member|partner|buyer|shopper|patient|parent|teacher|"
    r"student|nurse|doctor|engineer|developer|scientist|researcher|analyst|designer|"
    r"manager|director|owner|founder|officer|executive|lead|leader|architect|maintainer|"
    r"practitioner|operator|administrator|admin|consultant|professor|spokes\w+|"
    r"representative|florist|baker|farmer|driver|resident|volunteer|organi[sz]er|"
    r"ceo|cto|cfo|coo|cio|vp)s?\b",
    re.IGNORECASE,
)
"""Someone described rather than named ("a principal engineer at an early-adopter
organization", "one customer"): a speaker, if not a named one."""


_IMAGINED = re.compile(
    r"\b(?:imagined|imaginary|hypothetical|fictional|fictitious|made-up|invented|composite|"
    r"typical|would-be|prospective|future)\s+(?:[\w-]+\s+){0,2}?(?:users?|builders?|customers?|"
    r"clients?|developers?|readers?|buyers?|personas?|members?|engineers?|makers?|operators?|"
    r"shoppers?|patients?|students?|teachers?|owners?|teams?)\b",
    re.IGNORECASE,
)
"""A speaker the document says it made up ("an imagined builder, the person this
project is for", "a hypothetical customer"): the customer's voice, never a leader's."""


_OWN_ROLE = re.compile(
    r"^(?:(?:the|its|our|this|that)\s+(?:(?:project|product|tool|app|library|crate|package|"
    r"team|company)['’]s\s+|[\w-]+['’]s\s+|(?:(?-i:[A-Z])[\w.+-]*\s+){1,2})?"
    r"|(?-i:[A-Z])[\w.+-]*['’]s\s+)(?:(?:lead|sole|original|main|only|chief)\s+)?"
    r"(?:author|maintainer|creator|founder|co-founder|developer|builder|team|ceo|cto|owner)s?"
    r"(?:\s+(?:of|behind)\s+[\w .'’-]{1,40})?\s*$",
    re.IGNORECASE,
)
"""A speaker named only by their place on the announcing side ("the author", "its
maintainer", "the team behind noda", "the Kith developer", "Noda's creator"): a
one-person or open-source project's own voice, so the leader's quote, though it
still wants a name. A name before the role is capitalised ("the product team" is
nobody's)."""


_FIELD = re.compile(r"\[[^\]\n]{1,40}\]")
"""A template field in an attribution ("[SPOKESPERSON NAME], [TITLE] at Acme")."""


def _mentions(text: str, companies: list[str]) -> bool:
    for company in companies:
        if company.isupper() and len(company) <= 6:
            if re.search(rf"\b{re.escape(company)}\b", text):
                return True
        elif re.search(rf"\b{re.escape(company)}\b", text, re.IGNORECASE):
            return True
    return re.search(r"\b(?:our|we|us)\b", text, re.IGNORECASE) is not None


_SOME_ORG = re.compile(r"\s*(?:a|an|another|one)\s+(?:[\w'’-]+\s+){0,4}?(?:company|startup|"
                       r"firm|business|agency|team|shop|studio|lab|bank|hospital|school|"
                       r"organi[sz]ation|retailer|manufacturer|provider|nonprofit)\b",
                       re.IGNORECASE)
"""An organisation described, not named ("an early-stage software company"): some
other one than the announcing side's."""


def _foreign_org(parts: list[str], companies: list[str]) -> bool:
    """A part of the attribution names some other organisation or place."""
    company_words = {w.lower() for c in companies for w in re.findall(r"[\w'’-]+", c)}
    for part in parts:
        if _SOME_ORG.match(part):
            return True  # "founder of an early-stage software company": not ours
        for token in re.findall(r"[\w'’&.-]+", part):
            token = token.strip(".")
            if not token or not token[0].isupper():
                continue
            if (_TITLE.fullmatch(token) or _ROLE_WORD.fullmatch(token)
                    or token.lower() in company_words):
                continue
            return True
    return False


def speaker_kind(quote: Quote, companies: list[str]) -> Literal["leader", "customer", "none"]:
    if quote.name is None:
        return "none"
    who = quote.who
    rest = " ".join(quote.parts)
    if _mentions(who, companies) or (_TITLE.search(rest) and not _foreign_org(quote.parts,
                                                                             companies)):
        return "leader"
    if quote.parts:
        return "customer"
    return "none"


def own_role(quote: Quote) -> bool:
    """The quote is attributed only to a role of the announcing side ("said the
    author"), with no name."""
    return quote.name is None and _OWN_ROLE.match(quote.who.strip().rstrip(" .")) is not None


def described_customer(quote: Quote, companies: list[str]) -> bool:
    """The quote is a customer's, attributed by role alone ("said a systems
    administrator who tested an early build", "an imagined builder"): the customer's
    voice is there, only the name is missing. A template field, a stand-in or a bare
    label ("Customer quote: ...") is no speaker yet."""
    who = quote.who.strip()
    return (quote.name is None and quote.label is None and bool(who)
            and _FIELD.search(who) is None and PLACEHOLDER_SPEAKER.match(who) is None
            and quote_role(quote, companies) == "customer")


def quote_role(quote: Quote, companies: list[str]) -> Literal["leader", "customer", "none"]:
    """Whose quote it is, named or not: a template label says it ("Leader's quote:");
    an attribution with the company, a leader's title and no other organisation, or
    a template field next to the company ("[SPOKESPERSON NAME], [TITLE] at Acme") is
    the leader's; a stand-in person at another organisation ("John Doe at ACME
    Corp") or someone described ("a principal engineer at an early-adopter
    organization", "one customer") is a customer's. Only a named speaker meets a
    quote criterion; this says which slot a quote fills (the reading map)."""
    if quote.label is not None:
        return "customer" if quote.label in ("customer", "partner") else "leader"
    if quote.name is not None:
        return speaker_kind(quote, companies)
    who = quote.who.strip()
    if not who or PRONOUN.fullmatch(who):
        return "none"
    if _IMAGINED.search(who):
        return "customer"
    if _OWN_ROLE.match(who.rstrip(" .")):
        return "leader"
    fields = _FIELD.search(who) is not None
    stand_in = PLACEHOLDER_SPEAKER.match(who) is not None
    described = UNNAMED.match(who) is not None and _PERSON.search(who) is not None
    if not (fields or stand_in or described):
        return "none"
    if _mentions(who, companies):
        return "leader"
    if stand_in or described:
        return "customer"
    return "leader" if _TITLE.search(who) else "none"
