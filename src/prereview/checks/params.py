"""Parameter types of the check kinds: every kind's parameters are a ``Params``
model, validated when the rubric loads, so a typo or a bad regular expression is
an error with its field's name before any document is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from prereview.document import PROSE_KINDS, BlockKind
from prereview.regexes import bounded, risky

FLAGS = re.IGNORECASE | re.MULTILINE

DOCUMENT = "document"
"""Scope: every block except code."""
BODY = "body"
"""Scope: every block except code and those in appendix sections."""
SCOPES = (DOCUMENT, BODY)
"""Scopes every rubric has; a rubric's ``sections`` add their own."""


class Params(BaseModel):
    """Base of every kind's parameter model: unknown keys are errors, defaults are
    validated too (a default scope must exist in the rubric as much as a given one),
    and each field's docstring is its description (``prereview kinds``)."""

    model_config = ConfigDict(extra="forbid", validate_default=True,
                              use_attribute_docstrings=True)


# --------------------------------------------------------------------- field types


def _valid_regex(value: str) -> str:
    """A rubric's bad regular expression is an error when the rubric is bound."""
    try:
        _compiled(value)
    except re.error as exc:
        raise PydanticCustomError(
            "regex", "invalid regular expression {pattern}: {error}",
            {"pattern": repr(value), "error": str(exc)},
        ) from None
    return value


Regex = Annotated[
    str, AfterValidator(_valid_regex), WithJsonSchema({"type": "string", "format": "regex"})
]
"""A regular expression, compiled (and cached) when the rubric is bound."""


def with_names(patterns: list[str], names: list[str]) -> list[str]:
    """``patterns`` with ``{names}`` replaced by the names as one case-sensitive
    alternation, whole names only ("Go" but not "go", "C#" but not "C"): a list of
    other languages or projects stays data a rubric extends, not a regex."""
    if not names:
        return patterns
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    group = ("(?<![\\w#+])(?-i:" + "|".join(re.escape(n) for n in ordered)
             + ")(?![\\w#+])")
    return [p.replace("{names}", group) for p in patterns]


def _sections(info: ValidationInfo) -> tuple[str, ...] | None:
    """The resolved rubric's section ids, when validating against a rubric."""
    context = info.context
    if not isinstance(context, dict) or "sections" not in context:
        return None
    return tuple(context["sections"])


def _valid_section(value: str, info: ValidationInfo) -> str:
    sections = _sections(info)
    if sections is not None and value not in sections:
        raise PydanticCustomError(
            "section_ref", "unknown section '{section}' (sections of this rubric: {known})",
            {"section": value, "known": ", ".join(sections) or "none defined"},
        )
    return value


def _valid_scope(value: str, info: ValidationInfo) -> str:
    sections = _sections(info)
    if sections is not None and value not in (*SCOPES, *sections):
        raise PydanticCustomError(
            "scope_ref",
            "unknown scope '{scope}' (use {scopes} or a section of this rubric: {known})",
            {"scope": value, "scopes": ", ".join(SCOPES),
             "known": ", ".join(sections) or "none defined"},
        )
    return value


SectionRef = Annotated[
    str, AfterValidator(_valid_section), WithJsonSchema({"type": "string", "format": "section-id"})
]
"""A section id that the rubric's ``sections:`` defines."""
ScopeRef = Annotated[
    str, AfterValidator(_valid_scope), WithJsonSchema({"type": "string", "format": "scope"})
]
"""``document``, ``body`` or a section id of the rubric."""


def validation_context(section_ids: Any) -> dict[str, Any]:
    """What ``model_validate`` needs to check references against a rubric."""
    return {"sections": tuple(section_ids)}


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return bounded(pattern, FLAGS)  # a risky user pattern runs with a time limit


def compile_all(patterns: list[str]) -> list[re.Pattern[str]]:
    """Case-insensitive, multi-line; compiled once per process (rubrics are many
    patterns, more than ``re``'s own cache holds)."""
    return [_compiled(p) for p in patterns]


_UNJOINABLE = re.compile(r"\\\d|\(\?P=|\(\?\(|\(\?[aiLmsux-]*\)")
"""A numbered backreference, a named one, a conditional or a global inline flag:
a pattern that means something else inside an alternation."""


@lru_cache(maxsize=4096)
def _joined(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """``patterns`` as one alternation, or None when they cannot be joined (see
    ``_UNJOINABLE``; a risky one keeps its own time limit)."""
    if len(patterns) < 2 or any(_UNJOINABLE.search(p) or risky(p) for p in patterns):
        return None
    joined = "|".join(f"(?:{p})" for p in patterns)
    if risky(joined):
        return None
    try:
        return re.compile(joined, FLAGS)
    except re.error:
        return None


def any_search(patterns: list[str], text: str) -> bool:
    """Whether one of ``patterns`` (as ``compile_all`` compiles them) is found in
    ``text``: one search of their alternation, which finds a match exactly when
    one of them does."""
    return any_searcher(tuple(patterns))(text)


@lru_cache(maxsize=4096)
def any_searcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """``any_search`` of ``patterns`` as a function of the text, built once: for
    a loop over many texts (every heading of a document, per section id). Its
    answers are kept per text (headings recur from document to document: a
    batch, or the corpus, asks for "Summary" and "Motivation" again and again)."""
    joined = _joined(patterns)
    if joined is not None:
        search = joined.search

        def found(text: str) -> bool:
            return search(text) is not None
    else:
        compiled = compile_all(list(patterns))

        def found(text: str) -> bool:
            return any(p.search(text) for p in compiled)
    return lru_cache(maxsize=_TEXTS_KEPT)(found)


_TEXTS_KEPT = 2048
"""Texts whose answer ``any_searcher`` keeps, per pattern list."""


class Requirement(Params):
    """Something a section or paragraph must also contain, e.g. a number."""

    pattern: Regex
    """Searched case-insensitively in the text."""
    what: str
    """How a reader would name it in a message: "a number", "dates or owners"."""

    def found_in(self, text: str) -> bool:
        return _compiled(self.pattern).search(text) is not None


PROSE = sorted(PROSE_KINDS)
"""Default block kinds for style checks: the author's prose, never code, tables
or headings."""


class ProseParams(Params):
    """Where a style kind reads (the blocks of a scope, prose by default) and how
    many findings it tolerates before the criterion fails."""

    scope: ScopeRef = BODY
    """Where to read: ``document``, ``body`` or a section of the rubric."""
    kinds: list[BlockKind] = Field(default_factory=lambda: list(PROSE))
    """Block kinds read (paragraph, list_item, quote, heading, table)."""
    max_findings: int = Field(default=0, ge=0)
    """How many findings are always tolerated, whatever the document's size (the
    floor: with ``max_per_1000_words``, one occurrence in a short document never
    fails the criterion)."""
    authors_prose_only: bool = True
    """Leave out what is not the author's prose: tables of contents, API or flag
    listings, checklists, blockquotes (False: read them, e.g. for placeholders)."""
    max_per_1000_words: float | None = Field(default=None, ge=0)
    """Tolerated density: occurrences per 1,000 words of the prose read. The
    criterion fails only when the count is over both this density and
    ``max_findings``; unset, only ``max_findings`` counts (zero tolerance)."""
    suggestion: str | None = None
    """The fix each finding suggests (default: the criterion's own suggestion)."""
    warn_margin: float = Field(default=0.0, ge=0, le=1)
    """A count over the tolerance by at most this share of the density's allowance
    is a warning, not a failure: it passes with half the score and shows its
    findings. One jargon word over the allowance of a long document is a nit a bar
    raiser does not send a draft back for; a habit is well over it, and so is any
    count over the floor of a short text. 0: every count over fails."""

    def tolerated(self, words: int) -> int:
        """How many occurrences pass in ``words`` words of prose."""
        return tolerated(self.max_findings, self.max_per_1000_words, words)

    def near_miss(self, count: int, words: int) -> bool:
        """Whether ``count`` is over the tolerance by no more than the warning margin."""
        return near_miss(count, self.max_findings, self.max_per_1000_words, words,
                         self.warn_margin)


def near_miss(count: int, floor: int, per_1000: float | None, words: int,
              margin: float) -> bool:
    """Over the tolerance, but within ``margin`` of what the density allows in
    ``words`` words (unrounded; the floor when it allows more): a warning."""
    if margin <= 0 or count <= tolerated(floor, per_1000, words):
        return False
    allowance = max(float(floor), (per_1000 or 0.0) * words / 1000)
    return count <= allowance * (1 + margin)


NEAR_MISS = "just over the tolerance: a warning, not a failure"
"""Said in the note of a count within the warning margin."""

WARNING_SCORE = 0.5
"""Share of the weight a warning keeps: shown and counted a little, never failed."""


def tolerated(floor: int, per_1000: float | None, words: int) -> int:
    """The larger of the floor and the density's allowance for ``words`` words: a
    style problem fails when it is frequent for the document's size, not on its
    first occurrence in a long document."""
    if per_1000 is None:
        return floor
    return max(floor, int(per_1000 * words / 1000))


def tolerance_note(count: int, noun: str, words: int, floor: int,
                   per_1000: float | None) -> str:
    """The measured figure and the limit, for a style criterion's note."""
    if per_1000 is None:
        limit = f"tolerance {floor}"
    else:
        density = 1000 * count / words if words else 0.0
        limit = (f"{density:.1f} per 1,000 of {words} words; tolerance {per_1000:g} per "
                 f"1,000 words, at least {floor}: {tolerated(floor, per_1000, words)}")
    if count == 0:
        return f"no {noun} found ({limit})"
    return f"{count} {noun} found ({limit})"


class PatternSpec(BaseModel):
    """A regular expression with its own case rule (``TK`` only in capitals) and,
    optionally, its own message."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    regex: Regex
    """The regular expression."""
    case_sensitive: bool = False
    """Match case exactly (``TK`` but not ``tk``)."""
    message: str | None = None
    """This pattern's own finding message; ``{match}`` is the matched text."""


def _pattern_spec(value: Any) -> Any:
    return {"regex": value} if isinstance(value, str) else value


Pattern = Annotated[
    PatternSpec, BeforeValidator(_pattern_spec, json_schema_input_type=Regex | PatternSpec)
]
"""A bare string is a case-insensitive regular expression (read as a PatternSpec,
so a bad one is reported at ``patterns[i].regex``)."""

