"""The breadth-first walk behind `neighbors` and `subgraph`, defined once through the protocol.

A walk starts at one node and takes every node within `depth` hops (edges either way),
level by level. Within a level, new nodes are taken in the order of the edges that reach
them, edges ordered by (source id, type, target id), source end before target end, until
`max_nodes` nodes are taken; every other node reached is counted as omitted. The edges
kept are the walked edges whose two ends were both taken. A node in `stop` (other than the
centre) is taken like any other but never walked on from: the publisher of the report is
context, and a walk that passed through it would reach half the graph (graph/publisher.py).

`walk_via_edges` is that definition written against the protocol (edge keys per level,
records for the kept edges): Neo4j uses it, and so does the memory store when a walk keeps
only some edges (a year: the evidence decides). The memory store's
own `walk` (graph/memory/walk.py) answers the same without building a record per edge
walked, which matters when a level passes a hub with 300,000 edges.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from graph.model import Edge


@dataclass
class Walk:
    nodes: set[str]
    edges: list[Edge] = field(default_factory=list)  #: ordered by key
    omitted: int = 0
    omitted_exact: bool = True  #: False: `omitted` is a lower bound (graph/bounded_walk.py)


def walk_via_edges(store, center: str, depth: int, edge_types: Sequence[str], max_nodes: int,
                   keep: Callable[[Edge], bool] | None = None, stop: Collection[str] = ()) -> Walk:
    """The walk from `center` through the store's edges; `keep` drops edges before they are walked.

    Without `keep` a level reads only edge keys, and records only for the edges kept at the
    end (for Neo4j: a hub's 300,000 edges cross the wire as three short strings each)."""
    seen, frontier, kept, omitted = {center}, [center], set(), set()
    records: dict[tuple[str, str, str], Edge] = {}
    for _ in range(depth):
        fresh: list[str] = []
        if keep is None:
            level = store.edge_keys(frontier, "both", edge_types)
        else:
            level = []
            for edge in store.edges(frontier, "both", edge_types):
                if keep(edge):
                    records[edge.key] = edge
                    level.append(edge.key)
        for key in level:
            source, _, target = key
            for end in (source, target):
                if end in seen:
                    continue
                if len(seen) >= max_nodes:
                    omitted.add(end)
                    continue
                seen.add(end)
                fresh.append(end)
            if source in seen and target in seen:
                kept.add(key)
        frontier = [n for n in fresh if n not in stop]
        if not frontier:
            break
    found = {k: records[k] for k in kept} if keep is not None else store.get_edges(kept)
    return Walk(nodes=seen, edges=[found[k] for k in sorted(kept)], omitted=len(omitted))
