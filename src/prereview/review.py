"""Findings, per-criterion results and the Review: the output side of the domain.

The JSON contract (``prereview.review/1``, see design.md) is ``Review.to_contract``;
everything else reads these models directly.
"""

from __future__ import annotations

import hashlib
import unicodedata
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field

from prereview.document import Location as Location  # a Finding points at a place in a Document

SCHEMA = "prereview.review/1"


class Severity(StrEnum):
    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"


SEVERITY_ORDER = {Severity.BLOCKER: 0, Severity.MAJOR: 1, Severity.MINOR: 2}


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_ASSESSED = "not-assessed"
    NOT_APPLICABLE = "not-applicable"
    """The document's genre or subject does not call for it: listed, never failed,
    left out of the score."""


class Verdict(StrEnum):
    READY = "ready"
    NEEDS_WORK = "needs-work"
    NOT_READY = "not-ready"


VERDICT_ORDER = {Verdict.READY: 0, Verdict.NEEDS_WORK: 1, Verdict.NOT_READY: 2}

Source = Literal["rule", "llm"]


_TYPOGRAPHIC = str.maketrans("“”‘’", "\"\"''")


def normalise_quote(text: str) -> str:
    """Case, width, typographic quotes and whitespace folded: the part of a quote
    that survives light edits, used for fingerprints."""
    if not text.isascii():  # ASCII is already NFKC, with no typographic quote
        text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)
    # split() and \s agree on what is whitespace (both str.isspace)
    return " ".join(text.lower().split())


def fingerprint(criterion: str, quote: str | None, message: str = "", occurrence: int = 0) -> str:
    """Stable id of a finding across revisions: criterion + normalised quote (the
    message when there is no quote) + which occurrence of that quote it is among
    the criterion's findings (0 for the first), never a line number, so inserting
    or moving text does not make it 'new' and two equal quotes stay apart."""
    basis = f"{criterion}\x00{normalise_quote(quote) if quote else normalise_quote(message)}"
    if occurrence:
        basis += f"\x00{occurrence}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def assign_fingerprints(results: list[CriterionResult]) -> None:
    """Number equal quotes of one criterion in document order and fingerprint
    every finding with its occurrence (in place): the second "TBD" of a criterion
    is its own finding, and stays so when text above it is edited."""
    for result in results:
        seen: dict[str, int] = {}
        ordered = sorted(enumerate(result.findings), key=lambda p: _document_order(p[1], p[0]))
        for _, finding in ordered:
            basis = normalise_quote(finding.quote) if finding.quote else normalise_quote(
                finding.message)
            occurrence = seen.get(basis, 0)
            seen[basis] = occurrence + 1
            finding.fingerprint = fingerprint(finding.criterion, finding.quote, finding.message,
                                              occurrence)


def _document_order(finding: Finding, position: int) -> tuple[int, int, int, int]:
    loc = finding.location
    if loc is None:
        return (1 << 30, 0, 0, position)
    block = loc.block if loc.block is not None else (loc.paragraph or 0)
    return (block, loc.line or 0, loc.start or 0, position)


class Finding(BaseModel):
    criterion: str
    severity: Severity
    source: Source = "rule"
    message: str
    quote: str | None = None
    suggestion: str | None = None
    location: Location | None = None
    fingerprint: str = ""
    change: Literal["new", "persisting"] | None = None
    """Against the previous review of the document (history), else None."""
    settled: Literal["accepted", "suppressed"] | None = None
    """Accepted by the author (``prereview accept``) or suppressed by an inline
    ``<!-- prereview: ignore ... -->``: shown, never counted in the score."""
    settled_reason: str | None = None

    def model_post_init(self, context: Any, /) -> None:
        if not self.fingerprint:
            self.fingerprint = fingerprint(self.criterion, self.quote, self.message)


class CriterionResult(BaseModel):
    id: str
    title: str
    severity: Severity
    weight: float
    status: Status
    score: float = 0.0
    """0.0-1.0 share of the criterion's weight earned; 0 when not assessed."""
    source: Source = "rule"
    findings: list[Finding] = Field(default_factory=list)
    note: str | None = None
    """Why it passed/failed in one line (a measured value), or why it was not
    assessed."""
    guidance: str = ""
    kind: str | None = None
    """The rule's check kind (``section``, ``word-list``...); for a judgment-only
    criterion, the kind that locates its part (``locate``), else None."""
    found: bool | None = None
    """Whether the part the criterion looks for is in the document, read whether or
    not it is scored (a criterion not applicable to a Rust RFC still says where its
    non-goals are, a judgment-only ``pr.solution`` where its paragraph is); None
    when the rule reads no part or was not run."""
    found_at: str | None = None
    """Where the part was found, when ``found`` ("problem paragraph (line 9)",
    "FAQ 'What is X?' (line 40)"), whatever the judgment of it."""


class DocumentInfo(BaseModel):
    path: str
    title: str
    type: str
    sha256: str
    words: int
    format: str
    detection: str = ""
    """How the type (and so the rubric) was decided, for the report."""


class RubricInfo(BaseModel):
    id: str
    version: str
    title: str = ""
    threshold: float = 80.0


class LLMUsage(BaseModel):
    used: bool = False
    model: str | None = None
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_hits: int = 0
    dropped_unverified: int = 0
    error: str | None = None


class ResolvedFinding(BaseModel):
    """A finding of the previous review that this revision no longer has."""

    criterion: str
    message: str
    quote: str | None = None
    fingerprint: str


class HistoryInfo(BaseModel):
    """The delta from the previous review of the same document (history store)."""

    revision: int
    previous_score: float | None = None
    resolved: int = 0
    new: int = 0
    persisting: int = 0
    doc_id: str = ""
    """The key the document is found by across drafts."""
    doc_id_source: str = ""
    previous_revision: int | None = None
    accepted: int = 0
    suppressed: int = 0
    rubric_changed: str | None = None
    """'old -> new' rubric when the previous review used another rubric or version:
    then nothing is classified (a rubric change is not a mass resolution)."""
    recorded: bool = True
    """False when this revision was already reviewed under this rubric version."""
    resolved_findings: list[ResolvedFinding] = Field(default_factory=list)


class SinceInfo(BaseModel):
    """``--since REF``: findings outside the changed text are only counted."""

    ref: str
    changed_blocks: int
    shown: int
    unchanged_findings: int


class Review(BaseModel):
    document: DocumentInfo
    rubric: RubricInfo
    score: float
    verdict: Verdict
    criteria: list[CriterionResult]
    llm: LLMUsage = Field(default_factory=LLMUsage)
    history: HistoryInfo | None = None
    since: SinceInfo | None = None
    timings: dict[str, float] = Field(default_factory=dict)
    """Seconds per stage (ingest, checks, scoring...), for the report and benchmarks."""

    @property
    def findings(self) -> list[Finding]:
        """All findings in criterion order, then document order."""
        out: list[Finding] = []
        for result in self.criteria:
            out.extend(result.findings)
        return out

    @property
    def not_assessed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status == Status.NOT_ASSESSED]

    @property
    def failed_blockers(self) -> list[CriterionResult]:
        return [
            c for c in self.criteria
            if c.status == Status.FAILED and c.severity == Severity.BLOCKER
        ]

    def to_contract(self) -> dict[str, Any]:
        """The stable ``prereview.review/1`` JSON shape of design.md."""
        return {
            "schema": SCHEMA,
            "document": {
                "path": self.document.path,
                "title": self.document.title,
                "type": self.document.type,
                "sha256": self.document.sha256,
                "words": self.document.words,
                "format": self.document.format,
                "detection": self.document.detection,
            },
            "rubric": {"id": self.rubric.id, "version": self.rubric.version,
                       "threshold": self.rubric.threshold},
            "score": self.score,
            "verdict": self.verdict.value,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "severity": c.severity.value,
                    "weight": c.weight,
                    "status": c.status.value,
                    "score": round(c.score, 4),
                    "source": c.source,
                    "findings": len(c.findings),
                    "note": c.note,
                    "found": c.found,
                    "found_at": c.found_at,
                }
                for c in self.criteria
            ],
            "findings": [
                {
                    "criterion": f.criterion,
                    "severity": f.severity.value,
                    "source": f.source,
                    "message": f.message,
                    "quote": f.quote,
                    "suggestion": f.suggestion,
                    "location": f.location.model_dump() if f.location else None,
                    "fingerprint": f.fingerprint,
                    "change": f.change,
                    "settled": f.settled,
                    "settled_reason": f.settled_reason,
                }
                for f in self.findings
            ],
            "llm": self.llm.model_dump(),
            "history": self.history.model_dump() if self.history else None,
            "since": self.since.model_dump() if self.since else None,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }
