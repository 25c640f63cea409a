"""The embedded backend: a compact in-memory graph, persisted to one snapshot file.

Storage is columns, not a networkx graph of records (docs/design/memory-store.md
has the measurements): node ids are interned to ints; a node is a row across a few
lists; an edge is a row across five flat arrays; adjacency is per node and per
direction, split by edge type once a node becomes a hub, so "who SUPPORTS this
zone" never walks its LOCATED_IN edges. Records (Node, Edge) are built on read.
Names sit in an exact index (O(1) lookup) beside a block index of 1- and 2-char
grams that makes substring search touch only the blocks that can match.

networkx stays the analytics library: queries build their own networkx views
(betweenness); shortest paths here are a bidirectional BFS with the same answers
as `nx.all_shortest_paths` on the undirected graph.

A batch may carry compact rows instead of records: when `batch.nodes` /
`batch.edges` have a `rows()` method, it yields plain tuples
(id, type, name_zh, name_en, aliases, attrs, sources) and
(source, type, target, attrs, evidence), which are written without building records.
When `batch.edges.columns()` gives an `EdgeTable`, an edge-less store takes it in numpy
(graph/memory/bulk.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.memory.columns import Columns
from graph.memory.names import NameIndex, normalize_all
from graph.bulk import gc_paused
from graph.memory.snapshot import MAGIC, SNAPSHOT_VERSION, _read_snapshot, _write_snapshot  # noqa: F401 (re-exported)
from graph.memory.watch import SharedState
from graph import bounded_walk as bounded
from graph.memory import zone_index, zone_pages
from graph.memory.writes import _edge_rows, _node_rows, _put_edges, _put_nodes, _refuse
from graph.model import Document, Edge, Node
from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT
from graph.store import Batch, Counts, Direction, Key
from graph.walk import Walk


class MemoryStore(SharedState):
    """Several processes may share one data dir and one thread may write beside many readers:
    graph/memory/watch.py says how (a lock, re-read on change, build beside and swap)."""

    backend = "memory"

    def __init__(self, path: Path | None = None, lock_timeout: float | None = None, lazy: bool = False):
        """`lazy`: map the snapshot and read each part when first used (graph/memory/lazy.py), for a
        process that answers a few questions (the CLI); otherwise read and check it all now."""
        self.path = Path(path) if path else None
        self._lazy = lazy
        self._c = Columns()
        self._init_shared(lock_timeout)

    # ---- writing -------------------------------------------------------

    def write(self, batch: Batch) -> None:
        """Merge `batch` into the latest state on disk, built beside the state readers hold."""
        if self._origin is not None:
            return self._origin.write(batch)
        with self.writing():
            c = self._latest_copy()
            if not c.empty():
                self._check_endpoints(batch, c)
            self._apply(c, batch)
            self._commit(c, batch)  # appended to the journal (graph/memory/journal.py)

    def replace(self, batch: Batch) -> None:
        """The graph becomes exactly `batch`; on any failure the previous graph stays."""
        if self._origin is not None:
            return self._origin.replace(batch)
        with self.dir_lock().held():
            fresh = Columns()
            self._apply(fresh, batch)  # into a fresh graph: an edge to an unknown node fails before the swap
            self._commit(fresh)

    def clear(self) -> None:
        self.replace(Batch())

    def save(self) -> None:
        """Write the snapshot atomically: a temporary file, fsync, then rename over the old one. A state
        read from this path first catches up with the disk (another process's journaled writes), as the
        save retires the journal."""
        assert self.path is not None
        if self._origin is not None:
            return self._origin.save()
        with self.dir_lock().held():
            if self._stamp is not None:
                self.refresh()
            self._save_columns(self._c)

    # ---- reading -------------------------------------------------------

    def counts(self) -> Counts:
        c = self._reading(lambda overlay: True)  # a lazy open's journal records add to the counts
        nodes = {c.node_types[t]: len(ids) for t, ids in c.by_type.items() if ids}
        edges = dict(zip(c.edge_types, c.ecount))
        counts = Counts(nodes=dict(sorted(nodes.items())), edges={k: v for k, v in sorted(edges.items()) if v},
                        documents=len(c.docs))
        overlay = self._overlay
        return counts if overlay is None or c is not overlay.base else overlay.counts(counts)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        ids = list(ids)
        c = self._reading(lambda overlay: overlay.keeps_nodes(ids))
        rows = {node_id: c.ix.get(node_id) for node_id in ids}
        found = [(node_id, i) for node_id, i in rows.items() if i is not None]
        return dict(zip([node_id for node_id, _ in found], c.node_records([i for _, i in found])))

    def lookup(self, key: str) -> list[str]:
        overlay = self._overlay
        if overlay is not None and overlay.keeps_names(key):  # the snapshot's hits, unless a record wrote one
            c = overlay.base
            found = sorted(c.ids[i] for i in c.names.ids(key))
            if overlay.keeps_nodes(found):
                return found
        c = self._c
        return sorted(c.ids[i] for i in c.names.ids(key))

    def search(self, key: str, types: Sequence[str] = (), limit: int = 20, offset: int = 0) -> list[Node]:
        overlay = self._overlay
        if overlay is not None and overlay.keeps_names(key):  # the snapshot's hits, unless a record wrote one
            found = self._search(overlay.base, key, types, limit, offset)
            if overlay.keeps_nodes(node.id for node in found):
                return found
        return self._search(self._c, key, types, limit, offset)

    @staticmethod
    def _search(c: Columns, key: str, types: Sequence[str], limit: int, offset: int) -> list[Node]:
        from graph.memory import name_grams
        if key and name_grams.is_broad(c, key):  # many hits: gram postings in page order, up to the page
            wanted = {code for code, name in enumerate(c.node_types) if name in set(types)} if types else None
            page = name_grams.ranked(c, key, wanted, offset + limit)
            if page is not None:  # else the index is being built: the block index answers meanwhile
                return c.node_records(page[offset:])
        best: dict[int, tuple[int, int]] = {}
        for name in c.names.containing(key):
            rank = (0 if name == key else 1 if name.startswith(key) else 2, len(name))
            for i in c.names.ids(name):
                if i not in best or rank < best[i]:
                    best[i] = rank
        ids = c.ids
        hits = sorted(best, key=lambda i: (best[i], ids[i]))
        if types:
            names = set(types)
            wanted = {code for code, name in enumerate(c.node_types) if name in names}
            hits = [i for i in hits if c.ntype[i] in wanted]
        return c.node_records(hits[offset: offset + limit])

    def edges(self, ids: Iterable[str], direction: Direction = "both",
              types: Sequence[str] = ()) -> list[Edge]:
        c = self._c
        names, etypes, esrc, edst, etype = c.ids, c.edge_types, c.esrc, c.edst, c.etype
        keyed = sorted([(names[esrc[e]], etypes[etype[e]], names[edst[e]], e)
                        for e in self._edge_ints(ids, direction, types)])
        return c.edge_records([k[3] for k in keyed])

    def edge_keys(self, ids: Iterable[str], direction: Direction = "both",
                  types: Sequence[str] = ()) -> list[Key]:
        c = self._c
        names, etypes, esrc, edst, etype = c.ids, c.edge_types, c.esrc, c.edst, c.etype
        return sorted([(names[esrc[e]], etypes[etype[e]], names[edst[e]])
                       for e in self._edge_ints(ids, direction, types)])

    def support_keys(self, target: str) -> tuple[list[Key], list[tuple[Key, str]]]:
        c = self._c
        members = self.edge_keys([target], "in", MEMBER_EDGES)
        ids = [target, *dict.fromkeys(k[0] for k in members)]
        supports = [(k, k[0]) for k in self.edge_keys(ids, "in", SUPPORT_EDGES_IN)]
        supports += [(k, k[2]) for k in self.edge_keys(ids, "out", SUPPORT_EDGES_OUT)]
        types, ix, ntype = c.node_types, c.ix, c.ntype
        return members, sorted((k, types[ntype[ix[s]]]) for k, s in supports)

    def support_window(self, target: str, wanted: str | None, offset: int, limit: int | None,
                       after: bytes | None = None):
        """A supporters page from the zone index, or None where the node keeps none (zone_pages.py)."""
        c = self._reading(lambda overlay: overlay.keeps_zone(target))  # rows' records: get_nodes, get_edges
        return zone_pages.support_window(c, target, wanted, offset, limit, after)

    def profile_window(self, target: str, most: int):
        """A profile's lists and field counts from the zone index, or None (zone_pages.py)."""
        return zone_pages.profile_window(self._reading(lambda overlay: overlay.keeps_zone(target)), target, most)

    def supporters_among(self, target: str, candidates: list[tuple[str, str]]) -> set[str] | None:
        """Which of `candidates` ((type, id)) support `target`, from the zone index, or None (zone_pages.py)."""
        c = self._reading(lambda overlay: overlay.keeps_zone(target))
        return zone_pages.supporters_among(c, target, candidates)

    def reindex(self, check: bool = False) -> list[str]:
        """The nodes whose zone index differed from the graph; unless `check`, rebuilt and saved."""
        from graph.memory.zone_build import build, differences

        if self._origin is not None:
            return self._origin.reindex(check)
        if check:
            return differences(self.current()._c)
        with self.writing():  # rebuilt beside the readers' state and swapped in, as any write
            c = self._latest_copy()
            differ = differences(c)
            build(c)
            self._commit(c)
        return differ

    def get_edges(self, keys: Iterable[Key]) -> dict[Key, Edge]:
        keys = list(dict.fromkeys(keys))
        c = self._reading(lambda overlay: overlay.keeps_edges(keys))
        codes = {name: code for code, name in enumerate(c.edge_types)}
        found = []
        for source, type_, target in keys:
            s, t, code = c.ix.get(source), c.ix.get(target), codes.get(type_)
            if s is not None and t is not None and code is not None:
                e = c.find_edge(s, t, code)
                if e >= 0:
                    found.append(e)
        return {edge.key: edge for edge in c.edge_records(found)}

    def _edge_ints(self, ids: Iterable[str], direction: Direction, types: Sequence[str]) -> set[int]:
        c = self._c
        wanted = set(types)
        codes = {code for code, name in enumerate(c.edge_types) if name in wanted} if types else None
        sides = {"out": (c.out,), "in": (c.inn,), "both": (c.out, c.inn)}[direction]
        if not isinstance(ids, (list, tuple, set, dict)):
            ids = list(ids)
        if len(ids) > 256:  # many nodes (a zone's members): gather the edge arrays in numpy
            from graph.memory.walk import incident

            return set(incident(c, [i for i in map(c.ix.get, ids) if i is not None], codes, sides).tolist())
        found: set[int] = set()
        for node_id in ids:
            i = c.ix.get(node_id)
            if i is not None:
                for side in sides:
                    found.update(c.adjacent(side, i, codes))
        return found

    def degrees(self, ids: Iterable[str]) -> dict[str, int]:
        ids = list(ids)
        c = self._reading(lambda overlay: overlay.keeps_nodes(ids) and overlay.keeps_ends(ids))
        return {node_id: c.degree(c.ix[node_id]) for node_id in ids if node_id in c.ix}

    def nodes_of_type(self, type_: str, limit: int | None = None) -> list[Node]:
        c = self._c
        if type_ not in c.node_types:
            return []
        code = c.node_types.index(type_)
        ordered = c.sorted_ids.get(code)
        if ordered is None:
            ordered = c.sorted_ids[code] = sorted(c.ids[i] for i in c.by_type.get(code, ()))
        return c.node_records([c.ix[i] for i in ordered[:limit]])

    def shortest_node_paths(self, source: str, target: str, max_hops: int,
                            limit: int | None = None, avoid: Collection[str] = (),
                            cap: int | None = None) -> list[list[str]]:
        c = self._c
        if source not in c.ix or target not in c.ix:
            return []
        if source == target:
            return [[source]]
        from graph.memory.paths import _all_shortest_paths  # numpy: imported where used (CLI start-up)

        blocked = [c.ix[i] for i in avoid if i in c.ix and i not in (source, target)]
        paths = _all_shortest_paths(c, c.ix[source], c.ix[target], max_hops, limit, blocked, cap)
        return [[c.ids[i] for i in p] for p in paths]

    def walk(self, center: str, depth: int, edge_types: Sequence[str] = (), max_nodes: int = 500,
             stop: Collection[str] = ()) -> Walk:
        """The numpy walk (graph/memory/walk.py) while no level meets a hub; else graph/bounded_walk.py,
        which reads a hub's edges in key order up to the page (the numpy walk read all of them)."""
        c = self._c
        if center not in c.ix:
            return Walk(nodes=set())
        codes = {code for code, name in enumerate(c.edge_types) if name in set(edge_types)} if edge_types else None
        from graph.memory.walk import walk as _walk

        stops = frozenset(c.ix[i] for i in stop if i in c.ix)
        small = _walk(c, c.ix[center], depth, codes, max_nodes, stops, big=bounded.NUMPY_EDGES)
        if small is None:  # a hub on the way: its edges in key order, up to the page
            return bounded.bounded_walk(self, center, depth, edge_types, max_nodes, frozenset(stop))
        nodes, edges, omitted = small
        ids = c.ids
        return Walk(nodes={ids[i] for i in nodes}, edges=sorted(c.edge_records(edges), key=lambda e: e.key),
                    omitted=omitted)

    def stream_counts(self, ids: Iterable[str], types: Sequence[str] = ()) -> dict:
        from graph.memory import streams  # numpy: not at import time (a CLI page)
        return streams.stream_counts(self._c, ids, types)

    def first_edge_keys(self, node_id: str, direction: str, type_: str, m: int, count: int | None = None) -> list[Key]:
        from graph.memory import streams  # numpy: not at import time (a CLI page)
        return streams.first_edge_keys(self._c, node_id, direction, type_, m)

    def stream_edges_to(self, node_id: str, direction: str, type_: str, far: list[str]) -> list[Key]:
        from graph.memory import streams  # numpy: not at import time (a CLI page)
        return streams.stream_edges_to(self._c, node_id, direction, type_, far)

    def memo(self, key: tuple, compute):
        """compute() once per state of the graph (and per key): kept on the columns, which a
        write either replaces or empties."""
        return self._reading(lambda overlay: True).answers.get(key, compute)  # dropped with the overlay

    def forget_answers(self) -> None:
        """Drop the kept answers (benchmarks measure a first, cold call with it)."""
        self._reading(lambda overlay: True).answers.clear()

    def documents(self) -> list[Document]:
        overlay = self._overlay
        docs = self._c.docs if overlay is None else overlay.documents()
        return sorted(docs.values(), key=lambda d: d.id)

    def iter_nodes(self) -> Iterator[Node]:
        c = self._c
        for i in range(len(c.ids)):
            yield c.node(i)

    def iter_edges(self) -> Iterator[Edge]:
        c = self._c
        for i in range(len(c.ids)):
            if c.slot(c.out, i) is not None:
                for e in c.out_edges_in_order(i):
                    yield c.edge(e)

    def close(self) -> None:
        """Every write is already on disk; a fold of the journal still running is waited for (compact.py)."""
        from graph.memory import compact

        compact.wait(self)

    # ---- internals -----------------------------------------------------

    @staticmethod
    def _apply(c: Columns, batch: Batch) -> None:
        c.answers.clear()
        c.streams = {}  # graph/memory/streams.py: sorted again by the next walk through a hub
        before = len(c.etype)
        with gc_paused():
            for doc in batch.documents:
                c.docs[doc.id] = doc
            _put_nodes(c, _node_rows(batch.nodes))
            from graph.memory.bulk import put_edge_columns

            columns = getattr(batch.edges, "columns", None)
            table = columns() if columns is not None else None
            if table is None or not put_edge_columns(c, table):
                _put_edges(c, _edge_rows(batch.edges))
            c.names.reindex()
            zone_index.after_write(c, before)

    @staticmethod
    def _check_endpoints(batch: Batch, c: Columns) -> None:
        known, incoming = c.ix, None
        missing: set[str] = set()
        for row in _edge_rows(batch.edges):
            for end in (row[0], row[2]):
                if end not in known:
                    if incoming is None:
                        incoming = {node[0] for node in _node_rows(batch.nodes)}
                    if end not in incoming:
                        missing.add(end)
        _refuse(missing)

    def _parse_snapshot(self, data: bytes, origin) -> Columns:
        try:
            with gc_paused():
                return _read_snapshot(data, self._apply, self._lazy, origin)
        except StoreUnavailable:
            raise
        except (ValueError, KeyError, TypeError, IndexError, OverflowError, AssertionError) as exc:
            raise StoreUnavailable(f"the graph snapshot {origin} cannot be read: {exc}") from exc


__all__ = ["MemoryStore", "NameIndex", "normalize_all"]
