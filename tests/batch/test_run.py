"""The engine's batch: every good document has its row and review files, broken
ones a row with their reason, unchanged ones are reused from the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prereview.batch import Options, run_batch
from prereview.batch import history as batch_history
from prereview.batch.board import gate_failed
from prereview.engine import review_path
from prereview.errors import InputError
from prereview.ingest import load_document
from prereview.review import Review, Verdict

from .conftest import GOOD


def reason_of(path: Path) -> str:
    """The one-line reason the engine gives for a file it refuses."""
    with pytest.raises(InputError) as caught:
        load_document(path)
    return caught.value.reason


def test_meeting_folder_board(meeting: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    board = run_batch([str(meeting)], Options(out_dir=str(out)), workers=2)
    by_path = {r.path: r for r in board.rows}
    assert set(by_path) == {*GOOD, "broken.docx", "empty.md"}
    assert by_path["broken.docx"].status == "error"
    assert by_path["broken.docx"].error == reason_of(meeting / "broken.docx")
    assert "zip" in (by_path["broken.docx"].error or "")
    assert by_path["empty.md"].error == "empty document (no visible text)"
    for rel in GOOD:
        row = by_path[rel]
        expected = review_path(meeting / rel)
        assert (row.status, row.score, row.verdict, row.type, row.rubric, row.words) == (
            "reviewed", expected.score, expected.verdict, expected.document.type,
            expected.rubric.id, expected.document.words)
        folder = out / rel
        annotated = ["flawed.reviewed.docx"] if rel.endswith(".docx") else []
        assert sorted(p.name for p in folder.iterdir()) == [".prereview-key", *annotated,
                                                            "report.md", "review.json"]
        assert row.review_json == str(folder / "review.json")
        data = json.loads((folder / "review.json").read_text(encoding="utf-8"))
        assert data["score"] == expected.score and data["document"]["path"] == str(meeting / rel)
    # least ready first: the errors, then the not-ready .docx, then the ready ones
    assert [r.path for r in board.rows[:3]] == ["broken.docx", "empty.md", "team-b/flawed.docx"]
    assert board.totals == {"ready": 3, "needs-work": 0, "not-ready": 1, "error": 2,
                            "reused": 0, "documents": 6}
    flawed = by_path["team-b/flawed.docx"]
    assert flawed.blockers and all(b in flawed.criteria for b in flawed.blockers)
    assert len(flawed.actions) == 3
    assert board.failing[0].failed == 1 and board.failing[0].of >= 1
    assert board.failing[0].title == board.criterion_titles[board.failing[0].id]


def test_unchanged_documents_are_reused(meeting: Path, tmp_path: Path,
                                        prereview_home: Path) -> None:
    first = run_batch([str(meeting)], Options(out_dir=str(tmp_path / "o1")), workers=1)
    assert {r.status for r in first.rows} == {"reviewed", "error"}
    cached = sorted((prereview_home / "reviews").glob("*.json"))
    assert len(cached) == len(GOOD)
    (meeting / "design.md").write_text("# Design\n\nChanged TBD.\n", encoding="utf-8")
    second = run_batch([str(meeting)], Options(out_dir=str(tmp_path / "o2")), workers=1)
    status = {r.path: r.status for r in second.rows}
    assert status == {"team-a/prfaq.md": "reused", "team-b/prfaq.md": "reused",
                      "team-b/flawed.docx": "reused", "design.md": "reviewed",
                      "broken.docx": "error", "empty.md": "error"}
    assert second.totals["reused"] == 3
    again = {r.path: (r.score, r.verdict, r.actions) for r in second.rows if r.status == "reused"}
    before = {r.path: (r.score, r.verdict, r.actions) for r in first.rows if r.path in again}
    assert again == before
    # the reused reviews' files are written again in the new output folder
    assert (tmp_path / "o2" / "team-a/prfaq.md" / "review.json").is_file()
    # the same --out again: unchanged documents' files are left as they are
    report = tmp_path / "o2" / "team-a/prfaq.md" / "review.json"
    report.write_text("{}", encoding="utf-8")
    stale = tmp_path / "o2" / "design.md" / "review.json"
    stale.write_text(json.dumps({"schema": "prereview.review/1", "score": -1}), encoding="utf-8")
    (meeting / "design.md").write_text("# Design\n\nChanged again.\n", encoding="utf-8")
    run_batch([str(meeting)], Options(out_dir=str(tmp_path / "o2")), workers=1)
    assert report.read_text(encoding="utf-8") == "{}"
    rewritten = json.loads((tmp_path / "o2" / "design.md" / "review.json").read_text())
    assert rewritten["schema"] == "prereview.review/1" and rewritten["score"] >= 0
    # --no-cache reviews everything again
    third = run_batch([str(meeting)], Options(use_cache=False), workers=1)
    assert "reused" not in {r.status for r in third.rows}


def test_a_rubric_change_invalidates_the_cache(meeting: Path, tiny_rubric: Path) -> None:
    run_batch([str(meeting / "design.md")], Options(rubric=str(tiny_rubric)), workers=1)
    again = run_batch([str(meeting / "design.md")], Options(rubric=str(tiny_rubric)), workers=1)
    assert again.rows[0].status == "reused"
    tiny_rubric.write_text(tiny_rubric.read_text().replace("threshold: 80", "threshold: 90"))
    third = run_batch([str(meeting / "design.md")], Options(rubric=str(tiny_rubric)), workers=1)
    assert third.rows[0].status == "reviewed"


def test_exact_scores_with_the_tiny_rubric(tiny_rubric: Path, docs: dict[str, Path]) -> None:
    board = run_batch([str(p) for p in docs.values()], Options(rubric=str(tiny_rubric)),
                      workers=1)
    assert [(r.path, r.score, r.verdict) for r in board.rows] == [
        ("tbd.md", 0.0, Verdict.NOT_READY), ("very.md", 66.7, Verdict.NEEDS_WORK),
        ("clean.md", 100.0, Verdict.READY)]
    assert board.rows[0].blockers == ["tiny.no-tbd"]
    assert board.rows[1].actions == ['No "very": Replace "very" with a number.']
    assert [(c.id, c.failed, c.of) for c in board.failing] == [
        ("tiny.no-very", 2, 3), ("tiny.no-tbd", 1, 3)]
    assert not gate_failed(board, None)
    assert gate_failed(board, Verdict.NOT_READY)
    clean = run_batch([str(docs["clean"])], Options(rubric=str(tiny_rubric)), workers=1)
    assert not gate_failed(clean, Verdict.NEEDS_WORK)


def test_change_column_comes_from_the_history_hook(
    tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    board = run_batch([str(docs["very"])], Options(rubric=str(tiny_rubric)), workers=1)
    assert board.rows[0].change is None  # no history store: the column stays empty

    def previous(review: Review) -> float | None:
        return 50.0 if review.document.path.endswith("very.md") else None

    batch_history.set_provider(previous)
    try:
        board = run_batch([str(p) for p in docs.values()], Options(rubric=str(tiny_rubric)),
                          workers=1)
    finally:
        batch_history.set_provider(None)
    changes = {r.path: (r.previous_score, r.change) for r in board.rows}
    assert changes == {"very.md": (50.0, 16.7), "clean.md": (None, None),
                       "tbd.md": (None, None)}


def test_a_crashing_check_is_an_error_row_not_a_crash(
    tiny_rubric: Path, docs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from prereview import engine

    real = engine.run

    def run(path: object, *args: object, **kw: object) -> object:
        if str(path).endswith("very.md"):
            raise RuntimeError("boom\nsecond line")
        return real(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "run", run)
    board = run_batch([str(p) for p in docs.values()], Options(rubric=str(tiny_rubric)),
                      workers=1)
    by = {r.path: r for r in board.rows}
    assert by["very.md"].status == "error"
    assert by["very.md"].error == "internal error: RuntimeError: boom"
    assert by["clean.md"].verdict == Verdict.READY


def test_batch_reviews_are_recorded_so_the_next_batch_shows_the_change(
    tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    """Every review is recorded, in a batch too: the next draft's row reads the
    previous score from the history store, with no provider set."""
    path = docs["very"]
    first = run_batch([str(path)], Options(rubric=str(tiny_rubric)), workers=1).rows[0]
    assert first.previous_score is None
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more plain sentence here.\n",
                    encoding="utf-8")
    second = run_batch([str(path)], Options(rubric=str(tiny_rubric)), workers=1).rows[0]
    assert second.status == "reviewed"
    assert second.previous_score == first.score
    unrecorded = run_batch([str(path)], Options(rubric=str(tiny_rubric), use_cache=False,
                                                record_history=False), workers=1).rows[0]
    assert unrecorded.previous_score == first.score  # not this batch's own earlier row
