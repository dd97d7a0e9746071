"""Writing the board (``write_board``) through ``prereview.outputs``: whole, an
earlier board replaced, a symbolic link or somebody else's file refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from prereview.batch import Options, run_batch, write_board
from prereview.outputs import OutputError, is_prereview_output

from .test_cli import invoke


def test_board_files_replace_an_earlier_board_and_leave_no_temporaries(
    meeting: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    board = run_batch([str(meeting)], Options(use_cache=False), workers=1)
    formats = ["md", "json", "html", "concise"]
    first = write_board(board, out, formats)
    assert [p.name for p in first] == ["board.md", "board.json", "board.html", "board.txt"]
    assert all(is_prereview_output(p) for p in first)
    again = write_board(board, out, formats)  # an earlier board: replaced, not refused
    assert again == first
    assert json.loads((out / "board.json").read_text(encoding="utf-8"))["schema"] == (
        "prereview.batch/1")
    assert (out / "board.md").read_text(encoding="utf-8").startswith(
        "# Readiness board: 6 documents\n")
    concise = (out / "board.txt").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(f"{meeting / 'broken.docx'}:1:1: error load ")
               for line in concise)
    assert sorted(p.name for p in out.iterdir()) == ["board.html", "board.json", "board.md",
                                                     "board.txt"]
    assert oct(os.stat(out / "board.json").st_mode & 0o777) != "0o600"


def test_a_symlink_at_the_board_is_refused_and_not_followed(meeting: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.md"
    victim.write_text("mine\n", encoding="utf-8")
    (out / "board.md").symlink_to(victim)
    board = run_batch([str(meeting)], Options(use_cache=False), workers=1)
    with pytest.raises(OutputError, match=r"board\.md: is a symbolic link: refusing"):
        write_board(board, out, ["json", "md"])
    assert victim.read_text(encoding="utf-8") == "mine\n"
    assert not (out / "board.json").exists()  # the set is whole or not at all
    assert (out / "board.md").is_symlink()


def test_the_cli_refuses_to_replace_a_file_that_is_not_a_board(meeting: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "board.json").write_text('{"mine": true}\n', encoding="utf-8")
    code, stdout, stderr = invoke("batch", str(meeting), "--fast", "-f", "json", "-o", str(out),
                                  "-j", "1")
    assert code == 2 and stdout == ""
    assert stderr == (f"prereview: error: {out / 'board.json'}: exists and is not a prereview "
                      "output: refusing to replace it (use --force, or choose another --out)\n")
    assert (out / "board.json").read_text(encoding="utf-8") == '{"mine": true}\n'
