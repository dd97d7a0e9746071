"""FAQ entries and their answers.

Questions are recognised in the forms FAQs are written in: headings ending in "?"
("### Is it free?"), "Q:" / "Question:" paragraphs, one-line paragraphs ending in
"?" (a bold "**Is it free?**"), and list items ending in "?" with the answer nested
under them (or on the item's next lines: "1. Do I have to know SQL?" then "Not
necessarily, ..."). Lists of questions inside an answer ("The report answers: - What is…?")
are part of that answer, not entries of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prereview.checks.context import CheckContext
from prereview.checks.reading.headings import (
    QUESTION_PREFIX,
    ends_question,
)
from prereview.document import Block, BlockKind
from prereview.text import (
    sentences,
    word_count,
)

_INTERROGATIVE = re.compile(
    r"^\s*(?:what|where|when|who|whom|whose|why|which|how|is|are|am|was|were|will|would|"
    r"can|could|do|does|did|should|shall|may|might|has|have|had)\b",
    re.IGNORECASE,
)
ANSWER_PREFIX = re.compile(r"^\s*A(?:nswer)?\s*\d*\s*[:.)]\s*", re.IGNORECASE)
@dataclass
class Entry:
    question: Block
    start: int
    end: int
    """The question's own text inside ``question.text``."""
    answer: list[Block] = field(default_factory=list)
    inline_answer: str = ""


def _bold_question_line(block: Block) -> int | None:
    """Where the question ends when the paragraph's first line is a bold (or
    italic) question alone, with its answer on the next line ("**How much does it
    cost?**" newline "Nothing: ..."): an FAQ entry even with no "Q" prefix."""
    text = block.text
    line = _first_line(block)
    if line is None or not line.endswith("?") or word_count(line) > 40:
        return None
    lead = len(text) - len(text.lstrip())
    covered = any(m.kind in ("strong", "em") and m.start <= lead and m.end >= len(line)
                  for m in block.marks)
    return len(line) if covered else None


def _bold_question_lead(block: Block) -> bool:
    """The paragraph opens with a bold (or italic) question and answers it in the
    same line ("**How do I connect?** Add the URL as a connector ..."): an FAQ
    entry written run-in."""
    text = block.text
    lead = len(text) - len(text.lstrip())
    for m in block.marks:
        if m.kind in ("strong", "em") and m.start == lead:
            question = text[m.start:m.end].rstrip()
            return (question.endswith("?") and word_count(question) <= 40
                    and bool(text[m.end:].strip(" *_:.\n")))
    return False


def _question_first_line(block: Block) -> bool:
    """The block's first line is a question alone and the answer follows on the next
    lines of the same block ("1. Do I have to know SQL?" then, indented under it,
    "Not necessarily, ..."): an FAQ entry in a numbered list of questions."""
    line = _first_line(block)
    if line is None:
        return False
    line = line.rstrip(" *_")
    return line.endswith("?") and word_count(line) <= 40 and "?" not in line[:-1]


def _first_line(block: Block) -> str | None:
    """The block's first line (trailing spaces off) when more text follows it."""
    text = block.text
    newline = text.find("\n")
    if newline < 0 or not text[newline:].strip():
        return None
    return text[:newline].rstrip()


def _question_span(block: Block) -> tuple[int, int, str]:
    """The question's span and any answer written after it in the same block."""
    text = block.text
    bold = _bold_question_line(block) if block.kind == BlockKind.PARAGRAPH else None
    if bold is not None:
        return 0, bold, text[bold:].strip()
    m = QUESTION_PREFIX.match(text)
    qmark = text.find("?", m.end() if m else 0)
    if qmark >= 0 and text[qmark + 1 :].strip(" *_\u00a0"):
        rest = text[qmark + 1 :]
        return 0, qmark + 1, ANSWER_PREFIX.sub("", rest.strip(" *_\n\u00a0"))
    return 0, len(text.rstrip()), ""


def _is_question_paragraph(block: Block) -> bool:
    if block.kind != BlockKind.PARAGRAPH:
        return False
    if QUESTION_PREFIX.match(block.text) or _bold_question_line(block) is not None \
            or _bold_question_lead(block):
        return True
    return (
        ends_question(block.text)
        and word_count(block.text) <= 40
        and len(sentences(block.text)) <= 2
    )


def find_entries(ctx: CheckContext, blocks: list[Block]) -> list[Entry]:
    """FAQ entries among ``blocks`` (in document order, code excluded)."""
    doc = ctx.document
    allowed = {b.index for b in blocks}
    taken: set[int] = set()
    entries: list[Entry] = []

    # 1. question headings: the answer is everything under the heading
    for block in blocks:
        if block.kind != BlockKind.HEADING or not (
            ends_question(block.text) or QUESTION_PREFIX.match(block.text)
        ):
            continue
        section = doc.section_of(block)
        end = section.end_block if section is not None else block.index + 1
        nested = [b for b in doc.blocks[block.index + 1 : end]]
        inner_q = next(
            (b.index for b in nested if _is_question_paragraph(b) or (
                b.kind == BlockKind.HEADING
                and (ends_question(b.text) or QUESTION_PREFIX.match(b.text)))),
            end,
        )
        answer: list[Block] = [b for b in doc.blocks[block.index + 1 : inner_q]
                  if b.kind != BlockKind.HEADING]
        start, qend, inline = _question_span(block)
        entries.append(Entry(block, start, qend, answer, inline))
        taken.update(range(block.index, inner_q))

    # 2. "Q:" and one-line question paragraphs; 3. question list items
    candidates = [b for b in blocks if b.index not in taken]
    questions: list[Block] = [b for b in candidates if _is_question_paragraph(b)]
    q_set = {b.index for b in questions}
    for i, block in enumerate(questions):
        limit = questions[i + 1].index if i + 1 < len(questions) else len(doc.blocks)
        answer = []
        for b in doc.blocks[block.index + 1 : limit]:
            if b.kind == BlockKind.HEADING or (b.index not in allowed and b.kind != BlockKind.CODE):
                break
            answer.append(b)
        start, qend, inline = _question_span(block)
        entries.append(Entry(block, start, qend, answer, inline))
        taken.update({block.index, *(b.index for b in answer)})

    items = [b for b in candidates if b.kind == BlockKind.LIST_ITEM and b.index not in taken
             and b.index not in q_set]
    for i, block in enumerate(items):
        if block.index in taken:
            continue
        level = block.level or 1
        answer = []
        for b in doc.blocks[block.index + 1 :]:
            deeper = b.kind == BlockKind.LIST_ITEM and (b.level or 1) > level
            if deeper or b.kind == BlockKind.CODE:
                answer.append(b)
            else:
                break
        looks = ends_question(block.text) or QUESTION_PREFIX.match(block.text) or (
            answer and _INTERROGATIVE.match(block.text) and word_count(block.text) <= 25
        ) or _question_first_line(block)
        if not looks:
            continue
        if not answer:
            # a flat list: a following non-question item at the same level answers it
            nxt = items[i + 1] if i + 1 < len(items) else None
            if (
                nxt is not None and nxt.index == block.index + 1
                and (nxt.level or 1) == level and not ends_question(nxt.text)
                and not _INTERROGATIVE.match(nxt.text)
            ):
                answer = [nxt]
        start, qend, inline = _question_span(block)
        entries.append(Entry(block, start, qend, answer, inline))
        taken.update({block.index, *(b.index for b in answer)})
    entries.sort(key=lambda e: e.question.index)
    return entries


