"""Path queries: the shortest relationship paths between two nodes, with evidence.

A part of GraphQueries (graph/queries.py); `self.store` is the store protocol.
"""

from __future__ import annotations

from collections import defaultdict

from graph import limits
from graph.bounded_paths import edges_between
from graph.errors import LimitExceeded, SearchBounded
from graph.model import Edge
from graph.publisher import context_ids
from graph.results import Path
from graph.schema import EDGE_TYPES


class PathQueries:

    def paths(self, source: str, target: str, max_hops: int = 4, include_publisher: bool = False,
              through_hubs: bool = False) -> list[Path]:
        """Every shortest relationship path between two nodes (up to MAX_PATHS), edges either way;
        none through a publisher unless `include_publisher` (either end may be one).

        The search reads at most limits.PATH_EXPAND_EDGES edges a level (graph/bounded_paths.py): a
        path that has to pass beyond a hub declines (SearchBounded, naming the hub) unless
        `through_hubs`, which reads the hub's edges (a cost that grows with the hub)."""
        if not 1 <= max_hops <= limits.MAX_HOPS:
            raise LimitExceeded(f"max_hops must be between 1 and {limits.MAX_HOPS} (got {max_hops})")
        a, b = self.resolve(source), self.resolve(target)
        avoid = context_ids(self.store, include_publisher, [a.id, b.id])
        cap = None if through_hubs else limits.PATH_EXPAND_EDGES
        try:
            node_paths = self.store.shortest_node_paths(a.id, b.id, max_hops, limits.MAX_PATHS, avoid=avoid,
                                                        cap=cap)
        except SearchBounded as exc:
            raise _named(self.store, exc) from None
        ids = {i for p in node_paths for i in p}
        nodes = self.store.get_nodes(ids)
        between: dict[frozenset, list[Edge]] = defaultdict(list)
        pairs = {pair for p in node_paths for pair in zip(p, p[1:])}
        for edge in edges_between(self.store, pairs, EDGE_TYPES):  # by key: a hub on a path costs nothing
            between[frozenset((edge.source, edge.target))].append(edge)
        paths = []
        for p in node_paths:
            hops = [min(between[frozenset(pair)], key=lambda e: (e.source != pair[0], e.type))
                    for pair in zip(p, p[1:])]
            paths.append(Path(nodes=[nodes[i] for i in p], edges=hops))
        return paths


def _named(store, exc: SearchBounded) -> SearchBounded:
    """The decline with the hub's names in place of its id."""
    node = store.get_nodes([exc.at]).get(exc.at) if exc.at else None
    if node is None:
        return exc
    names = " / ".join(n for n in (node.name_zh, node.name_en) if n)
    return SearchBounded(exc.message.replace(f"{exc.at} (", f"{names} ({node.type}, {node.id}, ", 1),
                         exc.suggestions, exc.at, exc.degree)
