"""Shortest paths over the memory store's columns, ignoring edge direction.

A bidirectional BFS that gives the same answers as `nx.all_shortest_paths` on the
undirected graph, without building a networkx view of the whole store.
"""

from __future__ import annotations

from graph.memory_columns import Columns

def _neighbours(c: Columns, i: int) -> list[int]:
    esrc, edst = c.esrc, c.edst
    return [edst[e] for e in c.adjacent(c.out, i, None)] + [esrc[e] for e in c.adjacent(c.inn, i, None)]


def _all_shortest_paths(c: Columns, s: int, t: int, max_hops: int) -> list[list[int]]:
    """Every shortest path s..t ignoring direction, by a BFS from both ends (the cheaper frontier first)."""
    preds = ({s: []}, {t: []})            # node -> its neighbours one step nearer that side's root
    frontiers = ([s], [t])
    hops = 0
    while hops < max_hops and frontiers[0] and frontiers[1]:
        work = [sum(map(c.degree, f)) if len(f) < 4096 else 10 * len(f) for f in frontiers]  # a big one: guess
        side = 0 if work[0] <= work[1] else 1  # the frontier with fewer edges to walk
        mine, other = preds[side], preds[1 - side]
        fresh: dict[int, list[int]] = {}
        for u in frontiers[side]:
            for v in _neighbours(c, u):
                if v in mine:
                    continue
                parents = fresh.get(v)
                if parents is None:
                    fresh[v] = [u]
                elif parents[-1] != u and u not in parents:
                    parents.append(u)
        mine.update(fresh)
        frontiers = (list(fresh), frontiers[1]) if side == 0 else (frontiers[0], list(fresh))
        hops += 1
        meet = [v for v in fresh if v in other]
        if meet:
            return [a[::-1] + b[1:] for v in meet
                    for a in _walks(preds[0], v) for b in _walks(preds[1], v)]
    return []


def _walks(preds: dict[int, list[int]], v: int) -> list[list[int]]:
    """Every walk from v back to the root along `preds` (v first)."""
    if not preds[v]:
        return [[v]]
    return [[v, *rest] for p in preds[v] for rest in _walks(preds, p)]
