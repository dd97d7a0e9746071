"""Documentation from the registry, as sqlfluff builds its rule docs: each check
kind's purpose (its docstring) and parameters (types, defaults and descriptions
from its pydantic model) as text for ``prereview kinds``, as the Markdown of
``docs/check-kinds.md``, and a JSON Schema of rubric YAML (``docs/rubric.schema.json``).
Kept fresh by a test that regenerates them."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from prereview.checks import kinds as _kinds
from prereview.checks.registry import Kind, kinds
from prereview.rubric.model import Rubric

MAX_DEFAULT = 72
"""Longer defaults (a long regular expression) are cut in the terminal listing."""
WIDTH = 88
"""Descriptions are wrapped at this width in the terminal listing."""


@dataclass(frozen=True)
class ParamDoc:
    name: str
    type: str
    default: str | None
    """JSON of the default; None when the parameter is required."""
    description: str


@dataclass(frozen=True)
class Family:
    name: str
    """The module's name: ``press`` for ``prereview.checks.kinds.press``."""
    doc: str
    """The first paragraph of the module's docstring, on one line."""
    kinds: list[Kind]


def families() -> list[Family]:
    """Kinds by family module (the order of ``checks/kinds/__init__.py``)."""
    registered = kinds()
    return [
        Family(
            name=module.__name__.rsplit(".", 1)[-1],
            doc=_first_line(module.__doc__ or ""),
            kinds=[k for k in registered.values() if k.fn.__module__ == module.__name__],
        )
        for module in _kinds.FAMILIES
    ]


def _type_of(schema: dict[str, Any]) -> str:
    """A short type name from a field's JSON Schema."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    kind = schema.get("type")
    if kind == "array":
        return f"list[{_type_of(schema.get('items', {}))}]"
    if kind == "object":
        values = schema.get("additionalProperties")
        return f"dict[str, {_type_of(values)}]" if isinstance(values, dict) else "mapping"
    if kind == "string" and "format" in schema:
        return str(schema["format"])
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
            "null": "null"}.get(str(kind), "any")


def _default(model: type[BaseModel], name: str) -> str | None:
    field = model.model_fields[name]
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
    elif field.default is PydanticUndefined:
        return None
    else:
        value = field.default
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    elif isinstance(value, list):
        value = [v.value if hasattr(v, "value") else v for v in value]
    return json.dumps(value, ensure_ascii=False)


def params_of(model: type[BaseModel]) -> list[ParamDoc]:
    """Every parameter of a model, in declaration order."""
    schema = model.model_json_schema(mode="validation")
    props: dict[str, Any] = schema.get("properties", {})
    out: list[ParamDoc] = []
    for name, field in model.model_fields.items():
        prop = dict(props.get(name, {}))
        prop.pop("default", None)
        out.append(ParamDoc(
            name=name,
            type=_type_of(prop),
            default=_default(model, name),
            description=" ".join((field.description or "").split()),
        ))
    return out


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Models used inside a kind's parameters (``Requirement``, ``PatternSpec``...)."""
    found: list[type[BaseModel]] = []

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.append(annotation)
                for f in annotation.model_fields.values():
                    visit(f.annotation)
            return
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    for f in model.model_fields.values():
        visit(f.annotation)
    return found


def _first_line(text: str) -> str:
    return " ".join(text.split("\n\n", 1)[0].split())


def _shown(default: str, limit: int | None) -> str:
    return default if limit is None or len(default) <= limit else default[: limit - 3] + "..."


def _default_text(p: ParamDoc) -> str:
    return "required" if p.default is None else f"default {_shown(p.default, MAX_DEFAULT)}"


def kind_text(kind: Kind) -> str:
    """One kind for the terminal: name, purpose, parameters."""
    lines = [kind.name, *(f"  {line}".rstrip() for line in kind.doc.splitlines()), ""]
    lines.append("  parameters:")
    for p in params_of(kind.params):
        lines.append(f"    {p.name} ({p.type}; {_default_text(p)})")
        if p.description:
            lines.append(textwrap.fill(p.description, width=WIDTH, initial_indent=" " * 6,
                                       subsequent_indent=" " * 6))
    for model in nested_models(kind.params):
        lines.append(f"  {model.__name__}: {_first_line(model.__doc__ or '')}")
        for p in params_of(model):
            lines.append(f"    {p.name} ({p.type}; {_default_text(p)}): {p.description}")
    return "\n".join(lines)


def kinds_text(name: str | None = None) -> str:
    """``prereview kinds [KIND]``; KeyError for an unknown kind."""
    registered = kinds()
    if name is not None:
        if name not in registered:
            raise KeyError(f"unknown check kind '{name}' (known: {', '.join(sorted(registered))})")
        return kind_text(registered[name])
    return "\n\n".join(kind_text(k) for family in families() for k in family.kinds)


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _param_lines(model: type[BaseModel]) -> list[str]:
    lines: list[str] = []
    for p in params_of(model):
        default = "required" if p.default is None else f"default {_code(p.default)}"
        lines.append(f"- {_code(p.name)} ({p.type}; {default}): {p.description}")
    return lines


def kinds_markdown() -> str:
    """``docs/check-kinds.md``: every kind by family, with its parameters."""
    lines = [
        "# Check kinds",
        "",
        "<!-- Generated by `prereview kinds --markdown` from the check registry; "
        "do not edit (tests/checks/test_docs.py keeps it fresh). -->",
        "",
        "A criterion's `check:` names one of these kinds and gives its parameters. "
        "Parameters are validated when the rubric loads (`prereview rubrics validate`): "
        "a `regex` must compile, a `section` must be defined in the rubric's `sections:`, "
        "and a `scope` is `document`, `body` or such a section.",
    ]
    for family in families():
        lines += ["", f"## {family.name}", "", family.doc]
        for kind in family.kinds:
            lines += ["", f"### {kind.name}", "", kind.doc, "", *_param_lines(kind.params)]
            for model in nested_models(kind.params):
                lines += ["", f"{model.__name__}: {_first_line(model.__doc__ or '')}", "",
                          *_param_lines(model)]
    return "\n".join(lines) + "\n"


def _check_schema() -> dict[str, Any]:
    """``check:``: one of the kinds with its parameters, or (in a rubric that
    extends another) a partial override of the inherited check."""
    variants: list[dict[str, Any]] = []
    defs: dict[str, Any] = {}
    for family in families():
        for kind in family.kinds:
            schema = kind.params.model_json_schema(ref_template="#/$defs/{model}")
            defs.update(schema.pop("$defs", {}))
            variants.append({
                "type": "object",
                "title": kind.name,
                "description": _first_line(kind.doc),
                "properties": {"kind": {"const": kind.name}, **schema.get("properties", {})},
                "required": ["kind"],
                "additionalProperties": False,
            })
    override = {
        "type": "object",
        "description": "Overrides of the inherited check's parameters (no kind).",
        "not": {"required": ["kind"]},
    }
    return {"anyOf": [*variants, override], "$defs": defs}


def rubric_schema() -> dict[str, Any]:
    """JSON Schema of a rubric YAML file (``docs/rubric.schema.json``). Required
    fields are only those a file must give itself (a criterion overriding an
    inherited one gives just its id)."""
    schema = Rubric.model_json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = schema.pop("$defs", {})
    check = _check_schema()
    defs.update(check.pop("$defs"))
    kind_names = [k.name for family in families() for k in family.kinds]
    for name in ("source", "version", "doc_type"):
        schema["properties"].pop(name, None)
    schema["properties"]["extends"] = {
        "description": schema["properties"]["extends"].get("description", ""),
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    }
    schema["properties"]["disable"] = {
        "description": "Ids of inherited criteria to switch off.",
        "type": "array", "items": {"type": "string"},
    }
    criterion = defs["Criterion"]
    criterion["required"] = ["id"]
    criterion["properties"]["check"] = {
        "description": criterion["properties"]["check"].get("description", ""), **check
    }
    # ``locate:`` names a kind too; its parameters are checked when the rubric loads
    criterion["properties"]["locate"] = {
        "description": criterion["properties"]["locate"].get("description", ""),
        "anyOf": [{"type": "null"}, {"type": "object", "required": ["kind"],
                                     "properties": {"kind": {"enum": kind_names}}}],
    }
    defs.pop("CheckSpec", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/prereview/prereview/docs/rubric.schema.json",
        **schema,
        "$defs": defs,
    }


def rubric_schema_json() -> str:
    return json.dumps(rubric_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
