"""Outputs never clobber: not the input, not through a symbolic link, not a file
that is not ours without --force; and a set of outputs is written whole (all new
or all old, no temporary files left), whatever fails in the middle."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from prereview.engine import run
from prereview.errors import PrereviewError
from prereview.outputs import Output, is_prereview_output, write_set
from prereview.reports import write_reports

safety = sys.modules["prereview_test_safety"]
DOC = "# Launch notes\n\nClinics fill 38 of 40 cancelled slots within an hour.\n"


def _cli(tmp_path: Path, *args: str | Path) -> tuple[int, str, str]:
    proc = safety.run_cli("review", *args, "--fast", "--rubric", "style",
                          env=safety.clean_env(PREREVIEW_HOME=str(tmp_path / "home")),
                          cwd=tmp_path)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def _one_line_error(code: int, out: str, err: str, *needles: str) -> None:
    assert code == 2, err
    assert out == ""
    assert err.startswith("prereview: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


def _doc(folder: Path, name: str = "draft.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(DOC, encoding="utf-8")
    return path


def test_never_writes_over_the_input(tmp_path: Path) -> None:
    draft = _doc(tmp_path / "same", "report.md")
    code, out, err = _cli(tmp_path, draft, "--out", tmp_path / "same")
    _one_line_error(code, out, err, "report.md", "is the input document")
    assert draft.read_text(encoding="utf-8") == DOC
    assert sorted(p.name for p in (tmp_path / "same").iterdir()) == ["report.md"]


def test_never_writes_over_a_hard_link_of_the_input(tmp_path: Path) -> None:
    draft = _doc(tmp_path)
    (tmp_path / "out").mkdir()
    os.link(draft, tmp_path / "out" / "review.json")
    code, out, err = _cli(tmp_path, draft, "--out", tmp_path / "out")
    _one_line_error(code, out, err, "is the input document")
    assert draft.read_text(encoding="utf-8") == DOC


@pytest.mark.parametrize("name", ["report.md", "review.json"])
def test_never_writes_through_a_symlink(tmp_path: Path, name: str) -> None:
    draft = _doc(tmp_path)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / name).symlink_to(elsewhere)
    code, stdout, err = _cli(tmp_path, draft, "--out", out)
    _one_line_error(code, stdout, err, name, "symbolic link")
    assert elsewhere.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in out.iterdir()) == [name], "nothing of the set written"
    assert (out / name).is_symlink()


def test_reviewed_docx_symlink_beside_the_input_is_refused(tmp_path: Path) -> None:
    draft = _doc(tmp_path)
    elsewhere = tmp_path / "other.docx"
    elsewhere.write_bytes(b"not ours")
    (tmp_path / "draft.reviewed.docx").symlink_to(elsewhere)
    code, out, err = _cli(tmp_path, draft, "-f", "docx")
    _one_line_error(code, out, err, "draft.reviewed.docx", "symbolic link")
    assert elsewhere.read_bytes() == b"not ours"


def test_foreign_reviewed_docx_needs_force(tmp_path: Path) -> None:
    import docx

    draft = _doc(tmp_path)
    theirs = tmp_path / "draft.reviewed.docx"
    document = docx.Document()
    document.add_paragraph("The author's own file that happens to have this name.")
    document.save(str(theirs))
    before = theirs.read_bytes()
    code, out, err = _cli(tmp_path, draft, "-f", "docx")
    _one_line_error(code, out, err, "draft.reviewed.docx", "not a prereview output", "--force")
    assert theirs.read_bytes() == before
    code, out, err = _cli(tmp_path, draft, "-f", "docx", "--force")
    assert code == 0, err
    assert out.strip() == str(theirs)
    assert err == f"prereview: replacing {theirs} (--force)\n"
    assert is_prereview_output(theirs)
    # now it is ours: the next run replaces it and says so, no --force needed
    code, out, err = _cli(tmp_path, draft, "-f", "docx")
    assert code == 0 and err == f"prereview: replacing the earlier prereview output {theirs}\n"


def test_foreign_report_needs_force_and_ours_is_replaced(tmp_path: Path) -> None:
    draft = _doc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    notes = out / "report.md"
    notes.write_text("# My notes\n\nnot a report\n", encoding="utf-8")
    code, stdout, err = _cli(tmp_path, draft, "--out", out, "-f", "md,json,html,sarif")
    _one_line_error(code, stdout, err, "report.md", "not a prereview output")
    assert notes.read_text(encoding="utf-8") == "# My notes\n\nnot a report\n"
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]
    code, stdout, err = _cli(tmp_path, draft, "--out", out, "-f", "md,json,html,sarif",
                             "--force")
    assert code == 0, err
    assert [Path(p).name for p in stdout.split()] == [
        "report.md", "review.json", "report.html", "review.sarif"]
    for name in ("report.md", "review.json", "report.html", "review.sarif"):
        assert is_prereview_output(out / name), name
        mode = stat.S_IMODE((out / name).stat().st_mode)
        assert mode == 0o644 & ~_umask(), (name, oct(mode))
    code, stdout, err = _cli(tmp_path, draft, "--out", out, "-f", "md,json,html,sarif")
    assert code == 0, err
    assert err.count("replacing the earlier prereview output") == 4


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _previous_set(tmp_path: Path, write_doc: Any = None) -> tuple[Any, Path, dict[str, bytes]]:
    draft = _doc(tmp_path)
    result = run(draft, "style")
    out = tmp_path / "out"
    write_reports(result.review, out, ["md", "json", "html", "sarif", "docx"], result.document)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == 5
    return result, out, before


def _unchanged(out: Path, before: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "no temp file left"


def test_renderer_failing_midway_leaves_the_previous_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, out, before = _previous_set(tmp_path)
    changed = result.review.model_copy(update={"score": 1.0})

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr("prereview.reports.sarif.render_sarif_json", broken)
    with pytest.raises(RuntimeError, match="renderer failed"):
        write_reports(changed, out, ["md", "json", "html", "sarif", "docx"], result.document)
    _unchanged(out, before)


def test_rename_failing_midway_puts_the_previous_set_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, out, before = _previous_set(tmp_path)
    changed = result.review.model_copy(update={"score": 1.0})
    real_replace = os.replace
    calls = {"n": 0}

    def flaky(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr("prereview.outputs.os.replace", flaky)
    with pytest.raises(PrereviewError, match=r"report\.html: cannot write \(no space left"):
        write_reports(changed, out, ["md", "json", "html", "sarif", "docx"], result.document)
    monkeypatch.setattr("prereview.outputs.os.replace", real_replace)
    _unchanged(out, before)


def test_read_only_folder_leaves_the_previous_set(tmp_path: Path) -> None:
    """The CLI as a user without root's override: the folder cannot take the
    temporary files, so nothing changes and the error is one line."""
    draft = _doc(tmp_path)
    out = tmp_path / "out"
    code, _, err = _cli(tmp_path, draft, "--out", out, "-f", "md,json,html")
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    draft.write_text(DOC + "\nPricing is TBD.\n", encoding="utf-8")
    out.chmod(0o555)
    try:
        proc = safety.run_cli("review", draft, "--fast", "--rubric", "style", "--out", out,
                              "-f", "md,json,html", restricted=True, cwd=tmp_path,
                              env=safety.clean_env(PREREVIEW_HOME=str(tmp_path / "home")))
    finally:
        out.chmod(0o755)
    _one_line_error(proc.returncode, proc.stdout.decode(), proc.stderr.decode(),
                    "cannot write (permission denied)")
    _unchanged(out, before)


def test_write_set_refuses_before_rendering(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.symlink_to(tmp_path / "nowhere")
    rendered: list[str] = []

    def render() -> bytes:
        rendered.append("x")
        return b"x"

    with pytest.raises(PrereviewError, match="symbolic link"):
        write_set([Output(tmp_path / "a.md", render), Output(target, render)])
    assert rendered == [] and not (tmp_path / "a.md").exists()
    assert not (tmp_path / "nowhere").exists()


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from prereview import outputs

out, marker = Path(sys.argv[1]), Path(sys.argv[2])

def stuck(src, dst):  # every temporary file is written; now wait to be killed
    marker.write_text("ready")
    time.sleep(120)

outputs.os.replace = stuck
outputs.write_set([
    outputs.Output(out / "report.md", lambda: b"# Pre-review: new\\n"),
    outputs.Output(out / "review.json", lambda: b'{"schema": "prereview.review/1", "new": 1}'),
])
"""


def test_kill_9_while_writing_leaves_the_previous_set(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    out = tmp_path / "out"
    out.mkdir()
    old = {"report.md": b"# Pre-review: old\n",
           "review.json": b'{"schema": "prereview.review/1", "old": 1}'}
    for name, data in old.items():
        (out / name).write_bytes(data)
    marker = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(out), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the writer reached the renames"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert {n: (out / n).read_bytes() for n in old} == old
    leftovers = sorted(p.name for p in out.iterdir() if p.name not in old)
    assert leftovers and all(n.startswith(".prereview-") and n.endswith(".tmp")
                             for n in leftovers), leftovers
    # the next writer sweeps what the killed one left, and writes the new set
    write_set([Output(out / "report.md", lambda: b"# Pre-review: next\n"),
               Output(out / "review.json", lambda: b'{"schema": "prereview.review/1"}')],
              notify=None)
    assert sorted(p.name for p in out.iterdir()) == ["report.md", "review.json"]
    assert (out / "report.md").read_bytes() == b"# Pre-review: next\n"


def test_docx_swapped_after_review_is_not_annotated(tmp_path: Path) -> None:
    import io as _io

    import docx

    from prereview.errors import InputError

    def make(text: str) -> bytes:
        document = docx.Document()
        document.add_paragraph(text)
        buffer = _io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    path = tmp_path / "draft.docx"
    path.write_bytes(make("Clinics fill 38 of 40 cancelled slots within an hour."))
    result = run(path, "style")
    path.write_bytes(make("Something else entirely, put there after the review."))
    with pytest.raises(InputError, match="changed while it was being reviewed"):
        write_reports(result.review, tmp_path / "out", ["md", "docx"], result.document)
    assert not (tmp_path / "out" / "report.md").exists(), "the set is all or nothing"


def test_flow_path_refusal_is_one_line(tmp_path: Path, prefect_harness: str) -> None:
    """The same refusal through the review_document flow (against the session's
    Prefect test server): Prefect's own task-failure log stays quiet."""
    draft = _doc(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("# mine\n", encoding="utf-8")
    proc = safety.run_cli("review", draft, "--rubric", "style", "--out", out, cwd=tmp_path,
                          env=safety.clean_env(PREREVIEW_HOME=str(tmp_path / "home"),
                                               PREFECT_API_URL=prefect_harness))
    _one_line_error(proc.returncode, proc.stdout.decode(), proc.stderr.decode(),
                    "report.md: exists and is not a prereview output")
    assert (out / "report.md").read_text(encoding="utf-8") == "# mine\n"
