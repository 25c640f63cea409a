"""What a figure measures, as a noun phrase: the name of its Metric node.

Reports put the measure before the figure (全社会研发投入达2236.6亿元), after it
(发布4300余项新技术成果), or split around it (牵头的12项区政府工作报告重点任务). The name is
the text before the figure in its clause, cleaned of what is no part of a noun phrase —
list numbers (3.), lead-ins (即, 预计, 截止11月底), years, approximation and linking words
(约, 近, 达到, 分别, 突破, 由), a bracket left open, examples ending in 等 (A、B等举办 ->
举办) — completed by the noun after the figure when it ends in a verb or 的 or is too
short to name anything. A name that is still no noun phrase (a person's title, an
approximation word) falls back to the counted noun or to "<unit>数".
"""

from __future__ import annotations

import re

CUTS = set("，,。；;：:、！!？?“”\"‘’'《》〈〉【】[]{}\n\t ·…—()（）「」『』")
LEAD = re.compile(r"^(?:\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|其中|即|预计|截止|截至|"
                  r"是|目前|当前|前三季度|本年度|今年以来|全年|共|\d{4}年?(?:\d+月)?(?:底|末|前|以来)?|\d+-\d+月|"
                  r"\d+月底|到|[,，;；:：、\s])+")
TRAIL = re.compile(r"(?:合计达到|累计将达|累计达|达到|实现|超过|将达|共计|总计|累计|共有|大约|将近|分别|突破|提升至|"
                   r"提高到|增长到|上升到|增长至|倍增至|增至|年均|每年|由|达|为|近|约|逾|超|共|了|是|有)+$")
ORDINAL = re.compile(r"第[\d一二三四五六七八九十百]+[届次期批轮]")
APPROX = ("左右", "以上", "上下", "大约", "约", "近", "余", "多")
FUNCTION_WORDS = ("与", "和", "及", "对", "向", "在", "从", "将", "把", "被", "给", "同")
VERB_ENDS = ("完成", "开设", "开展", "举办", "调研", "发布", "支持", "推介", "认定", "引进", "培育", "新增", "建成",
             "设立", "组织", "服务", "签署", "获得", "研提", "解决", "建设", "吸引", "集聚", "带动", "资助", "立项", "获",
             "预留", "拨款", "推出", "投入") + FUNCTION_WORDS
PERSON_ENDS = ("院士", "教授", "研究员", "局长", "主任", "书记", "同志", "主席", "市长", "区长", "先生", "女士", "总监")
#: The first cut after a figure, found by the regex engine (a clause may be long: linear time).
NOUN_CUT = re.compile("[" + re.escape("".join(sorted(CUTS - {"、"}))) + "]")
TAIL_STOP = re.compile(r"[获入完参对占明举达为\d]|获得|入选|开展|的|等|实现|通过|落地|提供")


def measure_of(before: str, tail: str, rate: bool = False) -> str:
    """The measure of a figure from the clause text `before` it and `tail` after it ("" if none).

    A rate (%) takes no noun after it: what follows a rate is a rank or a comment (增速26.6%全市第1).
    """
    measure = clean(before)
    if "等" in measure:  # 讨论班等学术活动 -> 学术活动; 研究型医院等举办 -> 举办
        measure = measure.rsplit("等", 1)[1]
    noun = "" if rate else _counted_noun(tail)
    if measure in FUNCTION_WORDS:  # 与38个国家级贫困地区对接
        measure = ""
    if len(measure) <= 4 or measure.endswith(VERB_ENDS + ("的",)) or measure.endswith(PERSON_ENDS):
        if measure.endswith(PERSON_ENDS):
            measure = ""
        measure = measure + noun
    measure = measure.strip()
    if not noun and measure.endswith("的"):  # 完成企业内部决策的28家
        measure = measure[:-1]
    if measure in APPROX or len(measure) < 2:
        return ""
    return _last_words(measure)


def _last_words(measure: str, most: int = 20) -> str:
    """At most `most` characters from the end, starting after a break word (not mid-word: 进一步 -> 步)."""
    if len(measure) <= most:
        return measure
    tail = measure[-most:]
    cut = next((i for i in range(1, len(tail)) if tail[i - 1] in "的对把将向"), 0)
    return tail[cut:]


def clean(text: str) -> str:
    text = text.replace(" ", "")
    cut = max((i for i, ch in enumerate(text) if ch in CUTS), default=-1)
    text = ORDINAL.sub("", text[cut + 1:])
    for _ in range(3):  # lead-ins and trailing verbs can nest: 即2012年和2014年分别突破
        text = TRAIL.sub("", LEAD.sub("", text))
    return text


def _counted_noun(tail: str) -> str:
    """The noun right after the figure: 4300余项|新技术成果|,… -> 新技术成果; up to a verb or punctuation."""
    tail = tail.lstrip(" ")
    cut = NOUN_CUT.search(tail)
    tail = tail[:cut.start()] if cut else tail
    if "、" in tail:  # 13个叫得响、立得住、具有北京特色的典型案例 -> 典型案例; else the first item
        last = tail.rsplit("、", 1)[1]
        tail = last.rsplit("的", 1)[1] if "的" in last[:-1] else tail.split("、", 1)[0]
    stop = TAIL_STOP.search(tail)
    if stop and (stop.start() > 0 or stop.group() == "的"):  # 推出1.8亿元的「…」: nothing counted after it
        tail = tail[:stop.start()]
    return tail[:16].rstrip("和及与或")


def respective(text: str, clause_start: int, figures: list) -> list[str]:
    """The measures of figures listed in the order of a list before them, else [].

    "技术合同成交额、登记项数分别为823.57亿元、23003项", "高新技术企业、科技型中小企业达6588家、6403家":
    as many 、-items before the first figure as figures joined by 、 after it.
    """
    if len(figures) < 2 or any(text[a.end():b.start()].strip(" ") not in ("、", "和", "及")
                               for a, b in zip(figures, figures[1:])):
        return []
    items = [clean(x) for x in text[clause_start:figures[0].start()].split("、")]
    return items if len(items) == len(figures) and all(len(x) >= 2 for x in items) else []
