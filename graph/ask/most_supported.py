""""哪个园区最受支持", "Which zone gets the most support?": zones ranked by their supporters.

Why: a director compares the zones by how much backing the report records for each. Until
session 7 the question was declined ("the graph can rank by connections only"), yet the graph
does hold the answer: each zone's supporters (graph/query_support.py, direct or through a
member). The ranking counts them per zone (or district when 区 is asked) and leaves out the
report's author, which supports every zone it writes about, and the city the report covers
(北京市: graph/rank_apart.py sets both apart, as every ranking does); the answer's notes say
so, and the count is of supporters the report names, not of money (the report gives no sums
per zone).
Cost: one supporters query per zone (there are ten), only when the question is asked. Session 18: a zone's count
is the zone index's counter less a keyed lookup of each node set apart (zone_rows.supporters_count): O(zones),
not O(every zone's supporters).
"""

from __future__ import annotations

from graph.ask import zone_rows
from graph.ask.model import Item
from graph.ask.run import Params, Result, runner
from graph.ask.words import say
from graph.errors import InvalidInput
from graph.queries import GraphQueries
from graph.rank_apart import apart_ids
from graph.schema import MEMBER_EDGES

KINDS = ("Zone", "District")


@runner("most_supported")
def most_supported(q: GraphQueries, p: Params) -> Result:
    if any(t not in KINDS for t in p.types):  # "which university got the most support": not this ranking
        raise InvalidInput(say(p.lang, "只能比较园区或行政区得到的支持；其他节点请逐个问「谁支持X」。",
                               "Only zones and districts are compared by their support; for anything else, "
                               "ask who supports it, one at a time."))
    kinds = [t for t in p.types if t in KINDS] or ["Zone"]
    authors = apart_ids(q.store, include_publisher=False)  # the author and its city: context, not supporters
    items = []
    for kind in kinds:
        for node in q.store.nodes_of_type(kind):
            if kind == "Zone" and _groups_zones(q, node.id):  # 三城一区 would count its own zones' supporters again
                continue
            items.append(Item(node=node, value=float(zone_rows.supporters_count(q, node.id, set(authors)))))
    items.sort(key=lambda i: (-(i.value or 0), i.node.id))
    return Result(items, ranked_apart=True)


def _groups_zones(q: GraphQueries, node_id: str) -> bool:
    """Whether a zone is a member of it: a keyed lookup per zone and member edge (session 18: the node's member
    edges read whole were a hub's every firm)."""
    zones = [z.id for z in q.store.nodes_of_type("Zone") if z.id != node_id]
    return bool(q.store.get_edges([(z, t, node_id) for z in zones for t in MEMBER_EDGES]))


def note(lang: str, items: list[Item]) -> str:
    """What the counts count (the counts themselves are in the summary: answer._summary)."""
    return say(lang, "按报告提到的支持者个数排序（直接或经由其成员）；报告作者支持每个园区，"
                     "与报告所述的城市（北京市）一样不计入；报告没有分园区的资金数额；园区的组合（如三城一区）不单列。",
               "Ranked by the number of supporters the report names (directly or through "
               "a member); the report's author, which supports every zone, is not counted, nor is the city the report "
               "covers (Beijing); the report gives no "
               "sums per zone; a group of zones (三城一区) is not ranked beside its own zones.")
