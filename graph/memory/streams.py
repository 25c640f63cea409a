"""The memory store's side of graph/bounded_walk.py: edge counts per (direction, type), and a hub's
edges of one direction and type in key order, a prefix at a time.

A node past columns.HUB edges keeps them split by type, so its counts are the lengths of
those arrays (O(types)). The key order of one stream is the order of the far ends' ids: the
stream is sorted once by id rank (walk.id_rank) and kept for this state of the graph
(`Columns.streams`, emptied by every write), so the next walk through the same hub reads
only its first edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from graph.memory.columns import Columns
from graph.memory.walk import id_rank


def stream_counts(c: Columns, ids: Iterable[str], types: Sequence[str]) -> dict[str, dict[tuple[str, str], int]]:
    """{id: {(direction, type): edges}} for the stored ids, of `types` (all when empty)."""
    names = c.edge_types
    wanted = set(types)
    out: dict[str, dict[tuple[str, str], int]] = {}
    for node_id in ids:
        i = c.ix.get(node_id)
        if i is None:
            continue
        found: dict[tuple[str, str], int] = {}
        for direction, side in (("out", c.out), ("in", c.inn)):
            a = c.slot(side, i)
            if type(a) is dict:
                parts = {code: len(edges) for code, edges in a.items()}
            else:
                parts = {}
                for e in c.adjacent(side, i, None):
                    parts[c.etype[e]] = parts.get(c.etype[e], 0) + 1
            for code, n in parts.items():
                if n and (not wanted or names[code] in wanted):
                    found[(direction, names[code])] = n
        out[node_id] = found
    return out


def first_edge_keys(c: Columns, node_id: str, direction: str, type_: str, m: int) -> list[tuple[str, str, str]]:
    """The first `m` keys of the node's edges of one direction and type, in key order."""
    i = c.ix.get(node_id)
    if i is None or type_ not in c.edge_types:
        return []
    code = c.edge_types.index(type_)
    kept = c.streams.get((i, direction, code))
    if kept is None:
        side, far = (c.out, c.edst) if direction == "out" else (c.inn, c.esrc)
        edges = np.fromiter(c.adjacent(side, i, {code}), dtype=np.int64)
        ends = np.frombuffer(far, dtype=np.int32)[edges].astype(np.int64) if len(edges) else edges
        kept = edges[np.argsort(id_rank(c)[ends], kind="stable")] if len(edges) else edges
        c.streams[(i, direction, code)] = kept
    ids, src, dst = c.ids, c.esrc, c.edst
    return [(ids[src[e]], type_, ids[dst[e]]) for e in kept[:m].tolist()]
