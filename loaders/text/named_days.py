"""Observance days named by their scope: 世界…日, 国际…日, 全国…日, 中国…日 (session 15, s15-recall2).

Why: reports date their activities by the named days (在“4·26”世界知识产权日期间, 全国科技工作者日), which the
guideline annotates as Events (a named day; the date in quotes before it is no part of the name). No ending of
the rules reads them: 日 alone ends dates, weekdays and papers (日报). The rule reads the closed shape only: a
scope word (世界, 国际, 全国, 中国), two to eight Chinese characters, and 日, not followed by what makes 日 part of
another word (日报, 日前, 日后, 日起, 日内, 日常, 日益; 日期 unless 日期间) and with no time word inside (今, 每, 当,
昨, 明, 次, 节, 假: 全国各地每日, 国际儿童节日). Classified from dev10's misses (docs/extraction.md, "Recall from
dev10 (session 15)"), with the event endings of dev9 and dev10 the rules lacked.
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention

CONF = 0.6
DAY = re.compile(r"(?:世界|国际|全国|中国)[\u4e00-\u9fff]{2,8}?日(?![报前后起内常益本]|期(?!间))")
TIME_WORDS = re.compile(r"[今每当昨明次节假]")


def day_mentions(text: str) -> list[Mention]:
    """An Event for each named observance day."""
    out = []
    for m in DAY.finditer(text):
        name = m.group(0)
        if TIME_WORDS.search(name[2:-1]):
            continue
        out.append(Mention(m.start(), m.end(), name, "Event", CONF, "pattern", name))
    return out
