"""Settling findings: ``prereview accept`` (shown as accepted, out of the score,
lapses when the finding goes) and inline suppression directives in Markdown."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema.validators import validator_for
from typer.testing import CliRunner

from prereview import engine
from prereview.cli import app
from prereview.errors import PrereviewError
from prereview.history import Tracking, accept
from prereview.history.suppress import parse_suppressions
from prereview.ingest import load_document
from prereview.reports import render

DOC = """\
# Launch notes

Pricing is TBD.

Support is very good.
"""


def _review(path: Path, rubric: Path, **kw: object) -> engine.ReviewRun:
    return engine.run(path, rubric, tracking=Tracking(**kw))  # type: ignore[arg-type]


def test_accepted_finding_is_shown_not_counted_and_lapses(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
    rows: Callable[[str], dict[str, int]],
) -> None:
    path = write_doc(DOC, "notes.md")
    first = _review(path, tiny_rubric).review
    very = next(f for f in first.findings if f.criterion == "tiny.no-very")
    result = CliRunner().invoke(app, ["accept", very.fingerprint, "--reason",
                                      "house style allows it", "--doc", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"accepted {very.fingerprint} tiny.no-very in ")
    assert rows(store_url)["accepted_findings"] == 1

    path.write_text(DOC.replace("Pricing is TBD.", "Pricing is TBD, still.\n\nMore text."))
    second = _review(path, tiny_rubric)
    settled = next(f for f in second.review.findings if f.criterion == "tiny.no-very")
    assert (settled.settled, settled.settled_reason) == ("accepted", "house style allows it")
    crit = {c.id: c for c in second.review.criteria}
    assert crit["tiny.no-very"].status.value == "passed"
    assert second.review.score > first.score
    assert second.review.history is not None and second.review.history.accepted == 1
    md = render(second.review, "md")
    assert "*(accepted: house style allows it)*" in md
    assert "## Since the last draft" in md
    import docx

    from prereview.reports.annotate import write_reviewed_docx

    out = path.with_suffix(".reviewed.docx")
    write_reviewed_docx(second.document, second.review, out)
    texts = [c.text for c in docx.Document(str(out)).comments]
    assert any(t.endswith("(accepted: house style allows it)") for t in texts)

    path.write_text(DOC.replace("very good", "good"))  # the finding goes: acceptance lapses
    _review(path, tiny_rubric)
    path.write_text(DOC)  # and when it comes back it counts again
    back = _review(path, tiny_rubric).review
    assert next(f for f in back.findings if f.criterion == "tiny.no-very").settled is None


def test_accept_unknown_fingerprint_is_a_usage_error(
    store_url: str, tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    _review(write_doc(DOC, "notes.md"), tiny_rubric)
    result = CliRunner().invoke(app, ["accept", "0123456789abcdef", "--reason", "x"])
    assert result.exit_code == 2
    with pytest.raises(PrereviewError, match="must say why"):
        accept("0123456789abcdef", "  ")


SUPPRESSED = """\
# Launch notes

<!-- prereview: ignore tiny.no-very -->
Support is very good.

Sales are very high.

<!-- prereview: disable tiny -->
Pricing is TBD and very soon.
<!-- prereview: enable tiny -->

The date is TBD.

```
<!-- prereview: disable -->
```
"""


def test_inline_directives_suppress_and_report(
    tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    path = write_doc(SUPPRESSED, "doc.md")
    document = load_document(path)
    rules = parse_suppressions(document).rules
    assert [(r.directive, r.ids, r.first_line, r.last_line) for r in rules] == [
        ("ignore", ("tiny.no-very",), 4, 4), ("disable", ("tiny",), 8, 10)]
    review = _review(path, tiny_rubric, record=False).review
    state = {(f.criterion, f.location.line if f.location else None): f.settled
             for f in review.findings}
    assert state == {
        ("tiny.no-very", 4): "suppressed", ("tiny.no-very", 6): None,
        ("tiny.no-very", 9): "suppressed", ("tiny.no-tbd", 9): "suppressed",
        ("tiny.no-tbd", 12): None,
    }
    md = render(review, "md")
    assert md.count("*(suppressed: ") == 3
    sarif = json.loads(render(review, "sarif", load_document(path)))
    kinds = [r.get("suppressions", [{}])[0].get("kind") for r in sarif["runs"][0]["results"]]
    assert sorted(k or "" for k in kinds) == ["", "", "inSource", "inSource", "inSource"]
    schema = json.loads((Path(__file__).parents[1] / "reports" / "sarif-schema-2.1.0.json")
                        .read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(sarif)


def test_everything_suppressed_passes_and_rescores(
    tiny_rubric: Path, write_doc: Callable[[str, str], Path],
) -> None:
    plain = write_doc("# Notes\n\nPricing is TBD.\n", "a.md")
    quiet = write_doc("# Notes\n\n<!-- prereview: disable-next tiny.no-tbd -->\n"
                      "Pricing is TBD.\n", "b.md")
    loud = _review(plain, tiny_rubric, record=False).review
    hushed = _review(quiet, tiny_rubric, record=False).review
    assert loud.verdict.value == "not-ready"
    assert hushed.verdict.value == "ready" and hushed.score == 100.0
    assert [f.settled for f in hushed.findings] == ["suppressed"]
