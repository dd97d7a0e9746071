"""What a change exposes: the security surfaces a proposal's own text and code name.

Whether a proposal owes its readers a security discussion is not decided by the
word "security". "Security group", ``SecurityAspect`` or "Security Hub" are names,
and an example that "enforces encryption on S3 buckets" says what a user might
do, not what the change opens. What the change exposes is named by what it
touches: access control (IAM roles and policies, grants, RBAC, service accounts),
secrets and credentials, privileged execution (privileged containers, root, host
paths), traffic at the edge (load balancers, wildcard hosts, TLS), code or
content it fetches and trusts, and the document's own word that security is at
stake ("no additional security tests have been conducted").

The surfaces are data (``Applicability.surfaces`` in the rubric: kind name to
patterns). They are read in the author's prose, headings and code (a CDK RFC's
API is its code: ``grant(grantee)``, ``secrets?:``, ``privileged``), never in
HTML comments (a template's instructions), the leading metadata or the title.
Spans of ``ignore`` (compound names, CamelCase identifiers; case-insensitive
unless a pattern says ``(?-i:...)``) are not hits. A
change exposes a surface when hits of at least ``surface_kinds`` different kinds,
and ``surface_hits`` in all, are found (one kind named in passing is not a
surface), or enough hits of one strong kind (``strong_surfaces``: code it
fetches and runs, its own word that security is at stake, access control as what
the change is about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.document import Block, BlockKind
from prereview.prefixscan import finditer as scan_finditer
from prereview.rubric.model import Applicability

MAX_HITS_PER_KIND = 50
"""Counting stops here: the thresholds are a handful, the scan stays linear."""


@dataclass(frozen=True)
class SurfaceHit:
    kind: str
    block: Block
    start: int
    end: int


def _read_blocks(ctx: CheckContext) -> list[Block]:
    """The author's text and code: no comment, metadata or title heading."""
    skip = set(ctx.metadata())
    title = ctx.title_section()
    if title is not None and title.heading_block is not None:
        skip.add(title.heading_block)
    return [b for b in ctx.document.blocks
            if b.index not in skip and not b.is_comment
            and (b.is_prose or b.kind in (BlockKind.HEADING, BlockKind.CODE,
                                          BlockKind.TABLE_CELL))]


def _ignored(ignore: list[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    return [m.span() for rx in ignore for m in islice(rx.finditer(text), MAX_HITS_PER_KIND)]


def surface_hits(ctx: CheckContext, surfaces: dict[str, list[str]],
                 ignore: list[str]) -> dict[str, list[SurfaceHit]]:
    """Hits of each surface kind (at most ``MAX_HITS_PER_KIND`` each), in
    document order; a hit inside an ``ignore`` span does not count."""
    kinds = [(name, compile_all(patterns)) for name, patterns in surfaces.items() if patterns]
    skip = compile_all(ignore)  # a CamelCase name: ``(?-i:...)`` in the pattern
    out: dict[str, list[SurfaceHit]] = {}
    if not kinds:
        return out
    for block in _read_blocks(ctx):
        text = block.text
        spans: list[tuple[int, int]] | None = None
        for name, patterns in kinds:
            found = out.setdefault(name, [])
            if len(found) >= MAX_HITS_PER_KIND:
                continue
            for rx in patterns:
                for m in islice(scan_finditer(rx, text), MAX_HITS_PER_KIND):
                    if m.end() <= m.start():
                        continue
                    if spans is None:
                        spans = _ignored(skip, text)
                    if any(s <= m.start() and m.end() <= e for s, e in spans):
                        continue
                    found.append(SurfaceHit(name, block, m.start(), m.end()))
    return {k: v for k, v in out.items() if v}


def exposed(ctx: CheckContext, rule: Applicability) -> dict[str, list[SurfaceHit]] | None:
    """The hits by kind when the change exposes a surface (``surface_kinds`` kinds
    and ``surface_hits`` hits in all, or enough of one ``strong_surfaces`` kind), else
    None. Read once per review."""
    key = ("surfaces", tuple((k, tuple(v)) for k, v in rule.surfaces.items()),
           tuple(rule.surface_ignore))
    hits = ctx.cached(key, lambda: surface_hits(ctx, rule.surfaces, rule.surface_ignore))
    if len(hits) >= rule.surface_kinds and sum(len(v) for v in hits.values()) >= rule.surface_hits:
        return hits
    if any(len(hits.get(kind, ())) >= n for kind, n in rule.strong_surfaces.items()):
        return hits
    return None


def exposure_note(ctx: CheckContext, rule: Applicability) -> str | None:
    """What made the criterion apply, for its note: each surface kind found, with
    the line of its first hit ("it applies: access control (line 650), secrets
    (line 513)");
    None when no surface made it apply (a heading did, or nothing did)."""
    if not rule.surfaces:
        return None
    hits = exposed(ctx, rule)
    if hits is None:
        return None
    parts = []
    for kind, found in sorted(hits.items(), key=lambda kv: kv[1][0].block.index):
        line = found[0].block.line_of(found[0].start)
        parts.append(f"{kind} (line {line})" if line is not None else kind)
    return "it applies: " + ", ".join(parts)
