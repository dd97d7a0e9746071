"""Inline suppression in Markdown, as Vale and markdownlint users write it:

    <!-- prereview: ignore style.hedging -->        the next block only
    <!-- prereview: disable-next style.hedging -->  the same
    <!-- prereview: disable style -->  ...  <!-- prereview: enable style -->

A criterion id matches itself and every id under it (``style`` covers
``style.hedging``); no id means every criterion. A ``disable`` never re-enabled
also covers the document-level findings (those without a place). Suppressed
findings are reported as suppressed, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from prereview.document import Block, BlockKind, Document, sha256_of
from prereview.review import Finding

_DIRECTIVE = re.compile(
    r"<!--\s*prereview:\s*(ignore|disable-next-line|disable-next|disable|enable)\b([^>]{0,500})-->",
    re.IGNORECASE,
)
MAX_SOURCE_BYTES = 20 << 20


@dataclass
class Rule:
    ids: tuple[str, ...]
    """Empty: every criterion."""
    directive: str
    first_line: int
    last_line: int | None
    """None: to the end of the file (and document-level findings too)."""

    def covers(self, criterion: str) -> bool:
        return not self.ids or any(criterion == i or criterion.startswith(i + ".")
                                   for i in self.ids)


@dataclass
class Suppressions:
    rules: list[Rule] = field(default_factory=list)

    def match(self, finding: Finding, document: Document) -> Rule | None:
        line = _finding_line(finding, document)
        for rule in self.rules:
            if not rule.covers(finding.criterion):
                continue
            if line is None:
                if rule.last_line is None and rule.directive == "disable":
                    return rule
                continue
            if rule.first_line <= line and (rule.last_line is None or line <= rule.last_line):
                return rule
        return None


def _finding_line(finding: Finding, document: Document) -> int | None:
    loc = finding.location
    if loc is None:
        return None
    if loc.line is not None:
        return loc.line
    if loc.block is not None and 0 <= loc.block < len(document.blocks):
        return document.blocks[loc.block].anchor.line
    return None


def _ids(text: str) -> tuple[str, ...]:
    return tuple(i for i in re.split(r"[\s,]+", text.strip()) if i)


def _is_comment(block: Block) -> bool:
    """An HTML comment block (ingested as code): where directives live."""
    return block.kind == BlockKind.CODE and block.text.lstrip().startswith("<!--")


def _in_code(document: Document, line: int) -> bool:
    """Inside a code block (a fenced example of a directive is not one)."""
    for block in document.blocks:
        start, end = block.anchor.line, block.anchor.end_line or block.anchor.line
        if block.kind == BlockKind.CODE and start is not None and end is not None \
                and start <= line <= end:
            return not (_is_comment(block) and start == line)
    return False


def parse_suppressions(document: Document, source: str | None = None) -> Suppressions:
    """The directives of a Markdown document (read again from its file, only when
    its bytes are still those that were reviewed)."""
    if document.format != "markdown":
        return Suppressions()
    if source is None:
        try:
            data = Path(document.path).read_bytes()[:MAX_SOURCE_BYTES]
        except OSError:
            return Suppressions()
        if sha256_of(data) != document.sha256:
            return Suppressions()
        source = data.decode("utf-8", errors="replace")
    if "prereview:" not in source:
        return Suppressions()
    starts = sorted({b.anchor.line for b in document.blocks
                     if b.anchor.line is not None and not _is_comment(b)})
    rules: list[Rule] = []
    open_rules: dict[tuple[str, ...], Rule] = {}
    for number, text in enumerate(source.splitlines(), start=1):
        for match in _DIRECTIVE.finditer(text):
            if _in_code(document, number):
                continue
            directive, ids = match.group(1).lower(), _ids(match.group(2))
            if directive == "disable":
                rule = Rule(ids, "disable", number, None)
                rules.append(rule)
                open_rules[ids] = rule
            elif directive == "enable":
                closing = open_rules.pop(ids, None)
                if closing is None and not ids:
                    for rule in open_rules.values():
                        rule.last_line = number
                    open_rules.clear()
                elif closing is not None:
                    closing.last_line = number
            else:
                target = next((s for s in starts if s > number), None)
                if target is None:
                    continue
                block = next(b for b in document.blocks if b.anchor.line == target)
                end = block.anchor.end_line or target
                rules.append(Rule(ids, directive, target, end))
    return Suppressions(rules)
