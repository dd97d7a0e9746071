"""The reply's schema, built per request: one required property per criterion.

A list of verdicts lets a model stop early and leave criteria without a word;
an object with one required key per criterion id (``{"verdicts": {"faq.risks":
{...}, ...}}``) does not: with ``strict: true`` the server's decoder cannot close
the object before every key is there. The model is created per request with
``pydantic.create_model`` (ids are not identifiers, so each field has the id as
its alias) and sent by ``chat.completions.parse`` as a strict json_schema.

A reply read without the server's guarantee (``json_object`` mode, or a server
that ignored the schema) is read leniently instead: verdicts present are kept,
a criterion without one is listed in ``ChunkReview.missing`` so the review says
it was not assessed and why, never that it passed.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from prereview.reviewer.models import (
    _SCHEMA_VERSION,
    ChunkReview,
    LLMFinding,
    LLMRequest,
    LLMVerdict,
)

SCHEMA_VERSION = _SCHEMA_VERSION
"""Part of the LLM cache key: 1 was a list of verdicts, 2 one property per criterion."""

MODEL_NAME = "ChunkReview"
"""The json_schema's name (``^[a-zA-Z0-9_-]+$``)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Verdict(_Strict):
    """One criterion's verdict (its id is the key it sits under)."""

    status: Literal["passed", "failed", "not-applicable"]
    score: int
    """0-4 on the prompt's scale (bounds checked after, strict mode has none)."""
    rationale: str
    quotes: list[str]


def _ids(request: LLMRequest) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    every = tuple(c.id for c in request.criteria)
    decide = tuple((c.id, c.title) for c in request.criteria if c.mode == "decide")
    return every, decide


@lru_cache(maxsize=128)
def _build(every: tuple[str, ...], decide: tuple[tuple[str, str], ...]) -> type[BaseModel]:
    criterion: Any = Literal[every] if every else str
    finding: Any = create_model(
        "Finding", __base__=_Strict,
        criterion=(criterion, ...), quote=(str, ...), message=(str, ...),
        suggestion=(str, ...),
    )
    fields: dict[str, Any] = {}
    if decide:
        verdict_fields: dict[str, Any] = {
            f"c{i}": (Verdict, Field(..., alias=cid, description=title[:200]))
            for i, (cid, title) in enumerate(decide)
        }
        verdicts = create_model("Verdicts", __base__=_Strict, **verdict_fields)
        fields["verdicts"] = (verdicts, ...)
    fields["findings"] = (list[finding], ...)
    return create_model(MODEL_NAME, __base__=_Strict, **fields)


def reply_model(request: LLMRequest) -> type[BaseModel]:
    """The strict reply model of this request (cached per set of criteria)."""
    return _build(*_ids(request))


def json_schema(request: LLMRequest) -> dict[str, Any]:
    """The JSON schema of the reply (what the server is held to)."""
    return reply_model(request).model_json_schema(by_alias=True)


def to_chunk_review(parsed: BaseModel, request: LLMRequest) -> ChunkReview:
    """A strict reply as the reviewer's own shape (a list, in the request's order)."""
    _, decide = _ids(request)
    verdicts_obj = getattr(parsed, "verdicts", None)
    verdicts = []
    for i, (cid, _) in enumerate(decide):
        v: Verdict = getattr(verdicts_obj, f"c{i}")
        verdicts.append(LLMVerdict(criterion=cid, status=v.status, score=v.score,
                                   rationale=v.rationale, quotes=v.quotes))
    findings = [LLMFinding(criterion=str(f.criterion), quote=f.quote, message=f.message,
                           suggestion=f.suggestion)
                for f in getattr(parsed, "findings", [])]
    return ChunkReview(verdicts=verdicts, findings=findings)


def _as_list(raw: Any) -> list[dict[str, Any]]:
    """Verdicts keyed by criterion id (the schema) or, from a model that ignored
    it, a list of objects with a ``criterion``."""
    if isinstance(raw, dict):
        return [{**v, "criterion": k} for k, v in raw.items() if isinstance(v, dict)]
    if isinstance(raw, list):
        return [v for v in raw if isinstance(v, dict)]
    raise ValueError("verdicts is neither an object nor a list")


def parse_lenient(text: str, request: LLMRequest) -> ChunkReview:
    """A reply read without the server's schema guarantee. The top level must be
    an object with ``findings`` (and ``verdicts`` when there is something to
    decide): else ``ValidationError``/``ValueError`` (invalid output, asked
    again). A criterion that was asked but has no valid verdict goes to
    ``missing``, with the reason."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    _, decide = _ids(request)
    asked = [cid for cid, _ in decide]
    raw_verdicts = data.get("verdicts", {} if not asked else None)
    if raw_verdicts is None:
        raise ValueError("the reply has no verdicts")
    verdicts: list[LLMVerdict] = []
    problems: dict[str, str] = {}
    for item in _as_list(raw_verdicts):
        cid = item.get("criterion")
        if cid not in asked or any(v.criterion == cid for v in verdicts):
            continue
        try:
            verdicts.append(LLMVerdict.model_validate(item))
        except ValidationError as exc:
            errors = exc.errors()
            where = ".".join(str(p) for p in errors[0]["loc"]) if errors else ""
            msg = errors[0]["msg"] if errors else ""
            problems[str(cid)] = f"a malformed verdict ({where}: {msg})"
    answered = {v.criterion for v in verdicts}
    missing = {cid: problems.get(cid, "no verdict for it in the reply")
               for cid in asked if cid not in answered}
    findings = [LLMFinding.model_validate(f) for f in data.get("findings") or []]
    order = {cid: i for i, cid in enumerate(asked)}
    verdicts.sort(key=lambda v: order[v.criterion])
    return ChunkReview(verdicts=verdicts, findings=findings, missing=missing)
