"""A part of the press release said under its own heading (``headed-part``): a
"### Getting Started" over a block of commands (`brew install tool`, `tool up`) is
the getting-started part, though no paragraph says it. Without such a heading the
paragraphs decide, read by the check it wraps (``otherwise``, a paragraph-match)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, Requirement, ScopeRef, compile_all
from prereview.checks.reading.headings import normalise_heading
from prereview.checks.registry import Outcome, check_kind, get_kind
from prereview.document import Block, BlockKind, Section
from prereview.rubric.model import CheckSpec, Criterion

WrappedCheck = Annotated[CheckSpec, WithJsonSchema({
    "type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}},
    "description": "A check: its kind and that kind's parameters."})]
"""A nested check, validated against its own kind when the rubric is bound."""

_MAX_QUOTE = 60
"""Characters of the line that shows where the part was found."""


class HeadedPartParams(Params):
    scope: ScopeRef = "press-release"
    """Where the part's heading is read: a section of the rubric."""
    headings: list[Regex]
    """Headings (numbering off, case-insensitive) that name the part: a subsection
    of the scope under one of them is the part when it holds ``contains``."""
    contains: list[Requirement]
    """What the subsection's blocks, code blocks included, must hold (a command or a
    place to go): a heading alone is no part."""
    label: str = "part"
    """How the note names the part ("getting started")."""
    otherwise: WrappedCheck
    """The check that reads the part in paragraphs, when no subsection is the part."""
    _inner: Params | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _bind_otherwise(self, info: ValidationInfo) -> HeadedPartParams:
        """The wrapped check's parameters, validated as its own kind validates them
        (an unknown kind or field is an error when the rubric loads)."""
        try:
            kind = get_kind(self.otherwise.kind)
        except KeyError as exc:
            raise ValueError(f"otherwise: {exc.args[0]}") from None
        try:
            self._inner = kind.params.model_validate(self.otherwise.params,
                                                     context=info.context)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(part) for part in ("otherwise", *err["loc"]))
            raise ValueError(f"{where}: {err['msg']}") from None
        return self

    def inner(self) -> Params:
        assert self._inner is not None
        return self._inner


def _subsections(ctx: CheckContext, scope: str, headings: list[re.Pattern[str]]) -> list[Section]:
    """Subsections of the scope whose heading names the part, in document order."""
    in_scope = {b.index for b in ctx.scope(scope) if b.kind == BlockKind.HEADING}
    return [s for s in ctx.document.sections
            if s.heading_block is not None and s.heading_block in in_scope
            and any(h.search(normalise_heading(s.title)) for h in headings)]


def _holding(ctx: CheckContext, section: Section, contains: list[Requirement]) -> Block | None:
    """The first block under ``section`` (code included, comments never) holding
    every requirement, when its blocks together hold them all."""
    blocks = [b for b in ctx.document.blocks[section.first_block + 1:section.end_block]
              if not b.is_comment and b.text.strip()]
    if not all(any(r.found_in(b.text) for b in blocks) for r in contains):
        return None
    return next((b for b in blocks if any(r.found_in(b.text) for r in contains)), None)


def _first_line(block: Block, contains: list[Requirement]) -> str:
    """The line of ``block`` that holds what the part needs (a command)."""
    lines = [ln.strip() for ln in block.text.splitlines() if ln.strip()]
    line = next((ln for ln in lines if any(r.found_in(ln) for r in contains)), lines[0])
    return line if len(line) <= _MAX_QUOTE else line[: _MAX_QUOTE - 3].rstrip() + "..."


@check_kind("headed-part", HeadedPartParams)
def check_headed_part(ctx: CheckContext, criterion: Criterion, p: HeadedPartParams) -> Outcome:
    """A subsection of the scope headed as the part ("Getting Started") whose text or
    code holds what the part needs; else the wrapped paragraph check decides. The
    heading is the part's own place, so it is where the reading map points."""
    for section in _subsections(ctx, p.scope, compile_all(p.headings)):
        block = _holding(ctx, section, p.contains)
        if block is None:
            continue
        line = ctx.heading_block(section).anchor.line
        at = f" (line {line})" if line is not None else ""
        what = "commands" if block.kind == BlockKind.CODE else "text"
        note = (f"{p.label}: heading '{section.title}'{at}, with {what} "
                f"`{_first_line(block, p.contains)}`")
        return Outcome(True, note=note, found_at=note)
    outcome: Outcome = get_kind(p.otherwise.kind).fn(ctx, criterion, p.inner())
    return outcome

