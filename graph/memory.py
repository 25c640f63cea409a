"""The embedded backend: networkx in memory, persisted to one snapshot file.

networkx keeps the structure (and serves the analytics); beside it sit the
indexes the queries need so that none of them scans the graph: nodes by type,
names and aliases by their normalised form, and neighbours by (node, edge type,
direction) — a hub with a hundred thousand members answers "who SUPPORTS it"
without looking at its LOCATED_IN edges.
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import orjson

from graph.errors import LoadError, StoreUnavailable
from graph.model import Document, Edge, Node
from graph.store import Batch, Counts, Direction
from graph.text import normalize

SNAPSHOT_VERSION = 1


class MemoryStore:
    backend = "memory"

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else None
        self._reset()
        if self.path and self.path.exists():
            self._load_snapshot(self.path)

    # ---- writing -------------------------------------------------------

    def write(self, batch: Batch) -> None:
        self._check_endpoints(batch)
        self._apply(batch)
        self._persist(on_failure=self._reload)

    def replace(self, batch: Batch) -> None:
        """The graph becomes exactly `batch`; on any failure the previous graph stays."""
        previous = self._state()
        self._reset()
        try:
            self._check_endpoints(batch)
            self._apply(batch)
        except BaseException:
            self._restore(previous)
            raise
        self._persist(on_failure=lambda: self._restore(previous))

    def clear(self) -> None:
        self.replace(Batch())

    def save(self) -> None:
        """Write the snapshot atomically: a temporary file, fsync, then rename over the old one."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": SNAPSHOT_VERSION,
            "documents": [d.model_dump() for d in self._docs.values()],
            "nodes": [d["rec"].model_dump() for _, d in self._g.nodes(data=True)],
            "edges": [d["rec"].model_dump() for _, _, d in self._g.edges(data=True)],
        }
        tmp = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
        with open(tmp, "wb") as fh:
            fh.write(orjson.dumps(payload))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    # ---- reading -------------------------------------------------------

    def counts(self) -> Counts:
        edges: dict[str, int] = defaultdict(int)
        for _, _, key in self._g.edges(keys=True):
            edges[key] += 1
        nodes = {t: len(ids) for t, ids in self._by_type.items() if ids}
        return Counts(nodes=dict(sorted(nodes.items())), edges=dict(sorted(edges.items())),
                      documents=len(self._docs))

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        nodes = self._g.nodes
        return {i: nodes[i]["rec"] for i in ids if i in nodes}

    def lookup(self, key: str) -> list[str]:
        return sorted(self._names.get(key, ()))

    def search(self, key: str, types: Sequence[str] = (), limit: int = 20, offset: int = 0) -> list[Node]:
        best: dict[str, tuple[int, int]] = {}
        for name, ids in self._names.items():
            if key not in name:
                continue
            rank = (0 if name == key else 1 if name.startswith(key) else 2, len(name))
            for node_id in ids:
                if node_id not in best or rank < best[node_id]:
                    best[node_id] = rank
        hits = sorted(best, key=lambda i: (best[i], i))
        if types:
            wanted = set(types)
            hits = [i for i in hits if self._type_of[i] in wanted]
        page = hits[offset: offset + limit]
        return [self._g.nodes[i]["rec"] for i in page]

    def edges(self, ids: Iterable[str], direction: Direction = "both",
              types: Sequence[str] = ()) -> list[Edge]:
        found: dict[tuple[str, str, str], Edge] = {}
        dirs = ("out", "in") if direction == "both" else (direction,)
        for node_id in ids:
            if node_id not in self._g:
                continue
            for d in dirs:
                for etype in types or self._types_at.get((node_id, d), ()):
                    for other in self._typed.get((node_id, etype, d), ()):
                        s, t = (node_id, other) if d == "out" else (other, node_id)
                        found[(s, etype, t)] = self._g.edges[s, t, etype]["rec"]
        return [found[k] for k in sorted(found)]

    def degrees(self, ids: Iterable[str]) -> dict[str, int]:
        g = self._g
        return {i: g.degree(i) for i in ids if i in g}

    def nodes_of_type(self, type_: str, limit: int | None = None) -> list[Node]:
        ids = sorted(self._by_type.get(type_, ()))[:limit]
        return [self._g.nodes[i]["rec"] for i in ids]

    def shortest_node_paths(self, source: str, target: str, max_hops: int) -> list[list[str]]:
        if source not in self._g or target not in self._g:
            return []
        if source == target:
            return [[source]]
        undirected = self._g.to_undirected(as_view=True)
        try:
            length = nx.shortest_path_length(undirected, source, target)
        except nx.NetworkXNoPath:
            return []
        if length > max_hops:
            return []
        return sorted(nx.all_shortest_paths(undirected, source, target))

    def documents(self) -> list[Document]:
        return sorted(self._docs.values(), key=lambda d: d.id)

    def iter_nodes(self) -> Iterator[Node]:
        for _, data in self._g.nodes(data=True):
            yield data["rec"]

    def iter_edges(self) -> Iterator[Edge]:
        for _, _, data in self._g.edges(data=True):
            yield data["rec"]

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    # ---- internals -----------------------------------------------------

    def _reset(self) -> None:
        self._g = nx.MultiDiGraph()
        self._docs: dict[str, Document] = {}
        self._by_type: dict[str, set[str]] = defaultdict(set)
        self._type_of: dict[str, str] = {}
        self._names: dict[str, set[str]] = defaultdict(set)
        self._typed: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self._types_at: dict[tuple[str, str], set[str]] = defaultdict(set)

    def _state(self) -> tuple:
        return (self._g, self._docs, self._by_type, self._type_of, self._names, self._typed, self._types_at)

    def _restore(self, state: tuple) -> None:
        (self._g, self._docs, self._by_type, self._type_of, self._names, self._typed, self._types_at) = state

    def _apply(self, batch: Batch) -> None:
        with _gc_paused():
            for doc in batch.documents:
                self._docs[doc.id] = doc
            for node in batch.nodes:
                self._put_node(node)
            for edge in batch.edges:
                self._put_edge(edge)

    def _persist(self, on_failure) -> None:
        if not self.path:
            return
        try:
            self.save()
        except OSError as exc:
            on_failure()
            raise LoadError(f"could not write the graph to {self.path}: {exc}; nothing changed") from exc

    def _reload(self) -> None:
        self._reset()
        if self.path and self.path.exists():
            self._load_snapshot(self.path)

    def _check_endpoints(self, batch: Batch) -> None:
        incoming = {n.id for n in batch.nodes}
        missing = sorted({end for e in batch.edges for end in (e.source, e.target)
                          if end not in incoming and end not in self._g})
        if missing:
            raise LoadError(f"edges refer to {len(missing)} unknown node(s): {', '.join(missing[:10])}")

    def _put_node(self, node: Node) -> None:
        if node.id in self._g:
            old = self._g.nodes[node.id]["rec"]
            for name in old.names:
                self._names[normalize(name)].discard(node.id)
            self._by_type[old.type].discard(node.id)
            node = old.merged(node)
        self._g.add_node(node.id, rec=node)
        self._by_type[node.type].add(node.id)
        self._type_of[node.id] = node.type
        for name in node.names:
            self._names[normalize(name)].add(node.id)

    def _put_edge(self, edge: Edge) -> None:
        s, t, k = edge.source, edge.target, edge.type
        if self._g.has_edge(s, t, k):
            edge = self._g.edges[s, t, k]["rec"].merged(edge)
        self._g.add_edge(s, t, key=k, rec=edge)
        self._typed[(s, k, "out")].add(t)
        self._typed[(t, k, "in")].add(s)
        self._types_at[(s, "out")].add(k)
        self._types_at[(t, "in")].add(k)

    def _load_snapshot(self, path: Path) -> None:
        try:
            data = orjson.loads(path.read_bytes())
            if data.get("version") != SNAPSHOT_VERSION:
                raise ValueError(f"snapshot version {data.get('version')!r}, expected {SNAPSHOT_VERSION}")
            batch = Batch(
                documents=[Document(**d) for d in data["documents"]],
                nodes=[Node(**n) for n in data["nodes"]],
                edges=[Edge(**e) for e in data["edges"]],
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreUnavailable(f"the graph snapshot {path} cannot be read: {exc}") from exc
        self._apply(batch)


@contextmanager
def _gc_paused():
    """Bulk adds allocate millions of small objects; the cyclic collector only slows them down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
