"""What two nodes have in common: the nodes tied directly to both (a planner's "compare two zones").

Why a form of its own: "怀柔科学城和未来科学城有什么共同点？" used to be read as the members of the
second zone (the first name was taken as joined and answered apart): another question's rows. The
graph can say what both are tied to (the same parent zone, the same program, the same field), each
row with the edge to each side, so that is the answer; differences ("区别", "compare") are declined
with what can be asked instead (graph/ask/screen.py), because a list of what only one has is a
zone profile, which `innograph zone` already gives for each.
"""

from __future__ import annotations

from graph.ask import zone_rows
from graph.ask.model import Item
from graph.ask.run import Params, Result, _ordered, runner
from graph.queries import GraphQueries


@runner("common")
def common(q: GraphQueries, p: Params) -> Result:
    """Nodes with a direct edge to both refs, each row with its edge to the first and to the second."""
    a, b = p.refs[0], p.refs[1]
    if a == b:
        return Result()
    ties: list[dict] = []
    for ref in (a, b):
        edges: dict = {}
        for direction in ("out", "in"):
            for e in q.store.edges([ref], direction):
                far = e.target if e.source == ref else e.source
                if far not in (a, b):
                    edges.setdefault(far, e)
        ties.append(edges)
    both = sorted(set(ties[0]) & set(ties[1]))
    nodes = q.store.get_nodes(both)
    items = [Item(node=nodes[n], relation=ties[0][n].type, edges=[ties[0][n], ties[1][n]]) for n in both if n in nodes]
    return Result(_ordered(items)).keep(p.types)


@runner("common_supporters")
def common_supporters(q: GraphQueries, p: Params) -> Result:
    """The supporters of both refs (directly or through a member), each row with its path to each side.

    Why apart from `common`: "怀柔科学城和未来科学城有什么共同的支持者" asked for supporters; the nodes tied
    to both included the parent zone (三城一区, PART_OF), which supports neither. The report's author is
    kept, and listed last like everywhere else (run._publisher_last)."""
    a, b = p.refs[0], p.refs[1]
    if a == b:
        return Result()
    if zone_rows.indexed(q, a) or zone_rows.indexed(q, b):  # by page, keyed lookups in the other (session 18)
        return zone_rows.common_supporters(q, a, b, p.types, p.lang)
    first = {s.node.id: s for s in q.supporters(a) if s.node.id not in (a, b)}
    items = []
    for s in q.supporters(b):
        other = first.get(s.node.id)
        if other is None:
            continue
        via = other.via or s.via
        items.append(Item(node=s.node, relation=other.relation, via=via, edges=list(other.path) + list(s.path)))
        first.pop(s.node.id)  # a supporter reached through two members of b is one row
    return Result(_ordered(items)).keep(p.types)
