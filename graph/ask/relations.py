"""Runners of the forms added for planners' questions, and the zone-aware ones.

- members / partners look through a zone's (district's, region's) member zones the
  same way `supporters` does: a member's own members and partners come with `via`
  and every hop's edge, so 未来科学城's partners are the universities that work with
  its central SOEs, and 三城一区's institutes are those of its four zones.
- participants ("谁参与了X"): its partners and its supporters (session 13); takes_part ("X参与了什么"):
  what X supports and its partners (session 14).
- origin ("X是怎么来的"): what the report says brought X about: who backed it
  (SUPPORTS / INVESTS_IN in), led or drew it up (LED_BY), issued it (ISSUED_BY),
  hosted it (HOSTED_BY), and what it is part of (PART_OF out).
- issuer / issued: ISSUED_BY out / in. hosts / hosted: HOSTED_BY out / in.
- topic ("policies about X"): the nodes of the asked type one edge from X.
"""

from __future__ import annotations

from graph.ask.model import Item
from graph.ask.run import TYPE_ORDER, Params, Result, _far, _ordered, runner
from graph.model import Node
from graph.plan_order import plan_rank
from graph.queries import GraphQueries
from graph.schema import MEMBER_EDGES

#: Node types whose members are themselves looked through.
CONTAINERS = ("Zone", "District", "Region")


def deep_members(q: GraphQueries, ref: str) -> list[Item]:
    """Direct members, then the members of member zones/districts/regions (one level down, with via)."""
    direct = _far(q, ref, "in", MEMBER_EDGES)
    rows, seen = list(direct), {i.node.id for i in direct} | {ref}
    for item in direct:
        if item.node.type not in CONTAINERS:
            continue
        for sub in _far(q, item.node.id, "in", MEMBER_EDGES):
            if sub.node.id not in seen:
                rows.append(Item(node=sub.node, relation=sub.relation, via=item.node, edges=sub.edges + item.edges))
    return _in_plan_order(q, ref, _ordered(rows))


def _in_plan_order(q: GraphQueries, ref: str, rows: list[Item]) -> list[Item]:
    """A plan's zones as the plan lists them (中关村、怀柔、未来科学城、经开区), each zone's own members after them
    in the same order; rows of a node that gives no order stay as they are (graph/plan_order.py)."""
    node = q.store.get_nodes([ref]).get(ref)
    rank = plan_rank(node) if node is not None else {}
    if not rank:
        return rows
    def key(i: Item) -> tuple:
        if i.via is None:
            return (0, TYPE_ORDER.index(i.node.type), rank.get(i.node.name_zh, len(rank)))
        return (1, rank.get(i.via.name_zh, len(rank)))
    return sorted(rows, key=key)  # stable: within a key, the order _ordered gave


@runner("members")
def members(q: GraphQueries, p: Params) -> Result:
    from graph.ask import zone_rows

    if zone_rows.indexed(q, p.refs[0]):  # a hub: its members by page (session 18)
        return zone_rows.members(q, p.refs[0], p.types, p.lang)
    return Result(deep_members(q, p.refs[0])).keep(p.types)


@runner("partners")
def partners(q: GraphQueries, p: Params) -> Result:
    """Partners of X, and of its members (and their members) when X is a zone, district or region."""
    ref = p.refs[0]
    rows = _far(q, ref, "both", ("PARTNERS_WITH",))
    anchor = q.store.get_nodes([ref]).get(ref)
    if anchor is not None and anchor.type in CONTAINERS:
        for member in deep_members(q, ref):
            for partner in _far(q, member.node.id, "both", ("PARTNERS_WITH",)):
                if partner.node.id != ref:
                    rows.append(Item(node=partner.node, relation=partner.relation, via=member.node,
                                     edges=partner.edges + member.edges))
    return Result(_ordered(rows)).keep(p.types)


@runner("participants")
def participants(q: GraphQueries, p: Params) -> Result:
    """Who takes part in X: its partners (through its members, as above) and its supporters (directly or
    through a member). The report says 清华 and 北大 "participate" in the S&T centre as SUPPORTS edges."""
    rows = partners(q, Params(refs=p.refs)).items
    rows += [Item(node=s.node, relation=s.relation, via=s.via, edges=s.path) for s in q.supporters(p.refs[0])]
    return Result(_ordered(rows)).keep(p.types)


@runner("takes_part")
def takes_part(q: GraphQueries, p: Params) -> Result:
    """What X takes part in: what it supports (SUPPORTS out), who it partners with, and what it hosted or
    leads (HOSTED_BY / LED_BY in): "北大与清华都参与了什么" is the S&T centre, which both support as participants;
    "市科委参与了哪些活动" the events it hosted (without them: "none", a wrong answer)."""
    ref = p.refs[0]
    rows = _far(q, ref, "out", ("SUPPORTS",)) + _far(q, ref, "both", ("PARTNERS_WITH",)) \
        + _far(q, ref, "in", ("HOSTED_BY", "LED_BY"))
    return Result(_ordered(rows)).keep(p.types)


ORIGIN_OUT = ("LED_BY", "ISSUED_BY", "HOSTED_BY", "PART_OF")
ORIGIN_IN = ("SUPPORTS", "INVESTS_IN")


@runner("origin")
def origin(q: GraphQueries, p: Params) -> Result:
    ref = p.refs[0]
    return Result(_ordered(_far(q, ref, "out", ORIGIN_OUT) + _far(q, ref, "in", ORIGIN_IN))).keep(p.types)


@runner("issuer")
def issuer(q: GraphQueries, p: Params) -> Result:
    return Result(_far(q, p.refs[0], "out", ("ISSUED_BY",))).keep(p.types)


@runner("issued")
def issued(q: GraphQueries, p: Params) -> Result:
    return Result(_far(q, p.refs[0], "in", ("ISSUED_BY",))).keep(p.types)


@runner("hosts")
def hosts(q: GraphQueries, p: Params) -> Result:
    return Result(_far(q, p.refs[0], "out", ("HOSTED_BY",))).keep(p.types)


@runner("hosted")
def hosted(q: GraphQueries, p: Params) -> Result:
    return Result(_far(q, p.refs[0], "in", ("HOSTED_BY",))).keep(p.types)


@runner("topic")
def topic(q: GraphQueries, p: Params) -> Result:
    """Nodes of the asked types one edge (any type, either way) from the topic."""
    return Result(_far(q, p.refs[0], "both", ())).keep(p.types)


def by_name(nodes: list[Node], text: str, types: list[str]) -> list[Item]:
    """Nodes of `types` whose name holds `text`: the answer to a topic that is no node."""
    key = text.casefold()
    return _ordered([Item(node=n) for n in nodes if n.type in types
                     and any(key in name.casefold() for name in n.names)])
