"""Lexicon fields that are no mention of a domain: a statistic's name, half of another word (session 11).

Why: the junk of dev5 and dev6 (docs/extraction.md, "Precision (session 11)") holds lexicon fields
read out of words that only contain them:

- the name of a statistic opened by a domain (数字经济|营业收入, 高精尖产业|总产值, 社会|消费品|零售额;
  not a bare 产值: dev3's gold keeps 战新产业 in 战新产业产值):
  the figure measures the domain's turnover, the sentence names no domain of its own; session 6 listed
  three fixed statistics (field_spans.STATISTICS), this reads the measure words after any field;
- a field whose first and last characters both lie inside other words of the segmenter (强|化学|科:
  强化 + 学科): two halves of two words, no word 化学 in the text. One edge inside a word is common
  in real mentions (新一代|信息技术 keeps its end), so both edges are asked.

Only lexicon fields are filtered: a field in a list or a title was read by other rules.
"""

from __future__ import annotations

import re

#: measure words that, right after a domain, make it the opening of a statistic's name
STATISTIC_AFTER = re.compile(r"(?:营业收入|营收|总产值|增加值|总收入|零售总额|零售额)")


def kept(finder, text: str, mentions: list) -> list:
    """`mentions` without the lexicon fields that name a statistic or straddle two words."""
    words = None
    out = []
    for m in mentions:
        if m.type == "Field" and m.how == "lexicon" and m.start >= 0:
            if STATISTIC_AFTER.match(text, m.end):
                continue
            words = words or finder.words_of(text)
            if words.enabled and words.inside(m.start) and words.inside(m.end):
                continue
        out.append(m)
    return out
