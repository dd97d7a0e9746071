"""Rubric regular expressions that cannot hang a review.

A rubric of the user's own may carry a pattern such as ``(a+)+$``: on a long run
of ``a`` not followed by the end, Python's ``re`` backtracks exponentially and
the review never ends. Two defences:

- at load, ``risky`` finds the shapes that backtrack catastrophically (a
  quantifier inside a repeated group, a repeated group of alternatives that
  overlap, such as ``(a|a)*``); ``prereview rubrics validate`` warns about each;
- at match time, a risky pattern runs on the ``regex`` engine with a time limit
  per call (``PATTERN_TIMEOUT`` seconds): past it, the review stops with one line
  naming the pattern instead of hanging. Safe patterns keep ``re`` (and its speed).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, cast

from prereview.errors import RubricError

# the parser ``re`` itself uses (private, but stable since Python 3.11)
_sre_constants: Any = importlib.import_module("re._constants")
_sre_parse: Any = importlib.import_module("re._parser")

PATTERN_TIMEOUT = 2.0
"""Seconds one match of a risky pattern may take."""

_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT}
if hasattr(_sre_constants, "POSSESSIVE_REPEAT"):
    _POSSESSIVE = {_sre_constants.POSSESSIVE_REPEAT}
else:  # pragma: no cover
    _POSSESSIVE = set()


def _children(av: Any) -> Iterator[Any]:
    """Sub-patterns of one parsed item."""
    if isinstance(av, _sre_parse.SubPattern):
        yield av
    elif isinstance(av, (list, tuple)):
        for item in av:
            yield from _children(item)


_C = _sre_constants
_ANY = "any"
_CATEGORIES = {
    _C.CATEGORY_SPACE: "space", _C.CATEGORY_DIGIT: "digit", _C.CATEGORY_WORD: "word",
    _C.CATEGORY_NOT_SPACE: "nonspace", _C.CATEGORY_NOT_DIGIT: "nondigit",
    _C.CATEGORY_NOT_WORD: "nonword",
}
_DISJOINT_CATEGORIES = {
    frozenset(p) for p in (("space", "nonspace"), ("digit", "nondigit"), ("word", "nonword"),
                           ("space", "word"), ("space", "digit"), ("digit", "nonword"))
}


def _char_in(ch: str, category: str) -> bool:
    if category.startswith("non"):
        return not _char_in(ch, category[3:])
    if category == "space":
        return ch.isspace()
    if category == "digit":
        return ch.isdigit()
    return ch.isalnum() or ch == "_"


def _charset(op: Any, av: Any) -> frozenset[str] | None:
    """What one single-character item matches: literal characters and category
    names; None when unknown (treated as matching anything)."""
    if op == _C.LITERAL:
        return frozenset({chr(av)})
    if op == _C.IN:
        out: set[str] = set()
        for iop, iav in av:
            if iop == _C.LITERAL:
                out.add(chr(iav))
            elif iop == _C.RANGE and iav[1] - iav[0] < 256:
                out.update(chr(c) for c in range(iav[0], iav[1] + 1))
            elif iop == _C.CATEGORY and iav in _CATEGORIES:
                out.add(_CATEGORIES[iav])
            else:
                return None
        return frozenset(out)
    return None


def _disjoint(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    if a is None or b is None:
        return False
    cats = set(_CATEGORIES.values())
    for x in a:
        for y in b:
            if x == y:
                return False
            if x in cats and y in cats:
                if frozenset((x, y)) not in _DISJOINT_CATEGORIES:
                    return False
            elif (x in cats and _char_in(y, x)) or (y in cats and _char_in(x, y)):
                return False
    return True


def _lead(op: Any, av: Any) -> tuple[frozenset[str] | None, bool]:
    """(first characters, required?) of one item of a sequence."""
    if op in _REPEATS:
        body = list(av[2])
        first = _lead(*body[0])[0] if body else None
        return first, av[0] >= 1
    if op == _C.SUBPATTERN:
        body = list(av[-1])
        return (_lead(*body[0]) if body else (None, False))
    if op == _C.BRANCH:
        firsts: set[str] = set()
        for branch in av[1]:
            items = list(branch)
            if not items:
                return None, False
            first, required = _lead(*items[0])
            if first is None or not required:
                return None, False
            firsts |= first
        return frozenset(firsts), True
    return _charset(op, av), op not in (_C.AT,)


def _follow(items: list[Any], i: int) -> frozenset[str] | None:
    """What may come right after ``items[i]`` in a repeated body: the leads of the
    following items up to the first required one, wrapping round to the body's
    start (the next repetition); None when unknown."""
    found: set[str] = set()
    for k in range(1, len(items)):
        lead, required = _lead(*items[(i + k) % len(items)])
        if lead is None:
            return None
        found |= lead
        if required:
            return frozenset(found)
    return None


def _ambiguous(body: Any) -> bool:
    """Whether a repeated ``body`` can split the same text in many ways: an
    unbounded inner repeat whose next item (the following one, or the body's
    first for the next round) may match the same characters, or an inner repeat
    that is itself a complex group."""
    items = list(body)
    while len(items) == 1 and items[0][0] == _C.SUBPATTERN:  # (...) around the body
        items = list(items[0][1][-1])
    for i, (op, av) in enumerate(items):
        if op in _REPEATS and av[1] > 16:
            inner = list(av[2])
            if len(inner) != 1 and _has_repeat(inner):
                return True
            mine = _charset(*inner[0]) if len(inner) == 1 else None
            if len(items) == 1 or not _disjoint(mine, _follow(items, i)):
                return True  # (a+)+, (\w+\s?)*
        elif op in (_C.SUBPATTERN, _C.BRANCH) and any(
            _has_repeat(child) for child in _children(av)
        ):
            return True
    return False


def _has_repeat(sub: Any) -> bool:
    for op, av in sub:
        if op in _REPEATS and av[1] > 16:
            return True
        if any(_has_repeat(child) for child in _children(av)):
            return True
    return False


def _literal(sub: Any) -> str | None:
    """A branch made only of literal characters, as a string (else None)."""
    chars: list[str] = []
    for op, av in sub:
        if op != _C.LITERAL:
            return None
        chars.append(chr(av))
    return "".join(chars)


def _composable(word: str, parts: set[str]) -> bool:
    """Whether ``word`` is a concatenation of two or more of ``parts``."""
    reach = [False] * (len(word) + 1)
    reach[0] = True
    for i in range(len(word)):
        if reach[i]:
            for part in parts:
                if part and word.startswith(part, i) and (i or len(part) < len(word)):
                    reach[i + len(part)] = True
    return reach[len(word)]


def _overlapping_branches(sub: Any) -> bool:
    """A group of alternatives that can split one text in several ways: the same
    alternative twice, or one spelled by joining others (``a|aa``); alternatives
    that are not plain literals are assumed to overlap."""
    for op, av in sub:
        if op == _C.BRANCH:
            words = [_literal(b) for b in av[1]]
            if any(w is None for w in words):
                return True
            literal = [w for w in words if w is not None]
            if len(set(literal)) != len(literal):
                return True
            if any(_composable(w, set(literal) - {w}) for w in literal):
                return True
        elif op == _C.SUBPATTERN and _overlapping_branches(av[-1]):
            return True
    return False


def _walk(sub: Any) -> str | None:
    for op, av in sub:
        if op in _REPEATS and av[1] > 1:
            body = av[2]
            if _has_repeat(body) and _ambiguous(body):
                return "a repeated group holds another quantifier (nested quantifiers)"
            if _overlapping_branches(body) and (av[1] > 16 or _has_repeat(body)):
                return "a repeated group of alternatives that can match the same text"
        if op in _POSSESSIVE:
            continue  # possessive repeats do not backtrack
        for child in _children(av):
            found = _walk(child)
            if found:
                return found
    return None


@lru_cache(maxsize=4096)
def risky(pattern: str) -> str | None:
    """Why ``pattern`` can backtrack catastrophically, or None."""
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None  # not a valid pattern: the loader reports that itself
    return _walk(parsed)


class _Bounded:
    """A ``regex`` pattern with a time limit per call, used where ``re.Pattern``
    is expected (the methods the checks call)."""

    def __init__(self, pattern: str, flags: int) -> None:
        import regex

        self.pattern = pattern
        self.flags = flags
        self._compiled = regex.compile(pattern, flags)

    def _guard(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, timeout=PATTERN_TIMEOUT, **kwargs)
        except TimeoutError:
            raise RubricError(
                f"rubric pattern {self.pattern!r} took longer than {PATTERN_TIMEOUT:g} s on "
                f"this document ({risky(self.pattern) or 'catastrophic backtracking'}): "
                "simplify it") from None

    def search(self, string: str, *args: Any) -> Any:
        return self._guard(self._compiled.search, string, *args)

    def match(self, string: str, *args: Any) -> Any:
        return self._guard(self._compiled.match, string, *args)

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._guard(self._compiled.fullmatch, string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[Any]:
        return iter(self._guard(lambda *a, **k: list(self._compiled.finditer(*a, **k)),
                                string, *args))

    def findall(self, string: str, *args: Any) -> list[Any]:
        return cast(list[Any], self._guard(self._compiled.findall, string, *args))

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return cast(str, self._guard(self._compiled.sub, repl, string, count))

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        return cast(tuple[str, int], self._guard(self._compiled.subn, repl, string, count))

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return cast(list[str], self._guard(self._compiled.split, string, maxsplit))

    @property
    def groups(self) -> int:
        return int(self._compiled.groups)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._compiled.groupindex)


@lru_cache(maxsize=4096)
def bounded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, or for a risky pattern the same pattern on
    the ``regex`` engine with a time limit per match (typed as ``re.Pattern``: it
    has the methods the checks use)."""
    if risky(pattern) is None:
        return re.compile(pattern, flags)
    return cast("re.Pattern[str]", _Bounded(pattern, flags))


def risky_patterns(value: Any, where: str = "") -> Iterator[tuple[str, str, str]]:
    """(where, pattern, why) for every risky string in a rubric's check
    parameters (nested lists and mappings included)."""
    if isinstance(value, str):
        why = risky(value)
        if why:
            yield where, value, why
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from risky_patterns(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from risky_patterns(item, f"{where}[{i}]")
