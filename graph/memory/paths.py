"""Shortest paths over the memory store's columns, ignoring edge direction.

A bidirectional BFS that gives the same answers as `nx.all_shortest_paths` on the
undirected graph, without building a networkx view of the whole store. A level is
expanded in numpy: the frontier's edge ints gathered at once, the (parent, child) pairs
that reach unseen nodes kept as arrays, and paths rebuilt from those arrays only for the
nodes where the two searches meet. Between two firms of a million-node graph a level
often passes a zone with 330,000 edges; a Python loop over them cost most of a second.
"""

from __future__ import annotations

from itertools import islice

import numpy as np

from graph.bounded_paths import decline, frontier_work, in_order
from graph.memory.columns import Columns
from graph.memory.walk import incident


def _all_shortest_paths(c: Columns, s: int, t: int, max_hops: int, limit: int | None = None,
                        avoid: list[int] = (), cap: int | None = None) -> list[list[int]]:
    """The shortest paths s..t ignoring direction, in the order of their ids, the first `limit` (all
    when None), by a BFS from both ends (the cheaper frontier first), never through a node of `avoid`
    (marked as reached by neither side before the search starts). With a `cap`, a level that would
    read more edges than that declines (graph/bounded_paths.py: the rule Neo4j follows too)."""
    sides = (_Side(len(c.ids), s), _Side(len(c.ids), t))
    for side in sides:
        side.depth[list(avoid)] = _AVOIDED
    hops = 0
    while hops < max_hops and len(sides[0].frontier) and len(sides[1].frontier):
        if cap is None:
            work = [int(sum(map(c.degree, f.frontier.tolist()))) if len(f.frontier) < 4096
                    else 10 * len(f.frontier) for f in sides]
        else:
            costs = [frontier_work(lambda f: {i: c.degree(i) for i in f}, side.frontier.tolist(), cap,
                                   c.ids.__getitem__) for side in sides]
            work = [cost[0] for cost in costs]
            cheaper = costs[0] if work[0] <= work[1] else costs[1]
            if cheaper[0] > cap:
                at = None if cheaper[1] is None else c.ids[cheaper[1]]
                raise decline(at, cheaper[2], hops, max_hops, cap)
        mine, other = (sides[0], sides[1]) if work[0] <= work[1] else (sides[1], sides[0])
        fresh = mine.expand(c)
        hops += 1
        meet = fresh[other.depth[fresh] >= 0]
        if len(meet):
            return list(islice(in_order(sides, set(meet.tolist()), key=c.ids.__getitem__), limit))
    return []


def _at(column, edges: np.ndarray) -> np.ndarray:
    """column[edges] as a new array (the view made here dies with the call: a live view would
    stop the column from growing)."""
    return np.frombuffer(column, dtype=np.int32)[edges].astype(np.int64) if len(edges) else edges


_AVOIDED = np.iinfo(np.int32).max  #: a depth that is not -1 (never taken) and never >= 0 (never met)


class _Side:
    """One end's search: each node's depth (-1: not reached) and, per level, (parent, child) pairs."""

    def __init__(self, n: int, root: int):
        self.depth = np.full(n, -1, dtype=np.int32)
        self.depth[root] = 0
        self.root = root
        self.frontier = np.array([root], dtype=np.int64)
        self.levels: list[tuple[np.ndarray, np.ndarray]] = []
        self._walks: dict[int, list[list[int]]] = {}

    def expand(self, c: Columns) -> np.ndarray:
        """Take the next level; return its nodes."""
        nodes = self.frontier.tolist()
        out, inn = incident(c, nodes, None, (c.out,)), incident(c, nodes, None, (c.inn,))
        parent = np.concatenate([_at(c.esrc, out), _at(c.edst, inn)])
        child = np.concatenate([_at(c.edst, out), _at(c.esrc, inn)])
        new = self.depth[child] < 0
        n = len(self.depth)
        key = np.sort(child[new] * n + parent[new])  # by child, then parent; a pair once
        key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
        children, parents = key // n, key % n
        fresh = children[np.r_[True, children[1:] != children[:-1]]] if len(children) else children
        self.depth[fresh] = len(self.levels) + 1
        self.levels.append((children, parents))
        self.frontier = fresh
        return fresh

    def parents(self, v: int) -> list[int]:
        """The nodes one level nearer the root that reach v."""
        d = int(self.depth[v])
        if d == 0:
            return []
        children, parents = self.levels[d - 1]
        lo, hi = np.searchsorted(children, [v, v + 1])
        return parents[lo:hi].tolist()
