"""An amount written before a name is the name's attribute, not part of it (session 15, s15-cities).

Why: 设立300亿元双城经济圈发展基金 reads the Fund with its size in its name (dev11, Chongqing's report:
two funds, each a near-miss beside the Metric that was also read). A fund, a project or a body is named
by what it is, and the figure before it (300亿元, 5,000万美元, 五億元) says how large it is: the Metric
reading keeps the figure, the name starts after it. A name that is only an amount keeps nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

#: an amount of money at the start of a name: a figure, an optional 多/余, multipliers, a currency
AMOUNT = re.compile(r"^(?:约|超|近)?(?:[0-9０-９][0-9０-９.,，]*|[零一二三四五六七八九十百千两]+)(?:多|余)?"
                    r"(?:[万亿千百萬億]+)?(?:元|美元|港元|澳门元|澳門元|人民币|人民幣)")
NAMED = ("Fund", "Project", "Program", "Institution")


def without_amount_leads(text: str, mentions: list) -> list:
    """`mentions` with a leading amount cut from the names of funds, projects, programmes and bodies."""
    out = []
    for m in mentions:
        surface = text[m.start:m.end] if 0 <= m.start < m.end <= len(text) else ""
        lead = AMOUNT.match(surface) if m.type in NAMED and surface else None
        if not lead:
            out.append(m)
            continue
        k = lead.end()
        if len(surface) - k < 2:
            continue  # the amount was all of it
        name = m.name[k:] if len(m.name) == len(surface) else surface[k:]
        out.append(replace(m, start=m.start + k, name=name, surface=surface[k:]))
    return out
