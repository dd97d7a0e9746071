"""A construct library's API states its security defaults (issue 8).

A CDK L2-construct RFC drafts its API in the README's code: each property's doc
comment says what the construct does when the user leaves it out
(``@default - Service managed encryption (AWS owned KMS key)``, ``@default - A
new security group is created``), and its ``grant*`` methods say who may be let
in (``grantConnect(grantee: iam.IGrantable)``). Where those comments state the
security behaviour (encryption, keys, security groups, roles, authorization,
network placement), that is the construct's security coverage, though no
heading says "Security": a reader of the API sees what is locked down by default
and how access is opened.

Read only in code blocks (never HTML): a doc comment is ``/** ... */``; it
counts when its default line itself names a security term (a type name read as
words: ``OriginAccessControl``), not its description alone ("Configuration
adding encryption" over "@default undefined" states no default); a grant method
counts too. Enough of them (``min_hits``, at least
one a stated default) cover the part; the first default is quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, compile_all
from prereview.document import Block, BlockKind

MAX_COMMENTS_PER_BLOCK = 200
"""Doc comments read in one code block (an API listing has dozens, not thousands)."""

MAX_COMMENT_CHARS = 2000
"""A doc comment longer than this is read up to here (a property's comment is a few lines)."""


class ApiDefaultsParams(Params):
    default_tag: Regex = r"@default\b"
    """What marks the comment's stated default (JSDoc's ``@default``)."""
    terms: list[Regex] = Field(default_factory=list)
    """What names a security behaviour in a doc comment (its description or default)."""
    grants: list[Regex] = Field(default_factory=list)
    """An API method that opens access (``grantConnect(grantee: iam.IGrantable)``)."""
    min_hits: int = Field(default=2, ge=1)
    """Stated security defaults and grant methods needed, one default at least."""


@dataclass(frozen=True)
class Stated:
    block: Block
    start: int
    """Offset of the quoted line in the block."""
    line: str
    """The default's line, as written ("@default - A new security group is created")."""
    hits: int


def _comments(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each ``/** ... */`` comment of a code block, by plain
    search (no regex over the block: linear)."""
    out: list[tuple[int, str]] = []
    at = 0
    while len(out) < MAX_COMMENTS_PER_BLOCK:
        start = text.find("/**", at)
        if start < 0:
            break
        end = text.find("*/", start + 3)
        stop = len(text) if end < 0 else end
        out.append((start, text[start:min(stop, start + MAX_COMMENT_CHARS)]))
        at = stop + 2
    return out


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _words(line: str) -> str:
    """A default line with its type names read as words ("a new
    OriginAccessControl is created": "Origin Access Control")."""
    return _CAMEL.sub(" ", line)


def stated_defaults(ctx: CheckContext, p: ApiDefaultsParams) -> Stated | None:
    """The first security default the API's doc comments state, when the code
    states ``min_hits`` of them and grant methods together."""
    tag = re.compile(p.default_tag, re.IGNORECASE)
    terms = compile_all(p.terms)
    grants = compile_all(p.grants)
    first: Stated | None = None
    defaults = grant_hits = 0
    for block in ctx.document.blocks:
        if block.kind != BlockKind.CODE or block.style == "html":
            continue
        text = block.text
        for offset, comment in _comments(text):
            m = tag.search(comment)
            if m is None:
                continue
            line_end = comment.find("\n", m.start())
            line = comment[m.start():line_end if line_end >= 0 else len(comment)].strip()
            if not any(t.search(_words(line)) for t in terms):
                continue  # "@default undefined" under "Configuration adding encryption"
            defaults += 1
            if first is None:
                first = Stated(block, offset + m.start(), line, 0)
        grant_hits += sum(1 for g in grants for _ in islice(g.finditer(text), p.min_hits))
    if first is None or defaults + grant_hits < p.min_hits:
        return None
    return Stated(first.block, first.start, first.line, defaults + grant_hits)
