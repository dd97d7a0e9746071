"""Every rule criterion's own YAML examples are its tests (sqlfluff-style).

``examples.pass`` snippets must pass and ``examples.fail`` snippets must fail when
the snippet (a Markdown document) is reviewed with that criterion's rubric.
"""

from __future__ import annotations

import pytest

from prereview.checks import CheckContext, run_criterion
from prereview.ingest.markdown import parse_markdown
from prereview.review import Status
from prereview.rubrics import BUILTIN_IDS, load_rubric

RUBRICS = {rid: load_rubric(rid) for rid in BUILTIN_IDS}


OWNER = {"pr": "prfaq", "faq": "prfaq", "narrative": "narrative", "design": "design-doc",
         "style": "style", "integrity": "style", "proposal": "proposal"}
"""Each criterion is tested once, under the rubric that defines it."""


def _cases() -> list[tuple[str, str, str, int]]:
    cases = []
    for rid, rubric in RUBRICS.items():
        for crit in rubric.criteria:
            if crit.check is None or OWNER.get(crit.id.split(".")[0]) != rid:
                continue
            for expect, snippets in (("pass", crit.examples.pass_), ("fail", crit.examples.fail)):
                cases.extend((rid, crit.id, expect, i) for i in range(len(snippets)))
    return cases


@pytest.mark.parametrize(("rubric_id", "criterion_id", "expect", "i"), _cases())
def test_criterion_example(rubric_id: str, criterion_id: str, expect: str, i: int) -> None:
    rubric = RUBRICS[rubric_id]
    crit = rubric.criterion(criterion_id)
    snippet = (crit.examples.pass_ if expect == "pass" else crit.examples.fail)[i]
    document = parse_markdown(snippet, f"<{criterion_id} {expect} example {i}>")
    result = run_criterion(CheckContext(document, rubric), crit)
    wanted = Status.PASSED if expect == "pass" else Status.FAILED
    assert result.status == wanted, (
        f"{criterion_id} {expect} example {i}: got {result.status} ({result.note}); "
        f"findings={[f.message for f in result.findings]}"
    )
    if expect == "fail":
        assert result.findings, f"{criterion_id}: a failure must come with a finding"


@pytest.mark.parametrize("rubric_id", BUILTIN_IDS)
def test_every_rule_criterion_has_both_examples(rubric_id: str) -> None:
    missing = [
        c.id
        for c in RUBRICS[rubric_id].criteria
        if c.check is not None and (not c.examples.pass_ or not c.examples.fail)
    ]
    assert missing == []
