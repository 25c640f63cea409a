"""The memory store's walk (graph/walk.py defines it): the same answer, in numpy, from edge ints.

`walk_via_edges` builds an Edge record for every edge a level touches and sorts them all;
one level through a zone of a million-node graph touches 330,000 edges to keep a few
hundred nodes. Here a level gathers the edge ints of its frontier, orders only the edges
that reach a new node by one int64 key (rank of the source id, rank of the type name, rank
of the target id: the order of (source id, type, target id)), takes the smallest few with
a partial sort, and records are built only for the edges kept.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

import numpy as np

from graph.memory.columns import Columns

_NONE = np.zeros(0, dtype=np.int64)


class _Views:
    """Zero-copy numpy views of the edge columns for one walk. Released when the walk ends:
    while a view lives, the arrays behind it cannot grow (a write would fail)."""

    def __init__(self, c: Columns):
        self.src = np.frombuffer(c.esrc, dtype=np.int32) if len(c.esrc) else np.zeros(0, np.int32)
        self.dst = np.frombuffer(c.edst, dtype=np.int32) if len(c.edst) else np.zeros(0, np.int32)
        self.type = np.frombuffer(c.etype, dtype=np.uint8) if len(c.etype) else np.zeros(0, np.uint8)

    def release(self) -> None:
        self.src = self.dst = self.type = None


def walk(c: Columns, center: int, depth: int, codes: set[int] | None,
         max_nodes: int, stop: frozenset[int] = frozenset(),
         big: int | None = None) -> tuple[list[int], list[int], int] | None:
    """(node ints taken, edge ints kept, number of nodes omitted) of the walk from `center`;
    a node of `stop` is taken but not walked on from. None if a level would walk a node with
    more than `big` edges (graph/bounded_walk.py reads those in part)."""
    if big is not None and c.degree(center) > big:
        return None
    v = _Views(c)
    try:
        return _walk(c, v, center, depth, codes, max_nodes, stop, big)
    finally:
        v.release()


def _walk(c: Columns, v: _Views, center: int, depth: int, codes: set[int] | None,
          max_nodes: int, stop: frozenset[int] = frozenset(),
          big: int | None = None) -> tuple[list[int], list[int], int] | None:
    n = len(c.ids)
    seen = np.zeros(n, dtype=bool)
    omitted = np.zeros(n, dtype=bool)
    seen[center] = True
    taken, frontier, walked = 1, [center], []
    for _ in range(depth):
        if big is not None and any(c.degree(i) > big for i in frontier):
            return None
        edges = incident(c, frontier, codes, (c.out, c.inn), v.type)  # an edge between two frontier nodes twice
        if not len(edges):
            break
        walked.append(edges)
        s, t = v.src[edges], v.dst[edges]
        fresh = _first_new_ends(c, v.type[edges], s, t, seen, max_nodes - taken)
        seen[fresh] = True
        taken += len(fresh)
        omitted[s[~seen[s]]] = True
        omitted[t[~seen[t]]] = True
        frontier = [i for i in fresh.tolist() if i not in stop] if stop else fresh.tolist()
        if not frontier:
            break
    kept = [edges[seen[v.src[edges]] & seen[v.dst[edges]]] for edges in walked]  # few: unique after
    kept_edges = np.unique(np.concatenate(kept)) if kept else _NONE
    return np.flatnonzero(seen).tolist(), kept_edges.tolist(), int(np.count_nonzero(omitted))


def incident(c: Columns, nodes: Iterable[int], codes: set[int] | None, sides: Sequence[list],
             etype: np.ndarray | None = None) -> np.ndarray:
    """Edge ints on `sides` of `nodes`, of `codes` (all when None); an edge twice if reached twice."""
    small = array("i")  # the edges of ordinary nodes, gathered here: one numpy array per node costs more
    parts: list[np.ndarray] = []
    slot, add, extend = c.slot, small.append, small.extend
    for i in nodes:
        for side in sides:
            a = slot(side, i)
            if a is None:
                continue
            if type(a) is int:
                add(a)
            elif type(a) is array:
                extend(a)
            else:  # a hub, split by edge type
                parts.extend(np.array(a[code], dtype=np.int64) for code in a if codes is None or code in codes)
    if small:
        parts.append(np.array(small, dtype=np.int64))
    if not parts:
        return _NONE
    edges = np.concatenate(parts)
    if codes is not None:
        if etype is None:
            kinds = np.frombuffer(c.etype, dtype=np.uint8)[edges]  # a copy: no view outlives the call
        else:
            kinds = etype[edges]
        edges = edges[np.isin(kinds, np.fromiter(codes, dtype=np.uint8, count=len(codes)))]
    return edges


def _first_new_ends(c: Columns, types: np.ndarray, s: np.ndarray, t: np.ndarray, seen: np.ndarray,
                    budget: int) -> np.ndarray:
    """The first `budget` distinct unseen ends, edges in (source id, type, target id) order,
    the source end of an edge before its target end."""
    candidates = np.flatnonzero(~seen[s] | ~seen[t])
    if budget <= 0 or not len(candidates):
        return _NONE
    rank, type_rank = id_rank(c), _type_rank(c)
    s, t, types = s[candidates], t[candidates], types[candidates]
    n, kinds = len(rank), max(len(c.edge_types), 1)
    if kinds * n * n < 2 ** 62:
        key = (rank[s].astype(np.int64) * kinds + type_rank[types]) * n + rank[t]
    else:  # too big for one int64: order by the three columns
        key = np.empty(len(s), dtype=np.int64)
        key[np.lexsort((rank[t], type_rank[types], rank[s]))] = np.arange(len(s))
    k = min(budget, len(key))
    while True:
        if k >= len(key):
            order = np.argsort(key, kind="stable")
        else:
            part = np.argpartition(key, k - 1)[:k]
            order = part[np.argsort(key[part])]
        ends = np.empty(2 * len(order), dtype=np.int64)
        ends[0::2], ends[1::2] = s[order], t[order]
        ends = ends[~seen[ends]]
        _, first = np.unique(ends, return_index=True)
        fresh = ends[np.sort(first)]
        if len(fresh) >= budget or k >= len(key):
            return fresh[:budget]
        k = min(2 * k, len(key))


def id_rank(c: Columns) -> np.ndarray:
    """Each node int's position in the order of ids; computed once per state of the graph."""
    if c.rank is None or len(c.rank) != len(c.ids):
        ids = c.ids
        order = np.fromiter(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64, count=len(ids))
        rank = np.empty(len(ids), dtype=np.int64)
        rank[order] = np.arange(len(ids), dtype=np.int64)
        c.rank = rank
    return c.rank


def _type_rank(c: Columns) -> np.ndarray:
    names = c.edge_types
    ranked = {name: r for r, name in enumerate(sorted(names))}
    out = np.zeros(256, dtype=np.int64)
    out[: len(names)] = [ranked[name] for name in names]
    return out
