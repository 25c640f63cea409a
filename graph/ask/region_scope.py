"""What is in a region, when the graph ties few nodes to any region ("北京有哪些园区").

Why: the report is the Beijing commission's, so it seldom says that something is in Beijing;
of the graph's eight zones only the agricultural parks are tied to 北京市 (LOCATED_IN), and
"北京有哪些园区" answered with that one zone, which a planner reads as "Beijing has one zone".
Now the answer says what the graph ties to the region and, for zones and districts (a few
nodes in any graph), names the ones of the asked type that the graph ties to no region at all:
they are not guessed into the answer (no edge says where they are), and not hidden either.
For other types (institutions, projects …) the answer says that most nodes carry no region.
"""

from __future__ import annotations

from graph.ask.model import Item
from graph.ask.narrow import Narrow
from graph.ask.words import say, short, type_words
from graph.model import Node
from graph.queries import GraphQueries
from graph.schema import MEMBER_EDGES

#: Types with few nodes in any graph: the ones tied to no region can be named.
NAMED_UNTIED = ("Zone", "District")
SHOWN = 8


def untied(q: GraphQueries, region: Node, types: list[str], listed: set[str], found: list[Narrow]) -> list[Item]:
    """Zones/districts of the asked types tied (LOCATED_IN / PART_OF, one hop) to no region."""
    if region.type != "Region":
        return []
    out = []
    for t in [t for t in (types or NAMED_UNTIED) if t in NAMED_UNTIED]:
        for node in sorted(q.store.nodes_of_type(t), key=lambda n: n.id):
            if node.id in listed or any(r.type == t and r.holds(node) is not True for r in found):
                continue
            ends = {e.target for e in q.store.edges([node.id], "out", list(MEMBER_EDGES))}
            if not any(n.type == "Region" for n in q.store.get_nodes(ends).values()):
                out.append(Item(node=node))
    return out


def sentence(lang: str, region: Node, types: list[str], rows: list[Item], words: str) -> str:
    """The aside of a region's members: the untied zones named, or that most nodes carry no region."""
    if region.type != "Region":
        return ""
    if not rows:
        if types and all(t in NAMED_UNTIED for t in types):
            return ""
        return say(lang, " 图中大多数节点没有标注所在地区，这里只列出标注了的。",
                   " Most nodes carry no region in the graph; only those tied to it are listed.")
    kinds = types or [rows[0].node.type]
    what = words or (type_words(kinds, lang) if lang == "zh" else " or ".join(f"{t.lower()}s" for t in kinds))
    names = say(lang, "；", "; ").join(short(i.node, lang) for i in rows[:SHOWN])
    more = say(lang, " 等", " …") if len(rows) > SHOWN else ""
    return say(lang, f" 另有 {len(rows)} 个{what}在图中没有标注所在地区，所以不算在内：{names}{more}。",
               f" {len(rows)} more {what} carry no region in the graph, so they are not counted: {names}{more}.")
