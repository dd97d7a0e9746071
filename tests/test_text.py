"""Sentence, word, syllable and number utilities the style checks build on."""

from __future__ import annotations

import pytest

from prereview.text import (
    flesch_kincaid_grade,
    has_number,
    reading_counts,
    sentences,
    syllables,
    word_count,
    words,
)


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


# --------------------------------------------------------------------------- sentences


def test_sentences_plain() -> None:
    assert split("One two. Three four! Five six? Seven") == [
        "One two.", "Three four!", "Five six?", "Seven"]


def test_sentence_spans_are_offsets_into_the_text() -> None:
    text = "  First one.  Second one.  "
    assert sentences(text) == [(2, 12), (14, 25)]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Ruiz met Mr. Jones and Ms. Lee today.",
        "Use a tool, e.g. Kubernetes, or a script, i.e. Bash, as needed.",
        "Compare Go vs. Rust for this.",
        "It costs 3.5 million dollars.",
        "Upgrade from v1.2.3 to v1.3.0 first.",
        "See https://example.com/docs/v1.2/index.html for details.",
        "Write to ana@example.com today.",
        "The U.S. Army uses it.",
        "J. Smith wrote it.",
        "Item No. 5 ships first.",
        "Wait... then it works.",
        "This line\nwraps in the source\nbut is one sentence.",
    ],
)
def test_sentences_one_sentence(text: str) -> None:
    assert split(text) == [text]


def test_sentences_abbreviation_that_ends_a_sentence() -> None:
    assert split("We sell in the U.S. The team is in Seattle.") == [
        "We sell in the U.S.", "The team is in Seattle."]
    assert split("Apples, pears, etc. We buy them all.") == [
        "Apples, pears, etc.", "We buy them all."]


def test_sentences_closing_quotes_and_brackets_stay_with_the_sentence() -> None:
    assert split('He said "stop." Then he left. (It was late.) Done.') == [
        'He said "stop."', "Then he left.", "(It was late.)", "Done."]
    assert split("“Great,” said Ana. “We ship.” Then silence.") == [
        "“Great,” said Ana.", "“We ship.”", "Then silence."]


def test_sentences_ellipsis_before_a_capital_ends_a_sentence() -> None:
    assert split("We waited… Nothing happened.") == ["We waited…", "Nothing happened."]
    assert split("We waited... Nothing happened.") == ["We waited...", "Nothing happened."]


def test_sentences_url_at_the_end_keeps_its_full_stop_as_terminator() -> None:
    assert split("Read https://example.com/a.b. Then reply.") == [
        "Read https://example.com/a.b.", "Then reply."]


def test_sentences_no_as_an_answer() -> None:
    assert split("No. We will not.") == ["No.", "We will not."]


def test_sentences_empty_and_punctuation_only() -> None:
    assert sentences("") == []
    assert sentences("   ") == []
    assert sentences("...") == []


# --------------------------------------------------------------------------- words


def test_words_spans() -> None:
    text = "Don't over-engineer v1.2.3, see https://example.com/a-b now."
    assert [text[s:e] for s, e in words(text)] == [
        "Don't", "over-engineer", "v1.2.3", "see", "https://example.com/a-b", "now"]


def test_word_count_numbers_and_punctuation() -> None:
    assert word_count("It costs $3.5 million — 40% less!") == 6
    assert word_count("") == 0


# --------------------------------------------------------------------------- syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("cat", 1), ("table", 2), ("about", 2), ("customer", 3),
     ("readability", 5), ("organization", 5), ("implementation", 5), ("2026", 1),
     ("beautiful", 3)],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


# Counts from the CMU Pronouncing Dictionary. Narrow hyphenation margins used to
# split final consonants ("own-er-s", "in-stan-t", "pay-out-s"); plurals, -ed
# endings and contractions count like the word they come from.
KNOWN = {
    "owners": 2, "owner's": 2, "instant": 2, "payouts": 2, "payout": 2, "orders": 2,
    "tickets": 2, "designs": 2, "cards": 1, "goals": 1, "tests": 1, "all": 1, "you": 1,
    "your": 1, "stopped": 1, "called": 1, "wanted": 2, "created": 3, "changes": 2,
    "services": 3, "people": 2, "simple": 2, "handled": 2, "idea": 3, "area": 3,
    "radio": 3, "video": 3, "reliable": 4, "available": 4, "queue": 1, "fire": 2,
    "required": 3, "hours": 2, "statement": 2, "careful": 2, "sometimes": 2,
    "something": 2, "timeline": 2, "pipeline": 2, "enabling": 4, "behavior": 3,
    "special": 2, "nation": 2, "restaurants": 3, "don't": 1, "we're": 1, "co-founder": 3,
}


@pytest.mark.parametrize(("word", "count"), sorted(KNOWN.items()))
def test_syllables_of_common_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_plain_prose_grades_lower_than_it_used_to() -> None:
    # Grade 5.5 with CMU syllable counts; narrow hyphenation margins made it 7.7.
    text = ("Café owners earn their money every day, and they pay their bills every day. "
            "With Instant Payouts, the owner taps the button at the end of the day. The "
            "money lands in the bank account within 15 minutes.")
    assert 5.0 < flesch_kincaid_grade(text) < 7.0


def test_syllables_cached_and_case_insensitive() -> None:
    assert syllables("Organization") == syllables("organization")
    assert syllables.cache_info().hits > 0


# --------------------------------------------------------------------------- readability


def test_flesch_kincaid_easy_and_hard() -> None:
    easy = "The cat sat on the mat. It was warm. We fed it."
    hard = ("Organizational interoperability considerations necessitate comprehensive "
            "infrastructural modernization across geographically distributed environments.")
    assert flesch_kincaid_grade(easy) < 2
    assert flesch_kincaid_grade(hard) > 20


def test_flesch_kincaid_of_blocks_counts_each_block_separately() -> None:
    class B:
        def __init__(self, text: str) -> None:
            self.text = text

    blocks = [B("Export in one click"), B("Keep the filters")]
    counts = reading_counts("Export in one click") + reading_counts("Keep the filters")
    assert counts.sentences == 2
    assert flesch_kincaid_grade(blocks) == pytest.approx(counts.grade)
    assert flesch_kincaid_grade(["Export in one click", "Keep the filters"]) == pytest.approx(
        counts.grade)


def test_flesch_kincaid_empty_is_zero() -> None:
    assert flesch_kincaid_grade("") == 0.0
    assert flesch_kincaid_grade([]) == 0.0


def test_reading_counts_skip_urls() -> None:
    assert reading_counts("See https://example.com/very/long/path now.").words == 2


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text",
    ["It takes 3 minutes.", "40% of users", "It costs $9.", "€5 a month", "three teams",
     "a dozen customers", "half the time", "twice as fast", "Twenty percent"],
)
def test_has_number(text: str) -> None:
    assert has_number(text)


@pytest.mark.parametrize(
    "text", ["It is faster.", "one of the best", "Someone said so.", "often", ""])
def test_has_no_number(text: str) -> None:
    assert not has_number(text)


def test_letter_patterns_as_string_tests_equal_their_regex_search() -> None:
    """The vowel-group corrections that are plain letters are tested with ``in``,
    ``startswith`` or ``endswith``: the same answers as ``re.search``."""
    import random
    import re as re_

    from prereview.text import _test

    rng = random.Random(3)
    words = ["".join(rng.choice("aeioumcsltdnhrqb") for _ in range(rng.randint(1, 12)))
             for _ in range(5000)] + ["special", "asia", "mcdonald", "realism", "ours", "hours"]
    for pattern in ["cial", "sia$", "^mc", "ism$", "^h?ours?$", "io(?![ru])", "[^l]lien"]:
        test, search = _test(pattern), re_.compile(pattern).search
        assert [test(w) for w in words] == [search(w) is not None for w in words], pattern


def test_words_without_a_url_are_the_plain_words() -> None:
    """With no ``://`` or ``www.`` in a text, its words are found without the URL
    alternative: the same tokens as the full pattern."""
    from prereview.text import _WORD_RE, _word_tokens

    texts = ["don't best-of-breed 3.5 v1.2.3 U.S github.com a@b", "see https://x.y/z now",
             "www.example.com, or WWW.EXAMPLE.COM", "ftp://a b", "x://", "no.url.here."]
    for text in texts:
        assert _word_tokens(text) == _WORD_RE.findall(text), text


def test_a_sentence_may_open_with_a_lower_case_identifier() -> None:
    """Where inline code starts, a lower-case word after a full stop opens a sentence;
    an abbreviation before it still does not end one."""
    text = "It says what is unsafe about it. unsafe impl is like that. See e.g. foo here."
    code = [text.index("unsafe impl"), text.index("foo")]
    assert [text[s:e] for s, e in sentences(text, code)] == [
        "It says what is unsafe about it.", "unsafe impl is like that.",
        "See e.g. foo here."]
    assert [text[s:e] for s, e in sentences(text)] == [
        "It says what is unsafe about it. unsafe impl is like that.", "See e.g. foo here."]
