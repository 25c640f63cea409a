"""Which rows the report itself calls by a word: "新型研发平台" makes NIBS a platform.

Why: "中关村科学城有哪些平台" answered with the zone's one project batch, because 平台 was read as
the Project type. A planner asking for the zone's platforms expects what the report calls
platforms there: "支持北京生命科学研究所、北京石墨烯研究院等新型研发平台建设" names two research
institutes as 新型研发平台, and the project batch is never called one. A type cannot say this
(the two are institutions); the report's wording can. A node is called by the word when one
of its names holds it (氢能技术协同创新平台), or when a quote of one of its own edges puts the
word after the node's name in the same clause ("X、Y等新型研发平台").

Only the edges of the rows being filtered are read (one `edges` call): cost follows the answer.
"""

from __future__ import annotations

import re

from graph.model import Node

#: a clause ends at these; "X、Y等…平台" stays in one clause
_CLAUSE_END = "，,。；;：:！!？?\n"


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
        if word.search(tail[:end]):
            return True
    return False
