"""A count that announces what the text lists next states no quantity (session 14, s14-dev9).

Why: the guideline does not count "a count that only sums up the names listed next to it" as a
Metric, and `indicators.py` reads it when the names come first (A、B、C三省), in a bracket after the
count, or in a next sentence opened by 如下/为/包括. The blind splits showed two more ways a count
announces its items, both read as junk Metrics (dev8 and dev9 share the cause):

- the next sentence opens with 分别为/分别是 (省级学会联合体4个。分别为:A、B、C、D。): the items follow
  as a 、-list of exactly that many;
- the count is of the text's own parts and a colon follows (主要特点体现在四个方面:…): the parts are
  the paragraphs after it (一是…), whatever their number.

Read from `counted_parts.yaml` (the introducing words, the part units); the count of a 、-list must
equal the figure, so "企业50家,分别为…" with another number of names stays a Metric.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

SPEC = Path(__file__).with_name("counted_parts.yaml")


@lru_cache(maxsize=1)
def _spec() -> dict:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    introducers = "|".join(sorted(map(re.escape, raw["introducers"]), key=len, reverse=True))
    noun = int(raw["max_noun"])
    return {"parts": frozenset(raw["parts"]), "units": frozenset(raw["units"]),
            "colon": re.compile(rf"[\u4e00-\u9fff]{{0,{noun}}}[:：]"),
            "listed": re.compile(rf"[\u4e00-\u9fff]{{0,{noun}}}[。;；,，]\s*(?:{introducers})[:：]?([^。\n]{{2,1200}})[。\n]")}


def announces_what_follows(text: str, end: int, base: str, value) -> bool:
    """Whether the count ending at `end` (its unit `base`) announces the items the text lists next."""
    spec = _spec()
    if base not in spec["units"]:
        return False
    part = base if base in spec["parts"] else next((p for p in spec["parts"] if text.startswith(p, end)), None)
    if part is not None:  # 四个方面: (the unit 个, then the part word) or 四方面:
        tail = end if part == base else end + len(part)
        if spec["colon"].match(text, tail):
            return True  # the parts of the text follow
    if not isinstance(value, int) or not 1 < value <= 60:
        return False
    listed = spec["listed"].match(text, end)
    return bool(listed) and listed.group(1).count("、") + 1 == value
