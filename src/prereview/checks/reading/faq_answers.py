"""A part of the press release that the FAQ answers instead (issue 8, class 6
for PR/FAQs): "Why another data visualization library?" states the problem, "How
can I get involved?" the call to action. The press release should say it, but
the document does: a failure there is not a blocker, and a reader-facing part
answered in the FAQ is a weaker pass, not a miss."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.faq import Entry, find_entries
from prereview.document import Block
from prereview.text import word_count


@dataclass
class Answered:
    entry: Entry
    question: str

    @property
    def block(self) -> Block:
        return self.entry.question

    def where(self) -> str:
        line = self.entry.question.anchor.line
        at = f", line {line}" if line is not None else ""
        return f"'{self.question}'{at}"


def answered_in_faq(ctx: CheckContext, press_scope: str, questions: list[str],
                    min_words: int = 8) -> Answered | None:
    """The first FAQ entry (outside the press release) whose question matches one
    of ``questions`` and whose answer has at least ``min_words`` words."""
    if not questions:
        return None
    press = {b.index for b in ctx.scope(press_scope)}
    blocks = [b for b in ctx.scope("body") if b.index not in press]
    patterns = compile_all(questions)
    for entry in find_entries(ctx, blocks):
        question = entry.question.text[entry.start:entry.end]
        question = re.sub(r"\s+", " ", question).strip(" *_")
        if not any(p.search(question) for p in patterns):
            continue
        words = word_count(entry.inline_answer) + sum(word_count(b.text) for b in entry.answer)
        if words >= min_words:
            return Answered(entry, question)
    return None
