"""The query behind each question form, run through GraphQueries and the store protocol.

Each runner takes the resolved parameters and returns the rows of the answer
with the edges (and so the evidence) that put every row there. Runners never
see the question's text: only node ids, node types and a year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from graph import limits
from graph.ask.model import Item
from graph.model import Document, Edge, Node
from graph.publisher import publisher_ids
from graph.queries import GraphQueries
from graph.results import Path
from graph.schema import MEMBER_EDGES, NODE_TYPES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

MAX_ITEMS = 300
RANK_LIMIT = 10
PATH_HOPS = 4
TYPE_ORDER = list(NODE_TYPES)


@dataclass
class Params:
    refs: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    year: int | None = None
    lang: str = "en"  # the question's language, for a runner that declines in words
    #: rank every row of the types (up to limits.MAX_LIMIT), not the top RANK_LIMIT: a narrow word
    #: ("大学" of Institution) filters them first and the answer cuts the top after (answer.py)
    rank_all: bool = False
    #: the question's narrow words (graph/ask/narrow.py), for a runner that counts rows it does not list:
    #: "哪个园区的研究机构最多" counts research institutes, not every institution (most_members, session 17)
    narrow: list = field(default_factory=list)


@dataclass
class Result:
    items: list[Item] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)
    total: int | None = None  # a count that is not the number of items (stats)
    through_publisher: bool = False  # the paths found pass through the report's publisher
    ranked_apart: bool = False  # a ranking that left out its context (graph/rank_apart.py): say so
    other_years: list[Node] = field(default_factory=list)  # new_in_year: events the documents name, of another year
    depth: int | None = None  # hops of the farthest row, where a row gathers several paths (fields); else its edges
    #: the items are one page of a longer answer (a hub of the zone index read by page: zone_rows.py); the count
    #: is `total` where the index gives it whole, else "at least" the rows found (session 18)
    more: bool = False
    bounds: list[str] = field(default_factory=list)  #: what stopped such a page, in the question's words

    def keep(self, types: list[str]) -> Result:
        if types:
            self.items = [i for i in self.items if i.node.type in types]
        return self


Runner = Callable[[GraphQueries, Params], Result]
RUNNERS: dict[str, Runner] = {}


def runner(name: str):
    def register(fn: Runner) -> Runner:
        RUNNERS[name] = fn
        return fn
    return register


#: Answers whose order is their meaning (a ranking, a path): the publisher keeps its place there.
_ORDERED_BY_MEANING = frozenset({"rank", "bridges", "paths", "stats", "most_supported", "most_members"})


def run(name: str, q: GraphQueries, params: Params) -> Result:
    result = RUNNERS[name](q, params)
    if name not in _ORDERED_BY_MEANING:
        result.items = _publisher_last(q, result.items, params.refs)
    return result


def _publisher_last(q: GraphQueries, items: list[Item], refs: list[str]) -> list[Item]:
    """The report's author supports nearly everything it writes about; first in every listing it
    would lead each zone's story, so it is listed (still) but last (graph/publisher.py)."""
    context = publisher_ids(q.store) - set(refs)
    if not context:
        return items
    return sorted(items, key=lambda i: i.node.id in context)


# ---- one hop ---------------------------------------------------------------

def _far(q: GraphQueries, ref: str, direction: str, types: tuple[str, ...]) -> list[Item]:
    """The nodes one `types` edge away from `ref` ('out': ref is the source; 'in': the target)."""
    edges = q.store.edges([ref], direction, list(types))
    ends = {e.target if e.source == ref else e.source for e in edges}
    nodes = q.store.get_nodes(ends)
    items = []
    for e in edges:
        far = e.target if e.source == ref else e.source
        if far in nodes and far != ref:
            items.append(Item(node=nodes[far], relation=e.type, edges=[e]))
    return _ordered(items)


def _ordered(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.via is not None, TYPE_ORDER.index(i.node.type), i.node.id,
                                        i.via.id if i.via else ""))


@runner("supporters")
def supporters(q: GraphQueries, p: Params) -> Result:
    from graph.ask import zone_rows  # it builds on this module's Result

    if zone_rows.indexed(q, p.refs[0]):  # a hub: one page, counted by the index (session 18)
        return zone_rows.supporters(q, p.refs[0], p.types)
    return Result([Item(node=s.node, relation=s.relation, via=s.via, edges=s.path)
                   for s in q.supporters(p.refs[0])]).keep(p.types)


@runner("supported")
def supported(q: GraphQueries, p: Params) -> Result:
    ref = p.refs[0]
    items = _far(q, ref, "out", SUPPORT_EDGES_IN) + _far(q, ref, "in", SUPPORT_EDGES_OUT)
    if len(p.refs) > 1:  # "市科委在经开区支持了哪些项目" (form supported_in, session 15): only what lies in the place
        items = _inside(q, items, p.refs[1])
    return Result(_ordered(items)).keep(p.types)


def _inside(q: GraphQueries, items: list[Item], place: str) -> list[Item]:
    """The rows located in or part of `place` (or of a zone in it), each with its hop(s) into the place."""
    from graph.ask.relations import deep_members  # relations.py registers runners from this module

    members = {m.node.id: m for m in deep_members(q, place)}
    return [Item(node=i.node, relation=i.relation, via=members[i.node.id].via,
                 edges=i.edges + members[i.node.id].edges) for i in items if i.node.id in members]


@runner("did_for")
def did_for(q: GraphQueries, p: Params) -> Result:
    """What body A did for place B ("市科委为经开区做了什么", session 15): what A supports or leads that lies
    in B (with the hop into B), what A supports or leads that supports B (with both edges), and A's own
    support of B (the row is B, with the edge). Nothing else: not A's indicators, not what A supports
    elsewhere. A body that did nothing the graph records for B gets no rows (an honest empty answer)."""
    body, place = p.refs[0], p.refs[1]
    done = [i for i in _far(q, body, "out", SUPPORT_EDGES_IN) + _far(q, body, "in", SUPPORT_EDGES_OUT)
            if i.node.id != place]
    into = _far(q, place, "in", SUPPORT_EDGES_IN) + _far(q, place, "out", SUPPORT_EDGES_OUT)
    backs = {}  # supporter of B -> its edge to B
    for i in into:
        backs.setdefault(i.node.id, i.edges[0])
    rows = _inside(q, done, place)
    seen = {i.node.id for i in rows}
    for i in done:
        if i.node.id in backs and i.node.id not in seen:
            rows.append(Item(node=i.node, relation=i.relation, edges=i.edges + [backs[i.node.id]]))
            seen.add(i.node.id)
    own = []  # A's direct support of B, last: the row is B itself, what A did is its edge
    if body in backs:
        nodes = q.store.get_nodes([place])
        if place in nodes:
            own.append(Item(node=nodes[place], relation=backs[body].type, edges=[backs[body]]))
    return Result(_ordered(rows) + own).keep(p.types)


#: Questions answered by one hop from the entity: (direction, edge types) per query.
#: (members and partners look through member zones: graph/ask/relations.py)
NEIGHBOUR_QUERIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "parts": ("in", ("PART_OF",)),
    "location": ("out", MEMBER_EDGES),
    "investments": ("out", ("INVESTS_IN",)),
    "investors": ("in", ("INVESTS_IN",)),
}


def _one_hop(direction: str, types: tuple[str, ...]) -> Runner:
    def answer(q: GraphQueries, p: Params) -> Result:
        return Result(_far(q, p.refs[0], direction, types)).keep(p.types)
    return answer


for _name, (_direction, _types) in NEIGHBOUR_QUERIES.items():
    runner(_name)(_one_hop(_direction, _types))


@runner("field_actors")
def field_actors(q: GraphQueries, p: Params) -> Result:
    return Result(_far(q, p.refs[0], "in", ("FOCUSES_ON",))).keep(p.types)


@runner("indicators")
def indicators(q: GraphQueries, p: Params) -> Result:
    return Result(_far(q, p.refs[0], "in", ("MEASURES",)))


@runner("fields")
def fields(q: GraphQueries, p: Params) -> Result:
    """What the node focuses on, directly or through its members (as in the zone profile).

    One row per field (session 14; session 13b's left-over): 经开区's fields came twice each, directly and
    through the platform that focuses on them too, while the summary counted 6. The row is direct when the
    node itself focuses on the field, else through the first member that does; it holds every edge (each
    member's with its membership hop), and its value is how many of the node and its members focus on it."""
    ref = p.refs[0]
    member_edges = {e.source: e for e in q.store.edges([ref], "in", MEMBER_EDGES)}
    focus = q.store.edges([ref, *member_edges], "out", ["FOCUSES_ON"])
    nodes = q.store.get_nodes({e.target for e in focus} | set(member_edges))
    by_field: dict[str, list[Edge]] = defaultdict(list)
    for e in sorted(focus, key=lambda e: (e.source != ref, e.source)):
        by_field[e.target].append(e)
    items = []
    for target, found in by_field.items():
        hops = [h for e in found for h in ([e] if e.source == ref else [e, member_edges[e.source]])]
        via = None if found[0].source == ref else nodes[found[0].source]
        items.append(Item(node=nodes[target], relation="FOCUSES_ON", via=via, edges=hops, value=len(found)))
    items.sort(key=lambda i: (-(i.value or 0), i.via is not None, i.node.id))
    return Result(items, depth=2 if member_edges and any(e.source != ref for e in focus) else 1)


@runner("about")
def about(q: GraphQueries, p: Params) -> Result:
    from graph.ask import zone_rows

    if zone_rows.indexed(q, p.refs[0]):  # a hub: one page of each kind of relation (session 18)
        return zone_rows.relations(q, p.refs[0], p.lang).keep(p.types)
    return Result(_far(q, p.refs[0], "both", ())).keep(p.types)


# ---- two ends ----------------------------------------------------------------

@runner("paths")
def paths(q: GraphQueries, p: Params) -> Result:
    """Paths that do not pass through the report's publisher; failing that, those that do (said so)."""
    found = q.paths(p.refs[0], p.refs[1], max_hops=PATH_HOPS)
    if found:
        return Result(paths=found)
    return Result(paths=q.paths(p.refs[0], p.refs[1], max_hops=PATH_HOPS, include_publisher=True),
                  through_publisher=True)


# ---- the whole graph -----------------------------------------------------------

@runner("list")
def listing(q: GraphQueries, p: Params) -> Result:
    items = [Item(node=n) for t in p.types for n in q.store.nodes_of_type(t)]
    return Result(_ordered(items))


@runner("bridges")
def bridges(q: GraphQueries, p: Params) -> Result:
    items = [Item(node=b.node, edges=b.edges, value=len(b.zones)) for b in q.bridges()]
    return Result(items).keep(p.types)


@runner("rank")
def rank(q: GraphQueries, p: Params) -> Result:
    limit = limits.MAX_LIMIT if p.rank_all else RANK_LIMIT
    ranked = [r for t in (p.types or [None]) for r in q.rank("degree", t, limit)]
    ranked.sort(key=lambda r: (-r.score, r.node.id))
    return Result([Item(node=r.node, value=r.score) for r in ranked[:limit]], ranked_apart=True)


@runner("stats")
def stats(q: GraphQueries, p: Params) -> Result:
    s = q.stats()
    by_type = {t: c for t, c in s.nodes_by_type.items() if not p.types or t in p.types}
    total = sum(by_type.values()) if p.types else s.nodes
    return Result(by_type=by_type, total=total, documents=s.documents)


@runner("new_in_year")
def new_in_year(q: GraphQueries, p: Params) -> Result:
    """What the documents of year N brought: the nodes they are a source of. An event is of its own year,
    whichever report names it: "去年有哪些活动" listed the 2017 party congress and the 2022 Games because the
    2018 report mentions them (session 13, left); they are set apart and said, and an event of year N named
    by a later report is listed."""
    docs = [d for d in q.store.documents() if _year_of(d) == p.year]
    ids = {d.id for d in docs}
    nodes = [n for n in q.store.iter_nodes() if _own_year(n) == p.year or (_own_year(n) is None and ids.intersection(n.sources))]
    other = [n for n in q.store.iter_nodes() if ids.intersection(n.sources) and _own_year(n) not in (None, p.year)]
    if p.types:
        nodes = [n for n in nodes if n.type in p.types]
        other = [n for n in other if n.type in p.types]
    by_type: dict[str, int] = defaultdict(int)
    for n in nodes:
        by_type[n.type] += 1
    items = _ordered([Item(node=n) for n in nodes])
    return Result(items, documents=docs, by_type=dict(sorted(by_type.items(), key=lambda kv: TYPE_ORDER.index(kv[0]))),
                  other_years=[i.node for i in _ordered([Item(node=n) for n in other])])


def _own_year(node: Node) -> int | None:
    """The year an event took place (attrs.year); other nodes are of the documents that bring them (a
    plan's year is the year it covers, not the year it was made: 2019年度工作方案 was drawn up in 2018)."""
    year = (node.attrs or {}).get("year") if node.type == "Event" else None
    return year if isinstance(year, int) else None


def _year_of(doc: Document) -> int | None:
    if doc.year:
        return doc.year
    head = (doc.date or "")[:4]
    return int(head) if head.isdigit() else None


def data_years(q: GraphQueries) -> list[int]:
    return sorted({y for d in q.store.documents() if (y := _year_of(d))})


def edges_of(result: Result) -> list[Edge]:
    seen: dict[tuple, Edge] = {}
    for item in result.items:
        for e in item.edges:
            seen.setdefault(e.key, e)
    for path in result.paths:
        for e in path.edges:
            seen.setdefault(e.key, e)
    return list(seen.values())


def nodes_of(result: Result, anchors: list[Node]) -> list[Node]:
    seen: dict[str, Node] = {n.id: n for n in anchors}
    for item in result.items:
        seen.setdefault(item.node.id, item.node)
        if item.via:
            seen.setdefault(item.via.id, item.via)
    for path in result.paths:
        for n in path.nodes:
            seen.setdefault(n.id, n)
    return list(seen.values())
