"""A plan's period written after its name in brackets is part of the name (session 14, s14-extent).

"中关村国家自主创新示范区统筹发展规划(2020年-2035年)" names one plan; 《…规划(2016年-2035年)》 in book
quotes was already read whole, but a title line without quotes (the plan's own cover, a table of
contents) ended the Policy at 规划 and the period was lost, so the name was a near miss of the plan's
(dev9). A Policy mention not inside 《》 that is followed at once by a bracketed span of years (2020年
-2035年, 2021—2025, 2024年) takes the bracket into its name.
"""

from __future__ import annotations

import re

PERIOD = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*年?(?:\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年?)?\s*[)）]")


def with_periods(text: str, mentions: list) -> list:
    """`mentions` with every unquoted Policy that a bracketed period follows widened over it."""
    for m in mentions:
        if m.type != "Policy" or m.how == "book" or m.nested:
            continue
        found = PERIOD.match(text, m.end)
        if found:
            m.end = found.end()
            m.surface = text[m.start:m.end]
            m.name = m.name + found.group()
    return mentions
