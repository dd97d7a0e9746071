"""What a check sees: the Document, the rubric's named sections, and helpers that
turn a character range into a Finding with its anchor."""

from __future__ import annotations

import re
from functools import cached_property

from prereview.document import Block, BlockKind, Document, Section
from prereview.review import Finding, Location
from prereview.rubrics import Criterion, Rubric

DOCUMENT = "document"
"""Scope: every block except code."""
BODY = "body"
"""Scope: every block except code and those in appendix sections."""


class CheckContext:
    def __init__(self, document: Document, rubric: Rubric) -> None:
        self.document = document
        self.rubric = rubric

    # ------------------------------------------------------------------ sections

    def heading_matches(self, section: Section, patterns: list[str]) -> bool:
        title = section.title.strip()
        return any(re.search(p, title, re.IGNORECASE) for p in patterns)

    def sections_named(self, section_id: str) -> list[Section]:
        """Sections whose heading matches the rubric's aliases for ``section_id``,
        outermost only (a matching subsection of a match is already inside it)."""
        return self._sections_named.get(section_id, [])

    @cached_property
    def _sections_named(self) -> dict[str, list[Section]]:
        found: dict[str, list[Section]] = {}
        for sid, spec in self.rubric.sections.items():
            hits: list[Section] = []
            for section in self.document.sections:
                if section.heading_block is None or not self.heading_matches(
                    section, spec.headings
                ):
                    continue
                if any(h.first_block <= section.first_block < h.end_block for h in hits):
                    continue
                hits.append(section)
            found[sid] = hits
        return found

    def scope(self, name: str) -> list[Block]:
        """Blocks of a scope: ``document``, ``body`` or a rubric section id.

        A section id with no matching heading falls back to ``before:`` (the blocks
        before the first heading of that other section); with neither, it is empty.
        Code blocks are never in a scope.
        """
        return self._scope(name, ())

    def _scope(self, name: str, seen: tuple[str, ...]) -> list[Block]:
        blocks = self.document.blocks
        if name == DOCUMENT:
            return [b for b in blocks if b.kind != BlockKind.CODE]
        if name == BODY:
            skip: set[int] = set()
            for sid, spec in self.rubric.sections.items():
                if spec.appendix:
                    for section in self.sections_named(sid):
                        skip.update(range(section.first_block, section.end_block))
            return [b for b in blocks if b.kind != BlockKind.CODE and b.index not in skip]
        if name not in self.rubric.sections:
            raise KeyError(f"unknown scope '{name}' in rubric '{self.rubric.id}'")
        sections = self.sections_named(name)
        if sections:
            picked: set[int] = set()
            for section in sections:
                picked.update(range(section.first_block, section.end_block))
            return [b for b in blocks if b.index in picked and b.kind != BlockKind.CODE]
        spec = self.rubric.sections[name]
        if spec.before and spec.before not in seen:
            later = self.sections_named(spec.before)
            end = min((s.first_block for s in later), default=None)
            if end is None:
                return []
            return [b for b in blocks[:end] if b.kind != BlockKind.CODE]
        return []

    def prose(self, scope: str) -> list[Block]:
        return [b for b in self.scope(scope) if b.is_prose]

    # ------------------------------------------------------------------ findings

    def location(self, block: Block, start: int | None = None, end: int | None = None) -> Location:
        return Location(
            section=self.document.section_title(block) or None,
            block=block.index,
            line=block.line_of(start or 0),
            column=block.column_of(start or 0) if block.anchor.line is not None else None,
            paragraph=block.anchor.paragraph,
            start=start,
            end=end,
        )

    def finding(
        self,
        criterion: Criterion,
        block: Block,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding quoting ``block.text[start:end]`` exactly, anchored to it."""
        return Finding(
            criterion=criterion.id,
            severity=criterion.severity,
            source="rule",
            message=message,
            quote=block.text[start:end],
            suggestion=suggestion if suggestion is not None else criterion.suggestion,
            location=self.location(block, start, end),
        )

    def block_finding(
        self, criterion: Criterion, message: str, block: Block | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding about a whole block (quoting its text) or, with no block, about
        the document (no quote: something is missing)."""
        if block is None:
            return Finding(
                criterion=criterion.id,
                severity=criterion.severity,
                message=message,
                suggestion=suggestion if suggestion is not None else criterion.guidance or None,
            )
        return self.finding(criterion, block, 0, len(block.text), message, suggestion)
