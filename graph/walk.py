"""The breadth-first walk behind `neighbors` and `subgraph`, defined once through the protocol.

A walk starts at one node and takes every node within `depth` hops (edges either way),
level by level. Within a level, new nodes are taken in the order of the edges that reach
them, edges ordered by (source id, type, target id), source end before target end, until
`max_nodes` nodes are taken; every other node reached is counted as omitted. The edges
kept are the walked edges whose two ends were both taken.

`walk_via_edges` is that definition written against `store.edges`: Neo4j uses it, and so
does the memory store when a walk keeps only some edges (a year). The memory store's
own `walk` (graph/memory_walk.py) answers the same without building a record per edge
walked, which matters when a level passes a hub with 300,000 edges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graph.model import Edge


@dataclass
class Walk:
    nodes: set[str]
    edges: list[Edge] = field(default_factory=list)  #: ordered by key
    omitted: int = 0


def walk_via_edges(store, center: str, depth: int, edge_types: Sequence[str], max_nodes: int,
                   keep: Callable[[Edge], bool] | None = None) -> Walk:
    """The walk from `center` through `store.edges`; `keep` drops edges before they are walked."""
    seen, frontier, edges, omitted = {center}, [center], {}, set()
    for _ in range(depth):
        fresh: list[str] = []
        for edge in store.edges(frontier, "both", edge_types):
            if keep is not None and not keep(edge):
                continue
            for end in (edge.source, edge.target):
                if end in seen:
                    continue
                if len(seen) >= max_nodes:
                    omitted.add(end)
                    continue
                seen.add(end)
                fresh.append(end)
            if edge.source in seen and edge.target in seen:
                edges[edge.key] = edge
        frontier = fresh
        if not frontier:
            break
    return Walk(nodes=seen, edges=[e for _, e in sorted(edges.items())], omitted=len(omitted))
