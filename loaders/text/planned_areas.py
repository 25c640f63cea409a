"""A planned area is no plan: 中关村示范区规划面积488平方公里 names the zone's planned area, not a Policy
中关村示范区规划 (issue 18, session 17, s17-names).

Why: the Policy ending 规划 closes a name wherever it stands, so a zone's 规划面积 (planned area), 规划范围 (planned
extent) or 规划用地 (planned land) was read as a plan named after the zone; the figure after it is a Metric of the
zone, and every relation drawn from the false plan was wrong (11 of the 27 wrong relations left in session 16:
FOCUSES_ON, SUPPORTS, MEASURES of 中关村示范区规划). The rule-wide `not_before` list cannot hold 面积 (…科学城面积 must
stay a name), so this pass drops only a Policy that ends in 规划 right before an area word (planned_areas.yaml), and the
names inside it (the zone) stand on their own again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.entities import Mention

DATA = Path(__file__).with_suffix(".yaml")


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def without_planned_areas(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` without the Policies that are a planned area's head; the names they held are no longer nested."""
    data = _data()
    ends, after = tuple(data["plan_ends"]), tuple(data["area_words"])
    gone = [m for m in mentions if m.type == "Policy" and not m.nested and m.start >= 0
            and text[m.start:m.end].endswith(ends) and text.startswith(after, m.end)]
    if not gone:
        return mentions
    kept = [m for m in mentions if all(m is not g for g in gone)]
    for m in kept:
        if m.nested and any(m.inside(g) for g in gone) and m.how != "derived":
            m.nested = any(m.inside(k) for k in kept if k.how != "derived" and k is not m)
    return kept
