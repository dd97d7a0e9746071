"""The review_document flow: coarse tasks over the engine, run under a test server."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from prereview.engine import review_path
from prereview.errors import InputError
from prereview.review import Review, Status
from prereview_flows.review import artifact_key, checks, load, review_document, score, write


def test_tasks_are_plain_engine_steps(
    tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    """Each task's function runs without Prefect and gives the engine's result."""
    document, rubric, detection = load.fn(str(docs["very"]), str(tiny_rubric))
    assert rubric.id == "tiny" and detection == "rubric 'tiny' chosen with --rubric"
    results = checks.fn(document, rubric).results
    review = score.fn(document, rubric, detection, results)
    expected = review_path(docs["very"], tiny_rubric)
    drop = {"timings"}
    assert review.model_dump(exclude=drop) == expected.model_dump(exclude=drop)
    paths = [str(p) for p in write.fn(review, str(tmp_path / "out"), ["md", "json"]).paths]
    assert paths == [str(tmp_path / "out" / "report.md"), str(tmp_path / "out" / "review.json")]


def test_flow_reviews_and_writes_reports(
    prefect_harness: str, tmp_path: Path, tiny_rubric: Path, docs: dict[str, Path]
) -> None:
    out = tmp_path / "reports"
    run = review_document(docs["tbd"], rubric=str(tiny_rubric), out_dir=out, artifact=True)
    review = run.review
    assert isinstance(review, Review)
    assert run.reports == [str(out / "report.md"), str(out / "review.json")]
    assert run.document.title == "Launch notes"
    contract = review.to_contract()
    assert contract["schema"] == "prereview.review/1"
    assert contract["verdict"] == "not-ready"
    assert [f["quote"] for f in contract["findings"]] == ["TBD", "very"]
    assert set(review.timings) >= {"ingest", "checks", "scoring"}
    assert sorted(p.name for p in out.iterdir()) == ["report.md", "review.json"]
    written = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert written["findings"] == contract["findings"]
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# Pre-review: Launch notes")

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    key = artifact_key(str(docs["tbd"]))
    assert re.fullmatch(r"review-[a-z0-9-]+-[0-9a-f]{8}", key)
    with get_client(sync_client=True) as client:
        reports = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key]))
        )
        tables = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[f"{key}-criteria"]))
        )
    assert [a.type for a in reports] == ["markdown"]
    assert "# Pre-review: Launch notes" in str(reports[0].data)
    assert [a.type for a in tables] == ["table"]
    rows = json.loads(str(tables[0].data))
    assert [(r["criterion"], r["status"]) for r in rows] == [
        (c.id, c.status.value) for c in review.criteria
    ]


def test_flow_raises_input_errors_unchanged(prefect_harness: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        review_document(tmp_path / "missing.md")


SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "prfaq-strong.md"


@pytest.mark.filterwarnings("ignore:Logger 'prefect.task_runs' attempted to send logs")
def test_flow_with_llm_reviewer_costs_nothing_the_second_time(
    prefect_harness: str, tmp_path: Path, fake_openai: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import prereview_flows.llm as llm

    monkeypatch.setattr(llm, "_server_configured", lambda: False)  # local pool bound only
    key = sys.modules["prereview_test_fakes_openai_server"].TEST_API_KEY
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.url)
    monkeypatch.setenv("PREREVIEW_MODEL", "fake-model")
    monkeypatch.setenv("PREREVIEW_LLM_CACHE_DIR", str(tmp_path / "cache"))

    first = review_document(SAMPLE, llm=True, out_dir=tmp_path / "out").review
    sent = len(fake_openai.chat_requests)
    assert sent >= 1
    assert (first.llm.used, first.llm.model, first.llm.calls) == (True, "fake-model", sent)
    assert first.llm.cache_hits == 0 and first.llm.input_tokens > 0
    by_id = {c.id: c for c in first.criteria}
    assert by_id["pr.solution"].source == "llm"
    assert by_id["pr.solution"].status in (Status.PASSED, Status.FAILED)

    second = review_document(SAMPLE, llm=True).review
    assert len(fake_openai.chat_requests) == sent  # nothing new was sent
    assert (second.llm.calls, second.llm.cache_hits, second.llm.input_tokens) == (0, sent, 0)
    assert second.score == first.score
    assert [(c.id, c.status) for c in second.criteria] == [
        (c.id, c.status) for c in first.criteria
    ]
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir())
    cached = "".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert key not in written and key not in cached


def test_flow_reports_findings_the_docx_could_not_anchor(
    prefect_harness: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    tiny_rubric: Path, docs: dict[str, Path], stale_quotes: Callable[[Review], Review],
) -> None:
    """A finding whose quote is no longer in the text: the flow's ReviewRun says
    which report could not anchor it (the CLI prints that as a warning)."""
    from prefect import task

    import prereview_flows.review as flow_module
    from prereview.engine import Steps

    @task(name="score")
    def stale_score(*args: Any) -> Review:
        return stale_quotes(score.fn(*args))

    monkeypatch.setattr(flow_module, "STEPS", Steps(load=load, check=checks,
                                                    judge=flow_module.judge, score=stale_score))
    out = tmp_path / "reports"
    run = review_document(docs["very"], rubric=str(tiny_rubric), out_dir=out, formats=["docx"],
                          artifact=False)
    written = str(out / "very.reviewed.docx")
    assert run.reports == [written]
    assert list(run.unplaced) == [written] and len(run.unplaced[written]) == 1
