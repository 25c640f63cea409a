"""Node positions for a subgraph, computed in Python and cached.

Large pages are drawn with these positions and no physics, so they are usable
at once; the pictures of the export and briefing helpers reuse them, so a zone
looks the same on the page and in a briefing.

`layout_positions(subgraph)` is pure: the same nodes and edges give the same
positions on every call and every machine. Coordinates lie in [-1, 1] with y
pointing up (networkx's convention); the page flips y for the screen.

The layout starts from networkx's shell layout, one ring per hop from the
centre, and refines it with a Fruchterman-Reingold force model written with
numpy (attraction along edges, repulsion between all pairs computed in blocks).
networkx's own spring layout needs scipy above 500 nodes and its dense form
takes 7 s for 2,000 nodes; this one takes about a second.

A subgraph without a centre (the whole graph) may name its `middle` (the zones)
and its `outer` nodes (context hubs: the report's city and author). Without
them the shell start put the highest-degree node in the middle, and on the
whole graph that was 北京市, by its city-wide indicators. With them the middle
nodes are held on a ring in the middle (MIDDLE_RING) and keep the others a
little further off (MIDDLE_HALO) so their names have room; the outer nodes are
held on an outer ring (OUTER_RING), and what hangs on them settles out there.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import networkx as nx
import numpy as np

from graph.results import Subgraph

Positions = dict[str, tuple[float, float]]

CACHE_SIZE = 64
MIDDLE_RING = 0.4  #: the radius of the ring the `middle` nodes are held on (the start's outer ring: 1)
MIDDLE_HALO = 20.0  #: how much harder a `middle` node pushes the others away (room for its name)
OUTER_RING = 0.9  #: the radius of the ring the `outer` nodes are held on
_BLOCK = 1024  #: rows of the pairwise repulsion computed at once (bounds memory to BLOCK x n)

_cache: OrderedDict[str, Positions] = OrderedDict()
_lock = threading.Lock()


def layout_key(sub: Subgraph, middle: Sequence[str] = (), outer: Sequence[str] = ()) -> str:
    """A hash of the subgraph's centre, node ids, edge ids, `middle` and `outer`: what the layout depends on."""
    h = hashlib.sha256()
    h.update((sub.center or "").encode())
    for node_id in sorted(middle):
        h.update(b"\0m" + node_id.encode())
    for node_id in sorted(outer):
        h.update(b"\0o" + node_id.encode())
    for node_id in sorted(n.id for n in sub.nodes):
        h.update(b"\0n" + node_id.encode())
    for key in sorted(e.key for e in sub.edges):
        h.update(b"\0e" + "\x1f".join(key).encode())
    return h.hexdigest()


def layout_positions(sub: Subgraph, middle: Sequence[str] = (), outer: Sequence[str] = ()) -> Positions:
    """Positions by node id, in [-1, 1], y up; cached by `layout_key`. When the subgraph has no
    centre: `middle`, nodes held on a ring in the middle (two or more); `outer`, context nodes
    held on a ring outside it (see the module's note). Both are ignored when it has a centre."""
    middle, outer = ((), ()) if sub.center else (tuple(middle), tuple(outer))
    key = layout_key(sub, middle, outer)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return dict(_cache[key])
    positions = _compute(sub, middle, outer)
    with _lock:
        _cache[key] = positions
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return dict(positions)


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _compute(sub: Subgraph, middle: Sequence[str] = (), outer: Sequence[str] = ()) -> Positions:
    ids = sorted(n.id for n in sub.nodes)
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    index = {node_id: i for i, node_id in enumerate(ids)}
    pairs = sorted({(index[e.source], index[e.target]) for e in sub.edges
                    if e.source in index and e.target in index and e.source != e.target})
    roots = [index[sub.center]] if sub.center in index else sorted(index[i] for i in middle if i in index)
    start = _shells(ids, pairs, roots)
    pinned = roots if not sub.center and len(roots) > 1 else []
    if pinned:  # the middle nodes on a ring of their own, apart enough for their names, held there
        turn = np.linspace(0, 2 * np.pi, len(pinned), endpoint=False) + 0.5
        start[pinned] = MIDDLE_RING * np.stack([np.cos(turn), np.sin(turn)], 1)
    aside = sorted(index[i] for i in outer if i in index) if pinned else []
    if aside:  # context hubs (the report's city) held outside, so what hangs on them settles out there
        turn = np.linspace(0, 2 * np.pi, len(aside), endpoint=False) + 0.5 + np.pi
        start[aside] = OUTER_RING * np.stack([np.cos(turn), np.sin(turn)], 1)
    halo = None
    if pinned:  # the others keep a clear ring around each middle node, where its name will go
        halo = np.ones(len(ids), dtype=np.float32)
        halo[pinned] = MIDDLE_HALO
    pos = _refine(start, np.array(pairs, dtype=np.int64).reshape(-1, 2), pinned + aside, halo)
    return {node_id: (round(float(x), 5), round(float(y), 5)) for node_id, (x, y) in zip(ids, pos)}


def _shells(ids: list[str], pairs: list[tuple[int, int]], roots: list[int]) -> np.ndarray:
    """Start positions: networkx's shell layout with one ring per hop from the roots (the centre, the
    `middle` nodes, or else the highest-degree node)."""
    g = nx.Graph()
    g.add_nodes_from(range(len(ids)))
    g.add_edges_from(pairs)
    roots = roots or [max(g.degree, key=lambda d: (d[1], -d[0]))[0]]
    hops = nx.multi_source_dijkstra_path_length(g, set(roots)) if len(roots) > 1 else \
        nx.single_source_shortest_path_length(g, roots[0])
    far = max(hops.values()) + 1
    rings: dict[int, list[int]] = {}
    for i in range(len(ids)):
        rings.setdefault(hops.get(i, far), []).append(i)
    shells = [rings[r] for r in sorted(rings)]
    placed = nx.shell_layout(g, nlist=shells, rotate=0.5)
    return np.array([placed[i] for i in range(len(ids))], dtype=np.float32)


def _refine(pos: np.ndarray, edges: np.ndarray, pinned: Sequence[int] = (),
            halo: np.ndarray | None = None) -> np.ndarray:
    """Fruchterman-Reingold from `pos`, with a weak pull to the middle for loose parts; `pinned`
    nodes do not move (and the middle is kept at (0, 0)); `halo`: how much harder each node
    pushes the others away (1 for most)."""
    n = len(pos)
    pos = pos.copy()
    k = np.float32(1.0 / np.sqrt(n))
    iterations = 60 if n <= 1000 else max(25, int(60 * 1000 / n))
    temperature = np.float32(0.1)
    cooling = temperature / (iterations + 1)
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.empty(0, int), np.empty(0, int))
    for _ in range(iterations):
        disp = _repulsion(pos, k, halo)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta * delta).sum(1)) + np.float32(1e-6)
            pull = delta * (dist / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, pull[:, axis], minlength=n).astype(np.float32)
                disp[:, axis] += np.bincount(dst, pull[:, axis], minlength=n).astype(np.float32)
        disp -= pos * np.float32(0.05 * n * k)  # gravity
        disp[list(pinned)] = 0
        length = np.sqrt((disp * disp).sum(1)) + np.float32(1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    if not len(pinned):
        pos -= pos.mean(0)
    scale = np.abs(pos).max() or 1.0
    return pos / scale


def _repulsion(pos: np.ndarray, k: np.float32, halo: np.ndarray | None = None) -> np.ndarray:
    """Sum over all pairs of k^2 / d along the pair (times the pushing node's `halo`), in row blocks,
    in place (5x faster than temporaries)."""
    disp = np.zeros_like(pos)
    kk = np.float32(k * k)
    x, y = pos[:, 0], pos[:, 1]
    for lo in range(0, len(pos), _BLOCK):
        dx = np.subtract.outer(x[lo:lo + _BLOCK], x)
        dy = np.subtract.outer(y[lo:lo + _BLOCK], y)
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, np.float32(1e-6), out=d2)
        np.divide(kk, d2, out=d2)
        if halo is not None:
            d2 *= halo
        dx *= d2
        dy *= d2
        disp[lo:lo + _BLOCK, 0] = dx.sum(1)
        disp[lo:lo + _BLOCK, 1] = dy.sum(1)
    return disp
