"""One product, one spelling (``consistent-names``; issue 8, new rule): "ML Max"
in one paragraph and "mlmax" in the next, "KFabrik" and "Kfabrik", make a reader
wonder whether they are two things.

The names are the words of the press release's opening (its headline, the
document's title and first paragraphs) written somewhere like a name: a word with
a capital inside ("KFabrik") or two capitalised words ("ML Max"). A form differs
when the words split differently ("ML Max" and "mlmax"); case, hyphens and a form
in all capitals (a shouted banner) do not count. Code is never read (``mlmax``
in backticks is the package)."""

from __future__ import annotations

import re
from collections import Counter

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, ScopeRef
from prereview.checks.reading.press import press_release
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.review import Finding
from prereview.rubric.model import Criterion

_TOKEN = re.compile(r"(?<![\w@/.#-])[A-Za-z][A-Za-z0-9]*+(?:-[A-Za-z0-9]++)*+(?![\w@/-]|\.\w)")


class NamesParams(Params):
    scope: ScopeRef = "press-release"
    """Where the names are taken from (the press release: its headline and opening)."""
    opening: int = Field(default=3, ge=1)
    """How many prose blocks of the scope (after the headline) give names."""
    min_length: int = Field(default=4, ge=2)
    """Shorter names (letters only) are left alone."""


_NOT_KEY = re.compile(r"[^a-z0-9]")


def _key(form: str) -> str:
    return _NOT_KEY.sub("", form.lower())


def _name_like(form: str) -> bool:
    """"KFabrik", "LedgerBook" (a capital inside a word) or "ML Max" (two
    capitalised words); never a hyphenated word ("Open-Source")."""
    if "-" in form:
        return False
    words = form.split()
    if len(words) == 2:
        return all(w[:1].isupper() for w in words)
    return any(c.isupper() for c in form[1:]) and not form.isupper()


def _shape(form: str) -> str:
    """What must match: the words and where they split, case and hyphens aside
    ("Green Software" is "green software"; "ML Max" is not "mlmax")."""
    return " ".join(form.lower().replace("-", " ").split())


def _forms(blocks: list[Block], wanted: set[str] | None = None
           ) -> dict[str, list[tuple[Block, int, int, str]]]:
    """Each word and pair of words of ``blocks`` by key (only the keys
    ``wanted``, when given); a pair's key is its two words' keys joined."""
    out: dict[str, list[tuple[Block, int, int, str]]] = {}
    for block in blocks:
        text = block.text
        code = [(c.start, c.end) for c in block.code]
        tokens = [m for m in _TOKEN.finditer(text)
                  if not any(s <= m.start() < e for s, e in code)]
        keys = [_key(m.group()) for m in tokens]
        for i, m in enumerate(tokens):
            if wanted is None or keys[i] in wanted:
                out.setdefault(keys[i], []).append((block, m.start(), m.end(), m.group()))
            if i + 1 < len(tokens) and text[m.end():tokens[i + 1].start()] == " ":
                nxt = tokens[i + 1]
                pair = keys[i] + keys[i + 1]
                if wanted is None or pair in wanted:
                    out.setdefault(pair, []).append(
                        (block, m.start(), nxt.end(), text[m.start():nxt.end()]))
    return out


def _title_cased(block: Block) -> bool:
    """A heading in title case: every longer word capitalised ("A Mac-Native Markdown
    Editor for People Who Think in Plain Text")."""
    words = [w for w in _TOKEN.findall(block.text) if len(w) > 3]
    return (block.kind == BlockKind.HEADING and len(words) >= 3
            and all(w[:1].isupper() for w in words))


def _not_title_cased(uses: list[tuple[Block, int, int, str]]
                     ) -> list[tuple[Block, int, int, str]]:
    """``uses`` less two words in a title-cased heading that are written nowhere
    else so: title case capitalises a plain phrase ("a Markdown editor" in the
    headline of "MarkdownEditor"), it does not respell the name."""
    elsewhere = {u[3] for u in uses if not _title_cased(u[0])}
    return [u for u in uses if " " not in u[3] or not _title_cased(u[0]) or u[3] in elsewhere]


@check_kind("consistent-names", NamesParams)
def check_consistent_names(ctx: CheckContext, criterion: Criterion, p: NamesParams) -> Outcome:
    """Each product name of the opening is written one way across the document."""
    pr = press_release(ctx, p.scope)
    opening = [b for b in ctx.scope(p.scope) if b.is_prose][: p.opening]
    sources = [b for b in (pr.headline, *opening) if b is not None]
    title = [b for b in ctx.document.blocks[:1] if b.kind == BlockKind.HEADING]
    names = {key for key in _forms([*title, *sources]) if len(key) >= p.min_length}
    everywhere = _forms([b for b in ctx.scope("document") if b.kind != BlockKind.CODE], names)
    findings: list[Finding] = []
    for key in sorted(names):
        uses = _not_title_cased([u for u in everywhere.get(key, []) if not u[3].isupper()])
        if not any(_name_like(u[3]) for u in uses):
            continue
        shapes = Counter(_shape(u[3]) for u in uses)
        if len(shapes) < 2:
            continue
        main = shapes.most_common(1)[0][0]
        main_form = next(u[3] for u in uses if _shape(u[3]) == main)
        odd = next(u for u in uses if _shape(u[3]) != main)
        others = sorted({u[3] for u in uses if _shape(u[3]) != main})
        block, start, end, form = odd
        findings.append(ctx.finding(
            criterion, block, start, end,
            f"'{form}' is also written '{main_form}' ({shapes[main]} times; other forms: "
            f"{', '.join(repr(o) for o in others)}): spell the name one way.",
        ))
    findings.sort(key=lambda f: (f.location.block or 0) if f.location else 0)
    note = f"{len(names)} name(s) checked, {len(findings)} spelled more than one way"
    return Outcome(not findings, findings, note=note)
