"""Word-level style kinds: word lists and placeholders (claims with no number or
no baseline are the ``claims`` family)."""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import (
    Pattern,
    Regex,
    compile_all,
    tolerance_note,
)
from prereview.checks.reading.cutoff import whole_emphasis
from prereview.checks.reading.deferred import deferred_as
from prereview.checks.reading.matching import (
    blocks_of,
    build_matcher,
    render,
)
from prereview.checks.reading.press import press_release
from prereview.checks.reading.prose import authors_prose
from prereview.checks.reading.quotes import find_quotes
from prereview.checks.reading.quotes import quoted_spans as quoted_in
from prereview.checks.registry import Outcome, check_kind
from prereview.checks.wordlists import ListParams, decide, inside, quoted_spans
from prereview.document import Block, BlockKind
from prereview.review import Finding, Severity
from prereview.rubric.model import Criterion
from prereview.text import sentence_at
from prereview.wordindex import union


class WordListParams(ListParams):
    case_sensitive: bool = False
    """For ``words``; each pattern carries its own case rule."""
    skip_questions: bool = False
    """Ignore matches inside questions ("Should I migrate?" is not a hedge)."""
    replacements: dict[str, str] = Field(default_factory=dict)
    """Plain alternatives by lower-cased match: ``utilize: use``."""
    except_sections: list[str] = Field(default_factory=list)
    """Section ids left out of the read (a proposal's rationale and alternatives,
    where weighing options tentatively is the genre's norm); an id the rubric does
    not define is skipped."""


def _except_blocks(ctx: CheckContext, section_ids: list[str]) -> set[int]:
    skipped: set[int] = set()
    for sid in section_ids:
        if sid in ctx.rubric.sections:
            skipped.update(ctx.block_indices(ctx.sections_named(sid)))
    return skipped


@check_kind("word-list", WordListParams)
def word_list(ctx: CheckContext, criterion: Criterion, params: WordListParams) -> Outcome:
    """Every occurrence of a listed word, phrase or pattern is its own finding;
    never inside inline code (`` `TODO` `` or `` `[name]` `` is an identifier, not
    the author's prose)."""
    findings, blocks = _word_findings(ctx, criterion, params)
    return decide(findings, blocks, "occurrences", params)


def _word_findings(ctx: CheckContext, criterion: Criterion,
                   params: WordListParams) -> tuple[list[Finding], list[Block]]:
    """``word_list``'s findings and the blocks it read."""
    matcher = build_matcher(params.matcher_words(), [*params.patterns, *params.add_patterns],
                            [*params.ignore, *params.add_ignore], params.case_sensitive)
    replacements = {k.lower(): v for k, v in params.replacements.items()}
    findings: list[Finding] = []
    blocks = blocks_of(ctx, params.scope, params.kinds)
    if params.authors_prose_only:
        blocks = authors_prose(ctx, blocks)
    if params.except_sections:
        skipped = _except_blocks(ctx, params.except_sections)
        blocks = [b for b in blocks if b.index not in skipped]
    where = matcher.places(ctx.document)  # blocks where each part may match
    cands = union(where)
    for block in blocks:
        if cands is not None and block.index not in cands:
            continue
        text = block.text
        quoted = quoted_spans(block) if params.skip_quoted else []
        for m in matcher.finditer(text, block.index, where):
            if any(c.start < m.end and m.start < c.end for c in block.code):
                continue
            if quoted and inside(m.start, quoted):
                continue
            if params.skip_questions:
                _, s_end = sentence_at(text, m.start)
                if text[:s_end].rstrip("\"'”’)] ").endswith("?"):
                    continue
            quote = text[m.start:m.end]
            suggestion = params.suggestion
            alternative = replacements.get(" ".join(quote.lower().split()))
            if alternative is not None:
                suggestion = f"Write '{alternative}' instead of '{quote}'."
            findings.append(ctx.finding(criterion, block, m.start, m.end,
                                        render(m.message or params.message, quote), suggestion))
    return findings, blocks


# ------------------------------------------------------------------ placeholders
# Placeholders (``placeholders``): the word list of unfinished text, plus link
# targets left as the template's ("[the guide](http://Link)"), with a severity in
# proportion to what is left unfilled.
#
# A placeholder or two in the body of a draft ("languages TBD", "available at
# [repository URL]") is a one-minute fix: the failure is ``major``, not a blocker
# that makes the whole document not-ready. Placeholders where the reader looks
# first keep the criterion's own severity: the title or headline, the subheading,
# the release line, taglines and the dateline (the press release's opening), the
# quotes and their attributions; and so do more than ``major_at_most`` of them
# anywhere.

_PRESS = "press-release"


class PlaceholderParams(WordListParams):
    link_targets: list[Regex] = Field(default_factory=list)
    """Link targets that are a template's stand-in (``http://Link``, ``url``,
    ``#``): matched against the whole target, case-insensitive."""
    link_message: str = ("The link '{match}' points at a placeholder ('{target}'): put the "
                         "real address.")
    """Finding on a placeholder link target; ``{match}`` is the link text."""
    major_at_most: int = Field(default=0, ge=0)
    """This many placeholders or fewer, none in a prominent place (title, headline,
    release line, dateline, quotes), fail as ``major``; 0: always the criterion's
    own severity."""
    code_patterns: list[Pattern] = Field(default_factory=list)
    """Placeholders looked for in code blocks too (never HTML comments): a
    template's own marker kept in a fence (a KEP's ``<<[UNRESOLVED ...]>>``)."""
    heading_labels: list[Pattern] = Field(default_factory=list)
    """In a heading, a match of one of these is the author's label for the section
    after the heading's own words ("Why use it? [USE CASES]"), not a placeholder:
    a placeholder found inside one is dropped (a heading that is only a bracket,
    "## [Feature name]", has no words before it and stays one)."""
    link_tags: bool = True
    """A bracketed word in capitals right before a link on its line ("- [IRLO]
    [Request: derive enum's default][r1]", "[PDF] [The report](...)") tags the
    link's source: not a slot left to fill."""
    link_severity: Severity | None = Severity.MINOR
    """A link whose target is a placeholder (``[s3-backend]: TODO``) is a dead
    link: when those are all there is, the criterion fails at this severity
    (with other placeholders they count like the rest); None: always like the rest."""
    stages_of: str | None = None
    """A criterion whose ``stages`` and ``template_prompts`` (``style.unfinished``'s)
    say which sections a staged template leaves for a later stage than the
    document's: placeholders there are not counted (shown as a note)."""


def _link_findings(ctx: CheckContext, criterion: Criterion, p: PlaceholderParams) -> list[Finding]:
    targets = compile_all(p.link_targets)
    if not targets:
        return []
    out: list[Finding] = []
    for block in ctx.document.blocks:
        for mark in block.marks:
            if mark.kind != "link" or mark.href is None:
                continue
            href = mark.href.strip()
            if not any(t.fullmatch(href) for t in targets):
                continue
            text = block.text[mark.start:mark.end]
            message = p.link_message.replace("{match}", text).replace("{target}", href)
            out.append(ctx.finding(criterion, block, mark.start, mark.end, message,
                                   p.suggestion))
    return out


def _code_findings(ctx: CheckContext, criterion: Criterion,
                   p: PlaceholderParams) -> list[Finding]:
    """``code_patterns`` in code blocks (a template's marker kept in a fence)."""
    if not p.code_patterns:
        return []
    matcher = build_matcher([], p.code_patterns)
    out: list[Finding] = []
    for block in ctx.document.blocks:
        if block.kind != BlockKind.CODE or block.is_comment:
            continue
        for m in matcher.finditer(block.text):
            quote = block.text[m.start:m.end]
            out.append(ctx.finding(criterion, block, m.start, m.end,
                                   render(m.message or p.message, quote), p.suggestion))
    return out


def _prominent(ctx: CheckContext) -> tuple[set[int], dict[int, list[tuple[int, int]]]]:
    """Blocks where a placeholder is never minor (title, the press release's
    opening), and the spans of quotes and attributions by block."""
    blocks: set[int] = set()
    title = ctx.title_section()
    if title is not None and title.heading_block is not None:
        blocks.add(title.heading_block)
    spans: dict[int, list[tuple[int, int]]] = {}
    if _PRESS not in ctx.rubric.sections:
        return blocks, spans
    pr = press_release(ctx, _PRESS)
    # the opening runs to the dateline, the first paragraph of the body that is
    # not all bold or italics (a tagline, a customers line under the headline) and
    # not a note in a blockquote
    opening = next((b.index for b in pr.body
                    if b.kind == BlockKind.PARAGRAPH and not whole_emphasis(b)), None)
    for block in pr.blocks:
        if opening is not None and block.index > opening:
            break
        blocks.add(block.index)
    for part in (pr.headline, pr.subheading):
        if part is not None:
            blocks.add(part.index)
    for quote in find_quotes(ctx, _PRESS):
        spans.setdefault(quote.block.index, []).append((quote.start, quote.end))
        if quote.who_block is not None:
            spans.setdefault(quote.who_block.index, []).append((quote.who_start, quote.who_end))
    for block in ctx.scope(_PRESS):
        if block.kind == BlockKind.QUOTE:
            spans.setdefault(block.index, []).append((0, len(block.text)))
        else:
            spans.setdefault(block.index, []).extend(quoted_in(block.text))
    return blocks, spans


def _in_prominent_place(ctx: CheckContext, findings: list[Finding]) -> bool:
    blocks, spans = _prominent(ctx)
    for f in findings:
        loc = f.location
        if loc is None or loc.block is None:
            return True  # a finding without a place: no reason to think it minor
        if loc.block in blocks:
            return True
        start, end = loc.start or 0, loc.end or 0
        if any(s <= end and start <= e for s, e in spans.get(loc.block, [])):
            return True
    return False


_TAG = re.compile(r"\[[A-Z0-9][A-Z0-9._-]{0,15}\]")
"""A one-word tag in capitals: ``[IRLO]``, ``[PDF]``, ``[RFC]``."""


def _not_link_tags(ctx: CheckContext, findings: list[Finding]) -> list[Finding]:
    """``findings`` less the tags of a link that follows them (``link_tags``)."""
    out: list[Finding] = []
    for f in findings:
        loc = f.location
        if loc is None or loc.block is None or loc.end is None or f.quote is None \
                or not _TAG.fullmatch(f.quote):
            out.append(f)
            continue
        block = ctx.document.blocks[loc.block]
        gap = len(block.text[loc.end:]) - len(block.text[loc.end:].lstrip(" \t"))
        if not any(m.kind == "link" and m.start == loc.end + gap for m in block.marks) \
                or gap == 0:
            out.append(f)
    return out


def _not_labels(ctx: CheckContext, findings: list[Finding],
                p: PlaceholderParams) -> list[Finding]:
    """``findings`` less those inside a heading's label (``heading_labels``)."""
    if not p.heading_labels or not findings:
        return findings
    labels = build_matcher([], p.heading_labels)
    spans: dict[int, list[tuple[int, int]]] = {}
    out: list[Finding] = []
    for f in findings:
        loc = f.location
        if loc is None or loc.block is None \
                or ctx.document.blocks[loc.block].kind != BlockKind.HEADING:
            out.append(f)
            continue
        block = ctx.document.blocks[loc.block]
        if block.index not in spans:
            spans[block.index] = [(m.start, m.end) for m in labels.finditer(block.text)]
        start, end = loc.start or 0, loc.end or 0
        if not any(s <= start and end <= e for s, e in spans[block.index]):
            out.append(f)
    return out


@check_kind("placeholders", PlaceholderParams)
def placeholders(ctx: CheckContext, criterion: Criterion, p: PlaceholderParams) -> Outcome:
    """Every placeholder word, pattern or link target is a finding; a few in the
    body only fail as ``major``, dead links alone as ``link_severity`` (see the
    module doc)."""
    found, read = _word_findings(ctx, criterion, p)
    later, stage = deferred_as(ctx, p.stages_of) if p.stages_of else (set(), None)
    due = [f for f in found if f.location is not None and f.location.block in later]
    kept = [f for f in found if f.location is None or f.location.block not in later]
    if p.link_tags:
        kept = _not_link_tags(ctx, kept)
    base = decide(_not_labels(ctx, kept, p), read, "occurrences", p)
    if due:
        base.note = (f"{base.note or ''}; {len(due)} in section(s) the template leaves for "
                     f"a later stage than {stage}, not counted").lstrip("; ")
    code = _code_findings(ctx, criterion, p)
    links = _link_findings(ctx, criterion, p)
    if base.passed and not links and not code:
        return base
    others = [*base.findings, *code]
    findings = sorted([*others, *links],
                      key=lambda f: (f.location.block or 0, f.location.start or 0)
                      if f.location is not None else (0, 0))
    note = tolerance_note(len(findings), "occurrences", 0, p.max_findings, None)
    severity = None
    if not others and p.link_severity is not None:
        severity = p.link_severity
        note += "; only links to a placeholder target (dead links): a fix, not a blocker"
    elif (p.major_at_most and len(findings) <= p.major_at_most
            and not _in_prominent_place(ctx, findings)):
        severity = Severity.MAJOR
        note += "; none in the headline, dateline or quotes: a fix, not a blocker"
    return Outcome(False, findings, note=note, severity=severity)


__all__ = ["PlaceholderParams", "placeholders", "re"]
