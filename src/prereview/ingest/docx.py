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
from prereview.ingest.guards import STRICT_MESSAGE
from prereview.ooxml import (
    MC_NS,
    RT_CORE_PROPERTIES,
    RT_NUMBERING,
    RT_STYLES,
    STRICT_W_NS,
    W_BODY,
    W_P,
    W_PPR,
    W_RPR,
    W_VAL,
    Element,
    body_paragraphs,
    runs_with_text,
    w,
)

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_CODE_NAME = re.compile(r"\bcode\b|preformatted", re.IGNORECASE)
_QUOTE_NAMES = frozenset({"quote", "intense quote"})
_TRAILING_DIGIT = re.compile(r"\s([1-9])$")
_OFF = frozenset({"0", "false", "off"})
_WHITE = frozenset({"FFFFFF"})
_NO_FILL = frozenset({"", "AUTO", "FFFFFF"})
_WHITE_THEME = frozenset({"background1", "light1"})

_VANISH = w("vanish")
_SPEC_VANISH = w("specVanish")
_SZ = w("sz")
_COLOR = w("color")
_HIGHLIGHT = w("highlight")
_SHD = w("shd")
_HIDING_TAGS = (_VANISH, _SPEC_VANISH, _SZ, _COLOR, _HIGHLIGHT, _SHD)

MIN_VISIBLE_HALF_POINTS = 8
"""Runs smaller than 4pt (``w:sz`` is in half-points) count as hidden."""



# --------------------------------------------------------------------- styles


def _val(element: Element | None, attr: str = W_VAL) -> str | None:
    if element is None:
        return None
    value = element.get(attr)
    return str(value) if value is not None else None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _on(element: Element | None) -> bool:
    """An on/off property: present with no value or any value but 0/false/off."""
    if element is None:
        return False
    value = element.get(W_VAL)
    return value is None or str(value).lower() not in _OFF


_UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header"} | {
    f"heading {i}": f"Heading {i}" for i in range(1, 10)
}


def _ui_name(name: str) -> str:
    """The name Word shows: built-ins are stored lowercase ('heading 1'), the same
    mapping python-docx applies in ``style.name``."""
    return _UI_NAMES.get(name, name)


@dataclass
class _Style:
    sid: str
    name: str
    based_on: str | None
    ppr: Element | None
    rpr: Element | None
    element: Element


class _Styles:
    """The styles part, indexed once, with basedOn chains cached."""

    def __init__(self, styles_element: Element | None) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.defaults_rpr: Element | None = None
        self._chains: dict[str | None, list[_Style]] = {}
        self._char_layers: dict[tuple[str | None, str | None], list[Element]] = {}
        if styles_element is None:
            return
        defaults = styles_element.find(w("docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(w("rPrDefault"))
            if rpr_default is not None:
                self.defaults_rpr = rpr_default.find(W_RPR)
        for el in styles_element.iterchildren(w("style")):
            sid = el.get(w("styleId"))
            if sid is None:
                continue
            name = _val(el.find(w("name"))) or sid
            self.by_id[sid] = _Style(
                sid=sid,
                name=_ui_name(name),
                based_on=_val(el.find(w("basedOn"))),
                ppr=el.find(W_PPR),
                rpr=el.find(W_RPR),
                element=el,
            )
            is_default = str(el.get(w("default"), "")).lower() in ("1", "true", "on")
            if el.get(w("type")) == "paragraph" and is_default:
                self.default_paragraph = sid

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        if sid in self._chains:
            return self._chains[sid]
        chain: list[_Style] = []
        seen: set[str] = set()
        current = sid
        while current is not None and current not in seen and len(chain) < 32:
            style = self.by_id.get(current)
            if style is None:
                break
            seen.add(current)
            chain.append(style)
            current = style.based_on
        self._chains[sid] = chain
        return chain

    def paragraph_chain(self, ppr: Element | None) -> list[_Style]:
        sid = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        chain = self.chain(sid) if sid is not None else []
        return chain or self.chain(self.default_paragraph)

    def style_rpr_layers(self, rstyle: str | None, pstyle: str | None) -> list[Element]:
        """Run properties below the run's own: character style chain, then the
        paragraph style chain, then document defaults (highest priority first)."""
        key = (rstyle, pstyle)
        cached = self._char_layers.get(key)
        if cached is None:
            layers = [s.rpr for s in self.chain(rstyle) if s.rpr is not None]
            layers += [s.rpr for s in self.chain(pstyle) if s.rpr is not None]
            if self.defaults_rpr is not None:
                layers.append(self.defaults_rpr)
            cached = self._char_layers[key] = layers
        return cached

    def has_shading(self, sid: str | None) -> bool:
        """Whether a (table) style paints any cell background."""
        return any(_fills(s.element) for s in self.chain(sid))


def _fills(element: Element) -> bool:
    return any(
        str(shd.get(w("fill"), "")).upper() not in _NO_FILL for shd in element.iter(w("shd"))
    )


class _Numbering:
    """numId + ilvl to the level's number format (bullet, decimal, ...)."""

    def __init__(self, numbering_element: Element | None, styles: _Styles) -> None:
        self.abstract: dict[str, dict[int, str]] = {}
        self.abstract_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str | None, dict[int, str]]] = {}
        self.styles = styles
        if numbering_element is None:
            return
        for an in numbering_element.iterchildren(w("abstractNum")):
            aid = an.get(w("abstractNumId"))
            if aid is None:
                continue
            self.abstract[aid] = self._levels(an)
            link = _val(an.find(w("numStyleLink")))
            if link:
                self.abstract_link[aid] = link
        for num in numbering_element.iterchildren(w("num")):
            nid = num.get(w("numId"))
            if nid is None:
                continue
            overrides: dict[int, str] = {}
            for override in num.iterchildren(w("lvlOverride")):
                lvl = override.find(w("lvl"))
                ilvl = _int(override.get(w("ilvl")))
                fmt = _val(lvl.find(w("numFmt"))) if lvl is not None else None
                if ilvl is not None and fmt:
                    overrides[ilvl] = fmt
            self.nums[nid] = (_val(num.find(w("abstractNumId"))), overrides)

    @staticmethod
    def _levels(abstract_num: Element) -> dict[int, str]:
        levels: dict[int, str] = {}
        for lvl in abstract_num.iterchildren(w("lvl")):
            ilvl = _int(lvl.get(w("ilvl")))
            fmt = _val(lvl.find(w("numFmt")))
            if ilvl is not None and fmt:
                levels[ilvl] = fmt
        return levels

    def num_format(self, num_id: str, ilvl: int, hops: int = 0) -> str | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        aid, overrides = entry
        if ilvl in overrides:
            return overrides[ilvl]
        if aid is None:
            return None
        levels = self.abstract.get(aid, {})
        if ilvl in levels:
            return levels[ilvl]
        link = self.abstract_link.get(aid)
        if link is not None and hops < 3:
            for style in self.styles.chain(link):
                numpr = style.ppr.find(w("numPr")) if style.ppr is not None else None
                linked = _val(numpr.find(w("numId"))) if numpr is not None else None
                if linked is not None and linked != num_id:
                    return self.num_format(linked, ilvl, hops + 1)
        return None


# --------------------------------------------------------------------- blocks


@dataclass
class _Where:
    in_table: bool = False
    in_textbox: bool = False
    in_fallback: bool = False
    table: Element | None = None
    cell: Element | None = None


_TC = w("tc")
_TBL = w("tbl")
_TXBX = w("txbxContent")
_FALLBACK = f"{{{MC_NS}}}Fallback"
_CHOICE = f"{{{MC_NS}}}Choice"


def _where(p: Element) -> _Where:
    where = _Where()
    for anc in p.iterancestors():
        tag = anc.tag
        if tag == W_BODY:
            break
        if tag == _TC:
            where.in_table = True
            where.cell = where.cell if where.cell is not None else anc
        elif tag == _TBL:
            where.table = where.table if where.table is not None else anc
        elif tag == _TXBX:
            where.in_textbox = True
        elif tag == _FALLBACK and _choice_has_paragraphs(anc):
            where.in_fallback = True
    return where


def _choice_has_paragraphs(fallback: Element) -> bool:
    """A Fallback duplicates its Choice; skip its paragraphs only when the Choice
    really holds them (else the Fallback is the only copy of the text)."""
    parent = fallback.getparent()
    if parent is None:
        return False
    return any(
        next(choice.iter(W_P), None) is not None for choice in parent.iterchildren(_CHOICE)
    )


def _outline_level(ppr: Element | None) -> int | None:
    if ppr is None:
        return None
    return _int(_val(ppr.find(w("outlineLvl"))))


@dataclass
class _Kind:
    kind: BlockKind
    level: int | None = None
    ordered: bool = False
    is_title: bool = False


class _Classifier:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def classify(self, ppr: Element | None, chain: list[_Style], where: _Where) -> _Kind:
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
        self, ppr: Element | None, chain: list[_Style], names: list[str]
    ) -> _Kind | None:
        num_id: str | None = None
        ilvl: int | None = None
        sources = [ppr] + [s.ppr for s in chain]
        for source in sources:
            numpr = source.find(w("numPr")) if source is not None else None
            if numpr is None:
                continue
            if num_id is None:
                num_id = _val(numpr.find(w("numId")))
            if ilvl is None:
                ilvl = _int(_val(numpr.find(w("ilvl"))))
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


class _Hidden:
    """Which runs a reader cannot see: vanish, specVanish, white on no background,
    or smaller than 4pt."""

    def __init__(self, styles: _Styles, page_background: bool) -> None:
        self.styles = styles
        self.page_background = page_background
        self._cache: dict[tuple[str | None, str | None], dict[str, Element | None]] = {}

    def run_hidden(
        self, run: Element, pstyle: str | None, background: _LazyBackground
    ) -> bool:
        rpr = run.find(W_RPR)
        rstyle = _val(rpr.find(w("rStyle"))) if rpr is not None else None
        props = self._style_props(rstyle, pstyle)
        if rpr is not None:
            props = dict(props)
            for child in rpr:
                if child.tag in props:
                    props[child.tag] = child
        if _on(props[_VANISH]) or _on(props[_SPEC_VANISH]):
            return True
        size = _int(_val(props[_SZ]))
        if size is not None and size < MIN_VISIBLE_HALF_POINTS:
            return True
        color = props[_COLOR]
        if color is None or not _is_white(color):
            return False
        highlight = _val(props[_HIGHLIGHT])
        if highlight is not None and highlight.lower() not in ("none", "white"):
            return False
        shd = props[_SHD]
        if shd is not None and str(shd.get(w("fill"), "")).upper() not in _NO_FILL:
            return False
        return not (self.page_background or background.present())

    def _style_props(self, rstyle: str | None, pstyle: str | None) -> dict[str, Element | None]:
        """The hiding-related properties runs inherit from styles and defaults."""
        key = (rstyle, pstyle)
        cached = self._cache.get(key)
        if cached is None:
            cached = dict.fromkeys(_HIDING_TAGS)
            for layer in reversed(self.styles.style_rpr_layers(rstyle, pstyle)):
                for child in layer:
                    if child.tag in cached:
                        cached[child.tag] = child
            self._cache[key] = cached
        return cached


def _is_white(color: Element) -> bool:
    theme = color.get(w("themeColor"))
    if theme is not None:
        return str(theme) in _WHITE_THEME
    return str(color.get(W_VAL, "")).upper() in _WHITE


class _LazyBackground:
    """Whether the paragraph sits on a painted background (paragraph or cell
    shading, or a table style that shades cells): computed only when white text
    is found, since white text there is legible."""

    def __init__(
        self, ppr: Element | None, chain: list[_Style], where: _Where, styles: _Styles
    ) -> None:
        self.ppr = ppr
        self.chain = chain
        self.where = where
        self.styles = styles
        self._value: bool | None = None

    def present(self) -> bool:
        if self._value is None:
            self._value = self._compute()
        return self._value

    def _compute(self) -> bool:
        for ppr in [self.ppr, *(s.ppr for s in self.chain)]:
            if ppr is not None and _fills_direct(ppr):
                return True
        cell = self.where.cell
        if cell is not None:
            tcpr = cell.find(w("tcPr"))
            if tcpr is not None and _fills_direct(tcpr):
                return True
        table = self.where.table
        if table is not None:
            tblpr = table.find(w("tblPr"))
            if tblpr is not None:
                if _fills_direct(tblpr):
                    return True
                if self.styles.has_shading(_val(tblpr.find(w("tblStyle")))):
                    return True
        return False


def _fills_direct(props: Element) -> bool:
    shd = props.find(w("shd"))
    return shd is not None and str(shd.get(w("fill"), "")).upper() not in _NO_FILL


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
        raise InputError(path, f"corrupt .docx: {_short(exc)}") from None
    root = document.element
    if isinstance(root.tag, str) and root.tag.startswith(f"{{{STRICT_W_NS}}}"):
        raise InputError(path, STRICT_MESSAGE)
    styles = _Styles(_related_element(document.part, RT_STYLES))
    numbering = _Numbering(_related_element(document.part, RT_NUMBERING), styles)
    classifier = _Classifier(styles, numbering)
    page_bg = root.find(w("background"))
    page_background = page_bg is not None and str(page_bg.get(w("color"), "")).upper() not in (
        _NO_FILL
    )
    hidden = _Hidden(styles, page_background)

    blocks: list[Block] = []
    first_title: str | None = None
    for index, p in enumerate(body_paragraphs(root)):
        runs = runs_with_text(p)
        text = "".join(t for *_, t in runs)
        if not text.strip():
            continue
        where = _where(p)
        if where.in_fallback:
            continue
        ppr = p.find(W_PPR)
        chain = styles.paragraph_chain(ppr)
        kind = classifier.classify(ppr, chain, where)
        pstyle = chain[0].sid if chain else None
        background = _LazyBackground(ppr, chain, where, styles)
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
