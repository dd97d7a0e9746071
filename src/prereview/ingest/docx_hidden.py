"""Text a reader of the .docx cannot see (vanish, white on no background, under
4pt) and where a paragraph sits (table cell, text box, a duplicate Fallback)."""

from __future__ import annotations

from dataclasses import dataclass

from prereview.ingest.docx_styles import NO_FILL, Style, Styles, is_on, to_int, xml_val
from prereview.ooxml import MC_NS, W_BODY, W_P, W_RPR, W_VAL, Element, w

_WHITE = frozenset({"FFFFFF"})
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


@dataclass
class Where:
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


def where_of(p: Element) -> Where:
    where = Where()
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


class Hidden:
    """Which runs a reader cannot see: vanish, specVanish, white on no background,
    or smaller than 4pt."""

    def __init__(self, styles: Styles, page_background: bool) -> None:
        self.styles = styles
        self.page_background = page_background
        self._cache: dict[tuple[str | None, str | None], dict[str, Element | None]] = {}

    def run_hidden(
        self, run: Element, pstyle: str | None, background: LazyBackground
    ) -> bool:
        rpr = run.find(W_RPR)
        rstyle = xml_val(rpr.find(w("rStyle"))) if rpr is not None else None
        props = self._style_props(rstyle, pstyle)
        if rpr is not None:
            props = dict(props)
            for child in rpr:
                if child.tag in props:
                    props[child.tag] = child
        if is_on(props[_VANISH]) or is_on(props[_SPEC_VANISH]):
            return True
        size = to_int(xml_val(props[_SZ]))
        if size is not None and size < MIN_VISIBLE_HALF_POINTS:
            return True
        color = props[_COLOR]
        if color is None or not is_white(color):
            return False
        highlight = xml_val(props[_HIGHLIGHT])
        if highlight is not None and highlight.lower() not in ("none", "white"):
            return False
        shd = props[_SHD]
        if shd is not None and str(shd.get(w("fill"), "")).upper() not in NO_FILL:
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


def is_white(color: Element) -> bool:
    theme = color.get(w("themeColor"))
    if theme is not None:
        return str(theme) in _WHITE_THEME
    return str(color.get(W_VAL, "")).upper() in _WHITE


class LazyBackground:
    """Whether the paragraph sits on a painted background (paragraph or cell
    shading, or a table style that shades cells): computed only when white text
    is found, since white text there is legible."""

    def __init__(
        self, ppr: Element | None, chain: list[Style], where: Where, styles: Styles
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
            if ppr is not None and fills_direct(ppr):
                return True
        cell = self.where.cell
        if cell is not None:
            tcpr = cell.find(w("tcPr"))
            if tcpr is not None and fills_direct(tcpr):
                return True
        table = self.where.table
        if table is not None:
            tblpr = table.find(w("tblPr"))
            if tblpr is not None:
                if fills_direct(tblpr):
                    return True
                if self.styles.has_shading(xml_val(tblpr.find(w("tblStyle")))):
                    return True
        return False


def fills_direct(props: Element) -> bool:
    shd = props.find(w("shd"))
    return shd is not None and str(shd.get(w("fill"), "")).upper() not in NO_FILL
