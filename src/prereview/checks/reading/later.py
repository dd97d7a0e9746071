"""What a staged questionnaire leaves for later, read for the ``unfinished`` kind (issue
8, blind reading 8): the sections its template defers to a later stage than the
document's, and the template's prompts kept above answered questions. Neither is
an unfinished part: the first is not due yet, the second is the template's norm
(a KEP's PRR questionnaire keeps its question text above each answer)."""

from __future__ import annotations

from prereview.checks.context import CheckContext
from prereview.checks.params import compile_all
from prereview.checks.reading.answered import answered_prompts
from prereview.checks.reading.template_stage import StageParams, StageReading, read_stage
from prereview.checks.reading.template_text import PromptHit, TemplateText
from prereview.review import Finding, Severity
from prereview.rubric.model import Criterion


class Later:
    """The document's stage, its deferred sections, and the prompts kept above
    answers, read once per check."""

    def __init__(self, ctx: CheckContext, template: TemplateText, stages: StageParams | None,
                 kept_with_answers: list[str]) -> None:
        self.ctx = ctx
        self.kept_with_answers = kept_with_answers
        self.reading = (read_stage(ctx, template, stages) if stages is not None
                        else StageReading(None, []))
        self.blocks = self.reading.blocks()
        self.notes = compile_all(stages.due_notes + stages.notes) if stages is not None else []
        self.answered = answered_prompts(ctx.document, template) if kept_with_answers else {}
        self.deferred = 0
        """Empty sections and prompts inside deferred sections, not counted."""
        self.kept: list[Finding] = []
        """Minor notes: prompts kept above answered questions, not counted."""

    def defers(self, block: int) -> bool:
        """The block lies in a section the template leaves for a later stage."""
        if block in self.blocks:
            self.deferred += 1
            return True
        return False

    def is_stage_note(self, hit: PromptHit) -> bool:
        """The prompt is the template's note of the stage a section is due at."""
        text = hit.block.text[hit.start : hit.end]
        return any(n.search(text) for n in self.notes)

    def keeps(self, criterion: Criterion, hit: PromptHit, more: int) -> bool:
        """The prompt stays above an answered question of a template whose norm
        that is: noted (minor, not counted) instead of a leftover."""
        if hit.family not in self.kept_with_answers or not self.answered.get(hit.block.index):
            return False
        also = f" (and {more} more of its prompts)" if more else ""
        quote = hit.block.text[hit.start : hit.end].strip()
        finding = self.ctx.finding(
            criterion, hit.block, hit.start, hit.end,
            f"'{quote}' is the {hit.family} template's own prompt, kept above the "
            f"answer{also}, as merged {hit.family}s keep it: not counted (it may go).",
            suggestion="Nothing to finish here; delete the template's prompt if you like.")
        self.kept.append(finding.model_copy(update={"severity": Severity.MINOR}))
        return True

    def note(self) -> str:
        """The criterion's note: what was left for later, and why."""
        out = ""
        if self.deferred:
            due = sorted({d.due for d in self.reading.deferred})
            stage = (f"the document targets {self.reading.stage}" if self.reading.stage
                     else f"the document names no stage: read at {self.reading.at}")
            sections = len(self.reading.deferred)
            out += (f"; {self.deferred} empty section(s) or prompt(s) in {sections}"
                    f" section(s) the template leaves for {' or '.join(due)} ({stage}),"
                    " not counted")
        if self.kept:
            out += (f"; {len(self.kept)} template prompt(s) kept above answered questions,"
                    " not counted")
        return out
