"""A plan's fixed name that holds 和 is read whole: 国民经济和社会发展计划 (session 17, s17-dev16; issue 18).

Why: every city and district reports each year on its 国民经济和社会发展计划 (the plan-execution report, 计划执行
情况与…计划的报告), and four blind Beijing splits lost that name the same way (dev8, dev12, dev14 twice, dev16): the
suffix rules stop a name's left edge at 和, a function word, so only 社会发展计划 was read, typed a Program (计划),
a junk prediction where the gold has the whole plan, a Policy. inner_joins.py joins across 和 only from a clause
boundary, and here a year, a place or a verb leads (2023年|国民经济和…, 东城区|国民经济和…, 落实|国民经济和…).
The opening words of such names are few and fixed (plan_joins.yaml): when a plan or programme read by its ending
starts right after one of them, the name runs from the head and is a Policy, the part after 和 nested in it; a place the suffix rules took in (房山区|国民经济和…)
only prefixes it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from graph.text import to_simplified
from loaders.text.entities import Mention

SPEC = Path(__file__).with_name("plan_joins.yaml")
CONF = 0.7


@lru_cache(maxsize=1)
def _spec() -> tuple[tuple[str, ...], frozenset[str]]:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return tuple(raw["heads"]), frozenset(raw["tails"])


def with_plan_heads(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each plan that starts right after a fixed head read from the head, as a Policy."""
    heads, tails = _spec()
    places = {(p.start, p.end) for p in mentions if p.type in ("Region", "District")}
    added = []
    for m in mentions:
        if m.nested or m.type not in tails or m.start < 0:
            continue
        head = next((h for h in heads if text.endswith(h, 0, m.start)), None)
        start = m.start - len(head) if head else _after_place(text, m, heads, places)
        if start is None:
            continue
        written = text[start:m.end]
        added.append(Mention(start, m.end, to_simplified(written), "Policy", CONF, "pattern", written))
        m.nested = True
    return mentions + added if added else mentions


def _after_place(text: str, m: Mention, heads: tuple[str, ...], places: set[tuple[int, int]]) -> int | None:
    """Where a head starts inside a name the suffix rules read from the place before it (房山区|国民经济和…计划):
    the plan is named without the place, which only prefixes it."""
    written = text[m.start:m.end]
    for head in heads:
        k = written.find(head)
        if k > 0 and (m.start, m.start + k) in places:
            return m.start + k
    return None
