"""The word limit and the zip-bomb ratio: refused before parsing, in bounded time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from prereview.errors import InputError
from prereview.ingest import guards, limits, load_document

ZipWriter = Callable[..., Path]


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_document(path)
    assert info.value.path == str(path)
    return info.value.reason


def test_markdown_over_the_limit_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "log.md"
    path.write_text("# Log\n\n" + "word " * 1_200_000)  # 6 MB, one paragraph
    started = time.perf_counter()
    reason = _reason(path)
    assert time.perf_counter() - started < 2.0
    assert reason == (
        "too large to review (1,200,002 words; the limit is 100,000, set by PREREVIEW_MAX_WORDS)"
    )


def test_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "short.md"
    path.write_text("# Title\n\nOne two three four five.\n")
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "5")
    assert _reason(path).startswith("too large to review (7 words; the limit is 5,")
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "7")
    assert load_document(path).title == "Title"
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "0")  # no limit
    assert limits.max_words() == 0
    load_document(path)
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "lots")
    with pytest.raises(InputError, match="PREREVIEW_MAX_WORDS: not a whole number: 'lots'"):
        load_document(path)


def test_docx_over_the_limit_counts_runs_not_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = docx.Document()
    d.add_heading("Plan", 1)
    para = d.add_paragraph("Split")
    para.add_run("ted words")  # "Splitted words": two words over two runs
    d.add_paragraph("Three more words.")
    path = tmp_path / "plan.docx"
    d.save(str(path))
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "5")
    assert _reason(path).startswith("too large to review (6 words; the limit is 5,")
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "6")
    assert load_document(path).words == 6


def test_docx_bomb_refused_while_inflating(
    zip_writer: ZipWriter, minimal_docx_members: dict[str, bytes]
) -> None:
    # 40 MiB of XML text that compresses about 1000:1: under the 64 MiB member cap,
    # far past a plausible ratio.
    body = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (40 * 1024 * 1024 // 34)
    members = dict(minimal_docx_members)
    xml = members["word/document.xml"]
    cut = xml.index(b"</w:body>")
    members["word/document.xml"] = xml[:cut] + body + xml[cut:]
    path = zip_writer("bomb.docx", members)
    assert path.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    assert _reason(path) == (
        "zip member 'word/document.xml' inflates more than 100:1 past 10 MB (zip bomb?)"
    )
    assert time.perf_counter() - started < 2.0


def test_compressible_but_small_member_is_not_a_bomb(
    zip_writer: ZipWriter, minimal_docx_members: dict[str, bytes]
) -> None:
    members = dict(minimal_docx_members)
    members["word/media/blank.bin"] = b"\0" * (guards.BOMB_MIN_BYTES - 1)  # ~10000:1 but small
    path = zip_writer("blank.docx", members)
    assert load_document(path).blocks[0].text == "Hello world."


def test_markdown_of_few_words_and_many_bytes_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One 'word' of 2.5 MB of '!' (the parser's slowest character): refused by
    size, the limit following PREREVIEW_MAX_WORDS."""
    path = tmp_path / "bangs.md"
    path.write_text("# Bangs\n\n" + "!" * 2_500_000 + "\n")
    started = time.perf_counter()
    assert _reason(path) == ("too large to review (2.4 MB of text; the limit is 1.9 MB, "
                             "20 bytes per word of the 100,000-word limit set by "
                             "PREREVIEW_MAX_WORDS)")
    assert time.perf_counter() - started < 2.0
    monkeypatch.setenv("PREREVIEW_MAX_WORDS", "200000")
    path.write_text("# Bangs\n\n" + "!" * 2_000 + "\n")
    assert load_document(path).words >= 1


def test_markdown_of_many_markup_characters_is_refused(tmp_path: Path) -> None:
    """1 MB of '*_' (a parser token each) is under the size limit, over the markup one."""
    path = tmp_path / "stars.md"
    path.write_text("# Stars\n\n" + "*_" * 500_000 + "\n")
    started = time.perf_counter()
    assert _reason(path) == ("too large to review (1,000,001 markup characters such as "
                             "* _ [ !; the limit is 200,000, 2 per word of the 100,000-word "
                             "limit set by PREREVIEW_MAX_WORDS)")
    assert time.perf_counter() - started < 2.0
