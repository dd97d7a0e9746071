""".docx to Document: the body's text as a reader sees it, anchored to paragraphs.

python-docx's ``doc.paragraphs`` misses content controls and text boxes, and its
``paragraph.text`` misses runs inside tracked insertions, so the body is walked
directly: every ``w:p`` in document order (``body.iter(w:p)``) is one candidate
block, and its index in that order is ``Anchor.paragraph``, the contract the Word
comment writer relies on. ``paragraph_text_runs`` is the single definition of a
paragraph's text and of which run each character comes from, shared by this
reader and the writer, so an offset in a finding always lands on the right run.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prereview.document import (
    Anchor,
    Block,
    BlockKind,
    Document,
    Span,
    build_sections,
    sha256_of,
)
from prereview.errors import InputError
from prereview.ingest.docx_hidden import Hidden, LazyBackground, Where, where_of
from prereview.ingest.docx_styles import NO_FILL, Numbering, Style, Styles, to_int, xml_val
from prereview.ingest.guards import STRICT_MESSAGE
from prereview.ooxml import (
    RT_CORE_PROPERTIES,
    RT_NUMBERING,
    RT_STYLES,
    STRICT_W_NS,
    W_PPR,
    Element,
    body_paragraphs,
    runs_with_text,
    w,
)

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_CODE_NAME = re.compile(r"\bcode\b|preformatted", re.IGNORECASE)
_QUOTE_NAMES = frozenset({"quote", "intense quote"})
_TRAILING_DIGIT = re.compile(r"\s([1-9])$")


# --------------------------------------------------------------------- blocks


def _outline_level(ppr: Element | None) -> int | None:
    if ppr is None:
        return None
    return to_int(xml_val(ppr.find(w("outlineLvl"))))


@dataclass
class _Kind:
    kind: BlockKind
    level: int | None = None
    ordered: bool = False
    is_title: bool = False


class _Classifier:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def classify(self, ppr: Element | None, chain: list[Style], where: Where) -> _Kind:
        if where.in_table:
            return _Kind(BlockKind.TABLE_CELL)
        names = [s.name.lower() for s in chain]
        # Title, Subtitle and headings: the nearest decisive style wins; a direct
        # outline level overrides the style's (level 9 is "body text").
        decided: str | int | None = None
        for style, lname in zip(chain, names, strict=True):
            match = _HEADING_NAME.match(lname)
            level = _outline_level(style.ppr)
            if lname in ("title", "subtitle"):
                decided = lname
            elif match:
                decided = int(match.group(1))
            elif level is not None:
                decided = level + 1 if 0 <= level < 9 else 0
            if decided is not None:
                break
        direct = _outline_level(ppr)
        if direct is not None and decided not in ("title", "subtitle"):
            decided = direct + 1 if 0 <= direct < 9 else 0
        if decided == "subtitle":
            return _Kind(BlockKind.PARAGRAPH)
        if not where.in_textbox:
            if decided == "title":
                return _Kind(BlockKind.HEADING, level=1, is_title=True)
            if isinstance(decided, int) and decided > 0:
                return _Kind(BlockKind.HEADING, level=decided)
        listed = self._list_item(ppr, chain, names)
        if listed is not None:
            return listed
        if any(n in _QUOTE_NAMES for n in names):
            return _Kind(BlockKind.QUOTE)
        if any(_CODE_NAME.search(n) for n in names):
            return _Kind(BlockKind.CODE)
        return _Kind(BlockKind.PARAGRAPH)

    def _list_item(
        self, ppr: Element | None, chain: list[Style], names: list[str]
    ) -> _Kind | None:
        num_id: str | None = None
        ilvl: int | None = None
        sources = [ppr] + [s.ppr for s in chain]
        for source in sources:
            numpr = source.find(w("numPr")) if source is not None else None
            if numpr is None:
                continue
            if num_id is None:
                num_id = xml_val(numpr.find(w("numId")))
            if ilvl is None:
                ilvl = to_int(xml_val(numpr.find(w("ilvl"))))
            if num_id is not None and ilvl is not None:
                break
        list_style = next((n for n in names if n.startswith("list")), None)
        numbered = num_id is not None and num_id != "0"
        if not numbered and list_style is None:
            return None
        if ilvl is not None and numbered:
            level = ilvl + 1
        else:
            digit = _TRAILING_DIGIT.search(list_style or "")
            level = int(digit.group(1)) if digit else (ilvl or 0) + 1
        fmt = self.numbering.num_format(num_id, ilvl or 0) if numbered and num_id else None
        if fmt is not None:
            ordered = fmt not in ("bullet", "none")
        else:
            ordered = any("number" in n for n in names)
        return _Kind(BlockKind.LIST_ITEM, level=max(1, level), ordered=ordered)


def _merge(spans: list[tuple[int, int]]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(start=s, end=e) for s, e in merged]


def _related_element(part: Any, reltype: str) -> Element | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part.element if hasattr(rel.target_part, "element") else None
    return None


def _metadata(document: Any) -> dict[str, str]:
    """Core properties that are set, without letting python-docx invent defaults
    (it creates a core part titled 'Word Document' when a file has none)."""
    package = document.part.package
    if not any(r.reltype == RT_CORE_PROPERTIES for r in package.rels.values()):
        return {}
    props = document.core_properties
    metadata: dict[str, str] = {}
    for key in ("title", "author", "subject"):
        value = getattr(props, key, None)
        if isinstance(value, str) and value.strip():
            metadata[key] = re.sub(r"\s+", " ", value).strip()
    return metadata


def _short(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


def parse_docx(data: bytes, path: str = "<docx>") -> Document:
    """Parse .docx bytes (already through the guards) into a Document."""
    import docx  # imported here so Markdown-only runs do not pay for it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on bad packages
        reason = re.sub(r"'?<_io\.BytesIO object at 0x[0-9a-fA-F]+>'?", "the file", _short(exc))
        if "macroEnabled" in reason:
            reason = ("a macro-enabled document (.docm) renamed to .docx: "
                      "save it as a .docx without macros")
            raise InputError(path, reason) from None
        raise InputError(path, f"corrupt .docx: {reason}") from None
    root = document.element
    if isinstance(root.tag, str) and root.tag.startswith(f"{{{STRICT_W_NS}}}"):
        raise InputError(path, STRICT_MESSAGE)
    styles = Styles(_related_element(document.part, RT_STYLES))
    numbering = Numbering(_related_element(document.part, RT_NUMBERING), styles)
    classifier = _Classifier(styles, numbering)
    page_bg = root.find(w("background"))
    page_background = page_bg is not None and str(page_bg.get(w("color"), "")).upper() not in (
        NO_FILL
    )
    hidden = Hidden(styles, page_background)

    blocks: list[Block] = []
    first_title: str | None = None
    for index, p in enumerate(body_paragraphs(root)):
        runs = runs_with_text(p)
        text = "".join(t for *_, t in runs)
        if not text.strip():
            continue
        where = where_of(p)
        if where.in_fallback:
            continue
        ppr = p.find(W_PPR)
        chain = styles.paragraph_chain(ppr)
        kind = classifier.classify(ppr, chain, where)
        pstyle = chain[0].sid if chain else None
        background = LazyBackground(ppr, chain, where, styles)
        hidden_spans = [
            (start, end)
            for run, start, end, run_txt in runs
            if run_txt and hidden.run_hidden(run, pstyle, background)
        ]
        if kind.is_title and first_title is None:
            first_title = text
        blocks.append(
            Block(
                index=len(blocks),
                kind=kind.kind,
                text=text,
                anchor=Anchor(paragraph=index),
                level=kind.level,
                hidden=_merge(hidden_spans),
                ordered=kind.ordered,
                style=chain[0].name if chain else None,
            )
        )

    metadata = _metadata(document)
    title = metadata.get("title") or first_title
    if not title:
        heading = next((b for b in blocks if b.kind == BlockKind.HEADING), None)
        title = heading.text if heading is not None else Path(path).stem
    title = re.sub(r"\s+", " ", title).strip() or Path(path).stem
    return Document(
        path=path,
        format="docx",
        title=title,
        blocks=blocks,
        sections=build_sections(blocks),
        sha256=sha256_of(data),
        metadata=metadata,
    )
