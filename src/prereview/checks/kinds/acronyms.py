"""Acronyms spelled out at first use (``acronyms``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import (
    NEAR_MISS,
    WARNING_SCORE,
    Params,
    ScopeRef,
    near_miss,
    tolerance_note,
    tolerated,
)
from prereview.checks.reading.acronyms import (
    ACRONYM_RE,
    ROMAN_NUMERALS,
    Skipped,
    defines,
    skipped_spans,
    title_initials,
    wordlike,
)
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import word_count

_NOT_CAPITAL = re.compile(r"[^A-Z]")
_CAPITAL = re.compile(r"[A-Z]")
_NUMBERED = re.compile(r"[ \t-]\d{1,5}[A-Z]{0,2}\b")
"""Right after a token in capitals, a number: the token names a form, a standard or a
model ("DEF 14A", "ISO 8601", "RFC 2119"), not an acronym to spell out."""


class AcronymParams(Params):
    allow: list[str] = Field(default_factory=list)
    """Acronyms every reader knows (US, CEO, API, URL...): never findings."""
    add_allow: list[str] = Field(default_factory=list)
    """Added to the inherited ``allow`` (a user rubric need not repeat the list)."""
    min_length: int = Field(default=2, ge=2)
    """Shorter all-capital tokens are not acronyms."""
    max_length: int = Field(default=6, ge=2)
    """Longer all-capital tokens are words in capitals (IMPORTANT), not acronyms."""
    scope: ScopeRef = "document"
    """Where acronyms are read: ``document``, ``body`` or a section."""
    not_acronyms: list[str] = Field(default_factory=list)
    """Common words written in capitals (NOTE, WARNING, DRAFT): never acronyms; a
    plural in ``S`` of a listed word (NOTES) is one too."""
    defined_anywhere: bool = True
    """An acronym the document spells out anywhere (or whose initials a name in
    capitalised words gives, "Green Software Foundation" for GSF) is explained:
    the reader finds it. False: it must be spelled out at or before first use."""
    max_findings: int = Field(default=0, ge=0)
    """Unexplained acronyms always tolerated, whatever the document's size (the
    floor: one in a short document does not fail the criterion)."""
    max_per_1000_words: float | None = Field(default=None, ge=0)
    """Tolerated density of unexplained acronyms per 1,000 words of the scope;
    the criterion fails only over both this and ``max_findings``. Unset: only
    ``max_findings`` counts."""
    warn_margin: float = Field(default=0.0, ge=0, le=1)
    """A count over the tolerance within this share of the density's allowance is a
    warning: passes with half the score, its findings shown (as for word lists)."""
    message_before: str = ("'{match}' is used before it is spelled out{where}: spell it out "
                           "here, at first use.")
    """Finding on an acronym used before it is spelled out; ``{match}`` is the acronym,
    ``{where}`` where it is defined."""
    message_never: str = ("'{match}' is never spelled out: write it in full at first use, "
                          "e.g. 'Full Name ({match})'.")
    """Finding on an acronym never spelled out; ``{match}`` is the acronym."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""
    names_with_digits: bool = False
    """An all-capital token with a digit (LZ4, GRIB2, HDF5, FIDO2, FR3) is the name
    of a format, a standard, a version or a requirement, not an acronym to spell out."""
    min_uses: int = Field(default=1, ge=1)
    """In a document for a specialist audience (``specialist_distinct``), an
    acronym used fewer times is not reported: one the document leans on
    repeatedly without spelling out is a reading burden; many distinct ones used
    once or twice each are the field's vocabulary, which its reader knows."""
    specialist_distinct: int = Field(default=0, ge=0)
    """This many distinct unexplained acronyms or more mark a specialist audience
    (``min_uses`` applies); 0: ``min_uses`` always applies."""
    name_nouns: list[str] = Field(default_factory=list)
    """Class nouns that, right after an acronym anywhere in the document, show it is
    the name of a thing ("FITS files", "the MXF format", "JWST mission"), which
    its reader knows by that name."""


_WORD_START = re.compile(r"(?<![\w-])")


@lru_cache(maxsize=64)
def _noun_after(nouns: str) -> re.Pattern[str]:
    """What follows the acronym in ``ACRONYMs? noun``: compiled once per noun list,
    not once per acronym."""
    return re.compile(rf"s?[ \t]+(?i:{nouns})(?![\w-])")


class _NameContext:
    """Whether an acronym stands before a class noun somewhere ("FITS files")."""

    def __init__(self, blocks: list[Block], nouns: list[str]) -> None:
        self._text = "\n".join(b.text for b in blocks) if nouns else ""
        self._nouns = "|".join(re.escape(n) for n in nouns)

    def is_name(self, acronym: str) -> bool:
        r"""``(?<![\w-])ACRONYMs?[ \t]+(?i:nouns)(?![\w-])`` matched where the
        acronym, as written, occurs: the word-start test, then the rest after it."""
        if not self._nouns:
            return False
        after = _noun_after(self._nouns)
        text = self._text
        at = text.find(acronym)
        while at >= 0:
            if _WORD_START.match(text, at) is not None and after.match(
                    text, at + len(acronym)) is not None:
                return True
            at = text.find(acronym, at + 1)
        return False


@dataclass
class _Seen:
    first_use: tuple[Block, int, int] | None = None
    defined_at: Block | None = None


@check_kind("acronyms", AcronymParams)
def acronyms(ctx: CheckContext, criterion: Criterion, params: AcronymParams) -> Outcome:
    """One finding per acronym, at its first use, when it is never spelled out (or,
    with ``defined_anywhere: false``, spelled out only after that use); the
    criterion fails when they are more than the tolerance for the document's size."""
    allowed = {a.strip().upper() for a in [*params.allow, *params.add_allow]}
    common = {a.strip().upper() for a in params.not_acronyms}
    blocks = ctx.scope(params.scope)
    names: set[str] | None = None if params.defined_anywhere else set()
    seen: dict[str, _Seen] = {}
    uses: dict[str, int] = {}
    words = 0
    for block in blocks:
        text = block.text
        words += word_count(text)
        if _CAPITAL.search(text) is None:
            continue  # no acronym (ACRONYM_RE starts with A-Z) in it
        skipped: Skipped | None = None  # built at the first candidate: most blocks have none
        for m in ACRONYM_RE.finditer(text):
            acronym = m.group(1)
            if not (params.min_length <= len(acronym) <= params.max_length):
                continue
            if params.names_with_digits and any(c.isdigit() for c in acronym):
                continue
            if _NUMBERED.match(text, m.end()):
                continue  # a form's or a standard's name: "DEF 14A", "ISO 8601"
            if acronym in allowed or acronym in ROMAN_NUMERALS or wordlike(acronym):
                continue
            if acronym in common or (acronym.endswith("S") and acronym[:-1] in common):
                continue
            if names is None:  # read at the first candidate: most documents have few
                # one pass: no run of capitalised words spans a line break
                names = title_initials("\n".join(b.text for b in blocks), params.max_length)
            if _NOT_CAPITAL.sub("", acronym).lower() in names:
                continue
            if skipped is None:
                skipped = Skipped(skipped_spans(text) + [(c.start, c.end) for c in block.code])
            if m.start() in skipped:
                continue
            uses[acronym] = uses.get(acronym, 0) + 1
            state = seen.setdefault(acronym, _Seen())
            if state.defined_at is not None:
                continue
            if defines(text, m.start(), m.end(), acronym):
                state.defined_at = block
                continue
            if block.kind == BlockKind.HEADING:
                continue
            if state.first_use is None:
                state.first_use = (block, m.start(), m.end())
    findings: list[Finding] = []
    never = 0
    named = _NameContext(blocks, params.name_nouns)
    unexplained = [a for a, state in seen.items() if state.first_use is not None and not (
        params.defined_anywhere and state.defined_at is not None) and not named.is_name(a)]
    min_uses = params.min_uses if len(unexplained) >= params.specialist_distinct else 1
    wanted = set(unexplained)
    for acronym, state in seen.items():
        if state.first_use is None or acronym not in wanted or uses.get(acronym, 0) < min_uses:
            continue
        block, start, end = state.first_use
        if state.defined_at is not None:
            section = ctx.document.section_title(state.defined_at)
            line = state.defined_at.anchor.line
            where = f" (spelled out later, line {line})" if line is not None else (
                f" (spelled out later, in '{section}')" if section else " (spelled out later)")
            message = params.message_before.replace("{match}", acronym).replace("{where}", where)
        else:
            never += 1
            message = params.message_never.replace("{match}", acronym)
        findings.append(ctx.finding(criterion, block, start, end, message, params.suggestion))
    findings.sort(key=lambda f: (f.location.block or 0, f.location.start or 0)
                  if f.location is not None else (0, 0))
    note = (tolerance_note(len(findings), "acronyms not spelled out", words,
                           params.max_findings, params.max_per_1000_words)
            + f"; {never} never spelled out, {len(seen)} distinct acronyms checked")
    if min_uses > 1:
        note += (f"; a specialist's vocabulary ({len(unexplained)} distinct): those used "
                 f"fewer than {min_uses} times not counted")
    if len(findings) <= tolerated(params.max_findings, params.max_per_1000_words, words):
        return Outcome(True, [], note)
    if near_miss(len(findings), params.max_findings, params.max_per_1000_words, words,
                 params.warn_margin):
        return Outcome(True, findings, f"{note}; {NEAR_MISS}", score=WARNING_SCORE)
    return Outcome(False, findings, note)
