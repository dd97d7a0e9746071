"""Docs from the registry: docs/check-kinds.md and docs/rubric.schema.json are
what the code generates today, every kind and parameter says what it is for, and
the schema accepts the built-in rubrics and rejects a wrong one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema.validators import validator_for

from prereview.checks.docs import (
    families,
    kinds_markdown,
    kinds_text,
    nested_models,
    params_of,
    rubric_schema,
    rubric_schema_json,
)
from prereview.checks.registry import kinds
from prereview.rubrics import builtin_dir

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize(
    ("name", "generate", "command"),
    [("check-kinds.md", kinds_markdown, "--markdown"),
     ("rubric.schema.json", rubric_schema_json, "--schema")],
)
def test_generated_docs_are_fresh(name: str, generate: object, command: str) -> None:
    assert callable(generate)
    on_disk = (DOCS / name).read_text(encoding="utf-8")
    assert on_disk == generate(), (
        f"docs/{name} is stale: regenerate with `prereview kinds {command} > docs/{name}`"
    )


def test_every_kind_is_in_a_family_and_documented() -> None:
    listed = [k for family in families() for k in family.kinds]
    built_in = [k for k in kinds().values() if k.fn.__module__.startswith("prereview.")]
    assert sorted(k.name for k in listed) == sorted(k.name for k in built_in)
    # issue 8 added "unfinished", "consistent-names", "solution", "placeholders" and
    # "headed-part"
    assert len(listed) == 26
    for family in families():
        assert family.doc, f"kinds module {family.name} has no docstring"
    for kind in listed:
        assert kind.doc, f"check kind '{kind.name}' has no docstring"
        for model in [kind.params, *nested_models(kind.params)]:
            missing = [p.name for p in params_of(model) if not p.description]
            assert not missing, f"{kind.name} ({model.__name__}): no description for {missing}"


def test_kind_text_shows_types_defaults_and_descriptions() -> None:
    text = kinds_text("headline")
    assert text.startswith("headline\n  ")
    assert "    warn_above (int; default 15)\n      Words; above this" in text
    assert "    scope (scope; default \"press-release\")\n" in text
    section = kinds_text("section")
    assert "    section (section-id; required)\n" in section
    assert "    or_patterns (list[regex]; default [])\n" in section
    assert "  Requirement: Something a section or paragraph must also contain" in section
    with pytest.raises(KeyError, match="unknown check kind 'nope'"):
        kinds_text("nope")


def test_markdown_lists_every_kind_under_its_family() -> None:
    md = kinds_markdown()
    for kind in kinds().values():
        if kind.fn.__module__.startswith("prereview."):
            assert f"\n### {kind.name}\n" in md
    assert md.index("### section") < md.index("### headline") < md.index("### word-list")


def _validator() -> object:
    schema = rubric_schema()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_the_builtin_rubrics(path: Path) -> None:
    validator = _validator()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in validator.iter_errors(data)]  # type: ignore[attr-defined]
    assert errors == []


def test_schema_rejects_an_unknown_kind_and_a_misspelt_parameter() -> None:
    validator = _validator()
    base = {"id": "x", "criteria": [{"id": "x.a", "title": "A", "severity": "major",
                                     "check": {"kind": "headline", "warn_above": 10}}]}
    assert list(validator.iter_errors(base)) == []  # type: ignore[attr-defined]
    for check in ({"kind": "no-such-kind"}, {"kind": "headline", "warn_abvoe": 10},
                  {"kind": "headline", "warn_above": "ten"}):
        bad = json.loads(json.dumps(base))
        bad["criteria"][0]["check"] = check
        assert list(validator.iter_errors(bad)), check  # type: ignore[attr-defined]
