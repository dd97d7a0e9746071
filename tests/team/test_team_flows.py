"""The flows with submitted bytes (under the session's Prefect test server): the
display name everywhere instead of the worker's temp path, the shared result
cache, history under the document's name, reports on the shared folder, and the
run renamed and tagged at its end."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from prereview.history.queries import document_history

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _content(name: str) -> str:
    return base64.b64encode((SAMPLES / name).read_bytes()).decode("ascii")


def _flow_run(run_id: Any) -> Any:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(run_id)


def test_submitted_review_then_a_cache_hit(
    prefect_harness: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect import flow

    from prereview_flows.review import review_document

    shared = tmp_path / "shared"
    monkeypatch.setenv("PREREVIEW_SHARED_DIR", str(shared))
    ids: list[Any] = []

    @flow(name="submit-twice")
    def twice() -> list[Any]:
        runs = []
        for _ in range(2):
            state = review_document(content=_content("prfaq-strong.md"),
                                    name="team/prfaq-strong.md", return_state=True)
            ids.append(state.state_details.flow_run_id)
            runs.append(state.result())
        return runs

    first, second = twice()
    for run in (first, second):
        assert run.review.document.path == "team/prfaq-strong.md"
        assert run.document.path == "team/prfaq-strong.md"
        assert run.review.document.type == "prfaq"
    assert first.review.model_dump(exclude={"timings"}) == second.review.model_dump(
        exclude={"timings"})
    html = [Path(p) for p in second.reports if p.endswith("report.html")]
    assert html and shared / "reports" in html[0].parents[1:]
    assert "team/prfaq-strong.md" in html[0].read_text(encoding="utf-8")
    assert list((shared / "reviews").glob("*.json"))  # the shared result cache

    history = document_history("team/prfaq-strong.md")
    assert len(history.reviews) == 1  # the second was served from the cache
    assert history.reviews[0].path == "team/prfaq-strong.md"  # not the worker's temp copy

    one, two = (_flow_run(i) for i in ids)
    verdict = f"verdict:{first.review.verdict.value}"
    assert {"type:prfaq", verdict} <= set(one.tags) and "reused" not in one.tags
    assert {"type:prfaq", verdict, "reused"} <= set(two.tags)
    assert one.name.startswith("review-tidewell-fill-texts-your-waitlist")
    assert one.name.endswith(first.review.document.sha256[:8])


def test_submitted_batch_board_names_and_tags(
    prefect_harness: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prereview_flows.batch import review_batch

    monkeypatch.delenv("PREREVIEW_SHARED_DIR", raising=False)
    monkeypatch.setenv("PREREVIEW_HOME", str(tmp_path / "home"))
    documents = [{"name": n, "content": _content(n)}
                 for n in ("prfaq-strong.md", "narrative.md")]
    state = review_batch(documents=documents, workers=1, return_state=True)
    board = state.result()
    assert sorted(r.path for r in board.rows) == ["narrative.md", "prfaq-strong.md"]
    assert {r.status for r in board.rows} == {"reviewed"}
    run = _flow_run(state.state_details.flow_run_id)
    assert run.name.startswith("batch-2-documents-")
    assert {"batch", "type:prfaq", "type:narrative"} <= set(run.tags)
    [recorded] = document_history("narrative.md").reviews  # under the display name
    assert recorded.path == "narrative.md"
    again = review_batch(documents=documents, workers=1)
    assert {r.status for r in again.rows} == {"reused"}


def test_bad_submitted_name_fails_the_run_not_the_worker(prefect_harness: str) -> None:
    from prereview.errors import InputError
    from prereview_flows.review import review_document

    with pytest.raises(InputError, match="not a relative document name"):
        review_document(content=_content("prfaq-strong.md"), name="../../etc/x.md")
