"""A change of an amount written right after it is that amount's attribute, not a Metric (session 14).

Why: the guideline counts "…家,较上年增加…家" and a growth after an amount as attributes of the
amount (README: an absolute increase that follows an amount), and `indicators.attribute_of` reads
that for rates only (%, 百分点). On blind report text the other two forms recur as junk Metrics:
a change in the amount's own unit (收支总计2437.54万元,比上年减少497.8万元, a final accounts page in
dev9) and a multiple (产值1560亿元,增长2倍, dev8). Both are read here, from the same change verbs:
a figure whose clause prefix is only a comparison and a change verb, after an amount of the same
unit (or in a multiple unit), describes that amount; a prefix naming a quantity of its own
(其中…, 新增…) or a level reached (增加到) keeps it a figure.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text import indicators

SPEC = Path(__file__).with_name("change_attributes.yaml")


@lru_cache(maxsize=1)
def _spec() -> dict:
    raw = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return {"multiples": frozenset(raw["multiples"]),
            "comparisons": tuple(sorted(raw["comparisons"], key=len, reverse=True)),
            "not_after": tuple(raw["not_after"])}


def change_of(previous, prefix: str, unit: str) -> tuple[str, int] | None:
    """(attribute, sign) when the figure after `prefix` is a change of `previous` (an amount), else None."""
    if previous is None or unit in indicators.RATES or previous.attrs.get("unit") in indicators.RATES:
        return None
    spec = _spec()
    rest = prefix.strip(",，、;；:： ")
    if any(w in rest for w in spec["not_after"]):
        return None
    for comparison in spec["comparisons"]:
        if rest.startswith(comparison):
            rest = rest[len(comparison):]
            break
    growth = indicators.GROWTH.fullmatch(rest)
    if growth is None:
        return None
    sign = -1 if growth.group(2) in indicators.DECLINE else 1
    if unit in spec["multiples"]:
        return "growth_multiple", sign
    if unit == previous.attrs.get("unit"):
        return "change", sign
    return None
