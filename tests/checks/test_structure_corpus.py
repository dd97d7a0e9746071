"""Robustness on documents nobody here wrote (../shared/corpus, when present): the
structure criteria of all three rubrics run without raising, every quote is the
exact text at its anchor, and the document types are detected as expected.

Outcomes are deliberately not asserted: the corpus is not a labelled test set."""

from __future__ import annotations

from pathlib import Path

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.detect import detect_type
from prereview.ingest import load_document
from prereview.rubrics import load_rubric

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PRFAQS = sorted((CORPUS / "prfaq").glob("*.md"))
KEPS = sorted((CORPUS / "design" / "kep").glob("*.md"))[:12]
CDK = sorted((CORPUS / "design" / "cdk-rfc").glob("*.md"))[:6]
pytestmark = pytest.mark.skipif(not PRFAQS, reason="corpus not available")

RUBRICS = [load_rubric(r) for r in ("prfaq", "narrative", "design-doc")]


@pytest.mark.parametrize("path", PRFAQS + KEPS + CDK, ids=lambda p: p.name)
def test_structure_criteria_run_and_quote_exactly(path: Path) -> None:
    document = load_document(path)
    for rubric in RUBRICS:
        ctx = CheckContext(document, rubric)
        for criterion in rubric.active:
            if criterion.check is None or criterion.id.startswith(("style.", "integrity.")):
                continue
            result = run_criterion(ctx, criterion)
            assert result.note, criterion.id
            for finding in result.findings:
                if finding.quote is None:
                    continue
                loc = finding.location
                assert loc is not None and loc.block is not None
                block = document.blocks[loc.block]
                assert block.text[loc.start : loc.end] == finding.quote
                assert loc.line is not None


@pytest.mark.parametrize("path", PRFAQS, ids=lambda p: p.name)
def test_prfaqs_are_detected_as_prfaq(path: Path) -> None:
    rid, why = detect_type(load_document(path), RUBRICS)
    assert rid == "prfaq", why


@pytest.mark.parametrize("path", KEPS, ids=lambda p: p.name)
def test_keps_are_detected_as_design_docs(path: Path) -> None:
    rid, why = detect_type(load_document(path), RUBRICS)
    assert rid == "design-doc", why
