"""The word limit: a document too long to review is refused before it is parsed.

Review time grows with the words, so an input of millions of words (a log pasted
into a .md, a generated .docx) is refused in well under a second with one line
instead of running for minutes. The count is the one ``Document.words`` uses
(whitespace-separated tokens), taken on the raw text (Markdown) or on the text of
the main part's ``w:t`` elements (.docx), so nothing heavy runs first.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

from prereview.errors import InputError

ENV_MAX_WORDS = "PREREVIEW_MAX_WORDS"
DEFAULT_MAX_WORDS = 100_000
"""Six times the longest document of the corpus (a 17,000-word KEP); about 5 s of
review on a loaded laptop."""

_DOCX_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>|<w:(?:tab|br|cr)\b")


def max_words() -> int:
    """The limit: ``PREREVIEW_MAX_WORDS`` (a positive integer; 0 means no limit)."""
    raw = os.environ.get(ENV_MAX_WORDS, "").strip().replace("_", "")
    if not raw:
        return DEFAULT_MAX_WORDS
    try:
        value = int(raw)
    except ValueError:
        raise InputError(ENV_MAX_WORDS, f"not a whole number: '{raw}'") from None
    if value < 0:
        raise InputError(ENV_MAX_WORDS, f"must be 0 (no limit) or more, not {value}")
    return value


def check_words(path: str, words: int) -> None:
    """Refuse ``path`` when ``words`` is over the limit."""
    limit = max_words()
    if limit and words > limit:
        raise InputError(
            path, f"too large to review ({words:,} words; the limit is {limit:,}, "
                  f"set by {ENV_MAX_WORDS})"
        )


BYTES_PER_WORD = 20
"""Markdown larger than this many bytes per word of the limit (2 MB at the
default) is refused too, whatever its word count: 5 MB of ``a.`` is one word and
12 s of review. Real Markdown is 6-12 bytes a word (the corpus's most is 12.3)."""
MARKUP_PER_WORD = 2
"""And Markdown with more markup characters (``* _ [ ] ! < > ` #``..., where the
parser stops and makes a token) than this per word of the limit: 1 MB of ``*_``
took 10 s and 500 MB in the parser. The corpus's most is 1.05 per word (its
longest document has 18,000 such characters)."""
_MARKUP = "!#$%&*+-:<=>@[\\]^_`{}~"
"""The characters markdown-it's inline parser stops at."""


def check_text_size(path: str, text: str, size: int) -> None:
    """Refuse Markdown of ``size`` bytes when over ``BYTES_PER_WORD`` times the
    word limit, or with more than ``MARKUP_PER_WORD`` markup characters per word
    of it (one setting, ``PREREVIEW_MAX_WORDS``, bounds all three)."""
    limit = max_words()
    if not limit:
        return
    setting = f"the {limit:,}-word limit set by {ENV_MAX_WORDS}"
    if size > limit * BYTES_PER_WORD:
        mb = 1024 * 1024
        raise InputError(
            path, f"too large to review ({size / mb:.1f} MB of text; the limit is "
                  f"{limit * BYTES_PER_WORD / mb:.1f} MB, {BYTES_PER_WORD} bytes per word of "
                  f"{setting})")
    markup = sum(text.count(ch) for ch in _MARKUP)
    if markup > limit * MARKUP_PER_WORD:
        raise InputError(
            path, f"too large to review ({markup:,} markup characters such as * _ [ !; the "
                  f"limit is {limit * MARKUP_PER_WORD:,}, {MARKUP_PER_WORD} per word of "
                  f"{setting})")


def text_words(text: str) -> int:
    return len(text.split())


def docx_words(data: bytes, main_part: str) -> int:
    """Words of the main part's text runs (after the guards have passed the zip)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        try:
            xml = zf.read(main_part)
        except KeyError:
            return 0
    count = 0
    pending: list[bytes] = []
    for m in _DOCX_TEXT.finditer(xml):
        text = m.group(1)
        if text is None:  # paragraph end, tab or break: a word boundary
            count += len(b"".join(pending).split())
            pending = []
        else:
            pending.append(text)
    return count + len(b"".join(pending).split())
