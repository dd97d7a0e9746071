"""The plain runner's reply cache: keyed by the request, atomic, never fatal."""

from __future__ import annotations

from pathlib import Path

from prereview.ingest.markdown import parse_markdown
from prereview.reviewer.cache import cache_file, cached_reply, store_reply
from prereview.reviewer.chunking import plan_requests
from prereview.reviewer.models import ChunkReview, LLMResponse
from prereview.reviewer.settings import ReviewerSettings
from prereview.rubrics import Rubric

DOC = "# Ledger\n\nBakery owners spend 9 hours a month on receipts.\n"


def test_store_then_read_back_marked_cached(tmp_path: Path, judged_rubric: Rubric) -> None:
    (request,) = plan_requests(parse_markdown(DOC, "doc.md"), judged_rubric)
    settings = ReviewerSettings(api_key="sk-secret-value", cache_dir=tmp_path / "cache")
    assert cached_reply(request, settings) is None
    response = LLMResponse(key=request.key(settings.model, settings.response_format),
                           model="m", review=ChunkReview(verdicts=[], findings=[]))
    store_reply(request, settings, response)
    path = cache_file(request, settings)
    assert path.parent == tmp_path / "cache" / "direct"
    assert "sk-secret-value" not in path.read_text(encoding="utf-8")
    assert list(path.parent.iterdir()) == [path]  # no temp file left behind
    hit = cached_reply(request, settings)
    assert hit is not None and hit.cached and hit.key == response.key
    path.write_text("{not json", encoding="utf-8")
    assert cached_reply(request, settings) is None
