"""SARIF 2.1.0 for documents kept in git: code-scanning tools show the findings on
the lines of the Markdown source, like any other linter's.

One rule per criterion of the rubric (its guidance is the rule's help), one
result per finding, severity mapped to level (blocker: error, major: warning,
minor: note), and the finding's fingerprint as a partial fingerprint so a
finding that moves keeps its identity across commits.

Locations: for Markdown, a text region (1-based ``startLine``/``startColumn``,
``endLine``/``endColumn`` exclusive, in Unicode code points as
``run.columnKind`` says) with the quote as its snippet. A .docx is a zip: the
spec's text regions (lines, character offsets into the artifact) and binary
regions (byte offsets) both point into the file's bytes, which would not be the
paragraph's text, so .docx results carry no region; the paragraph is a logical
location (an XML element of ``word/document.xml``) and the paragraph index and
``[start, end)`` offsets are in the location's properties, as in the JSON contract.
Findings about a whole section or the document point at its heading or title.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from prereview import __version__
from prereview.document import Block, Document, find_quote
from prereview.review import CriterionResult, Finding, Review, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.BLOCKER: "error", Severity.MAJOR: "warning", Severity.MINOR: "note"}
FINGERPRINT_KEY = "prereviewFinding/v1"
SRCROOT = "%SRCROOT%"
_PARAGRAPH_XPATH = "word/document.xml(/w:document/w:body//w:p)"
"""The paragraphs ``Anchor.paragraph`` counts, all ``w:p`` of the body in order."""
MIME_TYPES = {
    "markdown": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _rule_name(title: str, cid: str) -> str:
    """An identifier-like name (``WeaselWords``), as SARIF asks of ``rule.name``."""
    words = re.findall(r"[A-Za-z0-9]+", title) or re.findall(r"[A-Za-z0-9]+", cid)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Criterion"


def _rule(c: CriterionResult) -> dict[str, Any]:
    help_text = c.guidance or c.title
    props: dict[str, Any] = {
        "severity": c.severity.value,
        "weight": c.weight,
        "status": c.status.value,
        "source": c.source,
        "tags": ["prereview", c.severity.value],
    }
    if c.note:
        props["note"] = c.note
    return {
        "id": c.id,
        "name": _rule_name(c.title, c.id),
        "shortDescription": {"text": c.title},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[c.severity]},
        "properties": props,
    }


def artifact_uri(path: str, base_dir: str | Path | None = None) -> tuple[str, bool]:
    """The document's URI: relative to ``base_dir`` (default: the working directory,
    where code scanning runs from the repository root) when it is inside it, else
    an absolute ``file:`` URI. Returns (uri, is_relative)."""
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    target = Path(path)
    absolute = target if target.is_absolute() else Path.cwd() / target
    try:
        rel = Path(os.path.relpath(absolute.resolve(), base.resolve()))
    except ValueError:  # another drive on Windows
        return absolute.resolve().as_uri(), False
    if rel.parts and rel.parts[0] == "..":
        return absolute.resolve().as_uri(), False
    return url_quote(rel.as_posix(), safe="/"), True


class _Locator:
    def __init__(self, document: Document) -> None:
        self.document = document

    def block_of(self, finding: Finding) -> Block | None:
        return self.document.block_at(finding.location)

    def heading_of(self, finding: Finding) -> Block | None:
        """The block a finding is about: its own, else its section's heading,
        else the title."""
        loc = finding.location
        block = self.document.block_at(loc) or self.document.heading_at(loc)
        if block is not None:
            return block
        blocks = self.document.blocks
        title = self.document.title.strip()
        for b in blocks:
            if b.text.strip() == title:
                return b
        return blocks[0] if blocks else None

    def span(self, finding: Finding, block: Block) -> tuple[int, int] | None:
        if finding.location is None:
            return None
        return find_quote(block.text, finding.quote, finding.location)

    def text_region(self, finding: Finding) -> dict[str, Any] | None:
        block = self.heading_of(finding)
        if block is None or block.anchor.line is None:
            loc = finding.location
            if loc is not None and loc.line is not None:
                region: dict[str, Any] = {"startLine": loc.line}
                if loc.column is not None:
                    region["startColumn"] = loc.column
                return region
            return None
        span = self.span(finding, block) if self.block_of(finding) is block else None
        if span is None:
            return {"startLine": block.line_of(0) or block.anchor.line}
        start, end = span
        last = max(start, end - 1)
        region = {
            "startLine": block.line_of(start),
            "startColumn": block.column_of(start),
            "endLine": block.line_of(last),
            "endColumn": (block.column_of(last) or 1) + (1 if end > start else 0),
            "snippet": {"text": finding.quote},
        }
        return {k: v for k, v in region.items() if v is not None}

    def docx_location(self, finding: Finding) -> tuple[dict[str, Any], dict[str, Any]]:
        """(logical location, properties) of a .docx finding."""
        loc = finding.location
        block = self.heading_of(finding)
        paragraph = loc.paragraph if loc is not None and loc.paragraph is not None else None
        if paragraph is None and block is not None:
            paragraph = block.anchor.paragraph
        props: dict[str, Any] = {}
        if paragraph is not None:
            props["paragraph"] = paragraph
        if block is not None and self.block_of(finding) is block:
            span = self.span(finding, block)
            if span is not None:
                props["start"], props["end"] = span
        logical: dict[str, Any] = {}
        if paragraph is not None:
            logical = {
                "name": f"paragraph {paragraph}",
                "fullyQualifiedName": f"{_PARAGRAPH_XPATH}[{paragraph + 1}]",
                "kind": "element",
            }
        return logical, props


def _message(finding: Finding) -> str:
    text = finding.message.strip() or finding.criterion
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion.strip()}"
    return text


def _invocation(review: Review) -> dict[str, Any]:
    """The run succeeded (a rule-only review is still a review); an LLM reviewer
    that failed, or findings dropped for made-up quotes, are said here for the run."""
    notes: list[dict[str, Any]] = []
    if review.llm.error:
        notes.append({"level": "warning", "message": {
            "text": f"{review.llm.error}: judgment criteria not assessed"}})
    if review.llm.dropped_unverified:
        notes.append({"level": "note", "message": {
            "text": f"{review.llm.dropped_unverified} LLM finding(s) dropped: their quotes "
                    "are not in the document"}})
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    if review.llm.used:
        invocation["properties"] = {"llm": review.llm.model_dump()}
    return invocation


def render_sarif(
    review: Review, document: Document, base_dir: str | Path | None = None
) -> dict[str, Any]:
    """The SARIF log (one run) as a JSON-ready dict."""
    rules = [_rule(c) for c in review.criteria]
    index = {c.id: i for i, c in enumerate(review.criteria)}
    for f in review.findings:  # a finding whose criterion is not in the rubric still gets a rule
        if f.criterion not in index:
            index[f.criterion] = len(rules)
            rules.append({
                "id": f.criterion, "name": _rule_name(f.criterion, f.criterion),
                "shortDescription": {"text": f.criterion},
                "defaultConfiguration": {"level": LEVELS[f.severity]},
            })
    uri, relative = artifact_uri(document.path, base_dir)
    artifact_location: dict[str, Any] = {"uri": uri, "index": 0}
    if relative:
        artifact_location["uriBaseId"] = SRCROOT
    locator = _Locator(document)
    results = []
    for f in review.findings:
        physical: dict[str, Any] = {"artifactLocation": dict(artifact_location)}
        location: dict[str, Any] = {"physicalLocation": physical}
        if document.format == "docx":
            logical, props = locator.docx_location(f)
            if logical:
                location["logicalLocations"] = [logical]
            if props:
                location["properties"] = props
        else:
            region = locator.text_region(f)
            if region is not None:
                physical["region"] = region
        result_props: dict[str, Any] = {"severity": f.severity.value, "source": f.source}
        if f.quote:
            result_props["quote"] = f.quote
        if f.suggestion:
            result_props["suggestion"] = f.suggestion
        if f.location is not None and f.location.section:
            result_props["section"] = f.location.section
        if f.change:
            result_props["change"] = f.change
        result: dict[str, Any] = {
            "ruleId": f.criterion,
            "ruleIndex": index[f.criterion],
            "level": LEVELS[f.severity],
            "kind": "fail",
            "message": {"text": _message(f)},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
            "properties": result_props,
        }
        if f.settled:
            # SARIF's own word for a settled result: in the source (an inline
            # directive) or outside it (``prereview accept``), with the reason.
            result["suppressions"] = [{
                "kind": "inSource" if f.settled == "suppressed" else "external",
                "justification": f.settled_reason or f.settled,
            }]
        results.append(result)
    artifact: dict[str, Any] = {
        "location": {k: v for k, v in artifact_location.items() if k != "index"},
        "roles": ["analysisTarget"],
        "hashes": {"sha-256": review.document.sha256},
    }
    if document.format in MIME_TYPES:
        artifact["mimeType"] = MIME_TYPES[document.format]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "prereview",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "artifacts": [artifact],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [_invocation(review)],
        "properties": {
            "score": review.score,
            "verdict": review.verdict.value,
            "documentType": review.document.type,
            "rubric": {"id": review.rubric.id, "version": review.rubric.version,
                       "threshold": review.rubric.threshold},
            "notAssessed": [c.id for c in review.not_assessed],
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif_json(
    review: Review, document: Document, base_dir: str | Path | None = None
) -> str:
    """The SARIF log as JSON text (no trailing newline)."""
    return json.dumps(render_sarif(review, document, base_dir), indent=2, ensure_ascii=False)
