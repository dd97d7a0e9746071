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
Spans of ``ignore`` (compound names, CamelCase identifiers, the field names of
an API such as ``securityContext``; case-insensitive unless a pattern says
``(?-i:...)``) are not hits, and neither is a word inside a bare URL (a link's
address is not the author saying what the change does). A
change exposes a surface when hits of at least ``surface_kinds`` different kinds,
and ``surface_hits`` in all, are found (one kind named in passing is not a
surface), or enough hits of one strong kind (``strong_surfaces``: code it
fetches and runs, its own word that security is at stake, access control as what
the change is about).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.prose import table_of_contents
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
    """The author's text and code: no comment, metadata, title heading or table of
    contents (its entries repeat the headings, read where they stand)."""
    skip = set(ctx.metadata()) | table_of_contents(ctx)
    title = ctx.title_section()
    if title is not None and title.heading_block is not None:
        skip.add(title.heading_block)
    return [b for b in ctx.document.blocks
            if b.index not in skip and not b.is_comment
            and (b.is_prose or b.kind in (BlockKind.HEADING, BlockKind.CODE,
                                          BlockKind.TABLE_CELL))]


IGNORE_WINDOW = 80
"""Characters read on each side of a hit for the ``ignore`` names around it."""


def _ignored_at(ignore: list[re.Pattern[str]], text: str, start: int, end: int) -> bool:
    """Whether the hit ``text[start:end]`` lies inside an ``ignore`` match (read in
    a window around the hit: a name is short, the block may be long)."""
    lo = max(0, start - IGNORE_WINDOW)
    window = text[lo:end + IGNORE_WINDOW]
    return any(m.start() + lo <= start and end <= m.end() + lo
               for rx in ignore for m in rx.finditer(window))


URL_WINDOW = 400
"""Characters read back from a hit for the start of a bare URL around it."""

_URL_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.")


def _in_url(text: str, start: int) -> bool:
    """Whether the hit at ``start`` is inside a bare URL ("https://.../access-policies.html"):
    a link's address, not the author's words."""
    lo = max(0, start - URL_WINDOW)
    head = text[lo:start]
    cut = max(head.rfind(c) for c in " \t\n<([\"'")
    return _URL_START.search(head, cut + 1) is not None


SEPARATOR = "\n\x00\n"
"""Between two blocks of the joined text: no pattern matches across it."""


@lru_cache(maxsize=64)
def _kinds(surfaces: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern[str]]]:
    """Each kind's patterns as one alternation (one scan of the text per kind)."""
    return [(name, compile_all(["|".join(f"(?:{p})" for p in patterns)])[0])
            for name, patterns in surfaces]


def surface_hits(ctx: CheckContext, surfaces: dict[str, list[str]],
                 ignore: list[str]) -> dict[str, list[SurfaceHit]]:
    """Hits of each surface kind (at most ``MAX_HITS_PER_KIND`` each), in
    document order; a hit inside an ``ignore`` name does not count. The blocks
    read are joined once and each kind scans the whole text (tried only where
    its literals occur), so the cost is one pass per kind, not per block."""
    kinds = _kinds(tuple((k, tuple(v)) for k, v in surfaces.items() if v))
    blocks = _read_blocks(ctx) if kinds else []
    if not blocks:
        return {}
    starts: list[int] = []
    offset = 0
    for block in blocks:
        starts.append(offset)
        offset += len(block.text) + len(SEPARATOR)
    text = SEPARATOR.join(b.text for b in blocks)
    skip = compile_all(ignore)  # a CamelCase name: ``(?-i:...)`` in the pattern
    out: dict[str, list[SurfaceHit]] = {}
    for name, rx in kinds:
        found: list[SurfaceHit] = []
        for m in scan_finditer(rx, text):
            if m.end() <= m.start():
                continue
            i = bisect_right(starts, m.start()) - 1
            block, base = blocks[i], starts[i]
            start, end = m.start() - base, m.end() - base
            if end > len(block.text) or (skip and _ignored_at(skip, block.text, start, end)):
                continue
            if _in_url(block.text, start):
                continue
            found.append(SurfaceHit(name, block, start, end))
            if len(found) >= MAX_HITS_PER_KIND:
                break
        if found:
            out[name] = found
    return out


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
