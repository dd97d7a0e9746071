"""Markdown shapes that made naive text code quadratic or made it run away (one
token of 5 MB of ``!``, a run of ``www.`` dots, 2 MB of short lines...), each
made at any size: tests/test_growth.py reviews them at 10 kB and 40 kB and
compares the times, benchmarks/big_inputs.py at 5 MB with its peak memory."""

from __future__ import annotations

from collections.abc import Callable

SHAPES: dict[str, Callable[[int], str]] = {
    "one token of !": lambda n: "!" * n,
    "capitals": lambda n: "A" * n,
    "a. repeated": lambda n: "a." * (n // 2),
    "www. repeated": lambda n: "www." * (n // 4),
    "one line of words": lambda n: "word " * (n // 5),
    "short lines": lambda n: "ab cd\n" * (n // 6),
    "table rows": lambda n: "| a | b |\n|---|---|\n" + "| x | y |\n" * (n // 10),
    "nested lists": lambda n: "".join("  " * (i % 40) + "- item\n" for i in range(n // 48)),
    "emphasis markers": lambda n: "*_" * (n // 2),
    "one word per line, no spaces": lambda n: "x\n" * (n // 2),
    "brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "hyphenated run": lambda n: "x-" * (n // 2) + ".com",
}
"""Shape name -> the Markdown body of about ``n`` characters."""
