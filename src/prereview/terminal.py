"""Text bound for a terminal: no control characters from the document.

A title or a quote can carry escape sequences (``ESC [ 2 J``, an OSC 8 link, a
bell, a carriage return that hides what came before); printed raw, they act on
the reader's terminal. Everything prereview prints, and the Markdown report (which
people ``cat``), goes through ``strip_controls``: C0 controls other than tab and
newline, DEL and the C1 range become visible placeholders.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ESC shows as U+241B
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def strip_controls(text: str) -> str:
    """``text`` with every terminal control character (except tab and newline)
    replaced by a visible placeholder."""
    return _CONTROLS.sub(_visible, text)
