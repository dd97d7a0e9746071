"""A press release written as subsections of its "## Press Release" heading (fresh
reading: an open-source log tool's PR/FAQ), with "### Getting Started" over a block
of commands and a closing "### Availability" line with a bare repository address.

- "### Getting Started" between the release's own subsections (or closing it) is one
  of its parts, not the end of the release: what follows it ("### Availability") is
  still the press release.
- A getting-started heading over commands (`brew install lanternlog`) is the
  getting-started part, though no paragraph says how to start.
- "Available now at github.com/owner/repo." (a bare host and path, no link, no
  "Read/See/Try") closing the release is its call to action.

Layout written here: layouts/prfaq-release-subsections.md."""

from __future__ import annotations

from pathlib import Path

from prereview.checks.context import CheckContext
from prereview.document import BlockKind
from prereview.engine import load
from prereview.review import Status

from .support import LAYOUTS, by_id, edited_layout, review_layout

LAYOUT = "prfaq-release-subsections.md"
AVAILABILITY = ("Lanternlog is open source under the Apache 2.0 license. Available now at "
                "github.com/lanternlog/lanternlog.\n")


def test_getting_started_inside_the_release_does_not_end_it() -> None:
    document, rubric, _ = load(LAYOUTS / LAYOUT)
    scope = CheckContext(document, rubric).scope("press-release")
    headings = [b.text for b in scope if b.kind == BlockKind.HEADING]
    assert headings[-3:] == ["Customer Quotes", "Getting Started", "Availability"]
    assert scope[-1].text.startswith("Lanternlog is open source under the Apache 2.0 license.")


def test_a_getting_started_heading_over_commands_is_the_part() -> None:
    started = by_id(review_layout(LAYOUT))["pr.getting-started"]
    assert (started.status, started.score, started.findings) == (Status.PASSED, 1.0, [])
    assert started.found_at == ("getting started: heading 'Getting Started' (line 29), with "
                                "commands `brew install lanternlog`")


def test_the_heading_is_the_part_when_it_closes_the_release() -> None:
    text = edited_layout(LAYOUT, "### Availability\n\n" + AVAILABILITY, "")
    results = by_id(review_layout(LAYOUT, text))
    started = results["pr.getting-started"]
    assert (started.status, started.score) == (Status.PASSED, 1.0)
    assert (started.found_at or "").startswith("getting started: heading 'Getting Started'")


def test_a_getting_started_heading_with_no_step_is_no_part() -> None:
    # a heading alone, over a sentence with no command or place, is not the part
    text = edited_layout(LAYOUT, "```bash\n# Install the CLI\nbrew install lanternlog\n\n"
                         "# Start collecting\nlanternlog up\n\n# Search every service\n"
                         "lanternlog search \"timeout\"\n```",
                         "Setup takes a minute.")
    text = text.replace(AVAILABILITY, "Lanternlog is open source under the Apache 2.0 license.\n")
    started = by_id(review_layout(LAYOUT, text))["pr.getting-started"]
    assert started.status == Status.FAILED


def test_a_bare_repository_address_closing_the_release_is_the_call_to_action() -> None:
    action = by_id(review_layout(LAYOUT))["pr.call-to-action"]
    assert (action.status, action.score) == (Status.PASSED, 1.0)
    assert action.found_at == ("closing paragraph saying where to learn more (line 44): "
                               "\"Available now at github.com/lanternlog/lanternlog.\"")


def test_no_address_no_call_to_action() -> None:
    text = edited_layout(LAYOUT, AVAILABILITY,
                         "Lanternlog is open source under the Apache 2.0 license.\n")
    assert by_id(review_layout(LAYOUT, text))["pr.call-to-action"].status == Status.FAILED


def test_a_usage_section_right_before_the_faq_it_wraps_still_ends_the_release(
        tmp_path: Path) -> None:
    # a "# Press release" over the whole document: its "## Usage", then its FAQ
    path = tmp_path / "wrapped.md"
    path.write_text("# Press release\n\nToday we announce Lanternlog, searchable logs for "
                    "every local service.\n\nDevelopers lose 15 minutes an error reading six "
                    "terminal windows.\n\n## Usage\n\nInstall it with `brew install "
                    "lanternlog`.\n\n## FAQ\n\n### Is it free?\n\nYes.\n", encoding="utf-8")
    document, rubric, _ = load(path)
    scope = CheckContext(document, rubric).scope("press-release")
    assert [b.text for b in scope if b.kind == BlockKind.HEADING] == ["Press release"]
