"""Whether a questionnaire's question is answered (issue 8, blind reading 8).

A KEP's production-readiness questionnaire keeps the template's question text
and its inline prompts above each answer ("**Will enabling / using this feature
result in any new API calls?** Describe them, providing: - API call type (e.g.
PATCH pods) ... No"): merged KEPs do, and a reviewer reads past them. What is
unfinished is a question with no answer. A question starts at a bold line ending
in "?" and runs to the next such line or the end of its section; before a
section's first question, the section is the unit.

An answer is a block of the unit (in a block holding the template's prompts, what
follows the last of them) that is the author's: a short answer ("No", "None.",
"N/A", "Not applicable"), a sentence (ends in "." or "!", the template's "(e.g.
..., etc.)" and "[supported limits]." aside), a field filled in ("API type(s):
Pod", "Estimated increase in size: ~250B per pod"), code or a table. The template's own
bullets ("estimated throughput", "API type(s):") are none of these.

The template's form left unfilled (:func:`unfilled_form`: "- Metric name:" with
nothing after its label, an unticked "- [ ] Metrics" over only such fields) is no
answer either, and no content of the part a heading names: a "Monitoring
Requirements" whose SLI form is blank does not name the metrics.
"""

from __future__ import annotations

import re

from prereview.checks.reading.template_text import TemplateText
from prereview.document import Block, BlockKind, Document, Section

_SHORT = re.compile(
    r"^\W{0,3}(?:yes|no|none|n/?a|not applicable|nothing|not needed|not required|no impact)\b",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^()\n]{0,300}\)")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[\w`'\")])[.!](?=\s|$)")
"""The end of a sentence ("Negligible.", "No risks are expected."): not a link's
"[supported limits]." nor an abbreviation's dot (those are taken out first)."""
_FIELD = re.compile(r"^[^:\n]{1,80}:[\s:]*[^\s:]", re.MULTILINE)
"""A field filled in: "API type(s): Pod", "Estimated increase in size: (e.g. ...):
35B" (the template's example taken out)."""
_UNIT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE})
_BLANK_FIELD = re.compile(r"^[^:\n]{1,80}:\s*$")
"""A form's field with nothing after its label: "Metric name:", "Event Reason: "."""
_FIELD_WORDS = 6
"""A form's label is a few words ("Components exposing the metric:")."""
_UNTICKED = re.compile(r"^\s*\[ \]\s")
"""An option of the form left unticked: "[ ] Metrics", "[ ] Other (treat as last resort)"."""


def unfilled_form(document: Document) -> set[int]:
    """List items that are a template's form left unfilled: a field with nothing
    after its short label, no items under it and none of the text it would
    introduce after it ("Metric name:"), and an unticked option
    whose items under it are all such fields ("[ ] Metrics" over "Metric name:",
    "Components exposing the metric:"). An unticked item with nothing under it is
    a to-do, the author's; one with an answer under it is answered."""
    blocks = document.blocks
    out: set[int] = set()
    for i in range(len(blocks) - 1, -1, -1):  # children before their option
        block = blocks[i]
        if block.kind != BlockKind.LIST_ITEM:
            continue
        level = block.level or 1
        children: list[int] = []
        for j in range(i + 1, len(blocks)):
            child = blocks[j]
            if child.kind != BlockKind.LIST_ITEM or (child.level or 1) <= level:
                break
            children.append(j)
        if not children:
            # a field's label is short, and nothing it introduces follows ("From an
            # inline schema:" over a code block, "such as:" over a list, is prose)
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            if (_BLANK_FIELD.match(block.text) and len(block.text.split()) <= _FIELD_WORDS
                    and (after is None or after.kind in (BlockKind.LIST_ITEM, BlockKind.HEADING)
                         or after.is_comment)):
                out.add(i)
        elif _UNTICKED.match(block.text) and all(j in out for j in children):
            out.add(i)
    return out


def opens_question(block: Block) -> int:
    """The end of the bold question a block opens with ("**Can the feature be
    disabled once it has been enabled?**"), or 0."""
    if block.kind not in _UNIT_KINDS:
        return 0
    for mark in block.marks:
        if mark.kind == "strong" and not block.text[: mark.start].strip():
            if block.text[mark.start : mark.end].rstrip(" *_").endswith("?"):
                return mark.end
            return 0
    return 0


def is_short_answer(block: Block) -> bool:
    """The block is an explicit short answer: "N/A", "None.", "Not applicable."."""
    return bool(_SHORT.match(block.text.strip()))


def _plain(text: str) -> str:
    """The text without parentheses and abbreviations' dots."""
    return _ABBREVIATIONS.sub(" ", _PARENS.sub(" ", text))


def is_answer(block: Block, start: int = 0, blanks: tuple[tuple[int, int], ...] = ()) -> bool:
    """The block is the author's answer: from ``start`` (after its question), with
    ``blanks`` (the template's prompts in it) taken out, a field filled in; after
    the last of them, a short answer or a sentence."""
    if block.kind in (BlockKind.CODE, BlockKind.TABLE_CELL):
        return not block.is_comment and bool(block.text.strip())
    text = block.text
    after = text[max([start, *(e for _, e in blanks)]):].strip()
    if _SHORT.match(after) or _SENTENCE_END.search(_plain(after)):
        return True
    rest = text
    for s, e in sorted(blanks, reverse=True):
        rest = rest[:s] + " " * (e - s) + rest[e:]
    return bool(_FIELD.search(_plain(rest[start:])))


def _units(document: Document, section: Section) -> list[list[Block]]:
    """The question units of ``section``'s own text (before its first subsection):
    each starts at a block opening with a bold question; a leading run of blocks
    before the first question is a unit of its own (the section's preamble)."""
    own = document.blocks[section.first_block : section.end_block]
    units: list[list[Block]] = [[]]
    for block in own:
        if block.kind == BlockKind.HEADING:
            if block.index != section.heading_block:
                break
            continue
        if opens_question(block) and units[-1]:
            units.append([])
        units[-1].append(block)
    return [u for u in units if u]


def _unit_answered(unit: list[Block], template: TemplateText) -> bool:
    """Some block of the unit answers: in a block holding the template's prompts,
    what follows the last of them ("Describe them, providing: No")."""
    return any(
        is_answer(b, opens_question(b),
                  tuple((h.start, h.end) for h in template.hits.get(b.index, ())))
        for b in unit if b.index not in template.boilerplate)


def answered_prompts(document: Document, template: TemplateText) -> dict[int, bool]:
    """For each block holding a template prompt, whether its question is answered
    (before a section's first question: whether the section holds an answer)."""
    out: dict[int, bool] = {}
    sections = sorted({b.section for i in template.hits
                       if (b := document.blocks[i]).section is not None})
    for index in sections:
        units = _units(document, document.sections[index])
        if not units:
            continue
        answers = [_unit_answered(u, template) for u in units]
        first_is_preamble = not opens_question(units[0][0])
        for i, (unit, ok) in enumerate(zip(units, answers, strict=True)):
            if i == 0 and first_is_preamble:
                ok = any(answers)
            out.update((b.index, ok) for b in unit if b.index in template.hits)
    return out
