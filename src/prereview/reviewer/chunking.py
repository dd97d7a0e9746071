"""Split a Document into the few chunks the model reads, and plan one request per
chunk.

Header-aware first: every heading starts a part that keeps its section path (the
Document's sections play the role of MarkdownHeaderTextSplitter's header split, for
.md and .docx alike). A part longer than the budget is split by size with
langchain's RecursiveCharacterTextSplitter, its length measured in estimated tokens
(about 4 characters a token; nothing is downloaded). Adjacent parts are then packed
into chunks up to the budget, so a typical PR/FAQ is one request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from prereview.document import Block, BlockKind, Document
from prereview.injection import cut, pattern_spans, removal_spans, sentence_bounds
from prereview.review import CriterionResult, Status
from prereview.reviewer.models import Chunk, CriterionBrief, LLMRequest
from prereview.reviewer.prompts import prompt_version
from prereview.rubrics import Rubric

CHARS_PER_TOKEN = 4
MAX_OUTLINE = 80


def estimate_tokens(text: str) -> int:
    """Tokens of ``text``, estimated (~4 characters a token for English prose)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def render_block(block: Block, text: str) -> str:
    """A block as light Markdown, so the model sees the structure."""
    if block.kind == BlockKind.HEADING:
        return f"{'#' * max(1, min(6, block.level or 1))} {text}"
    if block.kind == BlockKind.LIST_ITEM:
        indent = "  " * max(0, (block.level or 1) - 1)
        return f"{indent}{'1.' if block.ordered else '-'} {text}"
    if block.kind == BlockKind.QUOTE:
        return "\n".join(f"> {line}" for line in text.split("\n"))
    if block.kind == BlockKind.TABLE_CELL:
        return f"| {text}"
    if block.kind == BlockKind.CODE:
        lines = text.count("\n") + 1
        return f"[code block omitted: {lines} line{'s' if lines != 1 else ''}]"
    return text


@dataclass
class _Part:
    path: list[str]
    texts: list[str] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    continued: bool = False
    """A later piece of a part split by size: says so when it opens a chunk."""

    @property
    def text(self) -> str:
        return "\n\n".join(self.texts)


def _visible_blocks(
    document: Document, removals: dict[int, list[tuple[int, int]]]
) -> list[tuple[Block, str]]:
    out: list[tuple[Block, str]] = []
    for block in document.blocks:
        text = cut(block.text, removals.get(block.index, []))
        if not text.strip():
            continue
        out.append((block, render_block(block, text)))
    return out


def _path_of(document: Document, block: Block) -> list[str]:
    section = document.section_of(block)
    if section is None:
        return []
    return [t for t in section.path(document) if t]


def _parts(document: Document, visible: list[tuple[Block, str]]) -> list[_Part]:
    """One part per heading (the heading and the blocks up to the next heading)."""
    parts: list[_Part] = []
    for block, text in visible:
        if not parts or block.kind == BlockKind.HEADING:
            parts.append(_Part(path=_path_of(document, block)))
        parts[-1].texts.append(text)
        parts[-1].blocks.append(block.index)
    return parts


def _split_part(part: _Part, budget: int) -> list[_Part]:
    """A part over the budget, split by size; each piece keeps the section path
    and the blocks it overlaps."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    text = part.text
    spans: list[tuple[int, int, int]] = []  # (start, end, block index) in ``text``
    offset = 0
    for block_index, block_text in zip(part.blocks, part.texts, strict=True):
        spans.append((offset, offset + len(block_text), block_index))
        offset += len(block_text) + 2
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=budget,
        chunk_overlap=min(200, budget // 10),
        length_function=estimate_tokens,
        add_start_index=True,
    )
    pieces: list[_Part] = []
    for doc in splitter.create_documents([text]):
        start = int(doc.metadata.get("start_index", 0))
        if start < 0:  # the splitter could not find the piece again
            start = 0
        end = start + len(doc.page_content)
        blocks = [b for s, e, b in spans if s < end and start < e]
        pieces.append(_Part(path=part.path, texts=[doc.page_content], blocks=blocks,
                            continued=bool(pieces)))
    return pieces or [part]


def plan_chunks(
    document: Document,
    budget_tokens: int = 8000,
    removals: dict[int, list[tuple[int, int]]] | None = None,
) -> list[Chunk]:
    """The document as chunks of at most ~``budget_tokens`` estimated tokens."""
    visible = _visible_blocks(document, removals or {})
    parts: list[_Part] = []
    for part in _parts(document, visible):
        if estimate_tokens(part.text) > budget_tokens:
            parts.extend(_split_part(part, budget_tokens))
        else:
            parts.append(part)
    packed: list[list[_Part]] = []
    size = 0
    for part in parts:
        tokens = estimate_tokens(part.text)
        if packed and size + tokens + 1 <= budget_tokens:
            packed[-1].append(part)
            size += tokens + 1
        else:
            packed.append([part])
            size = tokens
    chunks: list[Chunk] = []
    for i, group in enumerate(packed):
        text = "\n\n".join(p.text for p in group)
        if group[0].continued:
            where = " > ".join(group[0].path) or "the previous part"
            text = f"[continued: {where}]\n\n{text}"
        sections = list(dict.fromkeys(" > ".join(p.path) for p in group if p.path))
        blocks = sorted({b for p in group for b in p.blocks})
        chunks.append(Chunk(index=i, count=len(packed), text=text, section_path=group[0].path,
                            sections=sections, blocks=blocks, tokens=estimate_tokens(text)))
    return chunks


def outline(document: Document, removals: dict[int, list[tuple[int, int]]] | None = None,
            ) -> list[str]:
    """The headings, indented by level (flagged text removed), at most 80."""
    lines: list[str] = []
    for block in document.blocks:
        if block.kind != BlockKind.HEADING:
            continue
        text = cut(block.text, (removals or {}).get(block.index, [])).strip()
        if not text:
            continue
        lines.append(f"{'  ' * max(0, (block.level or 1) - 1)}- {text[:120]}")
    if len(lines) > MAX_OUTLINE:
        lines = [*lines[:MAX_OUTLINE], f"- ... ({len(lines) - MAX_OUTLINE} more headings)"]
    return lines


def judgment_criteria(rubric: Rubric) -> list[CriterionBrief]:
    """Criteria the model reads: judgment-only ones it decides; "rule + judgment"
    ones it may only annotate."""
    return [
        CriterionBrief(
            id=c.id, title=c.title, severity=c.severity, guidance=c.guidance.strip(),
            mode="decide" if c.check is None else "annotate",
        )
        for c in rubric.active
        if c.judgment or c.check is None
    ]


def plan_requests(
    document: Document,
    rubric: Rubric,
    results: list[CriterionResult] | None = None,
    budget_tokens: int = 8000,
    redactions: dict[int, list[tuple[int, int]]] | None = None,
) -> list[LLMRequest]:
    """One request per chunk, each with every judgment criterion of the rubric.

    ``results`` (the rule results) lets the ``integrity.injection`` findings be cut
    from what the model sees; the reviewer's own patterns and hidden .docx text are
    cut in any case; ``redactions`` are those cuts when the caller has them
    already (``prereview.checks.check_document``). No judgment criteria: no requests.
    """
    skipped = {r.id for r in results or [] if r.status == Status.NOT_APPLICABLE}
    criteria = [c for c in judgment_criteria(rubric) if c.id not in skipped]
    if not criteria:
        return []
    removals = redactions if redactions is not None else removal_spans(document, results)
    heads = outline(document, removals)
    title = cut(document.title,
                [sentence_bounds(document.title, s, e) for s, e in pattern_spans(document.title)])
    return [
        LLMRequest(
            document_title=title,
            document_type=rubric.doc_type,
            document_label=rubric.detect.label if rubric.detect is not None else "",
            outline=heads,
            chunk=chunk,
            criteria=criteria,
            prompt_version=prompt_version(),
        )
        for chunk in plan_chunks(document, budget_tokens, removals)
    ]

