"""A guess after an indefinite article and a description (一座…的) describes, it does not name (issue 18,
session 13).

Why: 一座具有全球影响力的“百年科学城”正在加速建设 (dev5 Huairou): "a century-old science city of global
influence" — the quote marks an epithet, and 一座…的 makes it "a" science city of some sort, not the name of
one. A name is definite: Chinese introduces a kind, a goal or a description with a numeral of one and a measure
word (一座, 一个, 一批, 一种 …) and a 的 phrase (一个具有国际影响力的科技创新中心). So a guessed name (quote, suffix,
list) right after 一 + measure word + a 的 phrase in the same clause is no mention. A known name (lexicon, graph)
after the same words is kept: the page may still name the place it describes (一座名为…的: left to the gazetteer).
"""

from __future__ import annotations

import re

INDEFINITE = re.compile(r"一[座个家所项批种类处片][^,,。;;:、“”\n]{0,24}的[“\"「]?$")
GUESSED = ("quote", "suffix", "list")
REACH = 30


def without_descriptions(text: str, mentions: list) -> list:
    """`mentions` without the guesses that follow 一座…的 in their clause."""
    return [m for m in mentions if not (m.how in GUESSED and not m.nested and m.start > 0
                                        and INDEFINITE.search(text, max(0, m.start - REACH), m.start))]
