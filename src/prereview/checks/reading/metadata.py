"""A document's metadata block: not the author's prose (issue 8, class 4).

RFCs, KEPs, CDK RFCs and design docs open with a list or lines of ``Key: value``
(Feature Name, Start Date, RFC PR, Author, Status, Tracking Issue, Review Manager)
or a status banner quote. No style, quote, bullet, acronym or first-paragraph rule
should read it: it is a form the template asks for, not writing to judge.
"""

from __future__ import annotations

import re

from prereview.document import Block, BlockKind, Document

_KEYS = (
    r"author|authors|author\(s\)|editors?|owners?|contributors?|reviewers?|approvers?|"
    r"shepherds?|champions?|sponsors?|bar raiser|review manager|status|state|stage|type|"
    r"feature name|start date|date|created|updated|last updated|rfc pr|rfc|rust issue|"
    r"tracking issue|issue|discussion|proposal|implementation|pull request|pr|kep|"
    r"kep number|sig|milestone|target version|version|decision|team|deciders?"
)
_KEY_VALUE = re.compile(
    rf"^\W{{0,4}}(?:[A-Z][\w'’()/&.-]*[ \t]+){{0,3}}(?i:{_KEYS})[ \t]*#?[ \t]*:{{1,2}}[ \t]*\S"
)
"""A line ``Key: value`` whose key ends in a metadata word ("Start Date:",
"Original Author(s)::", "RFC PR:", "API Bar Raiser:", "Review Manager:"); a
labelled paragraph of content ("Subtitle: ...", "Customer Quote: ...") is not."""
_KINDS = (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH, BlockKind.QUOTE)
MIN_LINES = 2
"""A single "Note: ..." line is prose; a metadata block has two entries or more."""


def _all_key_value(block: Block) -> int:
    """Lines of the block when every one is ``Key: value``, else 0."""
    lines = [line for line in block.text.splitlines() if line.strip()]
    if not lines or not all(_KEY_VALUE.match(line) for line in lines):
        return 0
    return len(lines)


def metadata_blocks(document: Document) -> set[int]:
    """Indices of the leading ``Key: value`` run: at the start of the document or
    right under its first heading (the title), before any other text."""
    blocks = document.blocks
    i = 0
    if i < len(blocks) and blocks[i].kind == BlockKind.HEADING:
        i += 1
    run: list[int] = []
    lines = 0
    while i < len(blocks) and blocks[i].kind in _KINDS:
        n = _all_key_value(blocks[i])
        if n == 0:
            break
        run.append(i)
        lines += n
        i += 1
    return set(run) if lines >= MIN_LINES else set()
