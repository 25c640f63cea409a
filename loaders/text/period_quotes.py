"""A quoted five-year period before a name is a time, not the head of that name (session 16, s16-dev12).

Why: a quoted word right before a suffixed name is read as part of it (quoted_names: “互联网+”行动计划), and a
five-year period is written quoted too: “十三五”时期全国科技创新中心建设 was read as a Project
十三五”时期全国科技创新中心, which hid the programme known by name inside it (dev12; the guideline: a leading
period or year is no part of a name, “十三五”期间 is a time expression). A quote-read candidate whose quoted part is a
five-year period followed by a time word (时期, 期间, 以来, 末, 初) is dropped; the name after the period is read
as it would be without it. A plan named by its period keeps it (“十四五”时期发展规划, a Policy in dev10's gold; …“十四五”规划).
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention

PERIOD_HEAD = re.compile(r"“?十[一二三四五六七八九]五”(?:时期|期间|以来|末|初)")


def _opens_with_period(text: str, c: Mention) -> bool:
    at = c.start - 1 if c.start > 0 and text[c.start - 1] == "“" else c.start
    return PERIOD_HEAD.match(text, at) is not None


def without_period_heads(text: str, candidates: list[Mention]) -> list[Mention]:
    """Drop quote-read names that open with a quoted five-year period and a time word."""
    return [c for c in candidates if not (c.how == "quote" and c.type != "Policy" and _opens_with_period(text, c))]
