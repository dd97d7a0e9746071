"""A sentence cut off mid-way (issue 8, class 10) on a PR/FAQ written here: a
paragraph that ends on a fragment (an enumeration stopped before its last item, a
trailing possessive, a truncated word, a trailing conjunction) is unfinished; a
list introduction, a table cell, a caption, a link line, code, metadata, a
heading and a finished sentence without its full stop are not."""

from __future__ import annotations

from pathlib import Path

from prereview.engine import run
from prereview.review import Review, Severity, Status

from .support import review_layout

LAYOUT = Path(__file__).parent / "layouts" / "prfaq-cut-off.md"


def _unfinished(review: Review) -> list[str]:
    result = next(c for c in review.criteria if c.id == "style.unfinished")
    return [f.message for f in result.findings if "cut off mid-way" in f.message]


def test_each_fragment_shape_is_a_cut_off_sentence() -> None:
    review = run(LAYOUT).review
    assert _unfinished(review) == [
        "The sentence 'As wedding season grows every year, the cost of waiting including "
        "rent, stock' is cut off mid-way (its list stops before the last item): finish "
        "it or remove it.",
        "The sentence '\"Now the day's sales pay for tomorrow's roses, and the "
        "reconciliation with our\"' is cut off mid-way (it ends on 'our'): finish it or "
        "remove it.",
        "The sentence 'Shops that tried the beta kept every payout on time and asked "
        "about the inven' is cut off mid-way ('inven' looks like the start of a word "
        "('inventory')): finish it or remove it.",
        "The sentence 'Owners told us they stay with a provider because' is cut off "
        "mid-way (it ends on 'because'): finish it or remove it.",
    ]
    result = next(c for c in review.criteria if c.id == "style.unfinished")
    assert (result.status, result.severity) == (Status.FAILED, Severity.MAJOR)
    lines = [f.location.line for f in result.findings if f.location is not None]
    assert lines == [9, 19, 22, 24]


def test_a_clause_left_after_its_opener_is_cut_off(tmp_path: Path) -> None:
    doc = tmp_path / "narrative.md"
    doc.write_text(
        "# Payouts\n\n"
        "Florists wait six days for their money. Every shop we interviewed said the "
        "problem that bookkeeping\n\n"
        "Shops want the money on the day of the sale.\n",
        encoding="utf-8",
    )
    assert _unfinished(run(doc).review) == [
        "The sentence 'Every shop we interviewed said the problem that bookkeeping' is "
        "cut off mid-way (the clause 'that bookkeeping' is left unfinished): finish it "
        "or remove it.",
    ]


def test_metadata_intro_lines_and_finished_sentences_are_not_cut_off(tmp_path: Path) -> None:
    doc = tmp_path / "prfaq.md"
    doc.write_text(
        "# Ledgerly Launches Payouts\n\n"
        "Author: Ana Ruiz\nStatus: In review with the\n\n"
        "## Press release\n\n"
        "SEATTLE, WA — June 1, 2027 — Ledgerly today launched payouts for the shops "
        "we serve.\n\n"
        "Payouts work with every reader we tested, including\n\n"
        "- Square readers\n- Stripe terminals\n\n"
        "The payout runs every evening and the money arrives the same night\n\n"
        "Florists get paid in hours, and they say so\n\n"
        "**Payouts by hour of the day, for the**\n\n"
        "## Payouts for the\n\n"
        "Details are in the [guide to payouts for the](https://example.com/guide)\n",
        encoding="utf-8",
    )
    assert _unfinished(run(doc).review) == []


def test_many_unfinished_paragraphs_are_read_in_bounded_time() -> None:
    """Every paragraph a candidate, thousands of distinct words: the truncated-word
    look-up is a bisection, not a scan of the document's words per paragraph."""
    import time

    from prereview.checks.reading.cutoff import CutOffParams, cut_off_sentences
    from prereview.document import Anchor, Block, BlockKind

    def code(i: int) -> str:  # a distinct word of letters for each paragraph
        return "".join(chr(97 + (i // 26 ** k) % 26) for k in range(4)) + "zq"

    blocks = [
        Block(index=i, kind=BlockKind.PARAGRAPH, anchor=Anchor(),
              text=f"Shops in each region asked about the {code(i)}tower and the {code(i)}")
        for i in range(4000)
    ]
    started = time.process_time()
    found = cut_off_sentences(blocks, blocks, set(), CutOffParams(function_words=["the"]))
    assert time.process_time() - started < 2.0
    assert len(found) == 4000  # each ends on the start of the word before it


def test_a_sentence_ending_on_the_adverb_though_is_finished() -> None:
    """"Pods cannot be created, this feature doesn't change it though" is a whole
    sentence (a fresh reading: a KEP's PRR answer called cut off); "although" last
    still is a fragment."""
    base = LAYOUT.read_text(encoding="utf-8")
    marker = "Owners told us they stay with a provider because"
    assert marker in base
    adverb = base.replace(marker, "Pods cannot be created, and this feature does not "
                          "change it though")
    assert not any("though" in m for m in _unfinished(review_layout(LAYOUT.name, adverb)))
    conjunction = base.replace(marker, "Owners told us they stay with a provider, although")
    assert any("ends on 'although'" in m
               for m in _unfinished(review_layout(LAYOUT.name, conjunction)))
