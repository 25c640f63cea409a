"""Figures as reports write them: a number, a multiplier, a unit, approximation words.

Kept apart from metrics.py (which decides what a figure measures and whether it is
an indicator at all) because the reading of "两千万元", "三百余项", "1,600家",
"12.5亿", "87公頃" is pure lexicon: numbers in Arabic or Chinese numerals (with
thousands separators), an optional multiplier (万, 亿, 万亿, 千万, 百万) that stays part of
the unit as written (value 2000, unit 万元), and a base unit or measure word. The
view is Simplified (OpenCC t2s), so Traditional units (公頃, 億元) arrive simplified.

A few measure words are also the first character of common words (人才, 场景, 门户,
支持, 部门); FALSE_AFTER lists, per unit, the next characters that make it a word
instead of a unit.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

#: Base units and measure words, longest first in the pattern.
BASE_UNITS = [
    "元", "美元", "港元", "港币", "澳门元", "澳门币", "欧元", "英镑", "日元", "平方米", "平方公里", "公顷", "亩", "吨", "千瓦", "公里",
    "人次", "人", "名", "位", "家", "户", "所", "个百分点", "百分点", "个", "项", "件", "条", "篇", "部",
    "种", "套", "台", "门", "场次", "场", "次", "期", "批", "支", "倍", "方面", "%", "‰",
    # counting words of cases, doses, buildings, vehicles, funds, trains (session 8: 563宗, 6310栋, 50亿剂,
    # 14万例, 100万剂次, 40辆, 143起, 16只, 四列)
    "宗", "栋", "幢", "剂次", "剂", "例", "辆", "起", "只", "列", "艘", "架",
]
MULTIPLIERS = ["万亿", "千万", "百万", "亿", "万"]
#: Units a Chinese numeral may carry (二期 is a phase, 一批/一项 an article, 三部曲 a word).
CN_UNITS = {"人次", "人", "名", "位", "家", "户", "所", "个", "项", "件", "条", "篇", "门", "场次", "场",
            "次", "倍", "个百分点", "百分点", "元", "美元", "港元", "港币", "澳门元", "澳门币", "欧元", "亩", "公顷", "平方米", "平方公里", "台", "套",
            "宗", "栋", "辆", "列"}  # not 起 (一起: together), 只 (一只), 例 (一例), 剂
#: Next characters that turn a unit into the start of a word: 5人才, 3场景, 2门户, 5支持, 3部门.
FALSE_AFTER = {
    "人": "才工民员口类大力们文居", "场": "景馆所地域", "门": "户槛类", "支": "持撑付出", "部": "门署分属长",
    "所": "有属以在得长", "台": "湾阶", "种": "植子类", "期": "间刊望待", "条": "例件款目", "项": "目规原",
    "件": "事", "户": "籍外", "篇": "章", "批": "准复示", "次": "数序要产", "位": "于置列数",
    "个": "人体性", "家": "庭属长乡",
    "宗": "旨教族", "栋": "梁", "剂": "量型", "例": "如外行会证", "起": "来步点草到源始飞航见码诉", "只": "有是要能需",
    "列": "入车为出表举", "架": "构设起", "辆": "",
}

#: More counting words and measurement units, as data (units.yaml: standard measure words, session 8).
_EXTRA = yaml.safe_load(Path(__file__).with_name("units.yaml").read_text(encoding="utf-8"))
#: Counting words that need a measure noun phrase to make a count an indicator (indicators.not_indicator).
COUNT_WORDS = frozenset(_EXTRA["count_words"])
BASE_UNITS += [u for u in (*_EXTRA["count_words"], *_EXTRA["measure_units"], *_EXTRA["currencies"])
               if u not in BASE_UNITS]
FALSE_AFTER.update({u: spec["false_after"] for u, spec in _EXTRA["currencies"].items()})
CN_UNITS |= {u for u, spec in _EXTRA["count_words"].items() if spec.get("chinese")}
FALSE_AFTER.update({u: spec["false_after"] for u, spec in _EXTRA["count_words"].items() if spec.get("false_after")})

_CN = "零〇○一二两三四五六七八九十百千"
_DIGIT = "[一二两三四五六七八九十]"
#: 一亿〇六十万三千九百八十七: a numeral with 亿/万 inside it and digits after them (the multiplier is
#: part of the number, not of the unit); 两千万 (nothing after 万) stays value 2000, unit 万元.
_COMPOUND = (f"{_DIGIT}[{_CN}]{{0,6}}[亿万](?:[零〇○]?{_DIGIT}[{_CN}]{{0,6}}万)?[零〇○]?{_DIGIT}[{_CN}]{{0,6}}"
             r"(?![万亿])")
#: 3亿9,500万元 (session 15, s15-cities2): an amount in 亿 and 万 written with Arabic digits is one figure, counted
#: in the 万 that follows it (value 39500, unit 万元), not 3亿 and a second figure 9,500万元.
_ARABIC_COMPOUND = r"\d+亿(?:\d,\d{3}|\d{1,4})(?=万)"
_ALT = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
FIGURE = re.compile(
    r"(?P<pre>累计将达|不少于|超过|将近|大约|将达|近|约|逾|超)?"
    r"(?P<num>" + _ARABIC_COMPOUND
    + r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + _COMPOUND + r"|[一二两三四五六七八九十][" + _CN + r"]{0,6}"
    r"|[百千](?=[余多])|(?<![个|\s])[百千](?=[万亿][元美港欧英日]?))"  # 超千亿元: a round amount (session 8);
    # not a count's (两个千亿元大关: thresholds) nor a table header's unit (| 百萬元 |)
    r" ?(?P<post>余|多)?"  # 286.61 亿元, 6588 家: a space between number and unit
    r"(?P<mult>" + _ALT(MULTIPLIERS) + r")?"
    r"(?P<post2>余|多)?"
    r"(?P<base>" + _ALT(BASE_UNITS) + r")?"
    r"(?P<per>/(?:亩|平方米|平方公里|公顷|吨|人|户))?"  # 82.9万元/亩: a unit per area or per head
    r"(?P<after>以上|以下|左右|上下|之多)?")
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CN_POWERS = {"十": 10, "百": 100, "千": 1000}
CJK = re.compile(r"[\u4e00-\u9fff]")


def unit_of(m: re.Match) -> str | None:
    """The unit as written (multiplier included), or None when the match is no figure.

    A bare multiplier (12.5亿, 3万) is a unit only before punctuation or the end of the
    text (3万科技人员 is not read); a measure word followed by FALSE_AFTER is a word.
    """
    mult, base = m.group("mult") or "", m.group("base") or ""
    if not base:
        if not mult or m.group("post2"):
            return None
        after = m.string[m.end():m.end() + 1]
        return mult if m.group("after") or not CJK.match(after) else None
    nxt = m.string[m.end("base"):m.end("base") + 1] if not (m.group("after") or m.group("per")) else ""
    if nxt and nxt in FALSE_AFTER.get(base, ""):
        return None
    return mult + base + (m.group("per") or "")


def number(text: str) -> float | int | None:
    """The value of an Arabic or Chinese numeral: 1,600 -> 1600, 三百 -> 300, 二十三 -> 23, 两千 -> 2000."""
    if text[0].isdigit() and "亿" in text:  # 3亿9,500 before 万: counted in 万 (_ARABIC_COMPOUND)
        head, tail = text.replace(",", "").split("亿", 1)
        return int(head) * 10 ** 4 + int(tail)
    if text[0].isdigit():
        text = text.replace(",", "")
        return float(text) if "." in text else int(text)
    if "亿" in text or "万" in text:  # 一亿〇六十万三千九百八十七: sections of 亿 and 万
        total = 0
        for big, scale in (("亿", 10 ** 8), ("万", 10 ** 4)):
            if big in text:
                head, text = text.split(big, 1)
                part = number(head.lstrip("零〇○"))
                if part is None:
                    return None
                total += part * scale
        rest = text.lstrip("零〇○")
        tail = number(rest) if rest else 0
        return None if tail is None else total + tail
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:  # 一二 is no number (a list of digits is a year: 二○一七)
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_POWERS:
            total += (1 if digit is None else digit) * CN_POWERS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def qualifier(m: re.Match) -> str | None:
    """近/超过/约 before the number, 余/多/以上/左右 after it: how exact the figure is."""
    return m.group("pre") or m.group("post") or m.group("post2") or m.group("after") or None
