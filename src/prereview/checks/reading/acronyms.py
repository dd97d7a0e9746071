"""Acronyms spelled out at first use ("Service Level Objective (SLO)").

A definition is the acronym in parentheses after words that spell it (by their
initials, or its letters in order: "adaptive bitrate (ABR)"), the name then ", or
ACR", or the acronym followed by its expansion in parentheses or after a colon or
dash ("SLO (Service Level Objective)", "SLO: Service Level Objective"). Headings may
define but never count as a use; code is never read.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from prereview.text import URL_RE

ACRONYM_RE = re.compile(r"(?<![\w@/.-])((?=[A-Z][0-9]*+[A-Z])[A-Z][A-Z0-9]*+)(s?+)(?![\w@]|\.\w)")
"""Two or more capitals (digits allowed), then an optional plural s. Possessive:
giving characters back could never satisfy the final look-ahead, and without it
a long run of capitals followed by a letter backtracked quadratically."""
_CAPS_RUN_RE = re.compile(
    r"(?<![\w'’&.-])[A-Z][A-Z0-9'’&.-]*+(?:[ \t]+[A-Z][A-Z0-9'’&.-]*(?![a-z0-9])){2,}"
)
"""Three or more words in capitals in a row: shouting (IMPORTANT NOTE TO USERS).
Starts only where a token starts, so ``A.A.A...`` is read once, not once per letter."""
_DATELINE_RE = re.compile(r"^\W{0,4}([^—–\n]{3,60}?)\s*(?:[—–]|--)")
_DATELINE_PLACE_RE = re.compile(r"^[\W_]*[A-Z]{3,}|,\s*[A-Z]{2}\.?$")
"""``SEATTLE, WA —`` / ``Seattle, WA —`` opening a press release: a place, not
acronyms."""
_REGION_CODES = """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS
    MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR
    AB BC MB NB NL NS NT NU ON PE QC SK YT NSW QLD VIC"""
_REGIONS = frozenset(_REGION_CODES.split())
"""US states (and DC, Puerto Rico), Canadian provinces, the larger Australian states."""
_PLACE_RE = re.compile(
    r"(?<![\w.-])(?<![\w.-]['’])[A-Z][A-Za-z.'’-]*+(?:[ \t]+[A-Z][A-Za-z.'’-]*+){0,3},[ \t]*"
    r"([A-Z]{2,3})\.?"
    r"(?![\w@])"
)
"""``Seattle, WA`` anywhere (a dateline in any form, "offices in Austin, TX"): the
region code after a place name is not an acronym."""
_RUN_LEFT_RE = re.compile(r"(?:(?<![\w@/.-])[A-Z][A-Z0-9]+s?[ \t/&-]+)+$")
_RUN_RIGHT_RE = re.compile(r"(?:[ \t/&-]+[A-Z][A-Z0-9]+s?(?![\w@]))+")
"""Acronyms written next to one another ("PCI DSS", "CI/CD")."""
ROMAN_NUMERALS = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII",
                            "XIV", "XV", "XX", "XXX"})
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
_EXPANSION_AFTER_RE = re.compile(r"\s*(?:\(|:|=|[—–]|-{1,2}\s|,\s+or\s+|\s+stands\s+for\s+|"
                                 r"\s+means\s+|\s+is\s+short\s+for\s+)")


def wordlike(token: str) -> bool:
    """An all-capital token of four letters or more with as many vowels as
    consonants is a word in capitals (``ACME``, ``NOTE``, ``UPDATE``), not an
    acronym (``JSON``, ``POSIX``, ``NGINX``)."""
    return len(token) >= 4 and 2 * sum(c in "AEIOU" for c in token) >= len(token)


_CAPITALISED_RUN_RE = re.compile(  # starts at a word's start, possessive: linear time
    r"(?<![\w'’])[A-Z][\w'’]*+"
    r"(?:[ \t]++(?:(?:of|and|for|the|on|in|to|&)[ \t]++){0,3}[A-Z][\w'’]*+){1,7}"
)
_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "in", "to", "&"})


def title_initials(text: str, max_letters: int = 6) -> set[str]:
    """Initials of the runs of capitalised words in ``text`` ("Green Software
    Foundation" gives ``gsf``; a longer run also its parts of three letters or
    more): a name written in full in a
    title or a headline explains the acronym of its initials used later, without
    the "Name (ACR)" form. Connectors (of, and, for) are skipped."""
    out: set[str] = set()
    for m in _CAPITALISED_RUN_RE.finditer(text):
        words = [w for w in m.group(0).split() if w not in _CONNECTORS]
        letters = [w[0].lower() for w in words if w[0].isupper()]
        if 2 <= len(letters) <= max_letters:
            out.add("".join(letters))
        for i in range(len(letters)):  # parts of a longer name: three letters or more
            for j in range(i + 3, min(len(letters), i + max_letters) + 1):
                out.add("".join(letters[i:j]))
    return out


def _initials(words: list[str]) -> list[str]:
    """Letters an acronym may take from each word: its first letter and any capital
    inside it (``CustomResourceDefinition`` gives c, r, d)."""
    out: list[str] = []
    for w in words:
        for part in re.split(r"[-'’]", w):
            if not part:
                continue
            out.append(part[0].lower())
            out.extend(ch.lower() for ch in part[1:] if ch.isupper())
    return out


def _spells(letters: str, words: list[str]) -> bool:
    """Whether ``words`` (starting with the acronym's first letter) spell it."""
    if not words or words[0][0].lower() != letters[0]:
        return False
    pool = iter(_initials(words))
    return all(any(c == ch for c in pool) for ch in letters)


def _spells_loosely(letters: str, words: list[str]) -> bool:
    """``adaptive bitrate (ABR)``, ``JavaScript (JS)``: the words start with the
    acronym's first letter, and its letters appear in order in them, each word
    giving at least its first letter (a letter may come from inside a compound
    word). Only for the ``Full Name (ACR)`` form, where the writer pairs the two."""
    if not words or words[0][0].lower() != letters[0] or len(words) > len(letters):
        return False
    joined = "".join(w.lower() for w in words)
    it = iter(joined)
    return all(ch in it for ch in letters)


def _defined_before(text: str, open_paren: int, letters: str) -> bool:
    """``Full Name (ACR)``: the words before the parenthesis spell the acronym
    (by their initials, or loosely: letters in order, from the last few words)."""
    head = _WORD_RE.findall(text[max(0, open_paren - 200):open_paren])
    window = head[-(len(letters) + 4):]
    if any(_spells(letters, window[i:]) for i in range(len(window))):
        return True
    return any(_spells_loosely(letters, window[i:]) for i in range(len(window)))


_OR_BEFORE_RE = re.compile(r",?\s+or\s+(?:the\s+)?$")
"""``Software Carbon Intensity, or SCI,``: the name, then "or" and the acronym."""


def _defined_after(text: str, end: int, letters: str) -> bool:
    """``ACR (Full Name)`` / ``ACR: Full Name``: the words after spell it."""
    m = _EXPANSION_AFTER_RE.match(text, end)
    if m is None:
        return False
    rest = text[m.end():m.end() + 200]
    rest = re.split(r"[)\].;]|\n\s*\n", rest, maxsplit=1)[0]  # a soft break is a space
    words = _WORD_RE.findall(rest)[: len(letters) + 4]
    return any(_spells(letters, words[: j]) for j in range(len(letters), len(words) + 1))


def defines(text: str, start: int, end: int, acronym: str) -> bool:
    """Whether ``acronym``, at ``text[start:end]``, is spelled out right there:
    "Full Name (ACR)", "Full Name, or ACR", "ACR (Full Name)", "ACR: Full Name";
    or together with the
    acronyms next to it, whose letters the words spell in turn: "PCI DSS (Payment
    Card Industry Data Security Standard)" defines both."""
    letters = re.sub(r"[^A-Z]", "", acronym).lower()
    if _defines_at(text, start, end, letters):
        return True
    run_start, run_end = _run_around(text, start, end)
    if (run_start, run_end) == (start, end):
        return False
    run_letters = re.sub(r"[^A-Z]", "", re.sub(r"(?<=[A-Z0-9])s\b", "", text[run_start:run_end]))
    return _defines_at(text, run_start, run_end, run_letters.lower())


def _defines_at(text: str, start: int, end: int, letters: str) -> bool:
    window = max(0, start - 256)  # bounded: a long block has many acronyms
    before = text[window:start].rstrip()
    in_parens = before.endswith("(") and text[end:end + 2].lstrip().startswith(")")
    if in_parens and _defined_before(text, window + len(before) - 1, letters):
        return True
    or_form = _OR_BEFORE_RE.search(text[window:start])
    if or_form is not None and _defined_before(text, window + or_form.start(), letters):
        return True
    return _defined_after(text, end, letters)


def _run_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the acronyms written together with the one at ``text[start:end]``
    ("PCI DSS", "CI/CD"), or just its own."""
    left = _RUN_LEFT_RE.search(text, max(0, start - 60), start)
    right = _RUN_RIGHT_RE.match(text, end)
    return (left.start() if left is not None else start,
            right.end() if right is not None else end)



class Skipped:
    """Spans a token is not read in, merged and sorted so each token is looked up
    by bisection (a block can hold thousands of URLs and thousands of tokens)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if self.spans and s <= self.spans[-1][1]:
                self.spans[-1] = (self.spans[-1][0], max(self.spans[-1][1], e))
            elif s < e:
                self.spans.append((s, e))
        self.starts = [s for s, _ in self.spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]


def skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in URL_RE.finditer(text)]
    spans += [m.span() for m in _CAPS_RUN_RE.finditer(text)]
    dateline = _DATELINE_RE.match(text)
    if dateline is not None and "," in dateline.group(1) and \
            _DATELINE_PLACE_RE.search(dateline.group(1).strip()):
        spans.append(dateline.span())
    spans += [m.span(1) for m in _PLACE_RE.finditer(text) if m.group(1) in _REGIONS]
    return spans

