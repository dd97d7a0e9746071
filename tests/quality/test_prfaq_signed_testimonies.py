"""Two PR/FAQ shapes a real open-source PR/FAQ used (issue 8, fresh reading 2:
treeline): testimonies as quote blocks signed on their last line by a list item
("> - Albert from San Francisco"), read as no customer quote; and an FAQ written
as a numbered list whose items hold the question on their first line and the
answer indented under it ("1. Do I have to know SQL?" then "Not necessarily..."),
read as 0 FAQ entries. Layout written here: a bookkeeping tool's PR/FAQ."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

LAYOUT = "prfaq-signed-testimonies.md"


def test_a_quote_block_signed_by_a_list_item_is_an_attributed_customer_quote() -> None:
    got = by_id(review_layout(LAYOUT))
    customer = got["pr.customer-quote"]
    assert customer.status == Status.PASSED
    assert customer.note is not None and "Albert from San Francisco" in customer.note


def test_a_list_after_a_quote_block_with_a_blank_line_signs_nothing() -> None:
    text = edited_layout(LAYOUT, "> - Albert from San Francisco",
                         "\n- Albert from San Francisco")
    text = text.replace("> - Blake from New York", "\n- Blake from New York")
    customer = by_id(review_layout(LAYOUT, text))["pr.customer-quote"]
    assert customer.note is None or "Albert from San Francisco" not in customer.note


def test_numbered_questions_with_their_answers_under_them_are_faq_entries() -> None:
    answered = by_id(review_layout(LAYOUT))["faq.answered"]
    assert answered.status == Status.PASSED
    assert answered.note == "3 FAQ entries, 0 unanswered"
