"""What a proposal is about decides two criteria (issue 8, blind reading 3,
classes 3 and 4). A proposal whose subject is a vulnerability (a CVE, remote
code execution, an exploit) has a security surface, and describing it is its
security discussion; a proposal that cites an earlier precedent ("there exists
precedent", "similar to the removal of ...", "similar to RFC 2788") has prior art
where its template asks for prior art.
A word in another sense ("exploit the cache", "it lacks precedent") is neither.
Layout document written here: a KEP disabling a driver because of an RCE."""

from __future__ import annotations

from pathlib import Path

from prereview.review import Status

from .support import results_of

LAYOUT = Path(__file__).parent / "layouts" / "proposal-vulnerability-removal.md"


def test_a_vulnerability_is_a_security_surface_and_its_description_covers_it() -> None:
    security = results_of(LAYOUT, rubric="proposal")["proposal.security"]
    assert security.status == Status.PASSED
    assert security.note == "security: no heading; covered in the text (line 12)"


RUST = """- Feature Name: `lazy_statics`
- Start Date: 2026-01-01
- Rust Issue: (none yet)

# Summary

This RFC adds `lazy static` items, initialised on first use.

# Motivation

Statics that need a computed value need a crate and a macro today.

# Guide-level explanation

A `lazy static` item is written like a `static` with an initialiser expression
that runs on first access.

# Reference-level explanation

The initialiser runs once, under a lock; a panic poisons the item. This is
similar to RFC 2788, which added `OnceCell` to the standard library with the
same once-only guarantee.

# Rationale and alternatives

Keeping the macro crate was considered.

# Unresolved questions

None.
"""


def test_a_cited_precedent_is_prior_art(tmp_path: Path) -> None:
    """A Rust RFC (its template asks for prior art) citing an earlier RFC as its
    model has prior art without the heading; a KEP is not asked for it."""
    path = tmp_path / "rfc.md"
    path.write_text(RUST, encoding="utf-8")
    prior = results_of(path, rubric="proposal")["proposal.prior-art"]
    assert prior.status == Status.PASSED
    assert prior.note == "prior art: no heading; covered in the text (line 21)"
    path.write_text(RUST.replace(
        "This is\nsimilar to RFC 2788, which added `OnceCell` to the standard library with the\n"
        "same once-only guarantee.",
        "The mechanism\nlacks precedent in the standard library."), encoding="utf-8")
    assert results_of(path, rubric="proposal")["proposal.prior-art"].status == Status.FAILED
    layout = results_of(LAYOUT, rubric="proposal")
    assert layout["proposal.prior-art"].status == Status.NOT_APPLICABLE


def test_other_senses_of_the_words_are_neither(tmp_path: Path) -> None:
    text = LAYOUT.read_text(encoding="utf-8")
    text = text.replace(
        "A crafted archive can be\nexploited to write outside the volume and gain remote "
        "code execution on the\nnode, as shown in CVE-2025-12345.",
        "Unpacking can\nexploit the page cache to run faster on the\nnode.")
    text = text.replace(
        "There exists\nprecedent for removing unmaintained volume drivers: this removal is "
        "similar to\nthe removal of the glusterfs driver, which followed the same "
        "three-release\nschedule and the same event.",
        "The mechanism\nlacks precedent in the kubelet, which has never refused a volume "
        "driver\nbefore, so the schedule and the event are new.")
    path = tmp_path / "plain.md"
    path.write_text(text, encoding="utf-8")
    results = results_of(path, rubric="proposal")
    assert "CVE" not in text and "glusterfs" not in text
    assert results["proposal.security"].status == Status.NOT_APPLICABLE
