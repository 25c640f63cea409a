"""Path queries: the shortest relationship paths between two nodes, with evidence.

A part of GraphQueries (graph/queries.py); `self.store` is the store protocol.
"""

from __future__ import annotations

from collections import defaultdict

from graph import limits
from graph.errors import LimitExceeded
from graph.model import Edge
from graph.publisher import context_ids
from graph.results import Path


class PathQueries:

    def paths(self, source: str, target: str, max_hops: int = 4, include_publisher: bool = False) -> list[Path]:
        """Every shortest relationship path between two nodes (up to MAX_PATHS), edges either way;
        none through a publisher unless `include_publisher` (either end may be one)."""
        if not 1 <= max_hops <= limits.MAX_HOPS:
            raise LimitExceeded(f"max_hops must be between 1 and {limits.MAX_HOPS} (got {max_hops})")
        a, b = self.resolve(source), self.resolve(target)
        avoid = context_ids(self.store, include_publisher, [a.id, b.id])
        node_paths = self.store.shortest_node_paths(a.id, b.id, max_hops, limits.MAX_PATHS, avoid=avoid)
        ids = {i for p in node_paths for i in p}
        nodes = self.store.get_nodes(ids)
        between: dict[frozenset, list[Edge]] = defaultdict(list)
        keys = [k for k in self.store.edge_keys(ids, "out") if k[2] in ids]  # keys: a hub on a path is cheap
        for _, edge in sorted(self.store.get_edges(keys).items()):
            between[frozenset((edge.source, edge.target))].append(edge)
        paths = []
        for p in node_paths:
            hops = [min(between[frozenset(pair)], key=lambda e: (e.source != pair[0], e.type))
                    for pair in zip(p, p[1:])]
            paths.append(Path(nodes=[nodes[i] for i in p], edges=hops))
        return paths
