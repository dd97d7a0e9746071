"""SARIF 2.1.0 output, validated against the OASIS schema shipped beside this file
(sarif-schema-2.1.0.json, errata01; nothing is fetched)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for

from prereview.document import Anchor, Block, BlockKind, Document, build_sections
from prereview.ingest import load_document
from prereview.ingest.markdown import parse_markdown
from prereview.reports.sarif import (
    FINGERPRINT_KEY,
    SARIF_SCHEMA,
    artifact_uri,
    render_sarif,
    render_sarif_json,
)
from prereview.review import (
    CriterionResult,
    DocumentInfo,
    Finding,
    LLMUsage,
    Location,
    Review,
    RubricInfo,
    Severity,
    Status,
    Verdict,
)

SCHEMA_PATH = Path(__file__).with_name("sarif-schema-2.1.0.json")
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

MARKDOWN = """\
---
title: Acme Widgets
---
# Acme Widgets

Acme today launched widgets that are
significantly faster.

- first point
  - nested and very deep point

| Metric | Target |
|--------|--------|
| latency | about 20 ms |

## FAQ

Q: When? A: TBD.
"""


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def assert_valid(validator: Any, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def make_review(document: Document, criteria: list[CriterionResult]) -> Review:
    return Review(
        document=DocumentInfo(path=document.path, title=document.title, type="prfaq",
                              sha256=document.sha256, words=document.words,
                              format=document.format),
        rubric=RubricInfo(id="prfaq", version="v1", threshold=80),
        score=70.0, verdict=Verdict.NEEDS_WORK, criteria=criteria,
    )


def quoted(document: Document, block_text: str, quote: str, cid: str,
           severity: Severity) -> Finding:
    block = next(b for b in document.blocks if b.text == block_text)
    start = block.text.index(quote)
    return Finding(
        criterion=cid, severity=severity, message=f"About '{quote}'.", quote=quote,
        suggestion="Use a number.",
        location=Location(section=document.section_title(block), block=block.index,
                          line=block.line_of(start), column=block.column_of(start),
                          paragraph=block.anchor.paragraph, start=start,
                          end=start + len(quote)),
    )


def markdown_review(path: str = "docs/acme.md") -> tuple[Review, Document]:
    document = parse_markdown(MARKDOWN, path)
    para = "Acme today launched widgets that are\nsignificantly faster."
    weasel = [
        quoted(document, para, "significantly", "style.weasel-words", Severity.MINOR),
        quoted(document, para, "are\nsignificantly", "style.weasel-words", Severity.MINOR),
        quoted(document, "nested and very deep point", "very", "style.weasel-words",
               Severity.MINOR),
        quoted(document, "about 20 ms", "about", "style.weasel-words", Severity.MINOR),
    ]
    answered = [quoted(document, "Q: When? A: TBD.", "TBD", "faq.answered", Severity.BLOCKER)]
    internal = [
        Finding(criterion="faq.internal", severity=Severity.MAJOR, message="No internal FAQ."),
        Finding(criterion="faq.internal", severity=Severity.MAJOR, message="Section level.",
                location=Location(section="FAQ")),
    ]
    criteria = [
        CriterionResult(id="style.weasel-words", title="Weasel words", severity=Severity.MINOR,
                        weight=1, status=Status.FAILED, findings=weasel,
                        guidance="Replace vague words with numbers."),
        CriterionResult(id="faq.answered", title="FAQ answered", severity=Severity.BLOCKER,
                        weight=2, status=Status.FAILED, findings=answered,
                        guidance="Answer every question."),
        CriterionResult(id="faq.internal", title="Internal FAQ", severity=Severity.MAJOR,
                        weight=2, status=Status.FAILED, findings=internal, guidance=""),
        CriterionResult(id="pr.solution", title="Solution", severity=Severity.BLOCKER,
                        weight=2, status=Status.NOT_ASSESSED, note="needs the LLM reviewer"),
    ]
    return make_review(document, criteria), document


def test_markdown_log_is_valid_sarif(validator: Any) -> None:
    review, document = markdown_review()
    log = render_sarif(review, document, base_dir=Path.cwd())
    assert_valid(validator, log)
    assert log["$schema"] == SARIF_SCHEMA and log["version"] == "2.1.0"
    assert json.loads(render_sarif_json(review, document, Path.cwd())) == log


def test_one_rule_per_criterion_with_guidance_as_help() -> None:
    review, document = markdown_review()
    run = render_sarif(review, document)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [c.id for c in review.criteria]
    weasel = rules[0]
    assert weasel["name"] == "WeaselWords"
    assert weasel["shortDescription"] == {"text": "Weasel words"}
    assert weasel["help"] == {"text": "Replace vague words with numbers."}
    assert [r["defaultConfiguration"]["level"] for r in rules] == [
        "note", "error", "warning", "error",
    ]
    assert rules[2]["help"] == {"text": "Internal FAQ"}  # no guidance: the title
    assert rules[3]["properties"]["status"] == "not-assessed"
    assert run["properties"]["notAssessed"] == ["pr.solution"]
    assert run["properties"]["verdict"] == "needs-work"


def test_one_result_per_finding_with_level_and_fingerprint() -> None:
    review, document = markdown_review()
    results = render_sarif(review, document)["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("style.weasel-words", 0, "note"),
        ("style.weasel-words", 0, "note"),
        ("style.weasel-words", 0, "note"),
        ("style.weasel-words", 0, "note"),
        ("faq.answered", 1, "error"),
        ("faq.internal", 2, "warning"),
        ("faq.internal", 2, "warning"),
    ]
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in results] == [
        f.fingerprint for f in review.findings
    ]
    assert results[0]["message"]["text"] == "About 'significantly'. Suggestion: Use a number."


def test_markdown_regions_point_at_the_quote_in_the_source() -> None:
    review, document = markdown_review()
    results = render_sarif(review, document)["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in results]
    assert regions[0] == {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 14,
                          "snippet": {"text": "significantly"}}
    assert regions[1] == {"startLine": 6, "startColumn": 34, "endLine": 7, "endColumn": 14,
                          "snippet": {"text": "are\nsignificantly"}}
    assert regions[2]["startLine"] == 10 and regions[2]["startColumn"] == 16
    assert regions[3]["startLine"] == 14
    assert regions[5] == {"startLine": 4}  # no quote, no section: the title's line
    assert regions[6] == {"startLine": 16}  # the FAQ heading
    lines = MARKDOWN.splitlines()
    for region, finding in zip(regions, review.findings, strict=True):
        if finding.quote and "\n" not in finding.quote:
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == finding.quote


def test_artifact_uri_is_relative_to_the_repository(tmp_path: Path) -> None:
    review, document = markdown_review(str(tmp_path / "docs" / "my draft.md"))
    run = render_sarif(review, document, base_dir=tmp_path)["runs"][0]
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "docs/my%20draft.md", "index": 0, "uriBaseId": "%SRCROOT%"}
    assert run["artifacts"][0]["location"] == {"uri": "docs/my%20draft.md",
                                               "uriBaseId": "%SRCROOT%"}
    assert run["artifacts"][0]["hashes"] == {"sha-256": document.sha256}
    assert run["artifacts"][0]["mimeType"] == "text/markdown"
    outside, relative = artifact_uri("/elsewhere/x.md", tmp_path)
    assert (outside, relative) == ("file:///elsewhere/x.md", False)


def docx_document() -> Document:
    texts = [(BlockKind.HEADING, "Acme Widgets"), (BlockKind.PARAGRAPH, "It is very fast."),
             (BlockKind.HEADING, "FAQ"), (BlockKind.PARAGRAPH, "Q: When? A: TBD.")]
    blocks = [Block(index=i, kind=k, text=t, anchor=Anchor(paragraph=i + 2),
                    level=1 if k == BlockKind.HEADING else None)
              for i, (k, t) in enumerate(texts)]
    return Document(path="draft.docx", format="docx", title="Acme Widgets", blocks=blocks,
                    sections=build_sections(blocks), sha256="ab" * 32)


def test_docx_results_use_logical_locations_not_regions(validator: Any) -> None:
    document = docx_document()
    findings = [
        quoted(document, "It is very fast.", "very", "style.weasel-words", Severity.MINOR),
        Finding(criterion="faq.answered", severity=Severity.BLOCKER, message="TBD answer.",
                location=Location(section="FAQ")),
    ]
    review = make_review(document, [
        CriterionResult(id="style.weasel-words", title="Weasel words", severity=Severity.MINOR,
                        weight=1, status=Status.FAILED, findings=findings[:1]),
        CriterionResult(id="faq.answered", title="FAQ answered", severity=Severity.BLOCKER,
                        weight=1, status=Status.FAILED, findings=findings[1:]),
    ])
    log = render_sarif(review, document, base_dir=Path.cwd())
    assert_valid(validator, log)
    run = log["runs"][0]
    first, second = (r["locations"][0] for r in run["results"])
    assert "region" not in first["physicalLocation"]
    assert first["logicalLocations"] == [{
        "name": "paragraph 3",
        "fullyQualifiedName": "word/document.xml(/w:document/w:body//w:p)[4]",
        "kind": "element",
    }]
    assert first["properties"] == {"paragraph": 3, "start": 6, "end": 10}
    assert second["properties"] == {"paragraph": 4}  # the FAQ heading
    assert run["results"][0]["properties"]["quote"] == "very"
    assert run["artifacts"][0]["mimeType"].endswith("wordprocessingml.document")


def test_finding_of_a_criterion_missing_from_the_rubric_still_has_a_rule(
    validator: Any,
) -> None:
    review, document = markdown_review()
    review.criteria[0].findings.append(Finding(
        criterion="llm.extra", severity=Severity.MAJOR, message="From elsewhere."))
    log = render_sarif(review, document)
    assert_valid(validator, log)
    run = log["runs"][0]
    extra = next(r for r in run["results"] if r["ruleId"] == "llm.extra")
    assert run["tool"]["driver"]["rules"][extra["ruleIndex"]]["id"] == "llm.extra"


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    files = sorted((CORPUS / "prfaq").glob("*.md")) + sorted((CORPUS / "design").rglob("*.md"))
    return files[:: max(1, len(files) // 12)]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_documents_give_valid_sarif(path: Path, validator: Any) -> None:
    document = load_document(path)
    rnd = random.Random(path.name)
    findings = []
    for block in document.blocks:
        if block.text.strip() and rnd.random() < 0.3:
            start = rnd.randrange(len(block.text))
            end = rnd.randrange(start + 1, len(block.text) + 1)
            findings.append(Finding(
                criterion="style.weasel-words", severity=Severity.MINOR, message="m",
                quote=block.text[start:end],
                location=Location(block=block.index, start=start, end=end),
            ))
    review = make_review(document, [CriterionResult(
        id="style.weasel-words", title="Weasel words", severity=Severity.MINOR, weight=1,
        status=Status.FAILED, findings=findings)])
    log = render_sarif(review, document, base_dir=CORPUS)
    assert_valid(validator, log)
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert 1 <= region["startLine"] <= region.get("endLine", region["startLine"]) <= n_lines
        assert region["startColumn"] >= 1


def test_llm_failure_and_dropped_quotes_are_said_for_the_run(validator: Any) -> None:
    review, document = markdown_review()
    review.llm = LLMUsage(used=True, model="m1", calls=2, dropped_unverified=3,
                          error="LLM reviewer failed: connection refused at http://h/v1")
    log = render_sarif(review, document)
    assert_valid(validator, log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    notes = invocation["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [
        ("warning", "LLM reviewer failed: connection refused at http://h/v1: judgment criteria "
                    "not assessed"),
        ("note", "3 LLM finding(s) dropped: their quotes are not in the document"),
    ]
    assert invocation["properties"]["llm"]["model"] == "m1"
    review.llm = LLMUsage()
    assert render_sarif(review, document)["runs"][0]["invocations"] == [
        {"executionSuccessful": True}]
