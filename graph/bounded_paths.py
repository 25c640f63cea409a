"""Shortest paths whose cost is bounded: a bidirectional BFS that declines rather than read a hub.

Between two firms of a city-sized graph most shortest paths pass a zone, a field or a
program with hundreds of thousands of edges. A path *through* such a hub is found without
reading its edges (each end reaches the hub; the two searches meet there); only a path
that must go *beyond* a hub needs the hub's whole neighbourhood, and that is what made the
cost of `paths` grow with the graph (docs/benchmarks.md). So the search expands, level by
level, the side whose frontier has fewer edges, and when even that side would read more
than `cap` edges (limits.PATH_EXPAND_EDGES) it stops and says so (SearchBounded: where it
stopped, and that `through_hubs` lifts the bound) instead of answering slowly, or wrongly
with the paths it happened to find. The rule is the same on both backends (the memory
store runs it in numpy, graph/memory/paths.py; Neo4j through this module), so they decline
on the same questions.

`bounded_shortest_paths` is the rule written against the store protocol (`degrees` and
`edge_keys` per level): the answers are those of `shortest_node_paths`: every shortest
path ignoring direction, in the order of their lists of ids, the first `limit`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import islice

from graph.errors import SearchBounded


def frontier_work(degrees: Callable[[list], dict], frontier: list, cap: int,
                  name: Callable = str) -> tuple[int, object, int]:
    """(edges the frontier would read, its node with most edges (ties: the first by `name`), that
    node's edges); a frontier of more than `cap` nodes reads more than `cap` edges (each was
    reached by one) and is not asked."""
    if len(frontier) > cap:
        return cap + len(frontier), None, 0
    found = degrees(frontier)
    heaviest = min(found, key=lambda i: (-found[i], name(i))) if found else None
    return sum(found.values()), heaviest, found.get(heaviest, 0)


def decline(at: str | None, degree: int, hops: int, max_hops: int, cap: int) -> SearchBounded:
    """The error a bounded search raises; GraphQueries.paths names the node in words."""
    where = f"{at} ({degree:,} edges)" if at is not None else "a frontier of many nodes"
    return SearchBounded(
        f"no path of up to {hops} hops, and going further means reading {where}, over the bound of "
        f"{cap:,} edges a level: a path of up to {max_hops} hops may pass beyond it. "
        "Try through_hubs (CLI --through-hubs), which reads it, or ask about a nearer pair",
        at=at, degree=degree)


class _Side:
    """One end's search: each reached node's depth and, per level, each new node's parents."""

    def __init__(self, root: str):
        self.root = root
        self.depth: dict[str, int] = {root: 0}
        self.frontier = [root]
        self.levels: list[dict[str, list[str]]] = []

    def expand(self, store, avoid: Collection[str]) -> list[str]:
        """Take the next level (edges either way); return its nodes, sorted."""
        mine = set(self.frontier)
        found: dict[str, set[str]] = defaultdict(set)
        for source, _, target in store.edge_keys(self.frontier, "both"):
            for parent, child in ((source, target), (target, source)):
                if parent in mine and child not in self.depth and child not in avoid:
                    found[child].add(parent)
        level = {child: sorted(parents) for child, parents in found.items()}
        for child in level:
            self.depth[child] = len(self.levels) + 1
        self.levels.append(level)
        self.frontier = sorted(level)
        return self.frontier

    def parents(self, v: str) -> list[str]:
        d = self.depth[v]
        return self.levels[d - 1][v] if d else []


def bounded_shortest_paths(store, source: str, target: str, max_hops: int, limit: int | None,
                           avoid: Collection[str], cap: int) -> list[list[str]]:
    """The shortest paths source..target (both stored, distinct) by a BFS from both ends that
    expands the side with fewer edges to read and declines past `cap` edges a level."""
    sides = (_Side(source), _Side(target))
    avoid = frozenset(avoid) - {source, target}
    hops = 0
    while hops < max_hops and sides[0].frontier and sides[1].frontier:
        asked = [s.frontier for s in sides if len(s.frontier) <= cap]  # both sides' degrees in one call
        known = store.degrees([i for f in asked for i in f]) if asked else {}
        work = [frontier_work(lambda f: {i: known.get(i, 0) for i in f}, side.frontier, cap) for side in sides]
        k = 0 if work[0][0] <= work[1][0] else 1
        if work[k][0] > cap:
            raise decline(work[k][1], work[k][2], hops, max_hops, cap)
        mine, other = sides[k], sides[1 - k]
        fresh = mine.expand(store, avoid)
        hops += 1
        meet = {v for v in fresh if v in other.depth}
        if meet:
            return list(islice(in_order(sides, meet), limit))
    return []


def in_order(sides, meet: set, key=None) -> Iterator[list]:
    """Every shortest path through `meet`, lazily, in the order of their lists of ids: a depth-first
    walk from the source trying the next nodes in id order (a page needs the first 20 of
    possibly thousands). `sides` are the two searches (each with `root`, `depth`, `parents`); nodes
    are ids here, ints on the memory store, which passes `key` (int -> id) to order them by id."""
    start, end = sides
    ahead: dict = defaultdict(list)  # start's side, turned round: node -> next nodes
    todo, done = list(meet), set(meet)
    while todo:
        v = todo.pop()
        for p in start.parents(v):
            ahead[p].append(v)
            if p not in done:
                done.add(p)
                todo.append(p)

    def by_id(nodes) -> list:
        return sorted(set(nodes), key=key)

    def to_end(v) -> Iterator[list]:
        if end.depth[v] == 0:
            yield [v]
            return
        for p in by_id(end.parents(v)):
            for rest in to_end(p):
                yield [v, *rest]

    def from_start(v) -> Iterator[list]:
        if v in meet:
            yield from to_end(v)
            return
        for w in by_id(ahead[v]):
            for rest in from_start(w):
                yield [v, *rest]

    yield from from_start(start.root)


def edges_between(store, pairs: Iterable[tuple[str, str]], edge_types: Iterable[str]) -> list:
    """The edges joining each pair, either way, as records: looked up by key (an index seek per
    candidate), never by listing the edges of an end, which may be a hub."""
    keys = [(a, t, b) for u, v in set(pairs) for t in edge_types for a, b in ((u, v), (v, u))]
    return [edge for _, edge in sorted(store.get_edges(keys).items())]
