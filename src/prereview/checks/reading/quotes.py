"""Quotes in a press release and who said them.

A quote counts when it is attributed to a named person: "…," said Ana Ruiz, a
florist in Tucson / Ana Ruiz, a florist, said "…" / "…" — Ana Ruiz, florist. The
speaker is the company's leader when the attribution names the company (the
subject of the headline, e.g. "Acme launches…") or carries a title (CEO, VP,
director, founder…) with no other organisation; a customer is any other named
person given a role or a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prereview.checks.context import CheckContext
from prereview.document import Block, BlockKind
from prereview.text import (
    word_count,
)

_PAIRED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_LABELLED = re.compile(
    r"^[ \t]*(?P<label>customer|leader|executive|spokesperson|company|partner)(?:['’]s)?\s+quote"
    r"[ \t]*:[ \t]*(?P<quote>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
"""Template-style "Customer quote: ..." lines (the speaker left unnamed)."""
_SAY = (
    r"(?:said|says|explained|explains|added|adds|noted|notes|commented|comments|shared|"
    r"shares|stated|states|remarked|remarks|concluded|according to)"
)
_AFTER = [
    re.compile(r"^[ \t]*[,.]?\s*(?:[-–—―]+|~)\s*(?P<who>[^“\"]+)"),
    re.compile(rf"^\s*[,.]?\s*{_SAY}\s+(?P<who>[^“\"]+)", re.IGNORECASE),
    re.compile(rf"^\s*[,.]?\s*(?P<who>he|she|they|we|I)\s+{_SAY}\b", re.IGNORECASE),
    re.compile(rf"^\s*[,.]?\s*(?P<who>[A-Z][^“\"]{{0,150}}?)\s*,?\s+{_SAY}\b"),
    re.compile(r"^\s*[,.]?\s*(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*,\s*[^“\"]+)"),
]
"""Attributions after a quote: a dash, "said NAME", "NAME, ROLE, said", "NAME, ROLE"."""
_BEFORE = [
    re.compile(rf"(?P<who>[A-Z][^\n“\".]{{0,150}}?)\s*,?\s+{_SAY}\s*[,:]?\s*$"),
    re.compile(rf"{_SAY}\s+(?P<who>[^\n“\".]{{2,150}}?)\s*[,:]\s*$", re.IGNORECASE),
    re.compile(r"(?:^|[.!?]\s+)(?P<who>[A-Z][^\n“\".:]{1,150}?)\s*:\s*$"),
]
PRONOUN = re.compile(r"(?:he|she|they|we|I|it|you)", re.IGNORECASE)
"""An attribution by pronoun ("she added") continues the speaker named before."""
_SENTENCE_CUT = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)(?<!\bInc)(?<!\bJr)(?<!\bSr)(?<!\b[A-Z])"
    r"[.!?](?=\s+\S)"
)
_SPLIT = re.compile(r"(\s*,\s*|\s+(?:at|of|from|with|for|in|on)\s+|\s*@\s*|\s+[-–—|]\s+)")
"""Where an attribution splits into name, roles, organisations and places; kept
(a capturing group) so a name is only taken after a comma or a dash, never after
"in", "from", "at" or "of" (there it is a place or an organisation)."""
_NAME_AFTER = re.compile(r"\s*(?:,|[-–—|])\s*")
UNNAMED = re.compile(
    r"^(?:one|a|an|the|another|some|several|many|two|three|our|their|its|this|that)\s+"
    r"(?:[a-z][\w'’-]*\s+){0,3}?[a-z][\w'’-]*\b"
)
""""one customer", "a nurse in Tacoma", "the team": a speaker described, not named."""
_ADMONITION = re.compile(
    r"^\W{0,4}(?:\[!\w+\]|(?:note|nota bene|nb|warning|warn|caution|important|tip|info|"
    r"disclaimer|heads[- ]up|attention|beta|experimental|update|status|reminder)\b\W{0,3}[:!—–-])",
    re.IGNORECASE,
)
"""A note or disclaimer in a blockquote ("> Note: this is an experimental beta",
"> [!WARNING]"): the author's aside, not a person's quote."""
_HONORIFIC = re.compile(r"^(?:Mr|Ms|Mrs|Mx|Dr|Prof)\.?$")
PLACEHOLDER_SPEAKER = re.compile(
    r"^\s*(?:(?:John|Jane)\s+(?:Q\.\s+)?(?:Doe|Public)|Joe\s+Bloggs|Max\s+Mustermann"
    r"|(?:Sample|Example|Fake|Dummy|Test)\s+(?:Person|Customer|User|Name|Member|Leader|"
    r"Executive|Speaker)"
    r"|First[ \t]?[Nn]ame\s+Last[ \t]?[Nn]ame|Your\s+Name|Customer\s+Name"
    r"|(?:Mr|Mrs|Ms|Dr)\.?\s+(?:CTO|CEO|CFO|COO|CIO|VP|Customer|Manager|Director|Engineer|"
    r"Developer|Leader|X|Y))\b"
)
"""A speaker left as the template's stand-in ("John Doe at ACME Corp", "Sample
Person, Member Organization", "Mr. CTO, ACME Corp"): a placeholder, not a name."""
_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin",
              "al", "y", "di", "du", "dos", "ibn"}
_NOT_A_NAME = re.compile(
    r"\b(?:ceo|cto|cfo|coo|cio|cmo|cpo|ciso|vp|svp|evp|gm|chief|founder|co-founder|cofounder|"
    r"president|director|head|lead|leader|manager|officer|chair\w*|co-chair\w*|engineer|"
    r"scientist|analyst|developer|designer|owner|customer|client|user|team|group|"
    r"foundation|corp|corporation|inc|ltd|llc|plc|gmbh|company|university|college|school|"
    r"bank|agency|organi[sz]ation|association|council|committee|consultancy|department|"
    r"quote|spokes\w+|representative|member|partner|executive|principal|professor|"
    r"student|teacher|nurse|doctor|parent|mother|father|florist|admin\w*|product|"
    r"platform|service|services|solutions|systems|labs?|technologies|works|studio|"
    r"the|a|an|our|we|he|she|they|it|you|him|her|them|us)\b",
    re.IGNORECASE,
)


@dataclass
class Quote:
    block: Block
    start: int
    end: int
    """The quoted words, marks included."""
    who: str = ""
    """The attribution text ("Ana Ruiz, a florist in Tucson"), empty when none."""
    who_block: Block | None = None
    who_start: int = 0
    who_end: int = 0
    name: str | None = None
    parts: list[str] = field(default_factory=list)
    """The attribution split at commas / "at" / "of": roles, organisations, places."""
    label: str | None = None
    """A template label's role ("customer" in "Customer quote: ..."), if any."""


def quoted_spans(text: str, min_words: int = 1) -> list[tuple[int, int]]:
    """``[start, end)`` of each "quoted" passage of at least ``min_words`` words."""
    return [
        (m.start(), m.end())
        for m in _PAIRED.finditer(text)
        if word_count(m.group(1)) >= min_words
    ]


def _cut_who(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim an attribution to its own sentence, without trailing punctuation."""
    cut = _SENTENCE_CUT.search(text, start, end)
    if cut is not None:
        end = cut.start()
    while end > start and text[end - 1] in " \t\r\n.,;:*_)\u00a0":
        end -= 1
    while start < end and text[start] in " \t*_(\u00a0":
        start += 1
    return start, end


def is_name(part: str) -> bool:
    """A person's name: capitalised words ("Ana Ruiz", "Dr. Jo de Vries"), no
    job titles or organisation words."""
    if PLACEHOLDER_SPEAKER.match(part):
        return False
    tokens = part.split()
    if tokens and _HONORIFIC.match(tokens[0]):
        tokens = tokens[1:]
    if not 1 <= len(tokens) <= 4 or _NOT_A_NAME.search(" ".join(tokens)):
        return False
    for i, token in enumerate(tokens):
        token = token.strip("'’")
        if i > 0 and (token in _PARTICLES or re.fullmatch(r"[A-Z]\.?", token)):
            continue
        if not (token[:1].isupper() and any(c.islower() for c in token)):
            return False
        if not all(c.isalpha() or c in "'’.-" for c in token):
            return False
    return True


def _parse_who(quote: Quote) -> None:
    """Name and other parts: the name opens the attribution ("Ana Ruiz, a florist")
    or closes it after a comma or dash ("head of payments at Acme, Jo Park"). One
    that opens with a description ("one customer", "a nurse") names someone only
    in an apposition of at least two words right after it ("the CEO, Jo Park")."""
    who = re.sub(r"^\s*by\s+", "", quote.who)
    pieces = _SPLIT.split(who)
    parts: list[str] = []
    after_comma: list[bool] = []
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip(" .")
        if part:
            parts.append(part)
            after_comma.append(i > 0 and _NAME_AFTER.fullmatch(pieces[i - 1]) is not None)
    name: str | None = None
    if parts and is_name(parts[0]):
        name = parts[0]
    elif parts and UNNAMED.match(parts[0]):
        if len(parts) > 1 and after_comma[1] and is_name(parts[1]) and len(parts[1].split()) > 1:
            name = parts[1]
    elif len(parts) > 1 and after_comma[-1] and is_name(parts[-1]):
        name = parts[-1]
    quote.name = name
    quote.parts = [p for p in parts if p != name]


def _attribute(quote: Quote, following: Block | None) -> None:
    text = quote.block.text
    rest = text[quote.end :]
    for pattern in _AFTER:
        m = pattern.match(rest)
        if m is not None:
            start, end = _cut_who(text, quote.end + m.start("who"), quote.end + m.end("who"))
            if end > start:
                quote.who_block, quote.who_start, quote.who_end = quote.block, start, end
                quote.who = text[start:end]
                break
    if not quote.who:
        head = text[: quote.start]
        for pattern in _BEFORE:
            m = pattern.search(head)
            if m is not None:
                start, end = _cut_who(text, m.start("who"), m.end("who"))
                if end > start:
                    quote.who_block, quote.who_start, quote.who_end = quote.block, start, end
                    quote.who = text[start:end]
                    break
    if not quote.who and following is not None and not text[quote.end :].strip(" .,\n"):
        m = _AFTER[0].match(following.text)
        if m is None and _signature_item(quote.block, following):
            # "> - Albert from San Francisco": a one-line item of the quote block
            # signs it (the list's dash is the attribution's)
            m = _SIGNED.match(following.text)
        if m is not None:
            start, end = _cut_who(following.text, m.start("who"), m.end("who"))
            if end > start:
                quote.who_block, quote.who_start, quote.who_end = following, start, end
                quote.who = following.text[start:end]
    if quote.who:
        _parse_who(quote)


_SIGNED = re.compile(r"^\s*(?P<who>[A-Z][^“\"\n]{1,80}?)\s*$")
"""The whole of a signature line: a capitalised name or role, on one line."""


def _signature_item(block: Block, following: Block) -> bool:
    """``following`` is a short list item right after the quote block, inside the
    same quote: the quote's signature, not a list of the author's."""
    if block.anchor.line is None or following.anchor.line is None:
        return False
    return (block.kind == BlockKind.QUOTE and following.kind == BlockKind.LIST_ITEM
            and following.index == block.index + 1 and word_count(following.text) <= 10
            and "\n" not in following.text.strip()
            and following.anchor.line == block.anchor.line + block.text.count("\n") + 1)


def _quoted_lines_end(text: str) -> int:
    """Where a quote block's quoted words end: before a last line that attributes
    them ("— Jo Park, Acme"); at the end of its first line when that line closes a
    quotation mark (the quote, then more on the next lines); else at the end of a
    quote wrapped over several lines."""
    if "\n" not in text:
        return len(text)
    head, _, last = text.rstrip().rpartition("\n")
    if _AFTER[0].match(last) or _AFTER[1].match(last):
        return len(head)
    first = text.split("\n")[0]
    return len(text.rstrip()) if not first.rstrip().endswith(('"', "”")) else len(first)


def _take_attribution(quote: Quote, donor: Quote) -> None:
    quote.who, quote.name, quote.parts = donor.who, donor.name, donor.parts
    quote.who_block = donor.who_block
    quote.who_start, quote.who_end = donor.who_start, donor.who_end


def _is_pronoun(who: str) -> bool:
    return PRONOUN.fullmatch(who.strip()) is not None


def find_quotes(ctx: CheckContext, scope: str, min_words: int = 5) -> list[Quote]:
    """Every quote of the scope with its attribution, in document order."""
    return ctx.cached(("quotes", scope, min_words), lambda: _find_quotes(ctx, scope, min_words))


def _find_quotes(ctx: CheckContext, scope: str, min_words: int) -> list[Quote]:
    blocks = ctx.prose(scope)
    found: list[Quote] = []
    # The last attributed quote of the previous block: a paragraph that is only a
    # quote, or a quote "she said", right after it is the same speaker going on.
    last: Quote | None = None
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        # Short quoted passages are not quotes, but their attributions count: in
        # '"Finally," said Jo Park. "Florists get paid the same day."' the second
        # quote is Jo Park's.
        spans = quoted_spans(block.text)
        long = [(s, e) for s, e in spans if word_count(block.text[s:e]) >= min_words]
        labelled = [
            (m.start("quote"), m.end("quote"), m.group("label").lower())
            for m in _LABELLED.finditer(block.text)
            if word_count(m.group("quote")) >= min_words
            and not any(s <= m.start("quote") < e for s, e in long)
        ]
        if not long and not labelled and block.kind == BlockKind.QUOTE and (
            word_count(block.text) >= min_words
        ) and not _ADMONITION.match(block.text):
            spans = long = [(0, _quoted_lines_end(block.text))]
        own = [Quote(block=block, start=start, end=end) for start, end in spans]
        pronouns: dict[int, Quote] = {}
        for n, quote in enumerate(own):
            _attribute(quote, following)
            if _is_pronoun(quote.who):  # "she added": whoever spoke before
                pronouns[n] = quote
                own[n] = Quote(block=block, start=quote.start, end=quote.end)
        reported = [q for q in own if (q.start, q.end) in long]
        speakers = [q for q in own if q.name is not None or (q.who and (q.start, q.end) in long)]
        for n, quote in enumerate(own):
            if quote.who:
                continue
            # '"A," said X. "B."': B is X speaking on (the nearest speaker before it,
            # else after it)
            donor = next((q for q in reversed(speakers) if q.end <= quote.start), None) or next(
                (q for q in speakers if q.start > quote.start), None)
            alone = not (block.text[: quote.start].strip()
                         or block.text[quote.end :].strip(" .,\n"))
            if donor is None and n == 0 and (alone or n in pronouns):
                donor = last
            if donor is None:
                donor = pronouns.get(n)
            if donor is not None:
                _take_attribution(quote, donor)
        attributed = [q for q in own if q.who]
        last = attributed[-1] if attributed else None
        found.extend(reported)
        found.extend(Quote(block=block, start=s, end=e, label=label)
                     for s, e, label in labelled)
    return found
