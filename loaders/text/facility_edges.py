"""How far left a facility's name reaches: across the words of what the facility does.

Why: a platform, lab or facility is named by what it does (分子材料与器件研究测试平台,
大气环境立体探测实验研究设施, 物质转化过程虚拟研究开发平台). Those activity words are verbs
to the word lists (研究, 开发 are in `left_verbs`, where they open a name: 研究|设立…基金) and
to the segmenter (探测/v), so the left edge stopped right after them and kept only the
tail (测试平台, 交叉研究平台). Before a facility ending (the Project kinds below) an
activity word of `name_activities` (rules.yaml) is a word of the name, not a verb: the
walk goes on to the real clause verb (建设, 推进, 依托 … still stop it), a function word
or punctuation. Two more allowances, for these endings only:

- 与 joins two halves of one name when the first half is no name of its own
  (分子材料|与|器件研究测试平台, 介科学|与|过程仿真交叉研究平台), as 及 does for bodies;
- past a verb only the segmenter knows, the name may reach a little farther
  (聚变堆主机关键系统综合研究设施: 聚变/v and 堆/v are nouns here).

Rules are mechanisms: nothing here names a facility.
"""

from __future__ import annotations

#: Project kinds (rules.yaml suffixes) whose names are built from activity words.
FACILITY_KINDS = frozenset({"platform", "lab", "facility"})
#: 与 joins the halves of a facility's name (及 joins any name's: boundaries.JOINERS).
FACILITY_JOINERS = ("及", "与")
#: past a segmenter-only verb, how far a facility's unanchored name may reach (boundaries.SEG_REACH: 12)
FACILITY_SEG_REACH = 16


def is_facility(suffix) -> bool:
    """Whether a name ending is a facility's (平台, 实验室, 设施, 装置, 基地, 创新中心 …)."""
    return suffix.type == "Project" and suffix.kind in FACILITY_KINDS


def activity(rules, word: str | None) -> bool:
    """Whether a verb found before a facility ending is an activity word of its name (研究, 开发, 探测)."""
    return bool(word) and word in rules.name_activities
