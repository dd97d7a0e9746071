"""The parts of a press release and who announces it.

The parts of a press release are read once per review: the headline is its first
heading that is not a label ("Press release", "PR/FAQ"), or a short one-line
first paragraph with no full stop; when the press release opens with a label
heading, it is the document's title just above that heading (a Word Title, maybe
with a Subtitle under it). The subheading is the next heading, or a one-sentence
paragraph that is not the dateline; the rest is the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prereview.checks.context import CheckContext
from prereview.checks.reading.headings import (
    normalise_heading,
)
from prereview.document import Block, BlockKind
from prereview.text import (
    has_words,
    sentences,
    word_count,
)

_LABEL_HEADING = re.compile(
    r"^(?:(?:the|future|draft|future intended|intended|sample|example|mock|hypothetical)\s+)?"
    r"(?:pr\s*[/&+-]?\s*faqs?|prfaq|press[\s-]*release|news release|pr|"
    r"working backwards|draft|internal|confidential|headline|title)$",
    re.IGNORECASE,
)
"""A heading that wraps the press release ("Press Release", "Future Intended Press
Release"): the headline is the first heading inside it, not the wrapper."""


_RELEASE_LINE = re.compile(
    r"^\W*(?:for\s+(?:immediate\s+|worldwide\s+|general\s+|public\s+)?release\b|"
    r"embargo(?:ed)?\b|(?:press|news)\s+release\s*$)",
    re.IGNORECASE,
)
"""A release line in any case ("**For immediate release**", "Embargoed until
9am"): boilerplate of the form, not the subheading."""


_ANNOUNCES = re.compile(
    r"\btoday\b[^.!?]{0,60}?\b(?:announc|launch|introduc|releas|unveil|publish|debut)\w*"
    r"|\b(?:we['’]re|we are|is|are)\s+(?:(?:pleased|excited|proud|happy|thrilled)\s+to\s+)?"
    r"announc\w*",
    re.IGNORECASE,
)
"""A sentence that states the launch ("Today we're announcing TaxLens, ...",
"Acme today launched ..."): the opening paragraph, not a subheading."""
_DATED_LAUNCH_RE = (
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}\b[^.!?]{0,80}?\b"
    r"(?:announce[sd]|launche[sd]|release[sd]|introduce[sd]|unveil(?:s|ed)|publishe[sd]|"
    r"debut(?:s|ed)|ship(?:s|ped))\b"
)
"""A dated launch in the telling ("in January 2023, the Foundation released ..."):
the lead paragraph's first sentence, not a subheading (bounded gap, no backtracking)."""


def _banner(block: Block) -> bool:
    """An all-capitals line ("FOR IMMEDIATE RELEASE") or a release line in any
    case: boilerplate, neither the headline, the subheading nor the first
    paragraph."""
    text = block.text
    return (block.kind == BlockKind.PARAGRAPH and any(ch.isalpha() for ch in text)
            and word_count(text) <= 20
            and (not any(ch.islower() for ch in text) or _RELEASE_LINE.match(text) is not None))
_PRFAQ_TITLE = re.compile(r"\bpr\s*[/&+-]?\s*faqs?\b|\bprfaq\b", re.IGNORECASE)
"""A heading naming the document ("Acme Pay PR/FAQ (draft)"), not a headline."""
_LINE_LABEL = re.compile(
    r"^\s*(?:title|headline|heading|sub-?title|sub-?heading|sub-?head|summary|"
    r"intro(?:duction)?(?: paragraph)?|first paragraph|opening paragraph)\s*:\s*",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?i:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{4}})"
)
_PLACE = r"[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,3}"
_FIELD = r"\[[A-Za-z][A-Za-z ,./&-]{1,40}\]"
"""A template field standing for the place or the date ("[CITY, STATE]", "[DATE]"):
a dateline whose parts are placeholders is still a dateline (the placeholders
are ``style.placeholders`` findings), not a missing one."""
_SITE = r"(?:https?://)?(?:www\.)?[a-z0-9][\w-]{0,62}(?:\.[a-z0-9][\w-]{0,62}){1,3}(?:/[\w.~-]{1,80}){0,4}"
"""A site or repository standing for the place of an online launch
("github.com/org/repo — September 2026.")."""
DEFAULT_DATELINE = (
    rf"^\s*(?:{_PLACE}(?:,\s*{_PLACE}){{0,2}}|{_FIELD})\s*(?:[—–-]{{1,2}}|,|\(|\||/)\s*"
    rf"(?:{_DATE}|{_FIELD})"
    rf"|^\s*(?i:{_SITE})\s*(?:[—–|]|--?)\s*{_DATE}"
    rf"|^\s*(?:{_DATE}|{_FIELD})\s*(?:[—–-]{{1,2}}|,)\s*(?:{_PLACE}|{_FIELD})"
)
"""A location then a date ("SEATTLE, WA — June 1, 2027 —"), or the date first;
either may be a template field. Case-sensitive: the location is capitalised."""
_MONTH_YEAR = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MONTH}\s+\d{{4}}"
               r"|Q[1-4]\s+\d{4})")
DATE_OPENING = (
    rf"^\s*(?:(?:In|On|As of)\s+)?(?:{_DATE}|Q[1-4]\s+\d{{4}})\s*(?:,|[—–-]{{1,2}})"
    rf"|^\s*(?:Ahead of|At|Before|During|Following|On the eve of|After)\s+[^,.;:\n]{{1,60}}?"
    rf"\s+(?:in|on)\s+(?i:{_MONTH_YEAR})\s*,(?=[^.\n]{{0,120}}?\b(?:announc|launch|releas|"
    r"introduc|unveil|publish|open|debut)\w*)"
)
"""A first paragraph opening with the launch date and no place: as a dateline
("Q1 2027 — Acme..."), or in its prose ("In June 2022, the foundation...", "On
June 1, 2027, Acme...") or by the event it is dated by ("Ahead of COP27 in
November 2022, GSF launched ...") when that sentence states the launch: dated,
though prose is no dateline. "Today," alone is no date, and a date that only
sets the background ("Since the summit in June 2022, demand has grown") dates
no launch."""


def strip_label(text: str) -> int:
    """Offset after a template label such as "Title:" or "Intro paragraph:"."""
    m = _LINE_LABEL.match(text)
    return m.end() if m else 0


@dataclass
class PressRelease:
    blocks: list[Block]
    headline: Block | None = None
    subheading: Block | None = None
    body: list[Block] = field(default_factory=list)
    """Prose blocks after the headline and subheading."""


def _is_label(block: Block) -> bool:
    name = normalise_heading(block.text)
    return (bool(_LABEL_HEADING.match(name) or _PRFAQ_TITLE.search(name))
            or not has_words(name))


def _is_title(block: Block) -> bool:
    return block.kind == BlockKind.HEADING or block.style == "Title"


_METADATA = re.compile(r"^\s*[A-Za-z][\w ]{0,20}:\s")
"""An "Author: ..." / "Status: draft" line under a title: not a subheading."""


def _subtitle(block: Block) -> bool:
    """A one-sentence line that can sit between a title and the press release."""
    if block.style == "Subtitle":
        return True
    text = block.text[strip_label(block.text) :]
    return (
        block.kind == BlockKind.PARAGRAPH and _one_sentence(block) and word_count(text) <= 40
        and not _METADATA.match(block.text) and not re.search(DEFAULT_DATELINE, text)
    )


def _headline_above(ctx: CheckContext, first: Block) -> tuple[Block, Block | None] | None:
    """When the press release starts with a "Press release" heading, its headline
    is the document's title just above it (a Title-style line or the first
    heading), with at most a subtitle in between: (headline, subtitle)."""
    between: list[Block] = []
    for block in reversed(ctx.document.blocks[: first.index]):
        if block.kind == BlockKind.CODE or not has_words(block.text):
            continue
        if _is_title(block):
            if _is_label(block):
                continue
            if between and not _subtitle(between[0]):
                return None
            return block, (between[0] if between else None)
        between.append(block)
        if len(between) > 1:
            return None
    return None


def _one_sentence(block: Block) -> bool:
    text = block.text[strip_label(block.text) :]
    return len(sentences(text)) == 1 and "\n\n" not in text


def _emphasised(block: Block) -> bool:
    """A paragraph set wholly in italics or bold, of at most 100 words: set apart
    under the headline as its subheading even when it runs to several sentences."""
    text = block.text.strip()
    if not text or word_count(text) > 100:
        return False
    lead = len(block.text) - len(block.text.lstrip())
    end = lead + len(text)
    return any(m.kind in ("strong", "em") and m.start <= lead and m.end >= end
               for m in block.marks)


def press_release(ctx: CheckContext, scope: str) -> PressRelease:
    """The parts of the press release in ``scope``, read once per review."""
    return ctx.cached(("press", scope), lambda: _read_press_release(ctx, scope))


def _read_press_release(ctx: CheckContext, scope: str) -> PressRelease:
    blocks = [b for b in ctx.scope(scope) if has_words(b.text)]
    pr = PressRelease(blocks=blocks)
    rest = [b for b in blocks
            if not (b.kind == BlockKind.HEADING and _is_label(b)) and not _banner(b)]
    i = 0
    above = None
    if blocks and blocks[0].kind == BlockKind.HEADING and _is_label(blocks[0]) and (
        not rest or rest[0].kind != BlockKind.HEADING
    ):
        above = _headline_above(ctx, blocks[0])
    if above is not None:
        pr.headline, pr.subheading = above
        pr.blocks = [b for b in above if b is not None] + blocks
    elif (rest and rest[0].kind == BlockKind.HEADING) or (
        len(rest) > 1 and rest[0].kind == BlockKind.PARAGRAPH and "\n" not in rest[0].text.strip()
        and not rest[0].text.rstrip(" *_").endswith(".") and word_count(rest[0].text) <= 30
        and not re.search(DEFAULT_DATELINE, rest[0].text)
    ):
        pr.headline, i = rest[0], 1
    # a subheading sits under a headline: with none, a one-sentence first
    # paragraph is the opening, not a subheading
    if pr.subheading is None and pr.headline is not None and i < len(rest) and len(rest) > i + 1:
        nxt = rest[i]
        if nxt.kind == BlockKind.HEADING or (
            nxt.kind == BlockKind.PARAGRAPH
            and ((_one_sentence(nxt) and word_count(nxt.text) <= 60) or _emphasised(nxt))
            and not re.search(DEFAULT_DATELINE, nxt.text[strip_label(nxt.text) :])
            and not _ANNOUNCES.search(nxt.text)
            and not re.search(_DATED_LAUNCH_RE, nxt.text, re.IGNORECASE)
        ):
            pr.subheading, i = nxt, i + 1
    pr.body = [b for b in rest[i:] if b.is_prose]
    return pr



_LAUNCH_VERB = (
    r"(?:announces|announced|launches|launched|releases|released|introduces|introduced|"
    r"unveils|unveiled|publishes|published|debuts|debuted|opens|opened|makes|brings|adds|"
    r"expands|offers|delivers|ships|shipped)"
)
_HEADLINE_ORG = re.compile(
    rf"^\s*(?:title\s*:\s*)?(?:the\s+)?(?P<org>[^,:;]{{2,60}}?)\s+(?:today\s+|now\s+)?{_LAUNCH_VERB}\b",
    re.IGNORECASE,
)
_BODY_ORG = re.compile(
    r"(?<![\w'’])(?<![A-Za-z]-)(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}"
    r"(?:\s+(?:project|team|community|foundation|maintainers|contributors))?)"
    r"(?:\s*,\s+(?:a|an|the)\s[^,.;:\"“]{1,80},)?\s+"
    r"(?:today\s+|has\s+|have\s+)?(?:announce[sd]|launch(?:es|ed)|release[sd]|"
    r"introduce[sd]|unveil(?:s|ed)|publishe[sd]|maintain(?:s|ed)|develop(?:s|ed)|"
    r"created|builds|built)\b"
)
""""X today launched" in the opening paragraphs, after a dateline's dash too
("— March 2, 2027 —Tidewell Software today launched"), and past an apposition
("Tidewell Software, a Seattle company, today launched"), a project by its
name ("the Hofmann Elimination project announces"), and who maintains or builds
it ("Chordio maintains the bundle"): its founder or maintainer speaks for it."""
_HEADLINE_NAME = re.compile(
    r"^\s*(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s*(?::|\s[—–])\s+\S")
"""A headline that names the product first ("Hofmann Elimination: Open-Source
OPAQUE for Java"): the product speaks for the announcing side."""



def company_names(ctx: CheckContext, scope: str, extra: list[str]) -> list[str]:
    """Who is announcing: the headline's subject, the first paragraphs' "X launched",
    and any names the rubric gives; with the initials of multi-word names."""
    names = [e for e in extra if e.strip()]
    blocks = [b for b in ctx.scope(scope) if has_words(b.text)]
    heads = [b.text for b in blocks[:3] if b.kind == BlockKind.HEADING]
    headline = press_release(ctx, scope).headline
    if headline is not None:
        heads.append(headline.text)
    if ctx.document.title:
        heads.append(ctx.document.title)
    for head in heads:
        m = _HEADLINE_ORG.match(head)
        if m is not None and len(m.group("org").split()) <= 6:
            names.append(m.group("org"))
        m = _HEADLINE_NAME.match(head)
        if m is not None and not _PRFAQ_TITLE.search(m.group("org")):
            names.append(m.group("org"))
    for block in [b for b in blocks if b.is_prose][:3]:
        for m in _BODY_ORG.finditer(block.text):
            names.append(m.group("org"))
    out: list[str] = []
    for name in names:
        name = re.sub(r"^(?:the|today|now|title\s*:)\s+", "", name.strip(), flags=re.IGNORECASE)
        if name and name.lower() not in {n.lower() for n in out}:
            out.append(name)
        caps = [w for w in re.findall(r"[A-Z][\w'’-]*", name) if w.lower() not in {"the", "of"}]
        if len(caps) >= 2:
            initials = "".join(w[0] for w in caps)
            if initials not in out:
                out.append(initials)
    return out


def first_matches(block: Block, patterns: list[re.Pattern[str]]) -> list[re.Match[str]]:
    """The first match of each pattern that matches, earliest first."""
    found = [m for m in (p.search(block.text) for p in patterns) if m is not None]
    return sorted(found, key=lambda m: m.start())
