"""A template's fields left unfilled in the front matter (issue 8, blind reading 10).

A CDK RFC opens with ``rfc pr: [#xxx](https://github.com/aws/aws-cdk-rfcs/pull/xxx)
<-- fill this after you've already created the PR``: a field the author is told to
fill, left as the template wrote it. The front matter is no prose (no placeholder
or style rule reads it), so its fields are read here, value by value.
"""

from __future__ import annotations

import re

from prereview.document import Document


def unfilled_fields(document: Document,
                    patterns: list[re.Pattern[str]]) -> list[tuple[str, str]]:
    """Each front-matter field whose value matches one of ``patterns``, with the
    matched text: ``("rfc pr", "#xxx")``."""
    out: list[tuple[str, str]] = []
    for key, value in document.metadata.items() if patterns else ():
        m = next((m for x in patterns if (m := x.search(value)) is not None), None)
        if m is not None:
            out.append((key, m.group(0).strip()))
    return out
