"""Which files a batch reviews."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from prereview.batch.discover import UsageError, discover, is_temp_file


def rels(paths: list[str], **kw: list[str]) -> list[str]:
    return [i.rel for i in discover(paths, **kw).items]


def test_folder_recursive_skips_lock_temp_hidden_and_non_documents(meeting: Path) -> None:
    found = discover([str(meeting)])
    assert [i.rel for i in found.items] == [
        "broken.docx", "design.md", "empty.md", "team-a/prfaq.md", "team-b/flawed.docx",
        "team-b/prfaq.md",
    ]
    skipped = {Path(p).name: why for p, why in found.skipped}
    assert skipped == {"~$flawed.docx": "lock or temp file", "notes.md~": "lock or temp file",
                       "draft.md.swp": "lock or temp file", ".#design.md": "lock or temp file"}
    assert all(i.path.startswith(str(meeting)) for i in found.items)


def test_same_names_get_distinct_output_folders(meeting: Path) -> None:
    names = [i.out_name for i in discover([str(meeting)]).items]
    assert len(names) == len(set(names))
    assert {"team-a/prfaq.md", "team-b/prfaq.md"} <= set(names)


def test_files_and_globs(meeting: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(meeting)
    assert rels(["team-b/prfaq.md", "design.md"]) == ["team-b/prfaq.md", "design.md"]
    assert rels(["**/*.md"]) == ["design.md", "empty.md", "team-a/prfaq.md",
                                 "team-b/prfaq.md"]
    # the same file named twice is reviewed once
    assert rels(["design.md", "./design.md", "*.md"]) == ["design.md", "empty.md"]


def test_include_exclude(meeting: Path) -> None:
    assert rels([str(meeting)], include=["*.docx"]) == ["broken.docx", "team-b/flawed.docx"]
    assert rels([str(meeting)], exclude=["team-b/*", "broken*"]) == [
        "design.md", "empty.md", "team-a/prfaq.md"]


def test_bad_usage(meeting: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        discover([str(meeting / "nope")])
    with pytest.raises(UsageError, match="no file matches"):
        discover([str(meeting / "*.rst")])


def test_symlinked_folder_is_not_followed(meeting: Path, tmp_path: Path) -> None:
    os.symlink(meeting / "team-a", meeting / "link")
    assert "link/prfaq.md" not in rels([str(meeting)])


@pytest.mark.parametrize(("name", "temp"), [
    ("~$draft.docx", True), ("draft.md~", True), (".#draft.md", True), ("a.swp", True),
    ("draft.md", False), ("my~notes.md", False),
])
def test_temp_names(name: str, temp: bool) -> None:
    assert is_temp_file(name) is temp


def test_the_output_folder_inside_the_batch_is_not_reviewed(meeting: Path) -> None:
    out = meeting / "board"
    (out / "design.md").mkdir(parents=True)
    (out / "design.md" / "report.md").write_text("# Pre-review: Design\n", encoding="utf-8")
    assert "board/design.md/report.md" in rels([str(meeting)])
    found = discover([str(meeting)], out_dir=str(out))
    assert not any(i.rel.startswith("board/") for i in found.items)
