"""The subgraph a view draws around a node, with the report's publisher collapsed to context.

The bundled report's author (北京市科学技术委员会) is tied to almost every node it
writes about. A plain depth-2 walk from a zone therefore returns the publisher's
whole neighbourhood (a hub of 120+ spokes) and the drawing becomes the publisher's
hairball with the zone pushed to the edge. A view walks the graph without passing
through a publisher instead: a publisher met on the way is kept as one small
context node, joined only to the centre, and the page says so (`Focus.note_*`).
Cost follows the page: the publisher's own edges are never read.

Who counts as a publisher is decided once, by graph/publisher.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph import limits
from graph.errors import LimitExceeded
from graph.model import Edge
from graph.publisher import publisher_ids as shared_publisher_ids
from graph.queries import GraphQueries, _edge_type, _node_type
from graph.results import Subgraph
from graph.text import normalize


@dataclass
class Focus:
    """A view's subgraph and what was collapsed to make it readable."""

    sub: Subgraph
    #: publishers drawn as context nodes (joined to the centre only)
    context: list[str] = field(default_factory=list)
    #: relations of a publisher to nodes of the view that are not drawn
    hidden_edges: int = 0
    #: the whole graph (no centre to tie the publisher to)
    whole: bool = False

    def notes(self) -> dict[str, str]:
        return {lang: self.note(lang) for lang in ("zh", "en")}

    def note(self, lang: str) -> str:
        if not self.context and not self.hidden_edges:
            return ""
        names = "、".join(n.name_zh for n in self.sub.nodes if n.id in self.context) or "发布单位"
        names_en = ", ".join(n.name_en or n.name_zh for n in self.sub.nodes if n.id in self.context) \
            or "the publisher"
        tied_zh, tied_en = ("", "") if self.whole else ("（只连中心）", " (tied to the centre only)")
        if lang == "zh":
            return (f"{names}是报告的发布单位，作为背景只画一次{tied_zh}；"
                    f"它与图中其他节点的 {self.hidden_edges} 条关系未画出，可在其详情页查看。")
        return (f"{names_en} published the report; it is drawn once as context{tied_en}; "
                f"its {self.hidden_edges} relations to other nodes here are left out (see its page).")


def publisher_ids(queries: GraphQueries) -> set[str]:
    """The ids of the nodes that published the graph's documents (graph/publisher.py decides, for
    every view and query alike)."""
    return set(shared_publisher_ids(queries.store))


def focused_subgraph(queries: GraphQueries, ref: str, depth: int = 2, types=(), rels=(),
                     max_nodes: int = limits.DEFAULT_SUBGRAPH_NODES, year: int | None = None) -> Focus:
    """The nodes within `depth` hops of `ref`, walking around publishers (see the module's note).

    Same arguments and limits as GraphQueries.subgraph; a node named as a publisher is walked
    from only when it is the centre itself (its own page is about it)."""
    if not 1 <= depth <= limits.MAX_DEPTH:
        raise LimitExceeded(f"depth must be between 1 and {limits.MAX_DEPTH} (got {depth})")
    if not 1 <= max_nodes <= limits.MAX_SUBGRAPH_NODES:
        raise LimitExceeded(f"max_nodes must be between 1 and {limits.MAX_SUBGRAPH_NODES}")
    node_types = {_node_type(t) for t in types}
    edge_types = [_edge_type(r) for r in rels]
    center = queries.resolve(ref)
    skip = publisher_ids(queries) - {center.id}
    year_docs = {d.id for d in queries.store.documents() if d.year == year} if year is not None else None
    seen, frontier, kept, omitted = {center.id}, [center.id], {}, 0
    for _ in range(depth):
        fresh = []
        for edge in _level(queries, frontier, edge_types, year_docs):
            for end in (edge.source, edge.target):
                if end in seen:
                    continue
                if len(seen) >= max_nodes:
                    omitted += 1
                    continue
                seen.add(end)
                if end not in skip:
                    fresh.append(end)
            if edge.source in seen and edge.target in seen:
                kept[edge.key] = edge
        frontier = fresh
        if not frontier:
            break
    return _collapse(queries, center.id, seen, list(kept.values()), skip, node_types, omitted)


def _level(queries: GraphQueries, frontier: list[str], edge_types, year_docs) -> list[Edge]:
    if not frontier:
        return []
    if year_docs is None:
        keys = queries.store.edge_keys(frontier, "both", edge_types)
        found = queries.store.get_edges(keys)
        return [found[k] for k in keys if k in found]
    return [e for e in queries.store.edges(frontier, "both", edge_types)
            if any(ev.doc in year_docs for ev in e.evidence)]


def _collapse(queries, center: str, seen: set[str], edges: list[Edge], skip: set[str], node_types,
              omitted: int) -> Focus:
    """Keep a publisher only as context: its edges to the centre; the rest are counted, not drawn."""
    drawn, hidden = [], 0
    for e in edges:
        ends = {e.source, e.target}
        if ends & skip and center not in ends:
            hidden += 1
            continue
        drawn.append(e)
    touching = {end for e in drawn for end in (e.source, e.target)}
    ids = {i for i in seen if i not in skip or i in touching}
    nodes = queries.store.get_nodes(ids)
    keep = {i for i, n in nodes.items() if not node_types or n.type in node_types or i == center}
    sub = Subgraph(center=center, nodes=[nodes[i] for i in sorted(keep)],
                   edges=[e for e in drawn if e.source in keep and e.target in keep],
                   truncated=bool(omitted), omitted=omitted)
    context = sorted(keep & skip)
    return Focus(sub, context, hidden if context or hidden else 0)


def whole_focus(queries: GraphQueries) -> Focus:
    """The whole graph with each publisher drawn once, without its spokes (counted in the note)."""
    whole = queries.whole_graph()
    skip = publisher_ids(queries)
    edges = [e for e in whole.edges if not ({e.source, e.target} & skip)]
    hidden = len(whole.edges) - len(edges)
    return Focus(whole.model_copy(update={"edges": edges}), sorted(skip & {n.id for n in whole.nodes}), hidden,
                 whole=True)


def collapse_subgraph(sub: Subgraph, documents) -> Focus:
    """The same collapse on a subgraph already fetched (the PNG/SVG exports get one and the documents):
    nodes reached only through a publisher are dropped, the publisher keeps its edges to the centre."""
    names = {normalize(d.publisher) for d in documents if d.publisher}
    skip = {n.id for n in sub.nodes if n.id != sub.center and names & {normalize(x) for x in n.names}}
    if not sub.center or not skip:
        return Focus(sub)
    adjacent: dict[str, set[str]] = {}
    for e in sub.edges:
        adjacent.setdefault(e.source, set()).add(e.target)
        adjacent.setdefault(e.target, set()).add(e.source)
    seen, frontier = {sub.center}, [sub.center]
    while frontier:
        fresh = [m for n in frontier if n not in skip for m in adjacent.get(n, ()) if m not in seen]
        seen.update(fresh)
        frontier = list(dict.fromkeys(fresh))
    edges = [e for e in sub.edges if e.source in seen and e.target in seen]
    drawn = [e for e in edges if not ({e.source, e.target} & skip) or sub.center in (e.source, e.target)]
    touching = {end for e in drawn for end in (e.source, e.target)}
    keep = {i for i in seen if i not in skip or i in touching}
    nodes = [n for n in sub.nodes if n.id in keep]
    return Focus(sub.model_copy(update={"nodes": nodes, "edges": [e for e in drawn if e.source in keep
                                                                   and e.target in keep]}),
                 sorted(keep & skip), len(edges) - len(drawn))
