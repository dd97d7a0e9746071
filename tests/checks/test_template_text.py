"""Template prompts are found by an index of their first words: the same hits, in
the same order, as trying every prompt on every block."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from prereview.checks.reading.template_text import (
    PROMPT_KINDS,
    compile_families,
    find_template_text,
)
from prereview.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]


def _families() -> list[tuple[str, list[re.Pattern[str]]]]:
    data = yaml.safe_load((ROOT / "rubrics" / "proposal.yaml").read_text(encoding="utf-8"))

    def find(value: object) -> dict[str, list[str]] | None:
        if isinstance(value, dict):
            if "template_prompts" in value:
                return value["template_prompts"]  # type: ignore[no-any-return]
            values = list(value.values())
        elif isinstance(value, list):
            values = value
        else:
            return None
        for v in values:
            found = find(v)
            if found:
                return found
        return None

    prompts = find(data)
    assert prompts, "proposal.yaml lists its templates' prompts"
    return compile_families(prompts)


def _every_prompt_on_every_block(path: Path, families: list[tuple[str, list[re.Pattern[str]]]]
                                 ) -> list[tuple[int, int, int, str]]:
    hits: list[tuple[int, int, int, str]] = []
    for block in load_document(path).blocks:
        if block.kind not in PROMPT_KINDS:
            continue
        found: list[tuple[int, int, str]] = []
        for family, patterns in families:
            for pattern in patterns:
                for m in pattern.finditer(block.text):
                    if m.end() <= m.start() or any(
                            c.start <= m.start() < c.end for c in block.code) or any(
                            s < m.end() and m.start() < e for s, e, _ in found):
                        continue
                    found.append((m.start(), m.end(), family))
        hits += [(block.index, s, e, f) for s, e, f in sorted(found)]
    return hits


def test_indexed_prompts_find_what_trying_them_all_finds(tmp_path: Path) -> None:
    families = _families()
    phrases = [p.pattern for _, ps in families for p in ps]
    rng = random.Random(5)
    words = ["Describe", "them", "providing:", "(e.g.", "new", "the", "feature.", "“quoted”",
             "> Describe", "One", "paragraph", "explanation", "of", "İgnore", "naïve", "TODO"]
    texts = []
    for phrase_regex in phrases:
        plain = re.sub(r"\(\?<!\\w\)|\(\?!\\w\)|\\s\+", " ", phrase_regex).replace("\\", "")
        texts.append(rng.choice(["", "Intro. ", "- ", "> "]) + plain + rng.choice(["", " more."]))
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 20))) for _ in range(200)]
    path = tmp_path / "prompts.md"
    path.write_text("# Prompts\n\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
    layouts = sorted((ROOT / "tests" / "quality" / "layouts").glob("proposal-*.md"))
    for doc in [path, *layouts]:
        got = find_template_text(load_document(doc), families)
        flat = [(i, h.start, h.end, h.family) for i in sorted(got.hits) for h in got.hits[i]]
        assert flat == _every_prompt_on_every_block(doc, families), doc.name
    got = find_template_text(load_document(path), families)
    assert len(got.hits) >= len(phrases) // 2  # most prompts written out are found


def test_prompts_in_any_case_quotes_and_line_breaks_are_found_as_trying_all_finds(
        tmp_path: Path) -> None:
    """The blocks tried for a prompt are those holding every word of it: a prompt
    written in other case, with typographic quotes, wrapped over lines or next to
    a letter that folds unusually (K, ſ) is still found, as trying all finds."""
    families = _families()
    rng = random.Random(9)
    texts = []
    for _, patterns in families:
        for pattern in patterns:
            plain = re.sub(r"\(\?<!\\w\)|\(\?!\\w\)", "", pattern.pattern)
            plain = plain.replace("\\s+", " ").replace("[\"“”]", '"').replace("['’]", "'")
            plain = plain.replace("\\", "")
            cased = "".join(c.upper() if rng.random() < 0.3 else c for c in plain)
            wrapped = cased.replace(" ", rng.choice([" ", "\n", "  "]))
            quoted = wrapped.replace("'", rng.choice(["'", "’"])).replace('"', "“")
            if rng.random() < 0.2:  # re folds these to k and s; str.lower does not
                quoted = quoted.replace("k", "\u212a", 1).replace("s", "ſ", 1)
            texts.append(rng.choice(["", "Now ", "\u212a ", "ſ: "]) + quoted
                         + rng.choice(["", ".", "s"]))
    path = tmp_path / "cased.md"
    path.write_text("# Prompts\n\n" + "\n\n".join(texts) + "\n", encoding="utf-8")
    got = find_template_text(load_document(path), families)
    flat = [(i, h.start, h.end, h.family) for i in sorted(got.hits) for h in got.hits[i]]
    assert flat == _every_prompt_on_every_block(path, families)
    assert len(got.hits) >= len(texts) // 2
