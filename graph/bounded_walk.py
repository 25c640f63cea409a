"""The walk of graph/walk.py at the cost of its page: a hub's edges are read in order, up to the cap.

`walk_via_edges` reads every edge of a level: depth 2 from an ordinary firm reads its zone's
330,000 edges (a million-node graph) to keep 500 nodes. The walk's answer only depends on
the edges up to the one that takes the last node (edges are taken in (source id, type,
target id) order), so here a frontier node with more than STREAM_EDGES edges is read as
*streams*, one per (direction, edge type), each in key order (`store.first_edge_keys`), a
prefix at a time: the first `m` edges of every stream, doubled until every stream read in
part has gone past the edge that took the last node. The nodes and edges kept are then
exactly those of the definition; the edges between a hub and nodes taken are looked up by key.

What is not exact is `omitted` when a stream was read in part: counting the distinct nodes
a hub's unread edges reach costs the hub. The walk then says so (`omitted_exact=False`) and
gives a lower bound: the most of the omitted nodes it saw and, for each stream read in part,
its length less the nodes taken (one stream's far ends are distinct nodes).

The stores give three primitives: `stream_counts(ids, types)` (edges per direction and type,
from the memory store's typed adjacency and Neo4j's degree counts),
`first_edge_keys(id, direction, type, m)` and `stream_edges_to(id, direction, type, far_ids)`;
everything else is this one module, so both backends answer the same.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from graph.walk import Walk

STREAM_EDGES = 256  #: a frontier node with more edges than this is read as streams, in part
#: The memory store keeps its numpy walk (whole levels, a few ns an edge) until a frontier node has
#: more edges than this: up to there it is faster than reading streams in Python.
NUMPY_EDGES = 16_384


def bounded_walk(store, center: str, depth: int, edge_types: Sequence[str], max_nodes: int,
                 stop: Collection[str] = ()) -> Walk:
    """store.walk's answer (graph/walk.py), reading a hub's edges only up to the page."""
    seen, frontier, kept, omitted = {center}, [center], set(), set()
    partial: list[tuple[str, str, str, int]] = []  # streams read in part: (node, direction, type, length)
    for _ in range(depth):
        degrees = store.degrees(frontier)  # typed counts only where the degree says a hub
        heavy = [n for n in frontier if degrees.get(n, 0) > STREAM_EDGES]
        counts = store.stream_counts(heavy, edge_types) if heavy else {}
        big = sorted(n for n in heavy if sum(counts.get(n, {}).values()) > STREAM_EDGES)
        small = [n for n in frontier if n not in set(big)]
        keys = set(store.edge_keys(small, "both", edge_types)) if small else set()
        streams = [(n, d, t, c) for n in big for (d, t), c in sorted(counts[n].items()) if c]
        budget = max_nodes - len(seen)
        m = max(budget, 16)
        while True:
            many = getattr(store, "first_edge_keys_many", None)  # Neo4j: every stream in one transaction
            read = many(streams, m) if many else {s: store.first_edge_keys(s[0], s[1], s[2], m, s[3]) for s in streams}
            level = sorted(keys.union(*read.values()))
            fresh, last = _take(level, seen, budget)
            short = [s for s in streams if len(read[s]) < s[3]]
            if all(last is not None and read[s] and read[s][-1] >= last for s in short) or not short:
                break
            m *= 2
        partial += short
        seen.update(fresh)
        for key in level:
            source, _, target = key
            if source in seen and target in seen:
                kept.add(key)
            else:
                omitted.update(end for end in (source, target) if end not in seen)
        frontier = [n for n in fresh if n not in stop]
        if not frontier:
            break
    exact = not partial
    if partial:
        kept.update(_unread_kept(store, partial, seen))
    lower = max([len(omitted)] + [length - len(seen) for *_, length in partial])
    found = store.get_edges(kept)
    return Walk(nodes=seen, edges=[found[k] for k in sorted(kept)], omitted=lower, omitted_exact=exact)


def _unread_kept(store, partial: list, seen: set[str]) -> set:
    """The edges of the streams read in part whose far end was taken (`store.stream_edges_to`: the
    memory store bisects the sorted stream, Neo4j seeks each pair)."""
    found = set()
    ends = sorted(seen)
    for node, direction, type_, _ in partial:
        found.update(store.stream_edges_to(node, direction, type_, ends))
    return found


def _take(level: list[tuple[str, str, str]], seen: set[str], budget: int) -> tuple[list[str], tuple | None]:
    """The new ends the definition takes from `level` (sorted keys) with `budget` places, and the key
    that took the last place (None when places were left over, or there were none)."""
    fresh: list[str] = []
    taken = set()
    if budget <= 0:
        return fresh, ()
    for key in level:
        for end in (key[0], key[2]):
            if end not in seen and end not in taken:
                taken.add(end)
                fresh.append(end)
                if len(fresh) == budget:
                    return fresh, key
    return fresh, None
