"""The package reads one way: rubric data below the checks, the loader above
both, readers below kinds, and no import hidden in a function to dodge a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "prereview"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> tuple[set[str], list[int]]:
    """Modules imported at the top of ``path``, and lines of imports inside functions
    (outside ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    nested: list[int] = []

    def names(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            return {a.name for a in node.names}
        base = node.module or ""
        return {base, *(f"{base}.{a.name}" for a in node.names)}

    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            top |= names(node)
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.extend(n.lineno for n in ast.walk(func)
                          if isinstance(n, ast.Import | ast.ImportFrom))
    return top, nested


def _files(package: str) -> list[Path]:
    root = SRC.joinpath(*package.split(".")[1:])
    return sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]


FORBIDDEN = {
    "prereview.rubric": ("prereview.checks", "prereview.rubrics"),
    "prereview.checks": ("prereview.rubrics", "prereview.engine", "prereview.reviewer"),
    "prereview.checks.reading": ("prereview.checks.kinds", "prereview.checks.runner",
                                 "prereview.checks.binding"),
    "prereview.checks.registry": ("prereview.checks.kinds", "prereview.checks.runner"),
    "prereview.checks.params": ("prereview.checks.context", "prereview.checks.kinds",
                                "prereview.checks.reading"),
    "prereview.checks.context": ("prereview.checks.kinds",),
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_import_nothing_above_them(package: str) -> None:
    for path in _files(package):
        top, _ = _imports(path)
        bad = sorted(m for m in top for f in FORBIDDEN[package] if m == f or m.startswith(f + "."))
        assert not bad, f"{_module(path)} imports {bad}"


def test_kinds_import_readers_not_other_kinds() -> None:
    for path in _files("prereview.checks.kinds"):
        if path.name == "__init__.py":
            continue
        top, _ = _imports(path)
        assert not [m for m in top if m.startswith("prereview.checks.kinds")], _module(path)


@pytest.mark.parametrize("package", ["prereview.checks", "prereview.rubric", "prereview.rubrics"])
def test_no_import_inside_a_function(package: str) -> None:
    for path in _files(package):
        _, nested = _imports(path)
        assert not nested, f"{_module(path)} imports inside a function at lines {nested}"


def test_reports_never_read_through_ingest() -> None:
    """Reports take the Document; the shared OOXML helpers live in prereview.ooxml."""
    for path in _files("prereview.reports"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
        names = {a.name for n in imported if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in imported if isinstance(n, ast.ImportFrom)}
        assert not [m for m in names if m.startswith("prereview.ingest")], _module(path)
