"""A field from the lexicon with the words that make it the domain the text names, and none inside a statistic.

Why: the lexicon knows 生命健康 and 医疗器械; a report writes 生命健康科技 and 高端医疗器械
(the corpus guideline: the longest complete name; "生物医药及高端医疗器械" is 生物医药 and
高端医疗器械). A lexicon field read alone there is a near-miss: junk and a miss at once.
A field is widened over 高端 right before it and over 科技 or 制造 right after it when the domain
ends there (a punctuation mark, a conjunction, 等, 的 or 领域 follows): not 人工智能科技|企业,
where 科技企业 is a kind of company.
"""

from __future__ import annotations

from dataclasses import replace

#: the names of statistics, which hold a domain's word but name no domain (社会消费品零售总额: retail sales,
#: not the consumer-goods industry; the corpus guideline annotates the figure, not a field)
STATISTICS = ("社会消费品零售总额", "消费品零售总额", "居民消费价格指数")

PREFIXES = ("高端",)
SUFFIXES = ("科技", "制造")  # 制造: 高端装备|制造产业 names 高端装备制造 (session 7)
ENDS = tuple("、,，。;；:：)）」”和及与等的") + ("领域", "产业", "\n")


def widened(text: str, mentions: list) -> list:
    """The field mentions widened where the text names the longer domain; other mentions as they are."""
    out = []
    for m in mentions:
        if m.type == "Field" and m.how == "lexicon":
            if _in_statistic(text, m):
                continue
            m = _widen(text, m)
        out.append(m)
    return out


def _in_statistic(text: str, m) -> bool:
    """Whether the field's span lies inside the name of a statistic (社会|消费品|零售总额)."""
    for s in STATISTICS:
        at = text.find(s, max(0, m.start - len(s)), m.end + len(s))
        if at != -1 and at <= m.start and m.end <= at + len(s):
            return True
    return False


def _widen(text: str, m):
    start, end = m.start, m.end
    for p in PREFIXES:
        if text.startswith(p, start - len(p)) and not m.name.startswith(p):
            start -= len(p)
    for s in SUFFIXES:
        if text.startswith(s, end) and not m.name.endswith(s) and text.startswith(ENDS, end + len(s)):
            end += len(s)
    if (start, end) == (m.start, m.end):
        return m
    name = text[start:end]
    return replace(m, start=start, end=end, name=name, surface=name, node_id=None, name_en="", aliases=[])
