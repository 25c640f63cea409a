"""Indicators: a figure with its unit and what it measures.

"全市技术合同成交额4957.8亿元,同比增长10.5%" is one Metric (全市技术合同成交额,
value 4957.8, unit 亿元, growth_pct 10.5); a growth rate or a share that follows a
figure in the next clause is an attribute of that figure, not a metric of its
own. Figures inside quotes or headings, ordinals (第九届), years and dates
are not indicators.
"""

from __future__ import annotations

import re

from loaders.text import budget
from loaders.text.entities import PUNCT, Mention, Spans
from loaders.text.sections import Sentence, clause_spans

UNITS = ["万亿元", "亿元", "万元", "元", "万平方米", "平方米", "平方公里", "公顷", "亩", "万人次", "人次", "万家", "家次",
         "家", "项", "件", "条", "名", "个", "支", "期", "场次", "次", "部", "位", "倍", "方面", "万人", "人", "门", "所",
         "台", "套", "篇", "户", "万吨", "吨", "万千瓦", "千瓦", "公里", "辆", "座", "款", "亿", "个百分点", "场", "%"]
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
FIGURE = re.compile(
    r"(?P<pre>近|超过|约|逾|将达|累计将达)?"
    r"(?P<num>\d+(?:\.\d+)?|[两二三四五六七八九十]{1,2})"
    r"(?P<post>余|多)?"
    r"(?P<unit>" + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True)) + ")")
LEADING = re.compile(r"^(?:其中|前三季度|本年度|今年以来|截至目前|全年|\d{4}年度?|\d+-\d+月|[,，;；:：(（\s]|是)+")
TRAILING = re.compile(r"(?:合计达到|累计将达|累计达|达到|实现|超过|将达|共计|总计|累计|共有|达|为|近|约|逾|了|共|的|是)+$")
GROWTH = re.compile(r"同比(?:增长|下降|上升)|增长|增幅|上升|下降|提高")
APPROX = re.compile(r"^(?:左右|以上|以下|上下)")
SESSION = re.compile(r"^(?:全会|会议|全体会议|党代会|常委会|会|届)")  # 十四次全会 counts no quantity
SHARE = re.compile(r"^占")
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
            for m in FIGURE.finditer(text, start, end):
                if _not_indicator(text, m, quoted):
                    continue
                value, unit = _number(m.group("num")), m.group("unit")
                prefix = text[start:m.start()].lstrip("、,，;；:： ")  # 2085.78亿元、占比93.3%
                growth = GROWTH.search(prefix) and (len(prefix) <= 6 or "比" in prefix) and not prefix.endswith(("到", "至"))
                share = SHARE.search(prefix) and previous is not None and previous.attrs["unit"] != "%"
                if previous and unit in ("%", "个百分点") and (growth or share):
                    previous.attrs.setdefault("share_pct" if SHARE.search(prefix) else "growth_pct", value)
                    continue
                mention = _metric(text, m, start, end, value, unit, previous)
                out.append(mention)
                previous = mention
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


def _not_indicator(text: str, m: re.Match, quoted: Spans) -> bool:
    at = m.start("num")
    before = text[max(0, at - 1):at]
    after = text[m.end():m.end() + 1]
    if before in ("第", "-", ".") or before.isascii() and before.isalpha():
        return True
    if quoted.covers(at):
        return True
    if not m.group("num")[0].isdigit() and (m.group("unit") not in ("个", "次", "倍") or after in "着千万百亿十一二三四五六七八九两"):
        return True
    if SESSION.match(text, m.end()) or m.group("unit") in ("人", "门", "所", "台", "套", "户", "座", "款") \
            and text[m.end():m.end() + 1] in ("民", "才", "员", "口", "工", "类", "面", "户", "槛"):
        return True  # 十四次全会; 2人才 is no count of 人
    return m.group("unit") == "项" and after in ("规", "原")


def _metric(text: str, m: re.Match, start: int, end: int, value, unit: str, previous: Mention | None) -> Mention:
    measure = _after_punct(TRAILING.sub("", LEADING.sub("", text[start:m.start()])))
    tail = APPROX.sub("", text[m.end():end])  # 10%左右: the approximation is no part of the measure
    if len(measure) < 2 and previous is not None and not WORD.search(tail):  # 累计达54.6万家, 43期69人次
        measure = previous.attrs["measure"]
    elif len(measure) <= 4:  # the figure comes first: "176人次入选…", "北京地区69项成果获得…"
        cut = re.search(r"[获入完参对占]|获得|入选|开展", tail)
        phrase = _after_punct(tail[: cut.start()] if cut and cut.start() > 0 else tail)[:14]
        measure = (measure + phrase).strip() or m.group()
    measure = measure[-20:]
    name = measure if measure.endswith(COUNT_ENDS) or unit in ("%", "倍") else measure + "数"
    attrs = {"value": value, "unit": unit, "measure": measure}
    qualifier = m.group("pre") or m.group("post")
    if qualifier:
        attrs["qualifier"] = qualifier
    if measure.endswith(("增长", "增幅", "增速")) and unit == "%":
        attrs["growth_pct"] = value
    return Mention(m.start(), m.end(), name, "Metric", 0.6, "metric", m.group(), attrs=attrs)


def _after_punct(text: str) -> str:
    """The part of a measure after its last punctuation (…分工等决策督查任务 -> 决策督查任务 if 、 intervenes)."""
    cut = max((i for i, ch in enumerate(text) if ch in PUNCT), default=-1)
    return text[cut + 1:].strip()


def _number(text: str) -> float | int:
    if text[0].isdigit():
        return float(text) if "." in text else int(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + CN_DIGITS[text[1]]
    if len(text) == 2 and text[1] == "十":
        return CN_DIGITS[text[0]] * 10
    return CN_DIGITS[text[0]]
