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


def _stream(c: Columns, i: int, direction: str, code: int) -> tuple[np.ndarray, np.ndarray]:
    """(edge ints, far ends' id ranks) of one stream, sorted by that rank; kept for this state."""
    kept = c.streams.get((i, direction, code))
    if kept is None:
        side, far = (c.out, c.edst) if direction == "out" else (c.inn, c.esrc)
        edges = np.fromiter(c.adjacent(side, i, {code}), dtype=np.int64)
        ends = np.frombuffer(far, dtype=np.int32)[edges].astype(np.int64) if len(edges) else edges
        ranks = id_rank(c)[ends] if len(edges) else edges
        order = np.argsort(ranks, kind="stable")
        kept = c.streams[(i, direction, code)] = (edges[order], ranks[order])
    return kept


def _keys(c: Columns, edges: np.ndarray, type_: str) -> list[tuple[str, str, str]]:
    ids, src, dst = c.ids, c.esrc, c.edst
    return [(ids[src[e]], type_, ids[dst[e]]) for e in edges.tolist()]


def first_edge_keys(c: Columns, node_id: str, direction: str, type_: str, m: int) -> list[tuple[str, str, str]]:
    """The first `m` keys of the node's edges of one direction and type, in key order."""
    i = c.ix.get(node_id)
    if i is None or type_ not in c.edge_types:
        return []
    edges, _ = _stream(c, i, direction, c.edge_types.index(type_))
    return _keys(c, edges[:m], type_)


def stream_edges_to(c: Columns, node_id: str, direction: str, type_: str, far: list[str]) -> list[tuple[str, str, str]]:
    """The keys of the node's edges of one direction and type whose far end is in `far`: one bisection
    of the sorted stream per far end, in numpy."""
    i = c.ix.get(node_id)
    rows = [c.ix[x] for x in far if x in c.ix]
    if i is None or type_ not in c.edge_types or not rows:
        return []
    edges, ranks = _stream(c, i, direction, c.edge_types.index(type_))
    wanted = id_rank(c)[np.array(rows, dtype=np.int64)]
    at = np.searchsorted(ranks, wanted)
    hit = at < len(ranks)
    at, wanted = at[hit], wanted[hit]
    return _keys(c, edges[at[ranks[at] == wanted]], type_)
