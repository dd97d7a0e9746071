"""Word styles and numbering, as the .docx reader needs them: a paragraph's style
chain (heading, code, quote, list), its numbering format, and the run properties
styles and defaults pass down."""

from __future__ import annotations

from dataclasses import dataclass

from prereview.ooxml import W_PPR, W_RPR, W_VAL, Element, w

_OFF = frozenset({"0", "false", "off"})
NO_FILL = frozenset({"", "AUTO", "FFFFFF"})
"""Shading fills that paint nothing."""


def xml_val(element: Element | None, attr: str = W_VAL) -> str | None:
    if element is None:
        return None
    value = element.get(attr)
    return str(value) if value is not None else None


def to_int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def is_on(element: Element | None) -> bool:
    """An on/off property: present with no value or any value but 0/false/off."""
    if element is None:
        return False
    value = element.get(W_VAL)
    return value is None or str(value).lower() not in _OFF


UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header"} | {
    f"heading {i}": f"Heading {i}" for i in range(1, 10)
}


def ui_name(name: str) -> str:
    """The name Word shows: built-ins are stored lowercase ('heading 1'), the same
    mapping python-docx applies in ``style.name``."""
    return UI_NAMES.get(name, name)


@dataclass
class Style:
    sid: str
    name: str
    based_on: str | None
    ppr: Element | None
    rpr: Element | None
    element: Element


class Styles:
    """The styles part, indexed once, with basedOn chains cached."""

    def __init__(self, styles_element: Element | None) -> None:
        self.by_id: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        self.defaults_rpr: Element | None = None
        self._chains: dict[str | None, list[Style]] = {}
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
            name = xml_val(el.find(w("name"))) or sid
            self.by_id[sid] = Style(
                sid=sid,
                name=ui_name(name),
                based_on=xml_val(el.find(w("basedOn"))),
                ppr=el.find(W_PPR),
                rpr=el.find(W_RPR),
                element=el,
            )
            is_default = str(el.get(w("default"), "")).lower() in ("1", "true", "on")
            if el.get(w("type")) == "paragraph" and is_default:
                self.default_paragraph = sid

    def chain(self, sid: str | None) -> list[Style]:
        """The style and its basedOn ancestors, nearest first (cycles cut)."""
        if sid in self._chains:
            return self._chains[sid]
        chain: list[Style] = []
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

    def paragraph_chain(self, ppr: Element | None) -> list[Style]:
        sid = xml_val(ppr.find(w("pStyle"))) if ppr is not None else None
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
        return any(has_fill(s.element) for s in self.chain(sid))


def has_fill(element: Element) -> bool:
    return any(
        str(shd.get(w("fill"), "")).upper() not in NO_FILL for shd in element.iter(w("shd"))
    )


class Numbering:
    """numId + ilvl to the level's number format (bullet, decimal, ...)."""

    def __init__(self, numbering_element: Element | None, styles: Styles) -> None:
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
            link = xml_val(an.find(w("numStyleLink")))
            if link:
                self.abstract_link[aid] = link
        for num in numbering_element.iterchildren(w("num")):
            nid = num.get(w("numId"))
            if nid is None:
                continue
            overrides: dict[int, str] = {}
            for override in num.iterchildren(w("lvlOverride")):
                lvl = override.find(w("lvl"))
                ilvl = to_int(override.get(w("ilvl")))
                fmt = xml_val(lvl.find(w("numFmt"))) if lvl is not None else None
                if ilvl is not None and fmt:
                    overrides[ilvl] = fmt
            self.nums[nid] = (xml_val(num.find(w("abstractNumId"))), overrides)

    @staticmethod
    def _levels(abstract_num: Element) -> dict[int, str]:
        levels: dict[int, str] = {}
        for lvl in abstract_num.iterchildren(w("lvl")):
            ilvl = to_int(lvl.get(w("ilvl")))
            fmt = xml_val(lvl.find(w("numFmt")))
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
                linked = xml_val(numpr.find(w("numId"))) if numpr is not None else None
                if linked is not None and linked != num_id:
                    return self.num_format(linked, ilvl, hops + 1)
        return None
