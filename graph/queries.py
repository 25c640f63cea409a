"""Relationship queries, written once against the store protocol.

Both backends answer through these functions, so a query that exists gives the
same answer on networkx and on Neo4j. Every query resolves names first
(id, Chinese, English, alias, Traditional script), checks its limits, and
returns typed results that carry the evidence of every edge.

The queries are written in parts, one module per idea, joined here into GraphQueries:
graph/query_names.py (resolve, suggest, search), query_walks.py (neighbours, subgraphs),
query_support.py (supporters, zone profiles), query_paths.py (shortest paths); rankings,
bridges and stats stay here.
"""

from __future__ import annotations

from collections import defaultdict

from graph import limits
from graph.empty import check_not_empty
from graph.errors import InvalidInput
from graph.model import Edge
from graph.publisher import context_ids
from graph.rank_apart import apart_ids
from graph.query_args import _check_limit, _edge_type, _label, _node_type  # noqa: F401 (re-exported)
from graph.query_names import NameQueries
from graph.query_paths import PathQueries
from graph.query_support import SupportQueries, _grouped  # noqa: F401 (re-exported)
from graph.query_walks import WalkQueries
from graph.results import Bridge, Ranked, Stats
from graph.store import GraphStore


class GraphQueries(NameQueries, WalkQueries, SupportQueries, PathQueries):
    def __init__(self, store: GraphStore):
        self.store = store

    # ---- analytics -------------------------------------------------------

    def rank(self, by: str = "degree", type_: str | None = None, limit: int = 20,
             include_publisher: bool = False) -> list[Ranked]:
        """The most connected nodes. By default publishers are left out and scores count no tie to
        them (degree without their edges, betweenness on the graph without them); the city a publisher
        is named after (北京市) is ranked apart too (graph/rank_apart.py: it is context, not an answer)."""
        _check_limit(limit, 0)
        if by not in ("degree", "betweenness"):
            raise InvalidInput(f"rank by 'degree' or 'betweenness', not {by!r}")
        context = context_ids(self.store, include_publisher)
        if by == "degree":
            if type_:
                ids = [n.id for n in self.store.nodes_of_type(_node_type(type_))]
            else:
                ids = [n.id for n in self.store.iter_nodes()]
            scores = {i: float(d) for i, d in self.store.degrees(i for i in ids if i not in context).items()}
            for source, _, target in self.store.edge_keys(context, "both") if context else ():
                for end in {source, target} - context:
                    if end in scores:
                        scores[end] -= 1
        else:
            scores = self._betweenness(context)
            if type_:
                keep = {n.id for n in self.store.nodes_of_type(_node_type(type_))}
                scores = {i: s for i, s in scores.items() if i in keep}
        apart = apart_ids(self.store, include_publisher)
        top = sorted((i for i in scores if i not in apart), key=lambda i: (-round(scores[i], 9), i))[:limit]
        if not top:
            check_not_empty(self.store)
        nodes = self.store.get_nodes(top)
        return [Ranked(node=nodes[i], score=round(scores[i], 6)) for i in top]

    def bridges(self, include_publisher: bool = False) -> list[Bridge]:
        """Nodes (other than zones) tied directly to more than one zone: who links the zones. A
        publisher, tied to every zone by the report it wrote, is left out unless included."""
        zones = {z.id: z for z in self.zones()}
        context = context_ids(self.store, include_publisher)
        tied: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.store.edges(list(zones), "both"):
            for end, other in ((edge.source, edge.target), (edge.target, edge.source)):
                if end in zones and other not in zones and other not in context:
                    tied[other].append(edge)
        multi = {i: es for i, es in tied.items()
                 if len({e.source if e.source in zones else e.target for e in es}) > 1}
        nodes = self.store.get_nodes(multi)
        out = []
        for i, es in multi.items():
            zone_ids = sorted({e.source if e.source in zones else e.target for e in es})
            out.append(Bridge(node=nodes[i], zones=[zones[z] for z in zone_ids], edges=es))
        if not out:
            check_not_empty(self.store)
        return sorted(out, key=lambda b: (-len(b.zones), b.node.id))

    def stats(self) -> Stats:
        counts = self.store.counts()
        return Stats(backend=self.store.backend, nodes=counts.total_nodes, edges=counts.total_edges,
                     nodes_by_type=counts.nodes, edges_by_type=counts.edges,
                     documents=self.store.documents())

    # ---- helpers ---------------------------------------------------------
    def _betweenness(self, leave_out: frozenset[str] = frozenset()) -> dict[str, float]:
        """Betweenness of every node (on the graph without `leave_out`), computed once per state of the
        graph where the store can tell."""
        return self.store.memo(("betweenness", leave_out), lambda: self._compute_betweenness(leave_out))

    def _compute_betweenness(self, leave_out: frozenset[str] = frozenset()) -> dict[str, float]:
        import networkx as nx  # here, not at the top: a CLI page should not pay its import (0.4 s)

        g = nx.Graph()
        g.add_nodes_from(n.id for n in self.store.iter_nodes() if n.id not in leave_out)
        g.add_edges_from((e.source, e.target) for e in self.store.iter_edges()
                         if e.source not in leave_out and e.target not in leave_out)
        exact = g.number_of_nodes() <= limits.EXACT_BETWEENNESS_NODES
        k = None if exact else min(limits.BETWEENNESS_SAMPLE, g.number_of_nodes())
        return nx.betweenness_centrality(g, k=k, seed=None if exact else 0, normalized=True)
