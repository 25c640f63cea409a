"""Which rows the report itself calls by a word: "新型研发平台" makes NIBS a platform.

Why: "中关村科学城有哪些平台" answered with the zone's one project batch, because 平台 was read as
the Project type. A planner asking for the zone's platforms expects what the report calls
platforms there: "支持北京生命科学研究所、北京石墨烯研究院等新型研发平台建设" names two research
institutes as 新型研发平台, and the project batch is never called one. A type cannot say this
(the two are institutions); the report's wording can. A node is called by the word when one
of its names holds it (氢能技术协同创新平台), or when a quote of one of its own edges puts the
word after the node's name in the same clause ("X、Y等新型研发平台").

Only the edges of the rows being filtered are read (one `edges` call): cost follows the answer.

The word must stand for the node, not for what it does: "北京大学与海淀区共建创新平台" names
北京大学 before 平台 in one clause, but as a builder. So between the name and the word there
may be only the rest of a list ("、Y等") and a short modifier ("新型研发"), never a verb
(`_DOES`): a builder, a supporter or a partner is not what it builds.
"""

from __future__ import annotations

import re

from graph.model import Node

#: a clause ends at these; "X、Y等…平台" stays in one clause
_CLAUSE_END = "，,。；;：:！!？?\n"
#: between a name and the word, any of these makes the name the doer, not the thing (共建创新平台)
_DOES = re.compile("共建|建设|建立|搭建|打造|组建|成立|设立|创建|牵头|联合|合作|支持|推动|推进|依托|布局|引进|发起|"
                   "开展|承担|参与|围绕|服务|获批|认定|入选|实施|[与跟向为在将把由对]")
#: the longest modifier between a list (or the name) and the word: 新型研发 (4), 国家级重点 (5)
_MODIFIER = 6


def called_ids(store, nodes: list[Node], word: re.Pattern) -> set[str]:
    """Ids of `nodes` the graph's names or quotes call by `word` (a Chinese regular expression)."""
    out = {n.id for n in nodes if any(word.search(t) for t in (n.name_zh, *n.aliases))}
    rest = {n.id: n for n in nodes if n.id not in out}
    if not rest:
        return out
    for edge in store.edges(list(rest), "both"):
        for end in {edge.source, edge.target} & rest.keys():
            if end not in out and any(_says(ev.quote, rest[end], word) for ev in edge.evidence):
                out.add(end)
    return out


def _says(quote: str, node: Node, word: re.Pattern) -> bool:
    for name in (node.name_zh, *node.aliases):
        at = quote.find(name) if name else -1
        if at < 0:
            continue
        tail = quote[at + len(name):]
        end = min((tail.find(c) for c in _CLAUSE_END if c in tail), default=len(tail))
        found = word.search(tail[:end])
        if found and _apposed(tail[:found.start()]):
            return True
    return False


def _apposed(gap: str) -> bool:
    """True when `gap`, the text between a name and the word, only finishes a list and qualifies
    the word ("、Y等新型研发"; "等"; ""), so the word names the node itself."""
    listed, _, modifier = gap.rpartition("等") if "等" in gap else ("", "", gap)
    if listed and not listed.startswith(("、", "和", "及")):
        return False
    return len(modifier) <= _MODIFIER and not _DOES.search(listed + modifier)
