"""A meeting folder like the one an organiser batch-checks: both formats, nested
folders, two files with the same name, a corrupt .docx, an empty file, a Word
lock file, editor temp files and a hidden folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

GOOD = {
    "team-a/prfaq.md": "prfaq-strong.md",
    "team-b/prfaq.md": "narrative.md",
    "team-b/flawed.docx": "prfaq-flawed.docx",
    "design.md": "design-doc.md",
}
"""Relative path in the meeting folder -> the sample it is a copy of."""
BROKEN = {"broken.docx": b"PK\x03\x04 this is not a zip archive at all", "empty.md": b""}
IGNORED = ("~$flawed.docx", "notes.md~", ".#design.md", "draft.md.swp",
           ".hidden/secret.md", "picture.png")


@pytest.fixture(autouse=True)
def prereview_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test its own result cache."""
    home = tmp_path / "home"
    monkeypatch.setenv("PREREVIEW_HOME", str(home))
    yield home


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    root = tmp_path / "meeting"
    for rel, sample in GOOD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / sample, root / rel)
    for rel, data in BROKEN.items():
        (root / rel).write_bytes(data)
    for rel in IGNORED:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("# Press release\n\nTBD\n", encoding="utf-8")
    return root
