"""prereview.submission: what travels with a run and what a worker writes back."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from prereview.errors import InputError, PrereviewError
from prereview.home import shared_dir
from prereview.submission import (
    MAX_BYTES_ENV,
    Submitted,
    collect,
    encode,
    materialize,
    run_name,
    safe_name,
    submitted_doc_id,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_collect_sends_bytes_under_relative_names(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting"
    (meeting / "team-a").mkdir(parents=True)
    (meeting / "team-a" / "prfaq.md").write_bytes(b"# A\n\nText.\n")
    (meeting / "notes.md").write_bytes(b"# B\n\nMore.\n")
    (meeting / "~$lock.docx").write_bytes(b"x")
    docs = collect([str(meeting)])
    assert [d.name for d in docs] == ["notes.md", "team-a/prfaq.md"]
    assert base64.b64decode(docs[1].content) == b"# A\n\nText.\n"
    assert all(str(tmp_path) not in d.name for d in docs)


def test_size_cap_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "big.md"
    doc.write_bytes(b"# Big\n\n" + b"word " * 100)
    monkeypatch.setenv(MAX_BYTES_ENV, "100")
    with pytest.raises(InputError) as caught:
        collect([str(doc)])
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{doc}: too large to submit (507 bytes; the limit is 100, "
                              f"set by {MAX_BYTES_ENV}")
    monkeypatch.setenv(MAX_BYTES_ENV, "lots")
    with pytest.raises(PrereviewError, match="not a number of bytes"):
        collect([str(doc)])


def test_empty_and_missing_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        encode(tmp_path / "empty.md", "empty.md")
    with pytest.raises(PrereviewError, match="no such file or folder"):
        collect([str(tmp_path / "nope.md")])


@pytest.mark.parametrize("name", ["../escape.md", "/etc/passwd", "a/../../b.md", "", "a\x00.md"])
def test_names_never_leave_the_run_folder(name: str) -> None:
    with pytest.raises(InputError, match="not a relative document name"):
        safe_name(name)


def test_materialize_writes_under_the_root_without_following_links(tmp_path: Path) -> None:
    root = tmp_path / "run"
    root.mkdir()
    docs = [Submitted("team-a/x.md", base64.b64encode(b"# X\n").decode()),
            Submitted("./y.md", base64.b64encode(b"# Y\n").decode())]
    written = materialize(docs, root)
    assert [(p.relative_to(root).as_posix(), n) for p, n in written] == [
        ("team-a/x.md", "team-a/x.md"), ("y.md", "y.md")]
    assert (root / "team-a" / "x.md").read_bytes() == b"# X\n"
    assert (root / "y.md").stat().st_mode & 0o777 == 0o600
    outside = tmp_path / "outside.md"
    outside.write_bytes(b"keep")
    other = tmp_path / "run2"
    other.mkdir()
    os.symlink(outside, other / "z.md")
    with pytest.raises(InputError, match="submitted twice"):
        materialize([Submitted("z.md", base64.b64encode(b"evil").decode())], other)
    assert outside.read_bytes() == b"keep"
    with pytest.raises(InputError, match="not valid base64"):
        materialize([Submitted("w.md", "###")], other)


def test_doc_id_is_the_documents_own_else_its_name(tmp_path: Path) -> None:
    own = tmp_path / "own.md"
    own.write_text("---\ndoc_id: launch-42\n---\n# Launch\n\nText.\n", encoding="utf-8")
    plain = tmp_path / "plain.md"
    plain.write_text("# Plain\n\nText.\n", encoding="utf-8")
    assert submitted_doc_id(own, "team/own.md") == "launch-42"
    assert submitted_doc_id(plain, "team/plain.md") == "team/plain.md"


def test_batch_run_name_is_the_same_at_submission_and_at_the_end() -> None:
    from prereview.submission import batch_run_name

    name = batch_run_name(["b.md", "a/c.md"])
    assert name == batch_run_name(["a/c.md", "b.md"])
    assert name.startswith("batch-2-documents-") and len(name) == len("batch-2-documents-") + 8
    assert name != batch_run_name(["b.md", "a/d.md"])


def test_run_name_from_title_and_hash() -> None:
    assert run_name("Tidewell Fill: Texts *Your* Waitlist!", "a.md", "0123456789abcdef") == (
        "review-tidewell-fill-texts-your-waitlist-01234567")
    assert run_name(None, "team/Design Doc.md", "ff" * 32) == "review-design-doc-ffffffff"
    assert run_name("", "", "ab" * 32) == "review-document-abababab"


def test_shared_dir_defaults_to_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prereview.batch.cache import cache_dir
    from prereview.reviewer.settings import ReviewerSettings

    monkeypatch.setenv("PREREVIEW_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PREREVIEW_SHARED_DIR", raising=False)
    assert shared_dir() == tmp_path / "home"
    monkeypatch.setenv("PREREVIEW_SHARED_DIR", str(tmp_path / "shared"))
    assert cache_dir() == tmp_path / "shared" / "reviews"
    assert ReviewerSettings().cache_path == tmp_path / "shared" / "llm-cache"
