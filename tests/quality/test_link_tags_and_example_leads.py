"""Two misreads of a Rust RFC's shapes (issue 8, fresh reading 2: rust-3107 called
not-ready): a list of sources whose items open with a tag in capitals before the
link ("- [IRLO] [Request: derive enum's default][r1]") is no list of placeholders;
and a paragraph that ends by announcing an example ("... a breaking change. For
example,"), then a short lead-in and the code, is not a sentence cut off. A
bracketed field with no link after it, and a sentence cut off before prose, still
count. Layout: the Rust RFC family layout with such a rationale."""

from __future__ import annotations

from prereview.review import Status

from .support import by_id, edited_layout, review_layout

RUST = "proposal-family-rust.md"
SOURCES = ("Users have asked for this for years:\n\n"
           "- [IRLO] [Request: derive default for enums][r1]\n"
           "- [URLO] [Crate for a default enum variant][r2]\n\n"
           "[r1]: https://internals.rust-lang.org/t/1\n"
           "[r2]: https://users.rust-lang.org/t/2\n\n")
EXAMPLE = ("Adding a field to a variant could lead to stricter bounds, which is a "
           "breaking change. For example,\n\nA definition of\n\n```rust\nenum Foo<T> "
           "{ Bar(T) }\n```\n\n")


def _with(text: str) -> str:
    return edited_layout(RUST, "# Drawbacks", f"{text}# Drawbacks")


def test_tags_before_links_are_not_placeholders() -> None:
    got = by_id(review_layout("rust-sources.md", _with(SOURCES)))
    assert got["style.placeholders"].status == Status.PASSED
    assert got["style.placeholders"].findings == []


def test_a_bracketed_field_with_no_link_after_it_still_is_one() -> None:
    text = _with(SOURCES.replace("- [URLO] [Crate for a default enum variant][r2]",
                                 "- [URLO] see the forum"))
    got = by_id(review_layout("rust-field.md", text))
    assert [f.quote for f in got["style.placeholders"].findings] == ["[URLO]"]


def test_an_announced_example_is_no_cut_off_sentence() -> None:
    got = by_id(review_layout("rust-example.md", _with(EXAMPLE)))
    messages = [f.message for f in got["style.unfinished"].findings]
    assert not any("is cut off mid-way" in m for m in messages)


def test_a_sentence_cut_off_before_prose_still_is_one() -> None:
    text = _with(EXAMPLE.replace("For example,\n\nA definition of\n\n```rust\nenum Foo<T> "
                                 "{ Bar(T) }\n```", "and the bounds of the\n\nNext part."))
    got = by_id(review_layout("rust-cut.md", text))
    messages = [f.message for f in got["style.unfinished"].findings]
    assert any("is cut off mid-way" in m for m in messages)
