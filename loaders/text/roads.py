"""Roads named as works: 定泗路、林萃路; 北清路、安立路改造 (Projects).

Why: a district's list of key works names roads by their names alone (X路, X大街, X大道), which no
suffix of the grammar reads: 路 ends ideas as often as roads (思路, 出路, 一带一路, 新路). The segmenter
knows road names as words of their own (定泗路, 北清路 are one word each), so a road here is one
segmenter word of three to five characters ending in 路/大街/大道, and it counts only where the text
treats it as a work: in a 、 list of two or more such words, or followed by a word of road works
(改造, 建设, 通车 …). Figures of speech ending in 路 (新思路, 致富路) are kept out by `NOT_ROADS`.
"""

from __future__ import annotations

import re

from loaders.text.entities import EntityFinder, Mention

CONF = 0.55
ENDS = ("大街", "大道", "路")
WORKS = re.compile(r"(?:道路工程|提升改造|改扩建|改造|扩建|建设|工程|通车|开通|贯通|竣工|大修|拓宽|[东西南北]延|全线)")
NOT_ROADS = frozenset({"新思路", "高速路", "快速路", "致富路", "发展路", "创新路", "小康路", "振兴路", "丝绸之路", "一带一路",
                       "新道路", "老路子", "康庄大道", "阳光大道", "铁路", "公路", "网络之路", "产业路", "快车道"})
FIRSTS = "新老好大小一之此该各这那其条"
MAX_NAME = 4
#: common words ending in 路 that end kinds of roads and ways, never a road's name (高速公路, 城市道路)
ROAD_WORDS = frozenset({"公路", "道路", "线路", "铁路", "马路", "水路", "陆路", "网路", "电路", "管路", "通路", "之路",
                        "思路", "出路", "新路", "一路", "大路", "小路", "支路", "干路", "航路", "丝路", "进路", "销路"})
LEFT_CHARS = "的了和及与在对把将有是为从至到经"  # one-character function words a road's name follows


def road_mentions(finder: EntityFinder, text: str) -> list[Mention]:
    """Roads that the text lists together or names as works."""
    roads = []
    for m in re.finditer("|".join(ENDS), text):
        if m.group() == "路" and text[m.start() - 1:m.end()] in ROAD_WORDS:
            continue  # 高速公路, 城市道路, 线路: the kind of road, not a road's name
        start = _start(finder, text, m.start())
        if start is None:
            continue
        name = text[start:m.end()]
        if name in NOT_ROADS or name[0] in FIRSTS or finder._generic(text[start:m.start()]):
            continue
        roads.append((start, m.end()))
    found = set()
    for i, (start, end) in enumerate(roads):
        listed = (i > 0 and roads[i - 1][1] + 1 == start and text[start - 1] == "、") or \
                 (i + 1 < len(roads) and roads[i + 1][0] == end + 1 and text[end] == "、")
        if listed or WORKS.match(text, end):
            found.add((start, end))
    return [Mention(s, e, text[s:e], "Project", CONF, "suffix", text[s:e], kind="facility") for s, e in sorted(found)]


def _start(finder: EntityFinder, text: str, at: int) -> int | None:
    """Where the road's name before its ending at `at` begins: two to four characters right after a
    boundary (punctuation, 、, a function word, a verb of the rules), the longest such; else None."""
    for n in range(MAX_NAME, 1, -1):
        s = at - n
        if s < 0 or not all("\u4e00" <= ch <= "\u9fff" for ch in text[s:at]) or "、" in text[s:at]:
            continue
        before = text[max(0, s - 4):s]
        if text[s] in LEFT_CHARS or any(text.startswith(w, s) for w in finder.rules.verbs if len(w) >= 2):
            continue  # 建成|京昌路: the name does not open with a verb or a function word
        if s == 0 or not "\u4e00" <= text[s - 1] <= "\u9fff" or text[s - 1] in LEFT_CHARS \
                or any(before.endswith(w) for w in finder.rules.verbs if len(w) >= 2):
            return s
    return None
