"""Fingerprints: criterion + normalised quote + occurrence among equal quotes,
never the line; and the store never holds an API key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from prereview import engine
from prereview.history import Tracking
from prereview.review import (
    CriterionResult,
    Finding,
    Location,
    Severity,
    Status,
    assign_fingerprints,
    fingerprint,
)


def _finding(quote: str, block: int, start: int = 0) -> Finding:
    return Finding(criterion="style.hedging", severity=Severity.MINOR, message="Hedge.",
                   quote=quote, location=Location(block=block, line=block * 2 + 1,
                                                  start=start))


def test_equal_quotes_are_numbered_in_document_order() -> None:
    later, earlier, other = _finding("Maybe", 5), _finding("maybe", 2), _finding("perhaps", 3)
    result = CriterionResult(id="style.hedging", title="Hedging", severity=Severity.MINOR,
                             weight=1, status=Status.FAILED, findings=[later, earlier, other])
    assign_fingerprints([result])
    assert earlier.fingerprint == fingerprint("style.hedging", "maybe", occurrence=0)
    assert later.fingerprint == fingerprint("style.hedging", "MAYBE", occurrence=1)
    assert other.fingerprint == fingerprint("style.hedging", "perhaps")
    assert len({earlier.fingerprint, later.fingerprint, other.fingerprint}) == 3
    moved = _finding("Maybe", 40)  # same text further down: same identity
    again = CriterionResult(id="style.hedging", title="Hedging", severity=Severity.MINOR,
                            weight=1, status=Status.FAILED, findings=[moved])
    assign_fingerprints([again])
    assert moved.fingerprint == earlier.fingerprint


def test_inserted_paragraph_changes_no_fingerprint(
    tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    body = "Pricing is TBD.\n\nThe date is TBD too.\n\nIt is very soon.\n"
    a = engine.review_path(write_doc("# Notes\n\n" + body, "a.md"), tiny_rubric)
    b = engine.review_path(write_doc("# Notes\n\nA new first paragraph.\n\n" + body, "b.md"),
                           tiny_rubric)
    assert [f.fingerprint for f in a.findings] == [f.fingerprint for f in b.findings]
    assert [f.location.line for f in a.findings if f.location] != [
        f.location.line for f in b.findings if f.location]
    assert len({f.fingerprint for f in a.findings}) == 3


def test_store_never_holds_the_api_key(
    store_url: str, write_doc: Callable[[str, str], Path], fake_openai: Any,
    tmp_path: Path,
) -> None:
    from prereview.reviewer import ReviewerSettings

    secret = "sk-test-" + "s3cr3t" * 6
    settings = ReviewerSettings(api_key=secret, base_url=fake_openai.url, timeout=0.5,
                                max_retries=0, cache_dir=tmp_path / "cache")
    doc = write_doc("# Notes\n\nCustomers wait too long. Pricing is TBD.\n", "n.md")
    run = engine.run(doc, "style", settings, tracking=Tracking())
    assert run.review.history is not None
    dump = []
    eng = create_engine(store_url)
    with eng.connect() as conn:
        for table in ("documents", "revisions", "reviews", "findings"):
            dump.extend(str(row) for row in conn.execute(text(f"SELECT * FROM {table}")))
    eng.dispose()
    assert dump and not any(secret in row or "s3cr3t" in row for row in dump)
    assert not any(fake_openai.url in row for row in dump)
