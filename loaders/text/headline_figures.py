"""A figure in the page's headline that the body states again is one indicator (issue 18, session 13).

Why: 北京经开区:到2025年GDP突破3800亿元 over …地区生产总值实现3800亿元以上 (dev5 E-Town) and …地区生产总值将超两千亿
over …将实现2000亿元以上 (dev7 E-Town): a news headline restates the body's main figure, often in other words
(GDP for 地区生产总值, 两千亿 for 2000亿元), and the extractor made two indicators of one. The corpus guideline
says the same figure stated twice for one measure is one Metric. So a figure in the headline (the first line of
the page, a short line with no full stop) is dropped when the body states the same value in the same unit (亿
and 亿元 are one: a headline leaves out 元); the body's statement, with its measure, is the indicator.
"""

from __future__ import annotations

HEADLINE_MAX = 60  #: characters of a headline line


def without_restated(text: str, mentions: list) -> list:
    """`mentions` without the headline's figures that the body states again."""
    line_end = text.find("\n")
    if line_end <= 0 or line_end > HEADLINE_MAX or "。" in text[:line_end]:
        return mentions
    body = {(_value(m), _unit(m)) for m in mentions if m.type == "Metric" and m.start >= line_end}
    return [m for m in mentions if not (m.type == "Metric" and 0 <= m.start < line_end
                                        and (_value(m), _unit(m)) in body and _value(m) is not None)]


def _value(m):
    return m.attrs.get("value")


def _unit(m) -> str:
    unit = str(m.attrs.get("unit", ""))
    return unit[:-1] if unit.endswith("元") and len(unit) > 1 else unit
