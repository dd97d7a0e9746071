"""How a press release speaks: as a launch that happened (``launch-voice``) and in
the customer's words, not internal ones (``internal-language``)."""

from __future__ import annotations

import re

from pydantic import Field

from prereview.checks.context import CheckContext
from prereview.checks.params import Params, Regex, ScopeRef, compile_all
from prereview.checks.reading.acronyms import defines
from prereview.checks.reading.press import (
    DEFAULT_DATELINE,
    PressRelease,
    company_names,
    press_release,
    strip_label,
)
from prereview.checks.reading.quotes import find_quotes, quoted_spans
from prereview.checks.registry import Outcome, check_kind
from prereview.document import Block, BlockKind
from prereview.regexes import bounded
from prereview.review import Finding
from prereview.rubric.model import Criterion
from prereview.text import (
    first_sentence,
    sentence_at,
)

# ------------------------------------------------------------------ launch-voice


class LaunchVoiceParams(Params):
    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    plan_patterns: list[Regex]
    """Phrases of a plan rather than a launch ("will launch", "plan to")."""
    launch_patterns: list[Regex]
    """Phrases of a launch that has happened ("today announced", "is now available")."""
    tolerance: int = Field(default=0, ge=0)
    """Plan phrases allowed before the criterion fails (each is still a finding)."""
    require_launch: bool = True
    """Fail when no sentence says the product is launched or available."""
    roadmap_patterns: list[Regex] = Field(default_factory=list)
    """A sentence that openly labels a roadmap ("are planned for the version 2.0
    release", "in a future release"): its plan phrases say what comes after the
    launch, not that the launch itself is a plan."""


@check_kind("launch-voice", LaunchVoiceParams)
def check_launch_voice(ctx: CheckContext, criterion: Criterion, p: LaunchVoiceParams) -> Outcome:
    """Written as if launched today, not as plans; quoted speech and sentences that
    openly label a roadmap are left alone."""
    pr = press_release(ctx, p.scope)
    plans = compile_all(p.plan_patterns)
    launches = compile_all(p.launch_patterns)
    roadmap = compile_all(p.roadmap_patterns)
    findings: list[Finding] = []
    launched = False
    for block in pr.blocks:
        if block.kind == BlockKind.HEADING and block is not pr.headline:
            continue
        # quoted speech, and sentences that label a roadmap, are left alone
        skipped = quoted_spans(block.text) + [
            sentence_at(block.text, m.start()) for r in roadmap for m in r.finditer(block.text)]
        if any(x.search(block.text) for x in launches):
            launched = True
        for pattern in plans:
            for m in pattern.finditer(block.text):
                if any(s <= m.start() < e for s, e in skipped):
                    continue
                findings.append(ctx.finding(
                    criterion, block, m.start(), m.end(),
                    f"'{m.group()}' describes a plan: write as if the product launched today.",
                ))
    findings.sort(key=lambda f: (f.location.block or 0, f.location.start or 0)
                  if f.location else (0, 0))
    note = f"{len(findings)} plan phrase(s) (tolerance {p.tolerance}); " + (
        "launch stated" if launched else "no launch statement")
    passed = len(findings) <= p.tolerance
    if p.require_launch and not launched:
        passed = False
        if pr.body:
            first = pr.body[0]
            start, end = first_sentence(first.text)
            findings.insert(0, ctx.finding(
                criterion, first, start, end,
                "No sentence says the product is launched or available today.",
            ))
        else:
            findings.insert(0, ctx.block_finding(
                criterion, "No sentence says the product is launched or available today."))
    return Outcome(passed, findings, note=note)


# ------------------------------------------------------------- internal-language


class InternalLanguageParams(Params):
    scope: ScopeRef = "press-release"
    """Where the press release is: a section of the rubric (or ``document``, ``body``)."""
    terms: list[Regex] = Field(default_factory=list)
    """Regexes of internal or engineering words ("backend", "sprint", "\\bP[0-3]\\b")."""
    allcaps: bool = True
    """Also flag all-capital tokens (code names, internal acronyms) that are neither
    in ``allowed`` nor spelled out anywhere in the document."""
    allowed: list[str] = Field(default_factory=list)
    """Acronyms every reader knows (case-sensitive)."""
    technical_audience: Regex | None = None
    """When the press release matches this (its customers are developers or
    engineers, its product a library, an SDK, a CLI), technical words are the
    customer's own: ``technical_terms`` and all-capital acronyms are not flagged;
    code names, team names and internal process words still are."""
    technical_terms: list[Regex] = Field(default_factory=list)
    """The ``terms`` that are engineering words, dropped for a technical audience."""
    audience_roles: Regex | None = None
    """The roles of a technical audience (DevOps, SRE, security, IT): for such an
    audience a team named only by them ("the DevOps/SRE Team") is the customers'
    own role, not an internal team name."""


_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z][a-z][\w'’-]*")
"""A capitalised word right after an acronym: "VS Code", "MCP Audit" are product
names, the acronym a fragment of one."""
_TEAM = re.compile(r"^(?P<roles>.+?)[ \t]+team$", re.IGNORECASE)


def _role_team(name: str, roles: re.Pattern[str]) -> bool:
    """"DevOps/SRE Team", "Security team": a team named only by audience roles."""
    m = _TEAM.match(name)
    if m is None:
        return False
    words = [w for w in re.split(r"[ \t/&,+-]+|\band\b", m.group("roles")) if w.strip()]
    return bool(words) and all(roles.fullmatch(w.strip()) for w in words)


_CAPS = re.compile(r"(?<![\w/.-])[A-Z]{2,}s?(?![\w/-])")
"""An all-capital token of any length: "SMB", "HALIBUT", "OSPREY"."""


def _spelled_out(token: str, text: str) -> bool:
    """Somewhere in ``text`` the token is defined: "Full Name (ACR)", "ACR (Full Name)"."""
    return any(
        defines(text, m.start(), m.end(), token)
        for m in re.finditer(rf"(?<![\w-]){re.escape(token)}s?(?![\w-])", text)
    )


def _shouting(text: str, start: int, end: int) -> bool:
    """The token sits in an all-caps sentence (a shouted headline)."""
    s, e = sentence_at(text, start)
    tokens = re.findall(r"[A-Za-z]{2,}", text[s:e])
    upper = sum(1 for t in tokens if t.isupper())
    return len(tokens) >= 4 and upper >= 0.6 * len(tokens)


@check_kind("internal-language", InternalLanguageParams)
def check_internal_language(
    ctx: CheckContext, criterion: Criterion, p: InternalLanguageParams
) -> Outcome:
    """No internal code names, team names, acronyms or jargon: one finding per term."""
    pr = press_release(ctx, p.scope)
    technical = p.technical_audience is not None and any(
        bounded(p.technical_audience, re.IGNORECASE).search(b.text) for b in pr.blocks)
    dropped = set(p.technical_terms) if technical else set()
    terms = compile_all([t for t in p.terms if t not in dropped])
    allcaps = p.allcaps and not technical
    allowed = set(p.allowed) | set(company_names(ctx, p.scope, []))
    roles = (bounded(p.audience_roles, re.IGNORECASE)
             if technical and p.audience_roles is not None else None)
    attributions: dict[int, list[tuple[int, int]]] = {}
    for quote in find_quotes(ctx, p.scope):
        if quote.who_block is not None:
            attributions.setdefault(quote.who_block.index, []).append(
                (quote.who_start, quote.who_end))
    doc_text = ctx.document.text()
    dateline = re.compile(DEFAULT_DATELINE)
    seen: dict[str, int] = {}
    first: dict[str, tuple[Block, int, int]] = {}
    explained: dict[str, bool] = {}
    alias: dict[str, str] = {}
    for block in pr.blocks:
        if not (block.is_prose or block is pr.headline):
            continue
        text = block.text
        quoted = quoted_spans(text) + attributions.get(block.index, [])
        skip_until = 0
        d = dateline.match(text, strip_label(text))
        if d is not None:
            skip_until = d.end()
        hits: list[tuple[int, int, str]] = []
        for pattern in terms:
            hits.extend((m.start(), m.end(), m.group().lower()) for m in pattern.finditer(text)
                        if roles is None or not _role_team(m.group(), roles))
        if allcaps:
            for m in _CAPS.finditer(text):
                token = m.group()
                base = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
                if base in allowed or token in allowed or m.start() < skip_until:
                    continue
                if len(base) <= 4 and _NAME_GOES_ON.match(text, m.end()):
                    continue  # "VS Code": a fragment of a product's name
                if base not in explained:
                    explained[base] = _spelled_out(base, doc_text)
                if explained[base] or _shouting(text, m.start(), m.end()):
                    continue
                hits.append((m.start(), m.end(), base))
        kept_end, kept_key = -1, ""
        for start, end, key in sorted(hits, key=lambda h: (h[0], -h[1])):
            if start < kept_end:
                # inside a longer term: "HALIBUT" in "Project HALIBUT" is that term,
                # here and wherever it stands alone
                alias.setdefault(key, kept_key)
                continue
            if any(s <= start < e for s, e in quoted):
                continue
            kept_end, kept_key = end, key
            key = alias.get(key, key)
            seen[key] = seen.get(key, 0) + 1
            first.setdefault(key, (block, start, end))
    findings: list[Finding] = []
    for key, (block, start, end) in sorted(first.items(), key=lambda kv: (kv[1][0].index,
                                                                         kv[1][1])):
        count = seen[key]
        times = f" ({count} times)" if count > 1 else ""
        findings.append(ctx.finding(
            criterion, block, start, end,
            f"'{block.text[start:end]}' is internal or engineering language{times}: "
            "say it in the customer's words.",
        ))
    note = f"{len(findings)} internal term(s) in the {ctx.scope_label(p.scope)}"
    if technical:
        note += " (technical audience: engineering terms and acronyms are its own)"
    return Outcome(not findings, findings, note=note)


__all__ = ["PressRelease", "press_release", "strip_label"]
