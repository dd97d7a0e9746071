"""The reviewer's data: chunks and requests going out, the model's structured reply
coming back, and the outcome of one request (a reply or a classified failure).

Everything here is plain pydantic so a request can be hashed for the cache, passed
to a Prefect task and persisted as a result without the API key or a client.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from prereview.review import Severity

_SCHEMA_VERSION = 2
"""The reply schema's version (``reviewer.schema.SCHEMA_VERSION``, which is this
value; kept here so the cache key needs no import of the schema module)."""

# --------------------------------------------------------------------------- outgoing


class Chunk(BaseModel):
    """A piece of the document the model reads in one request."""

    model_config = ConfigDict(frozen=True)

    index: int
    count: int
    """How many chunks the document was split into."""
    text: str
    """What the model sees: blocks rendered as light Markdown (headings with #,
    list items with -), instruction-like spans removed."""
    section_path: list[str]
    """Heading path of the chunk's first part, outermost first."""
    sections: list[str] = Field(default_factory=list)
    """Every section (path joined with ' > ') the chunk covers, in order."""
    blocks: list[int] = Field(default_factory=list)
    """Indices of the Document blocks the chunk covers (quotes are searched here
    first, then in the whole document)."""
    tokens: int = 0
    """Estimated tokens of ``text``."""


CriterionMode = Literal["decide", "annotate"]


class CriterionBrief(BaseModel):
    """What the prompt says about one criterion."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    severity: Severity
    guidance: str = ""
    mode: CriterionMode
    """``decide``: a judgment-only criterion the model passes or fails.
    ``annotate``: a rule criterion ("rule + judgment") the model may add findings
    to; its status stays the rule's."""


class LLMRequest(BaseModel):
    """One request: one chunk, every judgment criterion that applies to it."""

    model_config = ConfigDict(frozen=True)

    document_title: str
    document_type: str
    document_label: str = ""
    """How the prompt names the document's type (the rubric's ``detect.label``)."""
    outline: list[str]
    """The document's headings (indented by level), so a chunk is judged knowing
    what the rest of the document contains."""
    chunk: Chunk
    criteria: list[CriterionBrief]
    prompt_version: str

    def key(self, model: str, response_format: str = "json_schema") -> str:
        """The cache key: chunk text, criteria, prompt version, reply schema
        version and model (plus the reply mode, which changes the prompt). Never
        the key or the server URL."""
        payload = {
            "chunk": self.chunk.text,
            "outline": self.outline,
            "title": self.document_title,
            "type": self.document_type,
            "label": self.document_label,
            "position": [self.chunk.index, self.chunk.count],
            "criteria": [c.model_dump(mode="json") for c in self.criteria],
            "prompt": self.prompt_version,
            "schema": _SCHEMA_VERSION,
            "model": model,
            "format": response_format,
        }
        blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return "llm-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- the reply
# Shapes that the strict json_schema mode accepts: every field required, no
# numeric bounds (checked here instead), enums as Literals.


class LLMVerdict(BaseModel):
    criterion: str
    status: Literal["passed", "failed", "not-applicable"]
    score: int
    """0-4 on the prompt's scale."""
    rationale: str
    quotes: list[str]
    """Verbatim passages of the document the verdict rests on."""


class LLMFinding(BaseModel):
    criterion: str
    quote: str
    message: str
    suggestion: str


class ChunkReview(BaseModel):
    """The model's whole reply for one chunk, in the reviewer's own shape (the
    schema sent to the server is built per request: ``reviewer.schema``)."""

    verdicts: list[LLMVerdict]
    findings: list[LLMFinding]
    missing: dict[str, str] = Field(default_factory=dict)
    """Criteria asked for a verdict that the reply did not give one (a reply read
    without the strict schema), with the reason: reported as not assessed."""


# --------------------------------------------------------------------------- results


class Usage(BaseModel):
    calls: int = 0
    """HTTP requests made (a retried request counts each attempt)."""
    input_tokens: int = 0
    output_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
        )


class LLMResponse(BaseModel):
    """A successful request: the validated reply and what it cost."""

    key: str
    model: str
    """The model the server says answered."""
    review: ChunkReview
    usage: Usage = Field(default_factory=Usage)
    cached: bool = False
    """Served from the result cache: cost nothing this time."""
    cut: int = 0
    """Claims of the reply beyond the per-reply limits, not verified."""


ErrorKind = Literal[
    "rate-limit", "server", "timeout", "connection", "auth", "client",
    "refusal", "truncated", "invalid-output", "config", "too-large",
]


class LLMOutcome(BaseModel):
    """What became of one request: a response, or the failure that ended it."""

    request_index: int
    response: LLMResponse | None = None
    error: str | None = None
    """One line, safe to show (no key): why the request gave no usable reply."""
    error_kind: ErrorKind | None = None
    usage: Usage = Field(default_factory=Usage)
    """Spent on failed attempts (a response carries its own usage)."""

    @property
    def ok(self) -> bool:
        return self.response is not None
