"""Every bad input is one line, ``prereview: error: FILE: reason``, and exit 2:
never a traceback, never exit 1 (the gate's code), never Click's usage block.
Each case generates its own input."""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

safety = sys.modules["prereview_test_safety"]
DOC = "# Launch notes\n\nClinics fill 38 of 40 cancelled slots within an hour.\n"


def _docx_bytes(comment: bool = False) -> bytes:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Clinics fill 38 of 40 cancelled slots within an hour.")
    if comment:
        document.add_comment(paragraph.runs, text="An author's note", author="Ann")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, edit(info.filename, src.read(info)))
    return out.getvalue()


def _malformed_comment_ids(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    def edit(name: str, body: bytes) -> bytes:
        if name in ("word/comments.xml", "word/document.xml"):
            return re.sub(rb'w:id="0"', b'w:id="zero"', body)
        return body

    path = tmp / "commented.docx"
    path.write_bytes(_rewrite(_docx_bytes(comment=True), edit))
    return [path, "--out", tmp / "out"], {}


def _renamed_docm(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    def edit(name: str, body: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return body.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                b"application/vnd.ms-word.document.macroEnabled.main+xml")
        return body

    path = tmp / "macros.docx"
    path.write_bytes(_rewrite(_docx_bytes(), edit))
    return [path], {}


def _doc(tmp: Path, name: str = "draft.md") -> Path:
    path = tmp / name
    path.write_text(DOC, encoding="utf-8")
    return path


def _unreadable_folder(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    folder = tmp / "locked"
    folder.mkdir()
    _doc(folder)
    folder.chmod(0)
    return [folder / "draft.md"], {}


def _unreadable_file(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    path = _doc(tmp)
    path.chmod(0)
    return [path], {}


def _non_utf8_name(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    raw = os.fsencode(tmp) + b"/draft-\xff\xfe.md"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(DOC)
    return [os.fsdecode(raw)], {}


def _missing_prefect_home_parent(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    # PREFECT_HOME only matters on the flow path (the default review is in-process)
    return [_doc(tmp), "--flow"], {"PREFECT_HOME": str(tmp / "no" / "such" / "prefect")}


def _directory(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    (tmp / "folder.md").mkdir()
    return [tmp / "folder.md"], {}


def _fifo(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    os.mkfifo(tmp / "pipe.md")
    return [tmp / "pipe.md"], {}


def _dangling_link(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    (tmp / "gone.md").symlink_to(tmp / "missing.md")
    return [tmp / "gone.md"], {}


def _link_outside_tree(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    outside = tmp.parent / f"{tmp.name}-outside"
    outside.mkdir(exist_ok=True)
    _doc(outside, "secret.md")
    (tmp / "shadow.md").symlink_to(outside / "secret.md")
    return ["shadow.md"], {}


def _out_is_a_file(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    (tmp / "out").write_text("x", encoding="utf-8")
    return [_doc(tmp), "--out", tmp / "out"], {}


def _binary(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    (tmp / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    return [tmp / "image.md"], {}


def _utf32_part(tmp: Path) -> tuple[list[str | Path], dict[str, str]]:
    def edit(name: str, body: bytes) -> bytes:
        if name == "word/document.xml":
            text = body.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-32"')
            return text.encode("utf-32")
        return body

    path = tmp / "wide.docx"
    path.write_bytes(_rewrite(_docx_bytes(), edit))
    return [path], {}


CASES: dict[str, tuple[Callable[[Path], tuple[list[str | Path], dict[str, str]]], str, bool]] = {
    # name: (make the input, what the line says, needs a user without root's override)
    "unreadable-folder": (_unreadable_folder, "cannot read", True),
    "chmod-000-input": (_unreadable_file, "cannot read (permission denied)", True),
    "non-utf8-name": (_non_utf8_name, "the file name is not valid UTF-8", False),
    "malformed-comment-ids": (_malformed_comment_ids, "comment id in word/comments.xml", False),
    "missing-prefect-home-parent": (_missing_prefect_home_parent, "does not exist", False),
    "renamed-docm": (_renamed_docm, "macro-enabled document (.docm)", False),
    "directory": (_directory, "is a directory", False),
    "fifo": (_fifo, "not a regular file", False),
    "dangling-link": (_dangling_link, "no such file", False),
    "link-outside-tree": (_link_outside_tree, "outside the working tree", False),
    "out-is-a-file": (_out_is_a_file, "exists and is not a folder", False),
    "binary": (_binary, "not UTF-8 text", False),
    "utf32-xml-part": (_utf32_part, "UTF-32", False),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    make, says, restricted = CASES[case]
    work = tmp_path / "work"
    work.mkdir()
    args, extra = make(work)
    flow = "PREFECT_HOME" in extra
    env = safety.clean_env(PREREVIEW_HOME=str(tmp_path / "home"), **extra)
    try:
        proc = safety.run_cli("review", *args, *([] if flow else ["--fast"]), env=env,
                              cwd=work, restricted=restricted)
    finally:
        for path in work.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o755)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert proc.stdout == b""
    assert err.startswith("prereview: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "Usage:" not in err and "BytesIO" not in err
    assert says in err, err
    named = {"missing-prefect-home-parent": "PREFECT_HOME=", "out-is-a-file": "/out: "}
    name = named.get(case) or Path(str(args[0])).name.split("\udcff")[0]
    assert name in err, err


@pytest.mark.parametrize("case", ["validate-unreadable-rubric", "review-unreadable-rubric",
                                  "unreadable-config-file"])
def test_unreadable_rubric_or_config_is_one_line(tmp_path: Path, case: str) -> None:
    rubric = tmp_path / "mine.yaml"
    rubric.write_text("id: mine\ntitle: Mine\nextends: style\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    config = home / "config.toml"
    config.write_text('model = "gpt-4o-mini"\n', encoding="utf-8")
    doc = _doc(tmp_path)
    args: list[str | Path] = {
        "validate-unreadable-rubric": ["rubrics", "validate", rubric],
        "review-unreadable-rubric": ["review", doc, "--fast", "-r", rubric],
        "unreadable-config-file": ["review", doc, "--fast", "--llm"],
    }[case]
    target = config if case == "unreadable-config-file" else rubric
    target.chmod(0)
    try:
        proc = safety.run_cli(*args, env=safety.clean_env(PREREVIEW_HOME=str(home)),
                              cwd=tmp_path, restricted=True)
    finally:
        target.chmod(0o644)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", err
    assert err.startswith("prereview: error: ") and target.name in err, err
    assert err.count("\n") == 1 and "ermission denied" in err, err
