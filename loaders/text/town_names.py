"""A place name the lexicon knows, run on by 镇 / 乡 / 村 / 街道, is a town's name, not that place: 河北镇 is no
mention of 河北省 (issue 18, session 18, s18-dev17).

Why: the lexicon finds a known place wherever its characters stand, and an unknown suffix right after it was
read as if the place stood alone: 河北镇 (a town of Fangshan, dev17) became the province, whose junk mention
then also cut the town's body (河北镇应急指挥部) out. The guideline does not annotate towns and villages
(localities of no kind: dev17's 王平镇, dev2's 流浮山), and a place inside another name is no mention of it.
The same mechanism read 中国 in 中国影都 (dev12) and 大兴 in 大兴-亦庄园 (dev14), there with endings no list holds;
this rule reads only the settlement endings, which make a town's name whatever precedes them.
"""

from __future__ import annotations

from loaders.text.entities import Mention

SETTLEMENTS = ("街道", "镇", "鎮", "乡", "鄉", "村")
PLACES = ("Region", "District")


def without_town_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` without the places that only open a town's name."""
    towns = [m for m in mentions if m.type in PLACES and m.start >= 0 and not m.nested
             and text.startswith(SETTLEMENTS, m.end)]
    if not towns:
        return mentions
    gone = {id(m) for m in towns}
    inside = {id(n) for t in towns for n in mentions if n.type in PLACES and t.start <= n.start and n.end <= t.end}
    return [m for m in mentions if id(m) not in gone and id(m) not in inside]
