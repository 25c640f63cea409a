"""Indicators: a figure with its unit and what it measures.

"全市技术合同成交额4957.8亿元,同比增长10.5%" is one Metric (全市技术合同成交额,
value 4957.8, unit 亿元, growth_pct 10.5); a growth rate or a share that follows a
figure in the next clause is an attribute of that figure, not a metric of its
own. Figures inside quotes or headings, ordinals (第九届), years and dates
are not indicators, nor are the counts in a table of contents (第一节 发挥两个主导产业
引擎作用: a part's heading, `contents`). Each measure is its own indicator, whatever its
value: 本年收入合计2371.75万元 … 其中:财政拨款收入2371.75万元 are two, and so are five
incomes of 0万元 (session 14).
"""

from __future__ import annotations

import re

from loaders.text import amount_rates, budget, change_attributes, contents, indicators, measures
from loaders.text.entities import Mention, Spans
from loaders.text.sections import Sentence, clause_spans
from loaders.text.units import FIGURE, number, qualifier, unit_of

#: A clause's lead-in before what it is about (relations.py skips it to find the measured name).
LEADING = re.compile(r"^(?:其中|前三季度|本年度|今年以来|截至目前|全年|\d{4}年度?|\d+-\d+月|[,，;；:：、\s])+")
STATEMENT_ENDS = (";", "；", ":", "：")
SEPARATORS = re.compile(r"[、,，\s和及与]*")
WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
COUNT_ENDS = ("数", "量", "额", "率", "面积", "值", "收入", "规模", "强度", "增长")


def figures(text: str, sentences: list[Sentence], quoted: list[tuple[int, int]]) -> list[Mention]:
    """One Metric mention per indicator figure (value, unit, qualifier, growth, share in attrs).

    A rate describes the indicator just before it in the same statement (a ; or : ends one);
    after 分别 the rates go one by one to the figures of the clause before (A、B达6588家、6403家,
    分别增长26.3%、44.4%).
    """
    out: list[Mention] = []
    last: dict[tuple[int, str], Mention] = {}  # (paragraph, unit) -> the last indicator
    quoted = Spans(quoted)
    listed = contents.runs(text.split("\n"))  # paragraph numbers of a table of contents
    for sentence in sentences:
        budget.check()
        if sentence.heading and text[sentence.end - 1] not in "。！!？?":  # a title; "78. …15亿元…。" is a paragraph
            continue
        if sentence.paragraph in listed:  # 第二节 提升四个重点产业发展质量: a heading in the contents
            continue
        previous: Mention | None = None
        group: list[Mention] = []  # the figures of the last clause that had any
        pending: list[Mention] = []  # 分别: the figures still waiting for their rate
        rate: tuple[str, int] = ("growth_pct", 1)
        described = None  # (indicator, attribute, unit) when the last figure was an attribute of an indicator
        sentence_from = len(out)  # the statement's figures: out[sentence_from:]
        for start, end in _clauses(text, sentence):
            if text[start - 1:start] in STATEMENT_ENDS:
                previous, group, pending, described = None, [], [], None
                sentence_from = len(out)
            clause_start, current = start, []
            found = [(m, unit, value) for m, unit, value in _figures_in(text, start, end)
                     if not indicators.not_indicator(text, m, unit, value, clause_start, quoted)]
            items = measures.respective(text, clause_start, [m for m, _, _ in found])
            group = _respective_group(text, start, found, group, out, sentence_from)
            for m, unit, value in found:
                prefix = text[start:m.start()]
                respectively = "分别" in prefix and len(group) > 1
                attribute = (indicators.attribute_of(group[0] if respectively else previous, prefix, unit)
                             or (None if respectively else change_attributes.change_of(previous, prefix, unit))
                             or (None if respectively else amount_rates.rate_of(previous, prefix, unit)))  # session 16
                if pending and unit in indicators.RATES and SEPARATORS.fullmatch(prefix):
                    pending.pop(0).attrs.setdefault(rate[0], rate[1] * value)
                elif attribute:
                    (group[0] if respectively else previous).attrs.setdefault(attribute[0], attribute[1] * value)
                    pending, rate = (group[1:] if respectively else []), attribute
                    described = (group[0] if respectively else previous, attribute[0], unit)
                elif described and described[2] == unit and indicators.LEVEL_AFTER.match(prefix.strip()):
                    _reaches(*described[:2], value)  # 占比由21.8%|增至|24%: the level the share reached
                else:
                    measure = items[len(current)] if items and len(current) < len(items) else None
                    same_unit = last.get((sentence.paragraph, unit))
                    previous = _metric(text, m, start, end, value, unit, previous, measure, same_unit)
                    described = None
                    last[(sentence.paragraph, unit)] = previous
                    out.append(previous)
                    current.append(previous)
                start = m.end()  # 43期69人次: the next figure's measure starts here
            group = current or group
    return _same_figures(out)


def _respective_group(text: str, start: int, found: list, group: list[Mention], out: list[Mention],
                      sentence_from: int) -> list[Mention]:
    """The figures a 分别 clause's rates go to, when they stand in clauses of their own (session 8).

    "城镇居民…实现37095元,农村居民…实现20076元,分别增长10.2%和12%": the two rates are the growths of
    the two incomes, not one growth and a second indicator (README: attributes of the amounts). As many
    figures of the statement, counted back from the last, as rates follow 分别 in this clause.
    """
    rates = [m for m, unit, _ in found if unit in indicators.RATES]
    if len(group) > 1 or len(rates) < 2 or len(rates) != len(found) or "分别" not in text[start:rates[0].start()]:
        return group
    before = [m for m in out[sentence_from:] if m.attrs["unit"] not in indicators.RATES]
    return before[-len(rates):] if len(before) >= len(rates) else group


def _figures_in(text: str, start: int, end: int):
    """(match, unit, value) for every number with a unit in text[start:end]."""
    for m in FIGURE.finditer(text, start, end):
        unit = unit_of(m)
        value = number(m.group("num")) if unit else None
        if value is not None:
            yield m, unit, value


def _clauses(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """The sentence's clauses, a thousands separator (1,600家) not ending one."""
    out: list[tuple[int, int]] = []
    for start, end in clause_spans(text, sentence.start, sentence.end):
        if out and out[-1][1] + 1 == start and text[start - 1] == "," and _thousands(text, start - 1):
            start = out.pop()[0]
        out.append((start, end))
    return out


def _thousands(text: str, comma: int) -> bool:
    """Whether the comma at `comma` separates thousands: 1-3 digits before it, exactly 3 after."""
    left = len(text[max(0, comma - 4):comma]) - len(text[max(0, comma - 4):comma].rstrip("0123456789"))
    right = text[comma + 1:comma + 5]
    return 1 <= left <= 3 and right[:3].isdigit() and not right[3:4].isdigit()


def _same_figures(mentions: list[Mention]) -> list[Mention]:
    """A figure repeated with a like measure (59项 … 59项) is one indicator, named where it first appears;
    so is a count repeated before the same counted noun (公布45个国家先进制造业集群 … 这45个国家先进制造业集群).

    Measures are like when they share a word that is not only the last word of one of them: 督查任务 and
    承担督查任务 are one measure, while 财政拨款收入 and 本年收入合计, or 事业收入 and 经营收入, share only
    收入, the kind of figure both are, and are two measures with one value (session 14).
    """
    kept: list[Mention] = []
    by_figure: dict[tuple, list[Mention]] = {}
    for m in mentions:
        same = by_figure.setdefault((m.attrs["value"], ALIKE_UNITS.get(m.attrs["unit"], m.attrs["unit"])), [])
        if not any(_share_word(k.attrs["measure"], m.attrs["measure"]) or _same_counted(k, m) for k in same):
            kept.append(m)
            same.append(m)
    for m in mentions:
        m.attrs.pop("measure", None)
        m.attrs.pop("counted", None)
    return kept


def _same_counted(a: Mention, b: Mention) -> bool:
    """Two counts of the same noun: the four characters after the figure are the same words."""
    counted = a.attrs.get("counted", "")
    return len(counted) == COUNTED_NOUN and counted == b.attrs.get("counted")


def _share_word(a: str, b: str) -> bool:
    """Whether two measures share a two-character word other than the head (last word) of either."""
    heads = {a[-2:], b[-2:]}
    return any(a[i:i + 2] in b and a[i:i + 2] not in heads for i in range(len(a) - 1))


def _reaches(indicator: Mention | None, attribute: str, value) -> None:
    """An attribute stated from one level to another: the first becomes `<attribute>_from`, the last the value."""
    if indicator is None:
        return
    indicator.attrs.setdefault(attribute + "_from", indicator.attrs.get(attribute))
    indicator.attrs[attribute] = value


#: counters of the same things: 核定事业编制20名 … 事业编制20人 restates one figure (session 14)
ALIKE_UNITS = {"名": "人", "位": "人"}
COUNTED_NOUN = 4  # characters of the noun right after a count that identify what it counts
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
BRACKETED = re.compile(r"([\u4e00-\u9fff]{2,12})\($")


def _metric(text: str, m: re.Match, start: int, end: int, value, unit: str, previous: Mention | None,
            measure: str | None = None, same_unit: Mention | None = None) -> Mention:
    before, tail = text[start:m.start()], text[m.end():end]
    bracketed = BRACKETED.search(before)
    if measure:  # 技术合同成交额、登记项数分别为823.57亿元、23003项
        pass
    elif bracketed:  # 武清区(611家): the name before the bracket is what the figure counts
        measure = bracketed.group(1)
    elif len(measures.clean(before)) < 2 and previous is not None and not WORD.search(tail):
        measure = previous.attrs["measure"]  # 累计达54.6万家, 43期69人次: the same measure again
    else:
        measure = measures.measure_of(before, tail, unit in indicators.RATES)
    measure = measure[-20:]
    if not measure and same_unit is not None:  # 预计2021全年达到20.1亿元以上: what the paragraph's last 亿元 measured
        measure = same_unit.attrs["measure"]
    if not measure:  # nothing names a measure: the figure, without its approximation words, is its name
        name = m.group("num") + unit
    elif unit == "倍":  # 是现时科学园的四倍
        name = measure + ("倍数" if measure.endswith("的") else "的倍数")
    elif measure.endswith(COUNT_ENDS) or unit in indicators.RATES:
        name = measure
    else:
        name = measure + "数"
    attrs = {"value": value, "unit": unit, "measure": measure}
    counted = CJK_RUN.match(tail)
    if counted and len(counted.group()) >= COUNTED_NOUN and unit not in indicators.RATES:
        attrs["counted"] = counted.group()[:COUNTED_NOUN]
    if qualifier(m):
        attrs["qualifier"] = qualifier(m)
    if measure.endswith(("增长", "增幅", "增速")) and unit == "%":
        attrs["growth_pct"] = value
    return Mention(m.start(), m.end(), name, "Metric", 0.6, "metric", m.group(), attrs=attrs)
