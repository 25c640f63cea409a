"""Activities listed before 等领域 are no fields (issue 18, session 13).

Why: 围绕分子的精准合成、可控组装、功能体系的构筑与应用等领域的重大科学问题 (dev7 Huairou): the list rule types the
items of a list its category closes (…等领域) as Fields, and these items are research directions, activities.
The corpus guideline says activities (科学研究, 技术创新, 人才培养) are not domains. An item the list guessed
(not a field of the lexicon) is an activity when it ends with a word the dictionary tags a plain verb (合成 v,
组装 v, 应用 v) and holds no field of the lexicon (生物|制造 names the domain of 生物 …: kept), or when it is a
phrase with 的 in it (功能体系的构筑与应用). Fields named so (人工智能, 集成电路) come from the lexicon and stay.
"""

from __future__ import annotations

import re

VERB = "v"  #: the plain verb tag only: vn (研究, 服务, 设计) is a verbal noun that names domains as often


def without_activities(finder, text: str, mentions: list) -> list:
    """`mentions` without the list-guessed Fields that name activities."""
    words = finder.words_of(text)
    if not words.enabled:
        return mentions
    fields = finder.rules.lexicon["fields"]
    return [m for m in mentions if not (m.type == "Field" and m.how == "list" and m.start >= 0
                                        and _closed_by_domains(text, m.end) and _activity(words, text, m, fields))]


_CLAUSE_END = re.compile(r"[。；;！!？?\n]")
_DOMAINS = re.compile(r"等[^、，,。；;]{0,6}领域")


def _closed_by_domains(text: str, end: int) -> bool:
    """The item's list is closed by 等(…)领域 in its clause: only there is a verb-ending item an activity.
    A list closed by its count (高端智能制造、海洋牧场和森林康养3个特色产业, s13-dev8's lists rule) names
    domains, and 康养 ends in a verb there too."""
    stop = _CLAUSE_END.search(text, end)
    found = _DOMAINS.search(text, end, stop.start() if stop else len(text))
    return found is not None


def _activity(words, text: str, m, fields) -> bool:
    item = text[m.start:m.end]
    if "的" in item:
        return True
    if any(f in item for f in fields):
        return False
    start, tag = words.word_ending(m.end)
    return tag == VERB and m.start < start and text[start:m.end] not in words.nominal
