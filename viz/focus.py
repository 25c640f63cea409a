"""The subgraph a view draws around a node, with the report's publisher collapsed to context.

The bundled report's author (北京市科学技术委员会) is tied to almost every node it
writes about. A plain depth-2 walk from a zone therefore returns the publisher's
whole neighbourhood (a hub of 120+ spokes) and the drawing becomes the publisher's
hairball with the zone pushed to the edge. A view walks the graph without passing
through a publisher instead: a publisher met on the way is kept as one small
context node, joined only to the centre, and the page says so (`Focus.note_*`).
Cost follows the page: the publisher's own edges are never read.

Who counts as a publisher is decided once, by graph/publisher.py.

The whole graph (`whole_focus`) also draws the city the report covers (北京市, found by
graph/rank_apart.py) as context: its ties are mostly city-wide indicators, so by degree it
was the largest hub in the middle of the map. Its edges are kept (the indicators hang on it),
but it is drawn small and muted and the page says why (rule 2: context, not the centre).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph import limits
from graph.publisher import publisher_ids as shared_publisher_ids
from graph.queries import GraphQueries, _node_type
from graph.rank_apart import home_region_ids
from graph.results import Subgraph


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
    #: the city the report covers, drawn as context with its edges (whole graph only); also in `context`
    home: list[str] = field(default_factory=list)
    #: what the whole graph is laid out around: its zones (viz/layout.py's `middle`)
    middle: list[str] = field(default_factory=list)

    def notes(self) -> dict[str, str]:
        return {lang: self.note(lang) for lang in ("zh", "en")}

    def note(self, lang: str) -> str:
        return ("" if lang == "zh" else " ").join(t for t in (self._publisher_note(lang), self._home_note(lang)) if t)

    def _publisher_note(self, lang: str) -> str:
        publishers = [i for i in self.context if i not in self.home]
        if not publishers and not self.hidden_edges:
            return ""
        names = "、".join(n.name_zh for n in self.sub.nodes if n.id in publishers) or "发布单位"
        names_en = ", ".join(n.name_en or n.name_zh for n in self.sub.nodes if n.id in publishers) \
            or "the publisher"
        tied_zh, tied_en = ("", "") if self.whole else ("（只连中心）", " (tied to the centre only)")
        if lang == "zh":
            return (f"{names}是报告的发布单位，作为背景只画一次{tied_zh}；"
                    f"它与图中其他节点的 {self.hidden_edges} 条关系未画出，可在其详情页查看。")
        return (f"{names_en} published the report; it is drawn once as context{tied_en}; "
                f"its {self.hidden_edges} relations to other nodes here are left out (see its page).")

    def _home_note(self, lang: str) -> str:
        homes = [n for n in self.sub.nodes if n.id in self.home]
        if not homes:
            return ""
        ties = {i: 0 for i in self.home}
        for e in self.sub.edges:
            for end in {e.source, e.target} & ties.keys():
                ties[end] += 1
        if lang == "zh":
            return "".join(f"{n.name_zh}（报告所述的城市）也作为背景画小：它的 {ties[n.id]} 个连接多是全市指标，"
                           "并非对各园区的支持；图以园区为中心。" for n in homes)
        return " ".join(f"{n.name_en or n.name_zh} (the city the report covers) is drawn small as context too: most "
                        f"of its {ties[n.id]} ties are city-wide indicators, not support for the zones; the map "
                        "is centred on the zones." for n in homes)


def publisher_ids(queries: GraphQueries) -> set[str]:
    """The ids of the nodes that published the graph's documents (graph/publisher.py decides, for
    every view and query alike)."""
    return set(shared_publisher_ids(queries.store))


def focused_subgraph(queries: GraphQueries, ref: str, depth: int = 2, types=(), rels=(),
                     max_nodes: int = limits.DEFAULT_SUBGRAPH_NODES, year: int | None = None) -> Focus:
    """The nodes within `depth` hops of `ref`, walking around publishers (see the module's note).

    The walk, its limits and its errors are GraphQueries.subgraph's (publishers taken in, never
    walked on); a view only collapses what the walk took as context, then filters by type."""
    walked = queries.subgraph(ref, depth, (), rels, max_nodes, year, include_publisher=False)
    focus = _collapse(walked, set(walked.context))
    if not types:
        return focus
    wanted = {_node_type(t) for t in types}
    keep = {n.id for n in focus.sub.nodes if n.type in wanted or n.id == walked.center}
    sub = focus.sub.model_copy(update={"nodes": [n for n in focus.sub.nodes if n.id in keep],
                                       "edges": [e for e in focus.sub.edges
                                                 if e.source in keep and e.target in keep],
                                       "context": [i for i in focus.sub.context if i in keep]})
    return Focus(sub, [i for i in focus.context if i in keep], focus.hidden_edges)


def _collapse(sub: Subgraph, skip: set[str]) -> Focus:
    """Keep a publisher only as context: its edges to the centre; the rest are counted, not drawn."""
    center = sub.center
    drawn, hidden = [], 0
    for e in sub.edges:
        ends = {e.source, e.target}
        if ends & skip and center not in ends:
            hidden += 1
            continue
        drawn.append(e)
    touching = {end for e in drawn for end in (e.source, e.target)}
    keep = {n.id for n in sub.nodes if n.id not in skip or n.id in touching}
    context = sorted(keep & skip)
    sub = sub.model_copy(update={"nodes": [n for n in sub.nodes if n.id in keep],
                                 "edges": [e for e in drawn if e.source in keep and e.target in keep],
                                 "context": context})
    return Focus(sub, context, hidden if context or hidden else 0)


def whole_focus(queries: GraphQueries) -> Focus:
    """The whole graph with each publisher drawn once, without its spokes (counted in the note), and
    the report's city drawn small as context, with its edges (see the module's note)."""
    whole = queries.whole_graph()
    skip = publisher_ids(queries)
    edges = [e for e in whole.edges if not ({e.source, e.target} & skip)]
    hidden = len(whole.edges) - len(edges)
    present = {n.id for n in whole.nodes}
    home = sorted((home_region_ids(queries.store) - skip) & present)
    return Focus(whole.model_copy(update={"edges": edges}), sorted(skip & present) + home, hidden,
                 whole=True, home=home, middle=sorted(n.id for n in whole.nodes if n.type == "Zone"))


def collapse_subgraph(sub: Subgraph) -> Focus:
    """The same collapse on a subgraph already fetched (the PNG/SVG exports get one): the publishers
    its walk took as context (`sub.context`, decided by graph/publisher.py) keep only their edges to
    the centre, and nodes reached only through them are dropped."""
    skip = set(sub.context) - {sub.center}
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
    reached = sub.model_copy(update={"nodes": [n for n in sub.nodes if n.id in seen],
                                     "edges": [e for e in sub.edges if e.source in seen and e.target in seen]})
    return _collapse(reached, skip)
