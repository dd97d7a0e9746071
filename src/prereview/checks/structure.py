"""Structure check kinds: sections, order, length, FAQ, quotes, press-release parts.

Importing this module registers them; each lives in its own module:

- ``section``, ``order``, ``length``, ``list-share``: :mod:`prereview.checks.sections`
- ``headline``, ``subheading``, ``dateline``, ``problem``, ``paragraph-match``,
  ``launch-voice``, ``internal-language``: :mod:`prereview.checks.press`
- ``attributed-quote``: :mod:`prereview.checks.quotes`
- ``faq``: :mod:`prereview.checks.faq`
"""

from __future__ import annotations

from prereview.checks import faq, press, quotes, sections

__all__ = ["faq", "press", "quotes", "sections"]
