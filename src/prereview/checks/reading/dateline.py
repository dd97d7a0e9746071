"""The dateline of a press release and the template labels of its lines: what
a dateline looks like (a place and a date, either a template field), a first
paragraph dated in its prose, and a dateline on a line of its own."""

from __future__ import annotations

import re

from prereview.document import Block, BlockKind

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


def bare_dateline(block: Block) -> bool:
    """A paragraph that is a dateline and nothing more ("**Seattle, WA — April 18,
    2026**"): the dateline on its own line, above or below the headline, not the
    opening paragraph."""
    if block.kind != BlockKind.PARAGRAPH or "\n" in block.text.strip():
        return False
    text = block.text[strip_label(block.text):]
    m = re.match(DEFAULT_DATELINE, text)
    return m is not None and not text[m.end():].strip(" \t.,;:—–-")
