"""Indicators: a figure with its unit and what it measures.

"全市技术合同成交额4957.8亿元,同比增长10.5%" is one Metric (全市技术合同成交额,
value 4957.8, unit 亿元, growth_pct 10.5); a growth rate or a share that follows a
figure in the next clause is an attribute of that figure, not a metric of its
own. Figures inside quotes or headings, ordinals (第九届), years and dates
are not indicators.
"""

from __future__ import annotations

import re

from loaders.text import budget, indicators
from loaders.text.entities import PUNCT, Mention, Spans
from loaders.text.sections import Sentence, clause_spans
from loaders.text.units import FIGURE, number, qualifier, unit_of

LEADING = re.compile(r"^(?:其中|前三季度|本年度|今年以来|截至目前|全年|\d{4}年度?|\d+-\d+月|[,，;；:：、\s])+")
TRAILING = re.compile(r"(?:合计达到|累计将达|累计达|达到|实现|超过|将达|共计|总计|累计|共有|大约|将近|达|为|近|约|逾|超|共|了)+$")
WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
COUNT_ENDS = ("数", "量", "额", "率", "面积", "值", "收入", "规模", "强度", "增长")


def figures(text: str, sentences: list[Sentence], quoted: list[tuple[int, int]]) -> list[Mention]:
    """One Metric mention per indicator figure (value, unit, qualifier, growth, share in attrs)."""
    out: list[Mention] = []
    quoted = Spans(quoted)
    for sentence in sentences:
        budget.check()
        if sentence.heading:
            continue
        previous: Mention | None = None
        for start, end in clause_spans(text, sentence.start, sentence.end):
            clause_start = start
            for m in FIGURE.finditer(text, start, end):
                unit = unit_of(m)
                value = number(m.group("num")) if unit else None
                if value is None or indicators.not_indicator(text, m, unit, value, clause_start, quoted):
                    continue
                attribute = indicators.attribute_of(previous, text[start:m.start()], unit)
                if attribute:
                    previous.attrs.setdefault(attribute[0], attribute[1] * value)
                else:
                    previous = _metric(text, m, start, end, value, unit, previous)
                    out.append(previous)
                start = m.end()  # 43期69人次: the next figure's measure starts here
    return _same_figures(out)


def _same_figures(mentions: list[Mention]) -> list[Mention]:
    """A figure repeated with a like measure (59项 … 59项) is one indicator, named where it first appears."""
    kept: list[Mention] = []
    by_figure: dict[tuple, list[Mention]] = {}
    for m in mentions:
        same = by_figure.setdefault((m.attrs["value"], m.attrs["unit"]), [])
        if not any(_share_word(k.attrs["measure"], m.attrs["measure"]) for k in same):
            kept.append(m)
            same.append(m)
    for m in kept:
        m.attrs.pop("measure", None)
    return kept


def _share_word(a: str, b: str) -> bool:
    return any(a[i:i + 2] in b for i in range(len(a) - 1))


def _metric(text: str, m: re.Match, start: int, end: int, value, unit: str, previous: Mention | None) -> Mention:
    measure = _after_punct(TRAILING.sub("", LEADING.sub("", text[start:m.start()])))
    tail = text[m.end():end]
    if len(measure) < 2 and previous is not None and not WORD.search(tail):  # 累计达54.6万家, 43期69人次
        measure = previous.attrs["measure"]
    elif len(measure) <= 4:  # the figure comes first: "176人次入选…", "北京地区69项成果获得…"
        cut = re.search(r"[获入完参对占]|获得|入选|开展", tail)
        phrase = _after_punct(tail[: cut.start()] if cut and cut.start() > 0 else tail)[:14]
        measure = (measure + phrase).strip() or m.group()
    measure = measure[-20:]
    name = measure if measure.endswith(COUNT_ENDS) or unit in indicators.RATES + ("倍",) else measure + "数"
    attrs = {"value": value, "unit": unit, "measure": measure}
    if qualifier(m):
        attrs["qualifier"] = qualifier(m)
    if measure.endswith(("增长", "增幅", "增速")) and unit == "%":
        attrs["growth_pct"] = value
    return Mention(m.start(), m.end(), name, "Metric", 0.6, "metric", m.group(), attrs=attrs)


def _after_punct(text: str) -> str:
    """The part of a measure after its last punctuation (…分工等决策督查任务 -> 决策督查任务 if 、 intervenes)."""
    cut = max((i for i, ch in enumerate(text) if ch in PUNCT), default=-1)
    return text[cut + 1:].strip()
