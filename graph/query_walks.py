"""Neighbourhood queries: the walk around a node (graph/walk.py defines it), whole-graph exports.

A part of GraphQueries (graph/queries.py); `self.store` is the store protocol.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph import limits
from graph.empty import check_not_empty
from graph.errors import LimitExceeded, NotFound
from graph.fallback import related_fallback
from graph.model import Edge
from graph.publisher import context_ids
from graph.query_args import _edge_type, _node_type
from graph.results import Subgraph
from graph.walk import walk_via_edges


class WalkQueries:

    def neighbors(self, ref: str, depth: int = 1, type_: str | None = None, rel: str | None = None,
                  max_nodes: int = limits.DEFAULT_SUBGRAPH_NODES, year: int | None = None,
                  include_publisher: bool = False) -> Subgraph:
        return self.subgraph(ref, depth=depth, types=[type_] if type_ else [],
                             rels=[rel] if rel else [], max_nodes=max_nodes, year=year,
                             include_publisher=include_publisher)

    def subgraph(self, ref: str, depth: int = 2, types: Sequence[str] = (), rels: Sequence[str] = (),
                 max_nodes: int = limits.DEFAULT_SUBGRAPH_NODES, year: int | None = None,
                 include_publisher: bool = False) -> Subgraph:
        """The centre and every node within `depth` hops (either direction), breadth first.

        `types` filters the nodes returned (the walk passes through every node but a
        publisher, which it takes without walking on: graph/publisher.py; `include_publisher`
        walks through it too); `rels` filters the edges walked; `year` walks only edges with
        evidence from a document of that year. Past `max_nodes` the walk stops and says so.
        """
        docs_of_year = self._documents_of_year(year) if year is not None else None
        if not 1 <= depth <= limits.MAX_DEPTH:
            raise LimitExceeded(f"depth must be between 1 and {limits.MAX_DEPTH} (got {depth})")
        if not 1 <= max_nodes <= limits.MAX_SUBGRAPH_NODES:
            raise LimitExceeded(f"max_nodes must be between 1 and {limits.MAX_SUBGRAPH_NODES}")
        node_types = {_node_type(t) for t in types}
        edge_types = [_edge_type(r) for r in rels]
        center = self.resolve(ref)
        stop = context_ids(self.store, include_publisher, [center.id])
        if docs_of_year is None:
            walk = self.store.walk(center.id, depth, edge_types, max_nodes, stop=stop)
        else:
            def of_year(edge: Edge) -> bool:
                return any(ev.doc in docs_of_year for ev in edge.evidence)

            walk = walk_via_edges(self.store, center.id, depth, edge_types, max_nodes, keep=of_year, stop=stop)
        nodes = self.store.get_nodes(walk.nodes)
        keep = {i for i, n in nodes.items() if not node_types or n.type in node_types or i == center.id}
        fallback = None
        if node_types and keep == {center.id} and len(nodes) > 1:
            fallback = related_fallback(self, center.id, "/".join(sorted(node_types)), "neighbors", depth)
        return Subgraph(
            center=center.id,
            nodes=[nodes[i] for i in sorted(keep)],
            edges=[e for e in walk.edges if e.source in keep and e.target in keep],
            truncated=bool(walk.omitted),
            omitted=walk.omitted,
            omitted_is_lower_bound=not walk.omitted_exact,
            context=sorted(stop & keep),
            fallback=fallback,
        )

    def whole_graph(self) -> Subgraph:
        """Every node and edge, for exports of the whole graph."""
        nodes = sorted(self.store.iter_nodes(), key=lambda n: n.id)
        if not nodes:
            check_not_empty(self.store)
        edges = sorted(self.store.iter_edges(), key=lambda e: e.key)
        return Subgraph(nodes=nodes, edges=edges)

    def _documents_of_year(self, year: int) -> set[str]:
        docs = {d.id for d in self.store.documents() if d.year == year}
        if not docs:
            years = sorted({d.year for d in self.store.documents() if d.year is not None})
            raise NotFound(f"no document of {year} in the graph", [str(y) for y in years])
        return docs
