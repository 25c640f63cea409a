"""Which figures are indicators, and which only describe the indicator before them.

A report states "全社会研发投入达2236.6亿元、增长18.9%" (one indicator with its growth)
and "年均增长16.3%,占全国总量的比重年均超37.2%" (two indicators: a share of a rate is no
attribute of the rate). It also writes numbers that state no quantity: ordinals and
sessions (第二十六届, 六届十三次全会), counts that only sum up the names listed before
them ("从A、B、C、D4方面", "…等五个方面"), slogans (四个意识), articles (一项, 一批), phases
(二期), durations (18个月). The rules here follow data/eval/extract/README.md.
"""

from __future__ import annotations

import re

from loaders.text import counted_dates, counted_parts, measures
from loaders.text.entities import Spans
from loaders.text.units import CN_UNITS, COUNT_WORDS

RATES = ("%", "‰", "个百分点", "百分点")
GROWTH = re.compile(r"(同比|比上年|较上年|比去年|较去年|同口径)?(增长|增幅|增速|增加(?!值)|上升|上涨|提高|提升|下降|下滑|下跌|减少|降低|回落)了?")
#: a gap to another quantity, in points: an attribute of the rate before it (README: not a Metric)
GAP = re.compile(r"(高于|低于|高出|低出|超出)")
DECLINE = ("下降", "下滑", "下跌", "减少", "降低", "回落")
#: A level, not a change: 由67.5%增长到80.2%, 提升至6.46%.
TO_LEVEL = re.compile(r"(增长|上升|上涨|提高|提升|下降|下滑|下跌|减少|降低|回落)(到|至|为)")
#: Words that name a quantity of its own: after them a rate is a new indicator (其中技术交易额增长20%).
MEASURE_NOUN = re.compile(r"额|量|数|率|收入|规模|投入|支出|产值|增加值|比重|强度|面积|总值|营收|利润")
FILLER = re.compile(r"同比|比上年|较上年|比去年|较去年|相较|同期|同口径|年均|分别|\d{4}年|[,，、;；\s]|了|达到|达|为|约|近|超过|超")
#: a share of the amount before, its scope written or not (…9500亿元,全市占比21.8%: the city's share; session 12)
SHARE = re.compile(r"^(?:其中)?(?:全市|全区|全省|全国|全球)?(?:占|比重|占比)")
#: the level an attribute reaches (…全市占比由21.8%增至24%): the same attribute again, no indicator (session 12)
LEVEL_AFTER = re.compile(r"^(?:增至|升至|提高到|提高至|提升到|提升至|增长到|增长至|上升到|上升至|降至|下降到|下降至|降低到|降低至)$")
#: a completion rate right after an amount (项目投资128.1亿元,完成率110.3%): an attribute of it (README)
COMPLETION = re.compile(r"^(?:年度计划|全年计划|年度目标)?(?:完成率|完成)(?:为|达)?$")
CN_NUM = "零〇○一二两三四五六七八九十百千"
#: After a Chinese count: slogans and set phrases (四个意识, 两个维护, 六个着力), not quantities.
SLOGANS = ("意识", "自信", "维护", "确立", "坚持", "着力", "全面", "务必", "必须", "服务", "一批", "突破", "翻番",
           "中心", "落实", "优先", "统筹", "结合", "聚焦")
SESSION_AFTER = ("全会", "全体会议", "党代会", "代表大会", "常委会", "会议")
QUOTED_RUN = re.compile(r"(?:“[^“”。]{1,40}”|「[^「」。]{1,40}」)+$")
#: the list a count announces, in the next sentence: 等10个产业集群…。具体名单为:A、B、…J。
NAMES_AFTER = re.compile(r"[^。\n]{0,60}。\s*(?:具体名单|名单|具体)?(?:如下|为|是|包括)[:：]([^。\n]{2,1200})[。\n]")
#: what may open the items' run in a list clause: the part of the clause before the last 的 (沿线的|上海、苏州…)
LIST_OPENER = re.compile(r".*的")
#: the list a count announces later in its own sentence: 公示了8个重点专项…,分别是A、B、…和H。 (session 7)
NAMES_IN_SENTENCE = re.compile(r"[^。\n]{0,80}?(?:分别是|分别为|包括|即)[:：]?([^。\n]{2,1200})[。\n]")
LIST_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}[(（]([^()（）。]{2,300})[)）]")
BRACKETED = re.compile(r"[(（][^()（）]*[)）]")  #: a bracket after an item: its second name (session 17)
SUMMING_UNITS = ("个", "方面", "项", "类", "种", "条", "家", "大", "篇")  # 篇: “高”“新”两篇文章 (session 7)


def not_indicator(text: str, m: re.Match, unit: str, value, clause_start: int, quoted: Spans) -> bool:
    """Whether the figure `m` (a number with a unit) states no quantity (see the module doc)."""
    at, end = m.start("num"), m.end()
    before, after = text[max(0, at - 2):at].rstrip(" ")[-1:], text[end:end + 2]
    if before in ("第", "-", ".", "届", "/", "前", "首") or before.isascii() and before.isalpha() or quoted.covers(at):
        return True  # 第五, 排名前五位, 首两个: a rank, not a quantity
    if "百分点" in unit and _gap_after_bracket(text, at):
        return True  # 高于区下达指标任务(2.5%)3.3个百分点: the gap of the rate before (README), no indicator
    base = m.group("base") or ""
    if base in ("方面", "个") and text.endswith(("从", "以下", "主要从", "分"), 0, at) and "方面" in text[end - 2:end + 2]:
        return True  # 以下主要从六个方面展开汇报, 在以下四个方面: the parts of the text, not a quantity
    if base in ("次", "场", "场次") and after.startswith(SESSION_AFTER):  # 十四次全会
        return True
    if not m.group("num")[0].isdigit() and _not_a_chinese_count(m, base, after):
        return True
    if _no_figure(text, m, base, clause_start):
        return True
    if base == "个" and after[:1] and after[:1] in "月年天周日小工" or after == "之一":  # 18个月: a duration; 四家之一
        return True
    return (_sums_up_a_list(text, clause_start, m.start(), base, value) or _counts_the_list_after(text, end, base, value)
            or _counts_the_names_after(text, end, base, value)
            or counted_parts.announces_what_follows(text, end, base, value)  # …4个。分别为:A、B、C、D (session 14)
            or counted_dates.counts_the_dates_before(text, m.start(), base, value))  # 2014年和2017年,…两次视察 (session 14)


def _gap_after_bracket(text: str, at: int) -> bool:
    """A points figure right after a bracketed rate that a gap word opens: 高于任务(2.5%)|3.3个百分点
    (session 7). The gap word stands before the bracket, so attribute_of, which reads only the text
    between the two figures, cannot see it."""
    if text[at - 1:at] not in (")", "）"):
        return False
    open_at = max(text.rfind("(", max(0, at - 20), at), text.rfind("（", max(0, at - 20), at))
    if open_at < 0 or not re.fullmatch(r"[\d.]+%", text[open_at + 1:at - 1]):
        return False
    window = text[max(0, open_at - 20):open_at]
    window = re.split(r"[,，;；。]", window)[-1]
    return bool(GAP.search(window))


#: 中关村 2017年3期: an issue number after a year, not a count
ISSUE = re.compile(r"\d{4}年\s*$")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: 列为四项区域发展定位之首: a place in a set (first of four), not a count of anything
RANK_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}之(?:首|冠)")


def after_rank(text: str, end: int) -> bool:
    return bool(RANK_AFTER.match(text, end))


def _no_figure(text: str, m: re.Match, base: str, clause_start: int) -> bool:
    """Session 8 (data/eval/extract/README.md): what reads as a figure and states none.

    An issue number after a year (2017年3期); an amount with no value (数十家, 几百项, 上千亿元: the
    guideline's Metric has a value; 突破千亿元 has one, 1000 亿元); a numeral word that is part of a slogan
    or a class (两个千亿元, 千亿元级); a count in one of units.yaml's counting words (宗 栋 剂 例 …) that
    no measure noun phrase names (a count needs one: 清理腾退滞留户563宗 does, 3起 alone does not).
    """
    at, end, num = m.start("num"), m.end(), m.group("num")
    if base == "期" and ISSUE.search(text[max(0, at - 8):at]):
        return True
    if not num[0].isdigit() and text[at - 1:at] in ("数", "几", "上", "成"):
        return True
    if num in ("百", "千") and (text[at - 1:at] in CN_NUM + "个" or text[end:end + 1] in ("级", "量")
                                or not CJK_CHAR.match(text[max(0, at - 4):at].rstrip()[-1:] or " ")):
        return True  # two 千亿元 goals; 千亿元级; | 百萬元 | (a table's unit header, README: not annotated)
    if after_rank(text, end):
        return True
    if base in COUNT_WORDS:
        return not measures.measure_of(text[clause_start:m.start()], text[end:end + 24])
    return False


def _not_a_chinese_count(m: re.Match, base: str, after: str) -> bool:
    """二期, 一项, 四个意识, 两个千亿元: a Chinese numeral that is an article, a phase or a slogan."""
    num = m.group("num")
    if num in ("一", "二") or base and base not in CN_UNITS:
        return True
    if after[:1] and (after[:1] in CN_NUM or after[:1].isdigit()):  # 两个千亿元, 三位一体, 两个一百年
        return True
    if base == "个" and (after.startswith(SLOGANS) or after[:1] == "着"):
        return True
    return after[:1] in ("“", '"')


def _sums_up_a_list(text: str, clause_start: int, at: int, base: str, value) -> bool:
    """"从A、B、C、D4方面", "A、B和C等三个领域", “A”“B”等两个: the count of the items just listed, no indicator."""
    if base not in SUMMING_UNITS or not isinstance(value, int) or value > 12:
        return False
    listed = text[clause_start:at]
    listed = listed[:-2] if listed.endswith("等等") else listed[:-1] if listed.endswith("等") else listed
    quoted = QUOTED_RUN.search(text, max(0, at - 400), at - (2 if text.endswith("等等", 0, at) else
                                                          1 if text.endswith("等", 0, at) else 0))
    if quoted and quoted.group().count("“") + quoted.group().count("「") >= value > 1:
        return True  # 围绕“A”“B”…“F”等六个重点部署 (commas inside the quotes)
    listed = BRACKETED.sub("", listed)  # 组织宣传处(人事处、对外联络处)12个内设机构: a second name is no item (session 17)
    if "、" not in listed:
        return False
    items = listed.split("、")
    count = len(items) + (1 if re.search(r"[和及与]", items[-1]) else 0)
    if len(items[-1]) <= 20 and len(items) <= value <= count:
        return True
    opened = [i for i, item in enumerate(items) if LIST_OPENER.match(item)]  # …沿线的|上海、苏州…宣城9个城市
    return bool(opened) and len(items[-1]) <= 20 and len(items) - opened[-1] == value > 2


def _counts_the_names_after(text: str, end: int, base: str, value) -> bool:
    """…等10个产业集群为第一批试点。具体名单为:A、B、…、J。: the count of the names the next sentence lists."""
    if base not in SUMMING_UNITS or not isinstance(value, int) or not 2 < value <= 60:
        return False
    listed = NAMES_AFTER.match(text, end)
    if listed and listed.group(1).count("、") + 1 == value:
        return True
    listed = NAMES_IN_SENTENCE.match(text, end)
    if not listed or "、" not in listed.group(1):
        return False
    items = listed.group(1).split("、")
    return value in (len(items), len(items) + (1 if re.search(r"[和及与]", items[-1]) else 0))


def _counts_the_list_after(text: str, end: int, base: str, value) -> bool:
    """实施五项重大工程(A、B、C、D、E): the count of the items the bracket lists, no indicator."""
    if base not in SUMMING_UNITS or not isinstance(value, int) or not 1 < value <= 12:
        return False
    listed = LIST_AFTER.match(text, end)
    return bool(listed) and listed.group(1).count("、") + 1 == value


def attribute_of(previous, prefix: str, unit: str) -> tuple[str, int] | None:
    """(attribute, sign) when a rate describes the indicator before it in its sentence, else None.

    "…2236.6亿元、增长18.9%" -> growth_pct; "…2085.78亿元、占比93.3%" -> share_pct (a share of an
    amount only); "…80.2%,增长12.7个百分点" -> growth_pts. A rate after a word naming a
    quantity of its own (其中技术交易额增长20%) or reaching a level (增长到80.2%) is an indicator.
    """
    if previous is None or unit not in RATES:
        return None
    prefix = prefix.lstrip(",，、;；:： ")
    if prefix in ("(", "（") and previous.attrs["unit"] not in RATES and unit == "%":
        return "share_pct", 1  # 基础研究443.6亿元(33%): a bare rate in brackets right after an amount is its share (session 16)
    if SHARE.match(prefix) and previous.attrs["unit"] not in RATES and unit == "%":
        return "share_pct", 1
    if COMPLETION.match(prefix) and previous.attrs["unit"] not in RATES and unit == "%":
        return "completion_pct", 1
    gap = GAP.search(prefix)
    if gap and "百分点" in unit and not MEASURE_NOUN.search(FILLER.sub("", prefix[:gap.start()])):
        return "gap_pts", -1 if gap.group(1) in ("低于", "低出") else 1  # 54.7%,高于规上工业18.3个百分点
    growth = GROWTH.search(prefix)
    if not growth or TO_LEVEL.search(prefix):
        return None
    residue = FILLER.sub("", GROWTH.sub("", prefix))
    if MEASURE_NOUN.search(residue):
        return None
    sign = -1 if growth.group(2) in DECLINE else 1
    return ("growth_pts" if "百分点" in unit else "growth_pct", sign)
