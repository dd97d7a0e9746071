"""Whether a criterion applies to this document at all (``applies_if``).

A change proposal (an RFC, a KEP) is not a service design: asking it for an
operations plan, a cost estimate or success metrics fails documents their own
reviewers approved. Such criteria apply only when the document shows it is about
a service: it has a heading for that section, or its text talks about running one.
A document that says in its opening that it defers to a parent document (a
vendor KEP that "inherits all the contents from its parent KEP", a component spec
"derived from the continuous delivery design document") is not asked again for
what the parent holds (``unless_patterns``). Product words of an embedded README
("Metrics", "alarms") do not make a service criterion apply (``outside``).
A criterion tied to a template section (``template``) applies to every document
whose template family has that section, and elsewhere only where the document
has it: every KEP is asked for its test plan, no Rust RFC is. Security applies
where the change exposes a surface (``surfaces``: what its text and code touch,
not the word "security"; :mod:`prereview.checks.reading.surfaces`).
"""

from __future__ import annotations

import re
from itertools import islice

from prereview.checks.context import CheckContext
from prereview.checks.params import BODY, compile_all
from prereview.checks.reading.embedded import embedded_blocks
from prereview.checks.reading.surfaces import exposed
from prereview.document import Block, BlockKind
from prereview.prefixscan import finditer as scan_finditer
from prereview.rubric.model import Applicability, Criterion
from prereview.wordindex import candidates, per_pattern, union

MAX_HITS_SCANNED = 1000
"""Counting stops here: the threshold is a handful, the scan stays linear."""


def not_applicable(ctx: CheckContext, criterion: Criterion) -> str | None:
    """None when the criterion applies, else why it does not (for the report)."""
    rule = criterion.applies_if
    if rule is None:
        return None
    if rule.never:
        return rule.reason
    if rule.unless_patterns and _deferred(ctx, rule):
        return rule.unless_reason
    if rule.unless_metadata and _stage_exempt(ctx, rule.unless_metadata):
        return rule.unless_metadata_reason
    if rule.unless_title and _titled(ctx, rule.unless_title) and not any(
            ctx.sections_named(section) for section in rule.unless_title_keeps
            if section in ctx.rubric.sections):
        return rule.unless_title_reason
    reason = rule.reason
    if rule.template is not None:
        family = ctx.family()
        if family is None:
            reason = reason.replace("{template}", "document's")
        elif rule.template in family[1].has:
            return None
        else:
            reason = reason.replace("{template}", family[1].label)
            if (not rule.sections and not rule.patterns and not rule.markers
                    and not rule.surfaces):
                return reason
    if not rule.sections and not rule.patterns and not rule.markers and not rule.surfaces:
        return None
    if rule.markers and marker_hit(ctx, rule.markers) is not None:
        return None
    # the README's own headings of the part, nested in it, are the product's
    skipped = embedded_blocks(ctx, rule.outside, through=rule.sections) if rule.outside else set()
    for section in rule.sections:
        if section in ctx.rubric.sections and any(
                s.heading_block not in skipped for s in ctx.sections_named(section)):
            return None
    if rule.surfaces and exposed(ctx, rule) is not None:
        return None
    if rule.patterns:
        patterns = compile_all(rule.patterns)
        cands = candidates(ctx.document, patterns)  # blocks where one may match
        hits = 0
        for block in ctx.prose(BODY):
            if block.index in skipped or (cands is not None and block.index not in cands):
                continue
            for pattern in patterns:
                hits += sum(1 for _ in islice(scan_finditer(pattern, block.text),
                                              MAX_HITS_SCANNED))
            if hits >= rule.min_hits:
                return None
    return reason


def asked_by_template_only(ctx: CheckContext, criterion: Criterion) -> bool:
    """The criterion applies to this document only because its template family
    asks it (``template``): no section, surface or marker of its own makes it
    apply (a KEP that names no access control, secrets or privileged execution is
    still asked "How will security be reviewed?", but nothing is seen at stake)."""
    rule = criterion.applies_if
    if rule is None or rule.template is None:
        return False
    family = ctx.family()
    if family is None or rule.template not in family[1].has:
        return False
    if rule.markers and marker_hit(ctx, rule.markers) is not None:
        return False
    skipped = embedded_blocks(ctx, rule.outside, through=rule.sections) if rule.outside else set()
    if any(section in ctx.rubric.sections and any(
            s.heading_block not in skipped for s in ctx.sections_named(section))
           for section in rule.sections):
        return False
    return not (rule.surfaces and exposed(ctx, rule) is not None)


def marker_hit(ctx: CheckContext, markers: list[str]) -> tuple[Block, re.Match[str]] | None:
    """The first block (code included, HTML comments not: a template's
    instructions are not the author's text) where one of ``markers`` matches."""
    patterns = compile_all(markers)
    where = per_pattern(ctx.document, patterns)  # blocks where each may match
    cands = union(where)
    for block in ctx.document.blocks:
        if (cands is not None and block.index not in cands) or block.is_comment:
            continue
        for pattern, at in zip(patterns, where, strict=True):
            if at is not None and block.index not in at:
                continue
            m = pattern.search(block.text)
            if m is not None:
                return block, m
    return None


def _stage_exempt(ctx: CheckContext, wanted: dict[str, str]) -> bool:
    """A metadata key matches a key pattern of ``wanted`` and its value the value
    pattern (``stage: alpha``, ``latest-milestone`` of an alpha KEP)."""
    for key, value in ctx.document.metadata.items():
        for key_pattern, value_pattern in wanted.items():
            if (re.search(key_pattern, key, re.IGNORECASE)
                    and re.search(value_pattern, value, re.IGNORECASE)):
                return True
    return False


def _titled(ctx: CheckContext, patterns: list[str]) -> bool:
    """The document's title (its title heading, else ``title`` in its metadata)
    matches one of ``patterns``."""
    heading = ctx.title_section()
    titles = [heading.title] if heading is not None else []
    titles += [v for k, v in ctx.document.metadata.items() if k.lower() == "title"]
    compiled = compile_all(patterns)
    return any(p.search(" ".join(t.split())) for t in titles for p in compiled)


def _deferred(ctx: CheckContext, rule: Applicability) -> bool:
    """The opening paragraphs of the body match one of ``unless_patterns`` (list
    items are left out: a KEP opens with its table of contents)."""
    patterns = compile_all(rule.unless_patterns)
    paragraphs = (b for b in ctx.prose(BODY) if b.kind == BlockKind.PARAGRAPH)
    opening = list(islice(paragraphs, rule.unless_within))
    # a soft line break is a space ("incorporated as part of\nthe design doc")
    return any(p.search(block.text.replace("\n", " ")) for block in opening for p in patterns)
