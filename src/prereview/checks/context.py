"""What a check sees: the Document, the rubric's named sections and scopes, and
helpers that turn a character range into a Finding with its anchor.

This is the one place sections and scopes are looked up, for every kind. Real
documents need more than a regex on the heading:

- heading text is normalised first ("3.2 Non-Goals [optional]:" reads "Non-Goals");
- a title heading that wraps the whole document is taken for a section only when
  no heading inside it matches too (in "# Design doc: security review" with a
  "## Security" below, the Security section is the inner one);
- a section ends at the first heading, nested inside it, of a section its spec
  names in ``until:`` (a "# Press release" heading over the whole PR/FAQ ends at
  its "## Customer FAQ"); a nested section of any other id stays part of it (a
  "## FAQ" holding "### Internal FAQ" is still the whole FAQ);
- a section known only as what precedes another (``before:``) runs to the first
  heading of that section or of an ``until:`` one; with none of them, to the first
  FAQ-style question ("Q: ...", a question heading) or else to the end of the
  body: a PR/FAQ titled "PRFAQ" with "Q:" paragraphs still has a press release,
  and one with no FAQ at all is read as a press release throughout.

Everything is computed once per context and kept in ``memo``, which the kinds
share for their own per-review results (press-release parts, quotes).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from prereview.checks.params import BODY, DOCUMENT, any_search, any_searcher, compile_all
from prereview.checks.reading.families import template_family
from prereview.checks.reading.headings import is_question_start, normalise_heading
from prereview.checks.reading.metadata import metadata_blocks
from prereview.document import Block, BlockKind, Document, Section
from prereview.review import Finding, Location
from prereview.rubric.model import Criterion, Family, Rubric, SectionSpec
from prereview.text import has_words, humanise

T = TypeVar("T")


class CheckContext:
    def __init__(self, document: Document, rubric: Rubric) -> None:
        self.document = document
        self.rubric = rubric
        self.memo: dict[Hashable, Any] = {}
        """Per-review results, computed once: sections, scopes, and whatever the
        kinds share (press-release parts, quotes). Lives and dies with the context."""

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per context; later calls with ``key`` return it."""
        if key not in self.memo:
            self.memo[key] = compute()
        value: T = self.memo[key]
        return value

    # ------------------------------------------------------------------ sections

    def title_section(self) -> Section | None:
        """The heading that wraps the whole document (its title), if there is one."""
        return self.cached("title_section", self._title_section)

    def _title_section(self) -> Section | None:
        doc = self.document
        headed = [s for s in doc.sections if s.heading_block is not None]
        if len(headed) < 2:
            return None
        first = headed[0]
        before = doc.blocks[: first.first_block]
        if all(b.kind == BlockKind.CODE or not has_words(b.text) for b in before) and all(
            s.level > first.level for s in headed[1:]
        ):
            return first
        return self._flat_title(headed)

    def _flat_title(self, headed: list[Section]) -> Section | None:
        """A title set at the level of the sections: the first heading, after the
        metadata only, with nothing under it and right above a heading of the same
        level that names a section of the rubric while it names none ("## Checking
        conditional compilation at compile time" over "## Summary")."""
        doc = self.document
        first, second = headed[0], headed[1]
        meta = self.metadata()
        if any(b.kind != BlockKind.CODE and has_words(b.text) and b.index not in meta
               for b in doc.blocks[: first.first_block]):
            return None
        if second.level != first.level or second.first_block != first.first_block + 1:
            return None
        names = self.normalised_titles()

        def named(section: Section) -> bool:
            return any(p.search(names[section.index]) for spec in self.rubric.sections.values()
                       for p in compile_all(spec.headings))

        return first if named(second) and not named(first) else None

    def family(self) -> tuple[str, Family] | None:
        """The template family the document follows (a KEP, a Rust RFC), if the
        rubric has families."""
        return self.cached("family", lambda: template_family(self.document, self.rubric))

    def normalised_titles(self) -> list[str]:
        """Each section's title with numbering and decorations off, by section index."""
        return self.cached(
            "titles", lambda: [normalise_heading(s.title) for s in self.document.sections]
        )

    def heading_block(self, section: Section) -> Block:
        """The heading block of a section that has one (a section found by its
        heading always does)."""
        assert section.heading_block is not None
        return self.document.blocks[section.heading_block]

    def heading_text(self, section: Section) -> str:
        if section.heading_block is None:
            return section.title
        return self.document.blocks[section.heading_block].text.strip()

    def sections_named(self, section_id: str) -> list[Section]:
        """Sections whose normalised heading matches the rubric's aliases for
        ``section_id``; outermost only (a matching subsection of a match is already
        inside it), and never the document's title heading when another matches."""
        return self.cached(("sections", section_id), lambda: self._sections_named(section_id))

    def _sections_named(self, section_id: str) -> list[Section]:
        spec = self.rubric.sections.get(section_id)
        if spec is None:
            raise KeyError(f"unknown section '{section_id}' in rubric '{self.rubric.id}'")
        names = self.normalised_titles()
        named = any_searcher(tuple(spec.headings))
        weak = spec.weak_headings
        matching = [
            s for s in self.document.sections
            if s.heading_block is not None and (
                named(names[s.index])
                or (weak and self._weakly_named(s, weak, spec.weak_content, names)))
        ]
        title = self.title_section()
        if title is not None and len(matching) > 1:
            matching = [s for s in matching if s is not title]
        hits: list[Section] = []
        for section in matching:
            if not any(h.first_block <= section.first_block < h.end_block for h in hits):
                hits.append(section)
        return hits

    def _weakly_named(self, section: Section, headings: list[str], content: list[str],
                      names: list[str]) -> bool:
        """A weak heading matches and the section's own text says it is that part."""
        if not headings or not any_search(headings, names[section.index]):
            return False
        wanted = compile_all(content)
        return any(p.search(b.text.replace("\n", " "))
                   for b in self.document.blocks[section.first_block:section.end_block]
                   if b.is_prose for p in wanted)

    # ------------------------------------------------------------------ scopes

    def scope(self, name: str) -> list[Block]:
        """Blocks of a scope: ``document``, ``body`` or a rubric section id; headings
        and tables included, code never.

        A section id with no matching heading falls back to ``before:`` (the blocks
        of the body before that other section, or before the first FAQ question, or
        the whole body); with neither, it is empty.
        """
        return list(self.cached(("scope", name), lambda: self._scope(name)))

    def metadata(self) -> set[int]:
        """Block indices of the document's leading metadata (``Key: value`` lines)."""
        return self.cached("metadata", lambda: metadata_blocks(self.document))

    def _scope(self, name: str) -> list[Block]:
        # a leading ``Key: value`` block (Author, Status, RFC PR...) is a form, not
        # prose: no scope holds it, so no style or first-paragraph rule reads it
        meta = self.metadata()
        blocks = [b for b in self.document.blocks if b.index not in meta]
        if name == DOCUMENT:
            return [b for b in blocks if b.kind != BlockKind.CODE]
        if name == BODY:
            skip: set[int] = set()
            for sid, spec in self.rubric.sections.items():
                if spec.appendix:
                    skip.update(self.block_indices(self.sections_named(sid)))
            return [b for b in blocks if b.kind != BlockKind.CODE and b.index not in skip]
        if name not in self.rubric.sections:
            raise KeyError(f"unknown scope '{name}' in rubric '{self.rubric.id}'")
        spec = self.rubric.sections[name]
        sections = self.sections_named(name)
        if sections:
            picked: set[int] = set()
            for section in sections:
                picked.update(range(section.first_block, self._cut(section, spec)))
            return [b for b in blocks if b.index in picked and b.kind != BlockKind.CODE]
        if not spec.before:
            return []
        body = self.scope(BODY)
        later = [s for sid in (spec.before, *spec.until) for s in self.sections_named(sid)]
        if later:
            end = min(s.first_block for s in later)
        else:
            end = next((b.index for b in body if is_question_start(b)),
                       len(self.document.blocks))
        return [b for b in body if b.index < end]

    def _cut(self, section: Section, spec: SectionSpec) -> int:
        """Where ``section`` ends: its own end, or the first block of a section named
        in ``until`` that sits inside it (a "# Press release" heading over the
        whole PR/FAQ ends at its "## Customer FAQ"). A section of ``parts_inside``
        is one of its parts, not its end, unless another of ``until`` follows it
        there (a "### Getting Started" before the release's "### Availability", or
        closing it; not a "## Usage" right before the FAQ it wraps)."""
        end = section.end_block
        inner = sorted((s.first_block, s.end_block, sid) for sid in spec.until
                       for s in self.sections_named(sid)
                       if section.first_block < s.first_block < end)
        starts = {first for first, _, _ in inner}
        for first, last, sid in inner:
            if sid in spec.parts_inside and last not in starts:
                continue
            return first
        return end

    def block_positions(self) -> dict[int, list[int]]:
        """Where each block index is in the document's list of blocks (once per
        review): a section's blocks read without a scan of every block."""
        def compute() -> dict[int, list[int]]:
            out: dict[int, list[int]] = {}
            for k, block in enumerate(self.document.blocks):
                out.setdefault(block.index, []).append(k)
            return out

        return self.cached("block positions", compute)

    @staticmethod
    def block_indices(sections: list[Section]) -> set[int]:
        """Indices of every block of ``sections`` (headings and subsections included)."""
        picked: set[int] = set()
        for section in sections:
            picked.update(range(section.first_block, section.end_block))
        return picked

    def prose(self, scope: str) -> list[Block]:
        """Prose blocks (paragraphs, list items, quotes) of a scope that hold words
        (worked out once per scope; a copy, as ``scope`` gives)."""
        return list(self.cached(("prose", scope), lambda: [
            b for b in self.scope(scope) if b.is_prose and has_words(b.text)]))

    def scope_label(self, name: str) -> str:
        """How messages name a scope: "document", "main body", "press release"."""
        if name == DOCUMENT:
            return "document"
        if name == BODY:
            return "main body"
        return humanise(name)

    # ------------------------------------------------------------------ findings

    def location(self, block: Block, start: int | None = None, end: int | None = None) -> Location:
        return self.document.location(block, start, end)

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
