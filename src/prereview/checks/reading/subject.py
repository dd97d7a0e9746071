"""A part a proposal covers without a section of its own (issue 8, blind reading 8:
kep-2413 "Enable seccomp by default", kep-3299 "KMS v2 Improvements").

Two readings, for the ``section`` kind:

- **the subject is the topic** (``or_subject``): a proposal whose title or summary
  names a security mechanism (seccomp, AppArmor, SELinux, encryption, KMS, TLS and
  certificates, authentication, authorization and RBAC, secrets, redaction of
  sensitive data) and whose prose weighs threats or risks ("could help prevent
  CVEs or 0-days", "must not contain any private data ... to avoid leaking") is
  its security argument from end to end: asking it for a "Security" section
  misreads its purpose. A word in the title alone is not enough (the risks must
  be discussed), and a file-permission or an ownership change names none of
  these mechanisms (the labels rule such KEPs "security absent").
- **the template asks for it here** (``or_asked_in``): the KEP template's "Risks
  and Mitigations" asks "How will security be reviewed, and by whom?"; a sentence
  of the author's there about security ("From a security perspective, permission
  to patch device attributes is limited to privileged users", "Exposing device
  attributes might leak sensitive information") is the KEP's security part. The
  template's own question, kept in the text, is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, SectionRef, compile_all
from prereview.checks.reading.headings import normalise_heading
from prereview.document import Block, BlockKind, Section
from prereview.prefixscan import finditer as scan_finditer
from prereview.text import sentence_at

MAX_HITS_PER_BLOCK = 20
"""Bound on the matches read in one block (a long page counts once enough)."""


class SubjectParams(Params):
    summary: SectionRef
    """The rubric's section id of the summary (its own text, not its subsections)."""
    terms: list[Regex] = Field(default_factory=list)
    """What names the topic as the proposal's subject, in its title or summary."""
    risks: list[Regex] = Field(default_factory=list)
    """What weighs the topic's risks, anywhere in the prose."""
    min_hits: int = Field(default=2, ge=1)
    """Matches of ``risks`` the prose needs..."""
    min_kinds: int = Field(default=2, ge=1)
    """...of this many different patterns."""


class AskedInParams(Params):
    headings: list[Regex] = Field(default_factory=list)
    """Headings of the section the template asks the topic in."""
    patterns: list[Regex] = Field(default_factory=list)
    """A sentence of the author's there that matches one covers the topic."""
    ignore: list[Regex] = Field(default_factory=list)
    """The template's own prompts there (its question, kept in the text)."""


@dataclass(frozen=True)
class Covered:
    block: Block
    start: int
    note: str
    """Why and where, for the criterion's note."""


def _own_blocks(ctx: CheckContext, section: Section) -> list[Block]:
    """The section's prose before its first subsection, comments aside."""
    doc = ctx.document
    out: list[Block] = []
    for block in doc.blocks[section.first_block : section.end_block]:
        if block.kind == BlockKind.HEADING:
            if block.index != section.heading_block:
                break
            continue
        if block.is_prose and not block.is_comment:
            out.append(block)
    return out


def subject_covers(ctx: CheckContext, p: SubjectParams, label: str) -> Covered | None:
    """The title or the summary names the topic and the prose weighs its risks."""
    terms = compile_all(p.terms)
    doc = ctx.document
    named: str | None = None
    title = ctx.title_section()
    heading = doc.blocks[title.heading_block].text if (
        title is not None and title.heading_block is not None) else doc.title
    places = [("the title", heading)]
    summary = ctx.sections_named(p.summary)
    if summary:
        places.append(("the summary", " ".join(b.text for b in _own_blocks(ctx, summary[0]))))
    for place, text in places:
        m = next((m for t in terms if (m := t.search(text.replace("\n", " ")))), None)
        if m is not None:
            named = f"'{m.group(0)}' in {place}"
            break
    if named is None:
        return None
    risks = compile_all(p.risks)
    meta = ctx.metadata()
    hits = 0
    kinds: set[int] = set()
    first: tuple[Block, int] | None = None
    for block in doc.blocks:
        if not block.is_prose or block.is_comment or block.index in meta:
            continue
        text = block.text.replace("\n", " ")
        for k, pattern in enumerate(risks):
            found = list(islice(scan_finditer(pattern, text), MAX_HITS_PER_BLOCK))
            if found:
                hits += len(found)
                kinds.add(k)
                if first is None:
                    first = (block, found[0].start())
    if first is None or hits < p.min_hits or len(kinds) < p.min_kinds:
        return None
    block, start = first
    line = block.line_of(start)
    where = f" (first at line {line})" if line is not None else ""
    return Covered(block, start, f"{label}: the proposal's subject ({named}) is a security "
                   f"control, and the document weighs its risks{where}: the whole "
                   "document is the security argument")


def asked_in_covers(ctx: CheckContext, p: AskedInParams, label: str) -> Covered | None:
    """A sentence of the author's about the topic in the section the template asks
    it in."""
    doc = ctx.document
    headings = compile_all(p.headings)
    patterns = compile_all(p.patterns)
    ignore = compile_all(p.ignore)
    for section in doc.sections:
        if section.heading_block is None or not any(
            h.search(normalise_heading(doc.blocks[section.heading_block].text)) for h in headings
        ):
            continue
        for block in _own_blocks(ctx, section):
            text = block.text.replace("\n", " ")
            for pattern in patterns:
                for m in islice(scan_finditer(pattern, text), MAX_HITS_PER_BLOCK):
                    s, e = sentence_at(text, m.start())
                    if any(x.search(text[s:e]) for x in ignore):
                        continue
                    line = block.line_of(m.start())
                    where = f" (line {line})" if line is not None else ""
                    title = doc.blocks[section.heading_block].text.strip()
                    return Covered(block, m.start(), f"{label}: no heading; '{title}', "
                                   f"where the template asks for it, covers it{where}")
    return None
