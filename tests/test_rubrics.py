"""Rubrics as data: the catalogue's ids, extends/overrides/disable, errors that name
file, line and field, the version hash, and the per-process cache."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from prereview.errors import RubricError
from prereview.rubrics import load_rubric

CATALOGUE = {
    "style": (
        "style.weasel-words style.unquantified-claims style.hedging style.jargon "
        "style.sentence-length style.readability style.passive-voice style.acronyms "
        "style.placeholders style.bullets style.baseline style.so-what integrity.injection "
        # issue 8 additions: empty headings and template prompts left as headings;
        # claims a number does not support, numbers with no source
        "style.unfinished style.first-claims style.unsourced-statistics"
    ),
    "prfaq": (
        "pr.headline pr.subheading pr.dateline pr.summary pr.problem pr.problem-quantified "
        "pr.solution pr.leader-quote pr.getting-started pr.customer-quote pr.call-to-action "
        "pr.launch-voice pr.length pr.customer-language faq.present faq.external faq.internal "
        "faq.answered faq.customer-evidence faq.market-size faq.economics faq.success-metrics "
        "faq.risks faq.scope faq.consistent-numbers faq.length "
        # issue 8 additions: the questions leadership asks, in the internal FAQ; one
        # product name, one spelling
        "faq.leadership-questions style.consistent-names"
    ),
    "narrative": (
        "narrative.purpose narrative.tenets narrative.state narrative.lessons narrative.plan "
        "narrative.asks narrative.length narrative.prose"
    ),
    "design-doc": (
        "design.context design.problem design.goals design.non-goals design.proposal "
        "design.alternatives design.risks design.security design.operations design.cost "
        "design.milestones design.metrics design.open-questions"
    ),
    "proposal": (
        "proposal.summary proposal.motivation proposal.design proposal.alternatives "
        "proposal.compatibility proposal.scope proposal.open-questions proposal.prior-art "
        # the service-design criteria the catalogue makes not-applicable unless the
        # proposal is about running something (issue 8)
        "proposal.security proposal.operations proposal.testing proposal.metrics "
        # a KEP's Goals and a CDK RFC's FAQs, where the template has them
        "proposal.goals proposal.faq-answered"
    ),
}
"""Criterion ids of ../shared/spec/rubric-catalogue.md: a public contract."""

JUDGMENT_ONLY = {"pr.summary", "pr.solution", "faq.customer-evidence", "faq.market-size",
                 "faq.economics", "faq.success-metrics", "faq.risks", "faq.scope",
                 "faq.consistent-numbers", "style.so-what"}


@pytest.mark.parametrize("rubric_id", list(CATALOGUE))
def test_builtin_rubrics_carry_every_catalogue_id(rubric_id: str) -> None:
    rubric = load_rubric(rubric_id)
    own = set(CATALOGUE[rubric_id].split())
    inherited = set() if rubric_id == "style" else set(CATALOGUE["style"].split())
    assert {c.id for c in rubric.criteria} == own | inherited
    for c in rubric.criteria:
        assert (c.check is None) == (c.id in JUDGMENT_ONLY), c.id
        assert c.title and c.guidance, c.id
    # a proposal's substantive sections weigh 8: one missing is under 90
    assert rubric.threshold == (90 if rubric_id == "proposal" else 80)
    assert len(rubric.version) == 12


def _write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_user_rubric_extends_overrides_and_disables(tmp_path: Path) -> None:
    path = _write(tmp_path / "team.yaml", """\
        id: team-prfaq
        title: Our PR/FAQ bar
        extends: prfaq
        threshold: 85
        disable: [pr.dateline]
        criteria:
          - id: style.weasel-words
            severity: major
            weight: 3
            check:
              add_words: [basically]
          - id: team.no-internal-links
            title: No internal links
            severity: minor
            check: {kind: word-list, words: [wiki.corp]}
            guidance: Customers cannot open our wiki.
            examples: {pass: "See example.com.", fail: "See wiki.corp for more."}
        """)
    rubric = load_rubric(path)
    base = load_rubric("prfaq")
    assert (rubric.id, rubric.threshold, rubric.doc_type) == ("team-prfaq", 85, "prfaq")
    assert rubric.extends == ["style", "prfaq"]
    assert not rubric.criterion("pr.dateline").enabled
    assert "pr.dateline" not in {c.id for c in rubric.active}
    weasel = rubric.criterion("style.weasel-words")
    assert (weasel.severity.value, weasel.weight) == ("major", 3)
    assert weasel.check is not None and weasel.check.params["add_words"] == ["basically"]
    # the inherited list is still there: only what the user named changed
    assert weasel.check.params["words"] == base.criterion("style.weasel-words").check.params[
        "words"]  # type: ignore[union-attr]
    assert rubric.criteria[-1].id == "team.no-internal-links"
    assert rubric.version != base.version


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("id: x\ncriteria:\n  - id: a.b\n    title: T\n    severity: critical\n",
         r"x\.yaml:5: criteria\[0\]\.severity: Input should be 'blocker', 'major' or 'minor'"),
        ("id: x\ncriteria:\n  - id: a.b\n    title: T\n    severity: minor\n"
         "    check: {kind: no-such-kind}\n",
         r"x\.yaml:6: criteria\[0\] \(a\.b\)\.check\.kind: unknown check kind 'no-such-kind'"),
        ("id: x\ncriteria:\n  - id: a.b\n    title: T\n    severity: minor\n"
         "    check: {kind: word-list, words: [x], scope: press-release}\n",
         r"x\.yaml:6: criteria\[0\] \(a\.b\)\.check\.scope: unknown scope 'press-release'"),
        ("id: x\ncriteria:\n  - id: a.b\n    title: T\n    severity: minor\n"
         "    check: {kind: word-list, wordz: [x]}\n",
         r"x\.yaml:6: criteria\[0\] \(a\.b\)\.check\.wordz: Extra inputs are not permitted"),
        ("id: x\nextends: style\ndisable: [style.nope]\n",
         r"x\.yaml:3: disable: unknown criterion 'style\.nope'"),
        ("id: x\ncriteria: [\n", r"x\.yaml:\d+: invalid YAML"),
        ("- just\n- a list\n", r"x\.yaml: a rubric must be a YAML mapping"),
        ("id: x\nextends: nowhere-rubric\n", r"unknown rubric 'nowhere-rubric'"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path / "x.yaml", body)
    with pytest.raises(RubricError, match=message):
        load_rubric(path)


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", "id: a\nextends: b.yaml\n")
    _write(tmp_path / "b.yaml", "id: b\nextends: a.yaml\n")
    with pytest.raises(RubricError, match="extends cycle"):
        load_rubric(tmp_path / "a.yaml")


def test_rubric_path_ids_and_a_changed_file_is_reloaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREREVIEW_RUBRIC_PATH", str(tmp_path))
    path = _write(tmp_path / "mine.yaml", "id: mine\nextends: style\nthreshold: 70\n")
    first = load_rubric("mine")
    assert first.threshold == 70
    first.threshold = 1  # a caller's change never leaks into the next load
    assert load_rubric("mine").threshold == 70
    _write(path, "id: mine\nextends: style\nthreshold: 75.5\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = load_rubric("mine")
    assert again.threshold == 75.5 and again.version != first.version


# A criterion naming a section no ``sections:`` entry defines, and a style kind with
# a bad regular expression: once "OK" from validate and a traceback from review.
UNDEFINED_SECTION = """\
id: x
sections:
  goals:
    headings: ['^goals$']
criteria:
  - id: x.s
    title: Security
    severity: major
    check:
      kind: section
      section: security
"""
BAD_PATTERN = """\
id: x
criteria:
  - id: x.w
    title: Words
    severity: minor
    check:
      kind: word-list
      words: [very]
      patterns:
        - 'fine'
        - '(unclosed'
"""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (UNDEFINED_SECTION,
         r"x\.yaml:11: criteria\[0\] \(x\.s\)\.check\.section: unknown section 'security' "
         r"\(sections of this rubric: goals\)$"),
        (BAD_PATTERN,
         r"x\.yaml:11: criteria\[0\] \(x\.w\)\.check\.patterns\[1\]\.regex: invalid regular "
         r"expression '\(unclosed': missing \), unterminated subpattern at position 0$"),
        (UNDEFINED_SECTION.replace("section: security", "section: goals\n      after: intro"),
         r"x\.yaml:12: criteria\[0\] \(x\.s\)\.check\.after: unknown section 'intro'"),
        (BAD_PATTERN.replace("- 'fine'", "- {regex: '[z-a]', message: m}"),
         r"x\.yaml:10: criteria\[0\] \(x\.w\)\.check\.patterns\[0\]\.regex: invalid regular "
         r"expression '\[z-a\]'"),
    ],
)
def test_undefined_section_and_bad_pattern_fail_at_load(
    tmp_path: Path, body: str, message: str
) -> None:
    path = _write(tmp_path / "x.yaml", body)
    with pytest.raises(RubricError, match=message):
        load_rubric(path)
