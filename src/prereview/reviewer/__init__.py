"""The optional LLM reviewer: judgment criteria read by a model, held to evidence.

Plain Python (no Prefect): ``llm_review`` plans one request per chunk, runs them
(``run_requests``, or the Prefect task runner the flow passes in), verifies every
quote against the Document and merges the verdicts into the rule results without
ever overriding a rule. The openai and langchain packages are imported only when a
review actually uses them, so rule-only runs do not pay for them.
"""

from __future__ import annotations

from prereview.home import prereview_home
from prereview.reviewer.chunking import estimate_tokens, plan_chunks, plan_requests
from prereview.reviewer.client import LLMError, RetryPolicy, call_llm, call_with_retries
from prereview.reviewer.evidence import verify
from prereview.reviewer.models import LLMOutcome, LLMRequest, LLMResponse
from prereview.reviewer.review import Executor, LLMReview, llm_review, merge, run_requests
from prereview.reviewer.settings import ReviewerSettings, load_settings

__all__ = [
    "Executor",
    "LLMError",
    "LLMOutcome",
    "LLMRequest",
    "LLMResponse",
    "LLMReview",
    "RetryPolicy",
    "ReviewerSettings",
    "call_llm",
    "call_with_retries",
    "estimate_tokens",
    "llm_review",
    "load_settings",
    "merge",
    "plan_chunks",
    "plan_requests",
    "prereview_home",
    "run_requests",
    "verify",
]
