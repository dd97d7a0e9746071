"""Recording reviews across drafts, on SQLite and PostgreSQL: revisions, the
delta (resolved / new / persisting), identity, no duplicates, rubric changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from prereview import engine
from prereview.history import Tracking, previous_score
from prereview.history.queries import document_history

DRAFT1 = """\
# Launch notes

Pricing is TBD and the rollout is very soon.

Support is very good.
"""
DRAFT2 = """\
# Launch notes

A paragraph inserted above the others.

Pricing is settled and the rollout is very soon.

Support is very good.
"""


def _run(path: Path, rubric: Path | str, **kw: object) -> engine.ReviewRun:
    return engine.run(path, rubric, tracking=Tracking(**kw))  # type: ignore[arg-type]


def test_second_draft_lists_exactly_what_the_edit_removed(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
    rows: Callable[[str], dict[str, int]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_doc(DRAFT1, "notes.md")
    first = _run(path, tiny_rubric).review
    assert first.history is not None and first.history.revision == 1
    assert first.history.previous_score is None
    assert first.verdict.value == "not-ready"
    fps = {f.quote: f.fingerprint for f in first.findings}
    very = sorted(f.fingerprint for f in first.findings if f.criterion == "tiny.no-very")
    assert len(very) == 2 and very[0] != very[1]  # two equal quotes, two findings

    path.write_text(DRAFT2, encoding="utf-8")
    second = _run(path, tiny_rubric).review
    hist = second.history
    assert hist is not None
    assert (hist.revision, hist.previous_revision, hist.previous_score) == (2, 1, first.score)
    assert (hist.resolved, hist.new, hist.persisting) == (1, 0, 2)
    assert [(r.criterion, r.quote, r.fingerprint) for r in hist.resolved_findings] == [
        ("tiny.no-tbd", "TBD", fps["TBD"])]
    # the inserted paragraph above changed no fingerprint
    assert sorted(f.fingerprint for f in second.findings) == very
    assert {f.change for f in second.findings} == {"persisting"}
    assert second.score > first.score and second.verdict.value == "needs-work"
    assert rows(store_url) == {"documents": 1, "revisions": 2, "reviews": 2, "findings": 5,
                               "accepted_findings": 0}

    again = _run(path, tiny_rubric).review
    assert again.history is not None and not again.history.recorded
    assert (again.history.revision, again.history.resolved) == (2, 1)
    assert rows(store_url)["reviews"] == 2 and rows(store_url)["revisions"] == 2
    assert previous_score(str(path)) == second.score
    assert previous_score(str(path), current_sha256=second.document.sha256) == first.score
    assert previous_score("never-reviewed") is None
    assert previous_score(second) == first.score  # the batch board's provider call
    from prereview.batch import history as board_history

    monkeypatch.setattr(board_history, "_provider", None)  # look the store up afresh
    monkeypatch.setattr(board_history, "_looked_up", False)
    assert board_history.provider() is previous_score
    assert board_history.previous_score(second.model_copy(update={"history": None})) \
        == first.score

    history = document_history(str(path))
    assert [(e.revision, e.score, e.resolved, e.new, e.persisting) for e in history.reviews] == [
        (1, first.score, 0, 0, 0), (2, second.score, 1, 0, 2)]
    assert history.reviews[1].criteria["tiny.no-tbd"] == "passed"
    assert history.reviews[0].criteria["tiny.no-tbd"] == "failed"
    # with the reviewed Document, its identity comes from it: the file is not read
    # again (a batch asks once per document), so a file gone since still answers
    document = engine.load(path, tiny_rubric)[0]
    path.unlink()
    assert board_history.previous_score(
        second.model_copy(update={"history": None}), document) == first.score


def test_a_review_just_recorded_with_no_earlier_one_needs_no_query(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prereview.batch import history as board_history

    first = _run(write_doc(DRAFT1, "fresh.md"), tiny_rubric).review
    assert first.history is not None and first.history.recorded
    asked: list[object] = []
    monkeypatch.setattr(board_history, "_provider", lambda review: asked.append(review))
    monkeypatch.setattr(board_history, "_looked_up", True)
    assert board_history.previous_score(first, just_recorded=True) is None
    assert asked == []
    # a reused (cached) review's history may be stale: the store is asked
    board_history.previous_score(first)
    assert asked == [first]


def test_a_finding_about_a_place_persists_when_its_text_changes(
    store_url: str, write_doc: Callable[[str, str], Path],
) -> None:
    """Same criterion and message, no exact match on either side: the same
    finding (pr.dateline is about "the first paragraph" and quotes whatever is
    there), persisting, not one resolved and one new."""
    path = write_doc("# Widget launch\n\nWe are very excited, very glad, very proud and very "
                     "ready. It is TBD.\n", "pr.md")  # a habit: one slip is within tolerance
    first = _run(path, "prfaq").review
    path.write_text("# Widget launch\n\nWe are excited, glad, proud and ready. It is TBD.\n",
                    encoding="utf-8")
    second = _run(path, "prfaq").review
    old = next(f for f in first.findings if f.criterion == "pr.dateline")
    new = next(f for f in second.findings if f.criterion == "pr.dateline")
    assert old.quote != new.quote and old.message == new.message
    assert new.change == "persisting"
    assert second.history is not None
    assert "pr.dateline" not in {r.criterion for r in second.history.resolved_findings}
    assert [r.quote for r in second.history.resolved_findings
            if r.criterion.startswith("style.")] == ["very"] * 4


def test_front_matter_doc_id_follows_a_renamed_file(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    first = write_doc("---\ndoc_id: launch-42\nauthor: Ada\n---\n" + DRAFT1, "v1.md")
    r1 = _run(first, tiny_rubric).review
    assert r1.history is not None
    assert (r1.history.doc_id, r1.history.doc_id_source) == ("launch-42", "front-matter")
    second = write_doc("---\ndoc_id: launch-42\nauthor: Ada\n---\n" + DRAFT2, "v2.md")
    r2 = _run(second, tiny_rubric).review
    assert r2.history is not None and r2.history.revision == 2 and r2.history.resolved == 1
    history = document_history("launch-42")
    assert [e.author for e in history.reviews] == ["Ada", "Ada"]
    assert [Path(e.path).name for e in history.reviews] == ["v1.md", "v2.md"]
    other = _run(second, tiny_rubric, doc_id="override").review
    assert other.history is not None
    assert (other.history.doc_id, other.history.revision) == ("override", 1)


def test_rubric_change_is_reported_not_mass_resolution(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    path = write_doc(DRAFT1, "notes.md")
    first = _run(path, tiny_rubric).review
    tiny_rubric.write_text(tiny_rubric.read_text().replace("weight: 2", "weight: 3", 1))
    changed = _run(path, tiny_rubric).review
    assert changed.rubric.version != first.rubric.version
    hist = changed.history
    assert hist is not None and hist.rubric_changed is not None
    assert first.rubric.version in hist.rubric_changed and changed.rubric.version in \
        hist.rubric_changed
    assert (hist.resolved, hist.new, hist.persisting) == (0, 0, 0)
    assert hist.revision == 1 and hist.recorded  # same bytes, another rubric version


def test_no_history_and_env_switch_record_nothing(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
    rows: Callable[[str], dict[str, int]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_doc(DRAFT1, "notes.md")
    assert _run(path, tiny_rubric, record=False).review.history is None
    monkeypatch.setenv("PREREVIEW_HISTORY", "0")
    assert Tracking.from_env().record is False
    _run(path, tiny_rubric)  # record=True explicitly still records
    assert rows(store_url)["reviews"] == 1


def test_the_board_reads_previous_scores_while_a_writer_holds_the_lock(
    tmp_path: Path, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch asks the store for every document's previous score while its
    workers record reviews: the question takes no write lock, so it answers at
    once (it used to queue behind the writer for up to the busy timeout)."""
    import sqlite3
    import time

    from prereview.history.store import dispose_engines

    dispose_engines()
    db = tmp_path / "history.db"
    monkeypatch.setenv("PREREVIEW_DATABASE_URL", f"sqlite:///{db}")
    path = write_doc(DRAFT1, "notes.md")
    first = _run(path, tiny_rubric).review
    path.write_text(DRAFT2, encoding="utf-8")
    second = _run(path, tiny_rubric).review
    document = engine.run(path, tiny_rubric).document
    writer = sqlite3.connect(db, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # another process recording a review
    try:
        started = time.perf_counter()
        assert previous_score(second) == first.score  # by the recorded doc_id
        unrecorded = second.model_copy(update={"history": None})
        assert previous_score(unrecorded, document=document) == first.score  # by identity
        assert previous_score("never-reviewed") is None
        assert time.perf_counter() - started < 5.0  # the busy timeout is 30 s
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        dispose_engines()
