"""The parts of a press release and who announces it.

The parts of a press release are read once per review: the headline is its first
heading that is not a label ("Press release", "PR/FAQ"), or a short one-line
first paragraph with no full stop; when the press release opens with a label
heading, it is the document's title just above that heading (a Word Title, maybe
with a Subtitle under it). The subheading is the next heading, or a one-sentence
paragraph that is not the dateline; the rest is the body.

Two shapes of real PR/FAQs are read too: a bold headline line with the italic
subheading on the next line of the same paragraph, under a title that names the
document ("# PR/FAQ: Ailly"); and boilerplate before the headline, a release
line and a dateline on a line of its own ("**Seattle, WA — April 18, 2026**"),
then the headline as a lower heading: that dateline line opens the body.

The dateline's patterns and ``strip_label`` live in ``reading.dateline`` and are
re-exported here, where the kinds read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prereview.checks.context import CheckContext
from prereview.checks.reading.dateline import DATE_OPENING as DATE_OPENING
from prereview.checks.reading.dateline import DEFAULT_DATELINE as DEFAULT_DATELINE
from prereview.checks.reading.dateline import bare_dateline
from prereview.checks.reading.dateline import strip_label as strip_label
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
@dataclass
class PressRelease:
    blocks: list[Block]
    headline: Block | None = None
    subheading: Block | None = None
    body: list[Block] = field(default_factory=list)
    """Prose blocks after the headline and subheading (a dateline line set above
    the headline first: it is the dateline)."""
    headline_span: tuple[int, int] | None = None
    """Where the headline is in its block's text when it is one line of it (a bold
    line with the italic subheading on the next line of the same paragraph)."""
    subheading_span: tuple[int, int] | None = None
    """Where the subheading is in its block's text when it shares the headline's."""

    def headline_range(self) -> tuple[int, int]:
        """The headline's ``[start, end)`` in its block's text (label and trailing
        space off); the headline must be there."""
        assert self.headline is not None
        return self.headline_span or _whole(self.headline)

    def subheading_range(self) -> tuple[int, int]:
        """The subheading's ``[start, end)`` in its block's text; it must be there."""
        assert self.subheading is not None
        return self.subheading_span or _whole(self.subheading)

    def headline_text(self) -> str:
        """The headline's words, or "" with no headline."""
        if self.headline is None:
            return ""
        start, end = self.headline_range()
        return self.headline.text[start:end]


def _whole(block: Block) -> tuple[int, int]:
    return strip_label(block.text), len(block.text.rstrip())


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


def _headline_shaped(blocks: list[Block], k: int) -> bool:
    """``blocks[k]`` can be the headline: a heading, or a one-line paragraph of at
    most 30 words with no full stop that is not a dateline, with more after it."""
    if k >= len(blocks):
        return False
    block = blocks[k]
    if block.kind == BlockKind.HEADING:
        return True
    if (len(blocks) <= k + 1 or block.kind != BlockKind.PARAGRAPH
            or re.search(DEFAULT_DATELINE, block.text)):
        return False
    words = word_count(block.text)
    if _wholly_bold(block) and words <= 40:
        return True  # set in bold on its own: the headline, however it wraps or ends
    return ("\n" not in block.text.strip() and not block.text.rstrip(" *_").endswith(".")
            and words <= 30)


def _wholly_bold(block: Block) -> bool:
    """A paragraph set wholly in bold ("**Dossier keeps a topic of work alive across
    agent sessions.**", wrapped over two lines or not)."""
    text = block.text.strip()
    lead = len(block.text) - len(block.text.lstrip())
    return bool(text) and any(m.kind == "strong" and m.start <= lead
                              and m.end >= lead + len(text.rstrip("*_ ")) for m in block.marks)


def _set_apart(block: Block, start: int, end: int) -> tuple[int, int] | None:
    """The words of ``block.text[start:end]`` when one bold or italic mark covers
    them all and no more: a line set apart on its own."""
    piece = block.text[start:end]
    lo = start + len(piece) - len(piece.lstrip())
    hi = start + len(piece.rstrip())
    if lo >= hi:
        return None
    if any(m.kind in ("strong", "em") and start <= m.start <= lo and hi <= m.end <= end
           for m in block.marks):
        return lo, hi
    return None


def _headline_lines(block: Block) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A paragraph whose first line is the headline and whose other lines the
    subheading, each set apart on its own ("**Ailly Energizes Prompt Testing**"
    then "*Open-source toolkit treats ...*" on the next line, no blank line
    between): the headline short with no full stop, the subheading at most 60
    words. One mark over both lines is a headline that wraps, not this."""
    if block.kind != BlockKind.PARAGRAPH:
        return None
    text = block.text
    cut = text.find("\n", len(text) - len(text.lstrip()))
    if cut < 0:
        return None
    head = _set_apart(block, 0, cut)
    sub = _set_apart(block, cut + 1, len(text))
    if head is None or sub is None:
        return None
    words = text[head[0]:head[1]]
    if (word_count(words) > 30 or words.endswith(".") or re.search(DEFAULT_DATELINE, words)
            or word_count(text[sub[0]:sub[1]]) > 60):
        return None
    return head, sub


def _read_press_release(ctx: CheckContext, scope: str) -> PressRelease:
    blocks = [b for b in ctx.scope(scope) if has_words(b.text)]
    pr = PressRelease(blocks=blocks)
    rest = [b for b in blocks
            if not (b.kind == BlockKind.HEADING and _is_label(b)) and not _banner(b)]
    # a dateline line above the headline ("**FOR IMMEDIATE RELEASE**", "**Seattle,
    # WA — April 18, 2026**", then "### Kith Puts Chat Back ..."): the dateline,
    # read as the body's first paragraph; the headline is what follows it
    dated: list[Block] = []
    if rest and bare_dateline(rest[0]) and _headline_shaped(rest, 1):
        dated, rest = rest[:1], rest[1:]
    i = 0
    above = None
    if blocks and blocks[0].kind == BlockKind.HEADING and _is_label(blocks[0]) and (
        not rest or rest[0].kind != BlockKind.HEADING
    ) and not dated:
        above = _headline_above(ctx, blocks[0])
    lines = _headline_lines(rest[0]) if len(rest) > 1 else None
    if above is not None:
        pr.headline, pr.subheading = above
        pr.blocks = [b for b in above if b is not None] + blocks
    elif lines is not None:
        # headline and subheading as two lines of one paragraph
        pr.headline = pr.subheading = rest[0]
        pr.headline_span, pr.subheading_span = lines
        i = 1
    elif _headline_shaped(rest, 0):
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
    pr.body = dated + [b for b in rest[i:] if b.is_prose]
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
    r"created|builds|built|is\s+(?:now\s+)?available\s+(?:today|now))\b"
)
""""X today launched" in the opening paragraphs (or "X, an open-source tool, is
available today": the product announcing itself), after a dateline's dash too
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
    headline = press_release(ctx, scope).headline_text()
    if headline:
        heads.append(headline)
    if ctx.document.title:
        heads.append(ctx.document.title)
    # the tagline under the document's title, before the release ("*StumpCloud —
    # Available now, self-hosted.*"): its opening name is the announcing side's
    heads += [b.text for b in ctx.document.blocks[:4]
              if b.kind == BlockKind.PARAGRAPH and _HEADLINE_NAME.match(b.text)
              and b.index < (blocks[0].index if blocks else 0)]
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
