"""The Prefect task for one LLM request: the second run of the same request is a
cache hit and sends nothing; 429 is retried by Prefect after Retry-After."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from prereview.ingest.markdown import parse_markdown
from prereview.reviewer import llm_review
from prereview.reviewer.chunking import plan_requests
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric

fakes = sys.modules["prereview_test_fakes_openai_server"]  # loaded by conftest.py

DOC = "# Fill\n\nClinics lose 14% of slots to cancellations.\n\n## FAQ\n\nWe charge $99 a month.\n"


@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.filterwarnings("ignore:Logger 'prefect.task_runs' attempted to send logs")
def test_second_run_is_a_cache_hit(
    fake_openai: Any, settings_for: Callable[..., ReviewerSettings], judged_rubric: Rubric,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import prereview_flows.llm as llm
    from prereview_flows.llm import run_requests_prefect

    # the global concurrency limit costs seconds of lease traffic per run: keep this
    # test light and let the local pool bound concurrency
    monkeypatch.setattr(llm, "_server_configured", lambda: False)

    settings = settings_for(fake_openai, max_retries=2)
    document = parse_markdown(DOC, "fill.md")
    requests = plan_requests(document, judged_rubric)
    fake_openai.script(fakes.error(429, "slow down", {"Retry-After": "0.2"}))
    first = run_requests_prefect(requests, settings)
    assert [o.ok for o in first] == [True]
    assert first[0].response is not None and not first[0].response.cached
    assert len(fake_openai.chat_requests) == 2  # the 429, then the answer
    assert list(settings.cache_path.iterdir())  # persisted under the cache dir

    fake_openai.reset()
    second = llm_review(document, judged_rubric, [], settings, execute=run_requests_prefect)
    assert fake_openai.requests == []
    assert second.usage.cache_hits == 1
    assert (second.usage.calls, second.usage.input_tokens) == (0, 0)
    assert second.outcomes[0].response == first[0].response.model_copy(update={"cached": True})
