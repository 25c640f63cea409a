"""The Neo4j backend: the store protocol over the official driver.

Answers equal MemoryStore's (the conformance suite in tests/graph/ checks it):
statements fetch candidates by index, and where the protocol fixes an order
(search ranking, ids, edge keys) the order is made here in Python, so that it
is Python's string order on both backends, not Cypher's.

Reads run as managed READ transactions (`execute_read`), so `neo4j://` cluster
and `neo4j+s://` Aura URIs route them to readers; each read carries the
settings' query timeout. Sessions share one bookmark manager: a read sees every
write made before it through this store, on a cluster too.

A write (or replace) is one transaction: the endpoint check, the merge with
what is stored, and every UNWIND batch commit together or not at all. That
holds for any size, but the whole batch is then held by the server until the
commit: past a few million rows, raise the server's transaction memory
(`db.memory.transaction.total.max`) or load in several writes.
"""

from __future__ import annotations

import gc

import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

import orjson
from neo4j import GraphDatabase, ManagedTransaction, Transaction, unit_of_work
from neo4j.exceptions import (AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable,
                              SessionExpired)

from graph.bounded_paths import bounded_shortest_paths
from graph.bounded_walk import bounded_walk
from graph.neo4j import (cypher, search_blocks, search_build, search_finish, zone_cypher, zone_groups, zone_index,
                         zone_reindex)
from graph.neo4j.uri import check_uri
from graph.neo4j.zone_warm import warm_store as warm_zone_plans
from graph.bulk import gc_paused
from graph.errors import InnographError, LimitExceeded, LoadError, QueryTimeout, StoreUnavailable
from graph.limits import MAX_HOPS
from graph.model import Document, Edge, Evidence, Node
from graph.schema import EDGE_TYPES, MEMBER_EDGES, NODE_TYPES
from graph.settings import Settings
from graph.store import Batch, Counts, Direction, Key
from graph.text import normalize
from graph.walk import Walk

# The driver logs each retry as a warning; without this, a program that configures no logging
# would print them on stderr (the error that ends the retries is reported as one line anyway).
logging.getLogger("neo4j").addHandler(logging.NullHandler())
log = logging.getLogger(__name__)

Tx = ManagedTransaction | Transaction

DEFAULT_BATCH_SIZE = 2000
PAGE_SIZE = 5000  #: nodes per read when iterating the whole graph
#: Rows (documents, nodes, edges) from which a load into an empty database takes the bulk load.
BULK_MIN_ROWS = 20_000


#: Seconds the driver retries a transaction through transient errors. Short on purpose: an outage
#: must reach the user as "not reachable" (503) well inside the query budget, not as a timeout.
RETRY_TIME = 2.0


class Neo4jStore:
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j", *,
                 query_timeout: float = 10.0, batch_size: int = DEFAULT_BATCH_SIZE,
                 connection_timeout: float = 5.0):
        """Connect, and create the constraints and the index if they are missing.

        `batch_size` is the number of rows per UNWIND statement of a write;
        batch_size=1 writes one row per statement (for load-rate comparisons).
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        check_uri(uri)
        self.uri, self.user, self.database = uri, user, database
        self.query_timeout = query_timeout
        self._total: tuple[int, float] | None = None  #: (nodes, when): graph/bounded_walk.py streams
        self.batch_size = batch_size
        with self._errors("connect"):
            try:
                self._driver = GraphDatabase.driver(
                    uri, auth=(user, password), connection_timeout=min(connection_timeout, query_timeout / 4),
                    max_transaction_retry_time=RETRY_TIME if query_timeout >= 4 * RETRY_TIME else 0.0)
            except ValueError as exc:  # a malformed URI
                raise StoreUnavailable(f"Neo4j at {uri} is not reachable: {_first_line(str(exc))}") from exc
        self._bookmarks = GraphDatabase.bookmark_manager()
        try:
            self._ensure_schema()
            warm_zone_plans(self)  # a zone's first page plans nothing (graph/neo4j/zone_warm.py)
        except BaseException:
            self._driver.close()
            raise

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        return cls(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                   settings.neo4j_database, query_timeout=settings.query_timeout)

    # ---- writing -------------------------------------------------------

    def write(self, batch: Batch) -> None:
        pending: list[bool] = []
        self._write(lambda tx: pending.append(self._merge_into(tx, batch)), len(batch))
        if pending and pending[-1]:  # search blocks to build after the commit (graph/neo4j/search_finish.py)
            self._finish_search()

    def replace(self, batch: Batch) -> None:
        """Validated first; then the clear and the write commit as one transaction."""
        _check_endpoints(batch, set())

        def work(tx: Tx) -> None:
            tx.run(cypher.CLEAR).consume()
            nodes = _fold(batch.nodes, {})
            node_eids = self._put_nodes(tx, batch.documents, nodes, {})
            self._put_edges(tx, _fold(batch.edges, {}), node_eids, {})
            zone_index.rebuild(tx)
            pending[:] = [search_build.in_replace(tx, search_build.names_of(nodes.values()))]  # search pages

        pending: list[bool] = []
        self._write(work, len(batch))
        if pending and pending[0]:  # past INLINE names: built after the commit (graph/neo4j/search_finish.py)
            self._finish_search()

    def clear(self) -> None:
        self.replace(Batch())

    def bulk_load(self, batch: Batch, rows: int | None = None, progress: Callable | None = None,
                  defer_indexes: bool = False) -> dict:
        """A large batch into an empty database, many transactions of CREATEs (graph/neo4j/bulk.py)."""
        from graph.neo4j.bulk import ROWS, bulk_load

        return bulk_load(self, batch, rows or ROWS, progress, defer_indexes)

    def load_into_empty(self, batch: Batch) -> bool:
        """stream_load(batch) (a CSV load's records) or bulk_load(batch) (any other) if it has BULK_MIN_ROWS rows or more and the database holds no graph, and True;
        else False, with nothing done (the caller then writes or replaces, in one transaction). A failed
        bulk load leaves the database empty and says so; one transaction would not hold a large graph
        (about 100k nodes on a 3 GB heap). A small batch goes in one transaction: the bulk load's fixed
        cost (its marker, the schema, the index wait) took 3-21 s for 7-284 nodes, replace 0.8-7 s (load
        average 18-21)."""
        from graph.neo4j.bulk import holds_graph
        from graph.neo4j.stream_load import streams

        if len(batch) < BULK_MIN_ROWS or holds_graph(self):
            return False
        self.stream_load(batch) if streams(batch) else self.bulk_load(batch)
        return True

    def streams_csv(self) -> bool:
        """Whether a CSV pair read for this store now would be streamed (the database holds no graph): its
        check then keeps the nodes' ids and types, and the load reads nodes.csv again (loaders/csv_stream.py)."""
        from graph.neo4j.bulk import holds_graph

        return not holds_graph(self)

    def stream_load(self, batch: Batch, rows: int | None = None, progress: Callable | None = None) -> dict:
        """A CSV load's records into an empty database, streamed: the client adds a chunk or a hub's
        rollup to the records, not a second copy of the graph (graph/neo4j/stream_load.py)."""
        from graph.neo4j.stream_load import ROWS, stream_load

        return stream_load(self, batch, rows or ROWS, progress)

    # ---- reading -------------------------------------------------------

    def counts(self) -> Counts:
        def work(tx: Tx) -> Counts:
            nodes = {t: _single(tx, cypher.count_nodes(t)) for t in sorted(NODE_TYPES)}
            edges = {t: _single(tx, cypher.count_edges(t)) for t in sorted(EDGE_TYPES)}
            return Counts(nodes={t: c for t, c in nodes.items() if c},
                          edges={t: c for t, c in edges.items() if c},
                          documents=_single(tx, cypher.COUNT_DOCUMENTS))

        return self._read(work)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        found = self._read(lambda tx: _fetch_nodes(tx, wanted))
        return {i: found[i] for i in wanted if i in found}

    def lookup(self, key: str) -> list[str]:
        rows = self._rows(cypher.LOOKUP, key=key, needle=f"\n{key}\n")
        return sorted(r["id"] for r in rows)

    def search(self, key: str, types: Sequence[str] = (), limit: int = 20, offset: int = 0) -> list[Node]:
        """Ranked and paged on the server (graph/neo4j/search.py); records for the page only."""
        def work(tx: Tx) -> list[Node]:
            from graph.neo4j.search import page_ids

            page = page_ids(tx, key, types, offset, limit)
            found = _fetch_nodes(tx, page)
            return [found[i] for i in page]

        return self._read(work)

    def edges(self, ids: Iterable[str], direction: Direction = "both",
              types: Sequence[str] = ()) -> list[Edge]:
        asked = _edge_question(ids, direction, types)
        return self._read(lambda tx: _fetch_edges(tx, *asked)) if asked else []

    def edge_keys(self, ids: Iterable[str], direction: Direction = "both",
                  types: Sequence[str] = ()) -> list[Key]:
        asked = _edge_question(ids, direction, types)
        return self._read(lambda tx: _fetch_edge_keys(tx, *asked)) if asked else []

    def support_keys(self, target: str) -> tuple[list[Key], list[tuple[Key, str]]]:
        members = self.edge_keys([target], "in", MEMBER_EDGES)
        rows = self._rows(cypher.support_keys(), id=target)
        return members, sorted(((r["source"], r["type"], r["target"]), r["supporter_type"]) for r in rows)

    def get_edges(self, keys: Iterable[Key]) -> dict[Key, Edge]:
        rows = [list(k) for k in dict.fromkeys(keys) if k[1] in EDGE_TYPES]
        if not rows:
            return {}
        return self._read(lambda tx: {e.key: e for e in map(_edge, _chunked_rows(tx, cypher.EDGES_BY_KEY,
                                                                                  "keys", rows))})

    def degrees(self, ids: Iterable[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(ids))
        found = {r["id"]: r["degree"] for r in self._rows(cypher.DEGREES, ids=wanted)}
        return {i: found[i] for i in wanted if i in found}

    def nodes_of_type(self, type_: str, limit: int | None = None) -> list[Node]:
        if type_ not in NODE_TYPES:
            return []

        def work(tx: Tx) -> list[Node]:
            if limit is not None and limit >= 0:  # the server picks the first ones: no need to read all
                rows = tx.run(cypher.first_node_ids_of_type(type_), limit=limit)
            else:
                rows = tx.run(cypher.node_ids_of_type(type_))
            ids = sorted(r["id"] for r in rows)[:limit]
            found = _fetch_nodes(tx, ids)
            return [found[i] for i in ids]

        return self._read(work)

    def shortest_node_paths(self, source: str, target: str, max_hops: int,
                            limit: int | None = None, avoid: Collection[str] = (),
                            cap: int | None = None) -> list[list[str]]:
        """As MemoryStore, but `max_hops` past limits.MAX_HOPS is refused (the bound is Cypher text).
        With a `cap`, the bounded search of graph/bounded_paths.py (two short statements a level);
        without, Neo4j's allShortestPaths."""
        if source == target:
            return [[source]] if self.get_nodes([source]) else []
        if max_hops > MAX_HOPS:
            raise LimitExceeded(f"max_hops must be between 1 and {MAX_HOPS} (got {max_hops})")
        if max_hops < 1:
            return []
        if cap is not None:
            if len(self.get_nodes([source, target])) < 2:
                return []
            return bounded_shortest_paths(self, source, target, max_hops, limit, avoid, cap)
        blocked = sorted(set(avoid) - {source, target})
        rows = self._rows(cypher.shortest_paths(max_hops, bool(blocked)), source=source, target=target,
                          avoid=blocked)
        return [list(p) for p in sorted({tuple(r["ids"]) for r in rows})[:limit]]

    def walk(self, center: str, depth: int, edge_types: Sequence[str] = (), max_nodes: int = 500,
             stop: Collection[str] = ()) -> Walk:
        """The walk as graph/walk.py defines it, a hub's edges read in key order up to the page
        (graph/bounded_walk.py)."""
        if not self.get_nodes([center]):
            return Walk(nodes=set())
        return bounded_walk(self, center, depth, edge_types, max_nodes, frozenset(stop))

    def stream_counts(self, ids: Iterable[str], types: Sequence[str] = ()) -> dict:
        """{id: {(direction, type): edges}} (graph/bounded_walk.py), one short statement per edge type."""
        wanted = [t for t in dict.fromkeys(types) if t in EDGE_TYPES] if types else list(EDGE_TYPES)
        asked = list(dict.fromkeys(ids))

        def work(tx: Tx) -> dict:
            found: dict[str, dict] = {}
            for type_ in wanted:
                for r in tx.run(cypher.stream_counts(type_), ids=asked):
                    counts = found.setdefault(r["id"], {})
                    for direction in ("out", "in"):
                        if r[direction]:
                            counts[(direction, type_)] = r[direction]
            return found

        return self._read(work) if asked and wanted else {}

    def first_edge_keys(self, node_id: str, direction: str, type_: str, m: int, count: int | None = None) -> list[Key]:
        """The first `m` keys of one direction and type of the node's edges, in key order. Given the
        stream's `count`: where count^2 >= m * nodes the id index is read in order until m are found
        (about m * nodes / count entries), else the server orders the count edges (a Top): either
        way at most sqrt(m * nodes) rows are read, not the hub's edges."""
        if type_ not in EDGE_TYPES or direction not in ("out", "in"):
            return []

        ends = self._read(lambda tx: self._first_ends(tx, node_id, direction, type_, m, count))
        return [(node_id, type_, x) if direction == "out" else (x, type_, node_id) for x in ends]

    def first_edge_keys_many(self, streams: list[tuple[str, str, str, int]], m: int) -> dict:
        """first_edge_keys of several (node, direction, type, count) streams in one transaction."""
        streams = [s for s in streams if s[2] in EDGE_TYPES and s[1] in ("out", "in")]

        def work(tx: Tx) -> dict:
            return {s: self._first_ends(tx, *s[:3], m, s[3]) for s in streams}

        found = self._read(work) if streams else {}
        return {s: [(s[0], s[2], x) if s[1] == "out" else (x, s[2], s[0]) for x in ends] for s, ends in found.items()}

    def _first_ends(self, tx: Tx, node_id: str, direction: str, type_: str, m: int, count: int | None) -> list[str]:
        scan = count is not None and count * count >= m * self._node_total(tx)
        statement = (cypher.first_edge_keys_by_scan if scan else cypher.first_edge_keys)(direction, type_)
        return [r["id"] for r in tx.run(statement, id=node_id, m=m)]

    def _node_total(self, tx: Tx) -> int:
        """How many nodes, at most 5 s old: it only chooses how a stream is read, never the answer."""
        now = time.monotonic()
        if self._total is None or now - self._total[1] > 5:
            self._total = (_single(tx, cypher.COUNT_NODES), now)
        return self._total[0]

    def stream_edges_to(self, node_id: str, direction: str, type_: str, far: list[str]) -> list[Key]:
        """The keys of one direction and type of the node's edges whose far end is in `far`."""
        if type_ not in EDGE_TYPES or direction not in ("out", "in") or not far:
            return []
        ends = [r["id"] for r in self._rows(cypher.stream_edges_to(direction, type_), id=node_id, far=list(far))]
        return [(node_id, type_, x) if direction == "out" else (x, type_, node_id) for x in ends]

    def support_window(self, target: str, wanted: str | None, offset: int, limit: int | None,
                       after: bytes | None = None):
        """A hub's supporters page from the zone index (graph/neo4j/zone_groups.py); None for other nodes."""
        return self._read(lambda tx: zone_groups.support_window(tx, target, wanted, offset, limit, after))

    def profile_window(self, target: str, most: int):
        return self._read(lambda tx: zone_index.profile_window(tx, target, most))

    def supporters_among(self, target: str, candidates: list[tuple[str, str]]) -> set[str] | None:
        """Which of `candidates` ((type, id)) support hub `target` (graph/neo4j/zone_groups.py); None for other nodes."""
        return self._read(lambda tx: zone_groups.supporters_among(tx, target, candidates))

    def reindex(self, check: bool = False, search: bool = True) -> list[str]:
        """The hubs whose zone index differed from the graph (data written outside innograph); unless
        `check`, repaired. Compared read-only, hub by hub (graph/neo4j/zone_check.py: nothing written, memory
        a page plus one hub's expected entries); a repair rebuilds only the hubs found, a batch per transaction
        (graph/neo4j/zone_reindex.py).
        Then "(search index: ...)" when the search blocks differ (`search`: compared at all; a check
        reads every name and block, in a transaction of its own); unless `check`, rebuilt in parts
        after the commit."""
        differ = zone_reindex.reindex(lambda: self._session("compare the zone index with the graph"), check)
        build = False
        if search:  # the search blocks (graph/neo4j/search_blocks.py)
            with self._session("compare the search index") as session, session.begin_transaction() as tx:
                found, build = search_build.reindex(tx, check)
                differ += found
                if check:
                    tx.rollback()
                else:
                    tx.commit()
        if build and not self._finish_search(force=True):
            differ.append("(search index: not finished, names kept changing; run reindex again)")
        return differ

    def _finish_search(self, force: bool = False) -> bool:
        """The search blocks pending after a commit, built in transactions of their own. A failure here
        leaves them pending (search reads the text index; the next write or reindex finishes them):
        the write itself has committed, so it is logged, not raised."""
        def run(work: Callable[[Tx], Any]) -> Any:
            with self._session("build the search index") as session, session.begin_transaction() as tx:
                out = work(tx)
                tx.commit()
                return out
        try:
            with gc_paused():
                return search_finish.finish(run, force)
        except InnographError as exc:
            log.warning("the search index stays incomplete (search reads the text index): %s", exc)
            return False

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """Always computed: other writers may change the graph at any time."""
        return compute()

    def documents(self) -> list[Document]:
        docs = [Document(**r["d"]) for r in self._rows(cypher.DOCUMENTS)]
        return sorted(docs, key=lambda d: d.id)

    def iter_nodes(self) -> Iterator[Node]:
        """Every node, read a page at a time (each page one read transaction)."""
        for page in self._id_pages():
            found = self._read(lambda tx, page=page: _fetch_nodes(tx, page))
            yield from (found[i] for i in page)

    def iter_edges(self) -> Iterator[Edge]:
        """Every edge: the out-edges of each page of nodes."""
        for page in self._id_pages():
            yield from self._read(lambda tx, page=page: _fetch_edges(tx, page, "out", []))

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- internals -----------------------------------------------------

    def _ensure_schema(self) -> None:
        with self._errors("connect"):
            self._driver.verify_connectivity()  # fails fast, without the retries of a transaction
        with self._session("prepare the database") as session:
            for statement in (*cypher.SCHEMA, *zone_cypher.SCHEMA, *search_blocks.SCHEMA):  # not awaited: a query is right (if slower) without them
                session.execute_write(lambda tx, s=statement: tx.run(s).consume())

    def _merge_into(self, tx: Tx, batch: Batch) -> bool:
        """Merge with what is stored, as MemoryStore does; only what is stored is read back."""
        incoming = list(dict.fromkeys(n.id for n in batch.nodes))
        stored = {r["id"]: r["eid"] for r in _chunked_rows(tx, cypher.EXISTING_IDS, "ids",
                                                            incoming + _endpoint_ids(batch))}
        _check_endpoints(batch, stored)
        old_nodes = _fetch_nodes(tx, [i for i in incoming if i in stored])
        changed = _changed(_fold(batch.nodes, old_nodes), old_nodes)
        node_eids = self._put_nodes(tx, batch.documents, changed, stored)
        pending_search = search_blocks.after_write(tx, old_nodes, changed)  # search pages (graph/neo4j/search.py)
        edges = _fold(batch.edges, {})
        old_edges, edge_eids = {}, {}
        between_stored = [e for k, e in edges.items() if k[0] in stored and k[2] in stored]
        for type_, group in _by_type(between_stored):
            for row in self._run_batches(tx, cypher.merge_edges(type_), [
                    {"a": stored[e.source], "b": stored[e.target], "props": _edge_props(e)} for e in group]):
                key = (row["source"], row["type"], row["target"])
                if row["evidence_json"] is None:  # new: MERGE made it from the batch's record
                    del edges[key]
                else:
                    old_edges[key], edge_eids[key] = _edge(row), row["eid"]
        merged = _fold(batch.edges, old_edges)
        self._put_edges(tx, _changed({k: merged[k] for k in edges}, old_edges), node_eids, edge_eids)
        zone_index.after_write(tx, [k for k in merged if k not in old_edges])
        return pending_search

    def _put_nodes(self, tx: Tx, documents: list[Document], nodes: dict[str, Node],
                   eids: dict[str, str]) -> dict[str, str]:
        """Documents and nodes: stored nodes (those in `eids`) updated, new ones created with one
        statement per type. Returns the element ids of all of them."""
        docs = {d.id: d for d in documents}  # the last record of an id wins, as in memory
        self._run_batches(tx, cypher.MERGE_DOCUMENTS,
                          [{k: v for k, v in d.model_dump().items() if v is not None} for d in docs.values()])
        eids = dict(eids)
        self._run_batches(tx, cypher.UPDATE_NODES, [{"eid": eids[i], "props": _node_row(n)}
                                                    for i, n in nodes.items() if i in eids])
        for type_, group in _by_type(n for i, n in nodes.items() if i not in eids):
            created = self._run_batches(tx, cypher.create_nodes(type_), [_node_row(n) for n in group])
            eids.update((r["id"], r["eid"]) for r in created)
        return eids

    def _put_edges(self, tx: Tx, edges: dict[tuple[str, str, str], Edge], node_eids: dict[str, str],
                   edge_eids: dict[tuple[str, str, str], str]) -> None:
        for type_, group in _by_type(edges.values()):
            self._run_batches(tx, cypher.update_edges(type_), [
                {"eid": edge_eids[e.key], "props": _edge_props(e)} for e in group if e.key in edge_eids])
            self._run_batches(tx, cypher.create_edges(type_), [
                {"a": node_eids[e.source], "b": node_eids[e.target], "props": _edge_props(e)}
                for e in group if e.key not in edge_eids])

    def _run_batches(self, tx: Tx, statement: str, rows: list[dict]) -> list[dict]:
        out: list[dict] = []
        for chunk in _chunks(rows, self.batch_size):
            out.extend(tx.run(statement, rows=chunk).data())
        return out

    def _id_pages(self) -> Iterator[list[str]]:
        after: str | None = None
        while True:
            if after is None:
                rows = self._rows(cypher.FIRST_NODE_IDS, limit=PAGE_SIZE)
            else:
                rows = self._rows(cypher.NEXT_NODE_IDS, after=after, limit=PAGE_SIZE)
            page = [r["id"] for r in rows]
            if page:
                yield page
            if len(page) < PAGE_SIZE:
                return
            after = page[-1]

    def _write(self, work: Callable[[Tx], None], rows: int) -> None:
        """One explicit transaction, not retried: a retry would redo a whole load.

        The cyclic collector is paused meanwhile (graph/bulk.py): a write of 200,000 edges holds a
        million acyclic records, parameter maps and result rows. In a 1M-node load the server sat
        idle, waiting on the client, for about half of each write, and a quarter of the wall time went
        to building edge records. Building 400,000 edge records and their parameter maps took 34-46 s
        with the collector on and 14 s with it paused (a 100k-node process, load average 10).

        Then the young generation is collected, paused or not: the driver's session, transaction and
        result objects hold a reference cycle that keeps the statement's parameters (a chunk's lists),
        so with the collector paused for a whole bulk load every chunk stayed until the load ended
        (8.5 MB per 50,000 short strings; +1.2 GB of client RSS over the nodes of a 1M-node load).
        Only what was made since the last collection is scanned, so it costs little."""
        try:
            with gc_paused(), self._session("write the graph") as session, session.begin_transaction() as tx:
                work(tx)
                tx.commit()
            gc.collect(0)
        except InnographError as exc:
            if "OutOfMemoryError" in exc.message:  # the transaction memory pool's, or the heap's
                which = ("its transaction memory, db.memory.transaction.total.max" if "MemoryPool" in exc.message
                         else "its heap, server.memory.heap.max_size")
                raise LoadError(f"{rows:,} rows are too many for one transaction on Neo4j at {self.uri} ({which}, "
                                "ran out); nothing was stored, the graph before the load is intact: raise that "
                                "limit, or empty the database and load into it again (into an empty database "
                                "the load goes in parts: README, 'Loading a large graph into Neo4j')") from exc
            raise

    def _read(self, work: Callable[[Tx], Any]) -> Any:
        @unit_of_work(timeout=self.query_timeout)
        def timed(tx: Tx) -> Any:
            return work(tx)

        with self._session("answer the query") as session:
            return session.execute_read(timed)

    def _rows(self, statement: str, **params: Any) -> list[dict]:
        return self._read(lambda tx: tx.run(statement, params).data())

    @contextmanager
    def _session(self, action: str):
        with self._errors(action):
            with self._driver.session(database=self.database, bookmark_manager=self._bookmarks) as session:
                yield session

    @contextmanager
    def _errors(self, action: str):
        """Driver and server errors -> the project's errors, each one line naming the server."""
        where = f"Neo4j at {self.uri}"
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(f"{where} is not reachable: the user {self.user!r} or its password "
                                   "was refused") from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(f"{where} is not reachable: {_reason(exc)}") from exc
        except Neo4jError as exc:
            code = exc.code or ""
            if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated"):
                raise QueryTimeout(f"{where}: the query ran past its time budget of "
                                   f"{self.query_timeout:g} s and was stopped") from exc
            if code.endswith("DatabaseNotFound") or code.startswith("Neo.TransientError.Database"):
                raise StoreUnavailable(f"{where} is not reachable: database {self.database!r} is not "
                                       f"available ({_first_line(exc.message)})") from exc
            if isinstance(exc, ClientError) and code.startswith("Neo.ClientError.Security"):
                raise StoreUnavailable(f"{where} is not reachable: the user {self.user!r} may not "
                                       f"{action} ({_first_line(exc.message)})") from exc
            raise InnographError(f"{where} could not {action}: {code}: {_first_line(exc.message)}") from exc
        except (DriverError, OSError) as exc:
            raise StoreUnavailable(f"{where} is not reachable: {_reason(exc)}") from exc


# ---- records <-> stored properties -----------------------------------------------

def _node_row(node: Node) -> dict[str, Any]:
    keys = list(dict.fromkeys(normalize(n) for n in node.names))
    return {"id": node.id, "type": node.type, "name_zh": node.name_zh, "name_en": node.name_en,
            "aliases": list(node.aliases), "attrs_json": _json(node.attrs, f"node {node.id!r}"),
            "sources": list(node.sources), "keys": keys, "keys_text": "\n" + "\n".join(keys) + "\n"}


def _node(props: dict[str, Any]) -> Node:
    return Node(id=props["id"], type=props["type"], name_zh=props["name_zh"],
                name_en=props.get("name_en") or "", aliases=list(props.get("aliases") or []),
                attrs=orjson.loads(props.get("attrs_json") or "{}"),
                sources=list(props.get("sources") or []))


def _edge_props(edge: Edge) -> dict[str, str]:
    evidence = [e.model_dump() for e in edge.evidence]
    return {"attrs_json": _json(edge.attrs, f"edge {edge.key}"), "evidence_json": orjson.dumps(evidence).decode()}


def _edge(row: dict[str, Any]) -> Edge:
    evidence = [Evidence(**e) for e in orjson.loads(row["evidence_json"] or "[]")]
    return Edge(source=row["source"], target=row["target"], type=row["type"],
                attrs=orjson.loads(row["attrs_json"] or "{}"), evidence=evidence)


def _json(value: Any, what: str) -> str:
    try:
        return orjson.dumps(value).decode()
    except TypeError as exc:
        raise LoadError(f"{what}: attributes cannot be stored as JSON ({exc}); nothing was stored") from None


# ---- statements run inside a transaction ---------------------------------------

def _fetch_nodes(tx: Tx, ids: list[str]) -> dict[str, Node]:
    return {r["n"]["id"]: _node(r["n"]) for r in _chunked_rows(tx, cypher.NODES_BY_ID, "ids", ids)}


def _fetch_edges(tx: Tx, ids: list[str], direction: str, types: list[str]) -> list[Edge]:
    statements = {"out": [cypher.edges_from(types)], "in": [cypher.edges_to(types)],
                  "both": [cypher.edges_from(types), cypher.edges_to(types)]}[direction]
    found: dict[tuple[str, str, str], Edge] = {}
    for statement in statements:
        for row in _chunked_rows(tx, statement, "ids", ids):
            edge = _edge(row)
            found[edge.key] = edge
    return [found[k] for k in sorted(found)]


def _edge_question(ids: Iterable[str], direction: str, types: Sequence[str]) -> tuple | None:
    """(ids, direction, known types) of an edges question, or None when it can have no answer
    (no ids, an unknown direction, only types the schema does not have)."""
    wanted = list(dict.fromkeys(ids))
    known = [t for t in dict.fromkeys(types) if t in EDGE_TYPES]
    if types and not known or direction not in ("out", "in", "both") or not wanted:
        return None
    return wanted, direction, known


def _fetch_edge_keys(tx: Tx, ids: list[str], direction: str, types: list[str]) -> list[tuple[str, str, str]]:
    statements = {"out": [cypher.edge_keys_from(types)], "in": [cypher.edge_keys_to(types)],
                  "both": [cypher.edge_keys_from(types), cypher.edge_keys_to(types)]}[direction]
    return sorted({(r["source"], r["type"], r["target"]) for statement in statements
                   for r in _chunked_rows(tx, statement, "ids", ids)})


def _chunked_rows(tx: Tx, statement: str, name: str, values: list) -> Iterator[dict]:
    for chunk in _chunks(values, PAGE_SIZE):
        yield from tx.run(statement, {name: chunk}).data()


def _single(tx: Tx, statement: str) -> int:
    return tx.run(statement).single(strict=True)["n"]


# ---- merge and checks, as MemoryStore does them ----------------------------------

def _fold(records: list, stored: dict) -> dict:
    """Each record merged, in order, into the stored one or an earlier one of the same key."""
    out: dict = {}
    for record in records:
        key = record.id if isinstance(record, Node) else record.key
        previous = out.get(key) or stored.get(key)
        out[key] = previous.merged(record) if previous else record
    return out


def _changed(merged: dict, stored: dict) -> dict:
    """The merged records that are new or differ from the stored ones (a reload writes nothing)."""
    return {k: r for k, r in merged.items()
            if k not in stored or r != stored[k] or list(r.attrs) != list(stored[k].attrs)}


def _endpoint_ids(batch: Batch) -> list[str]:
    incoming = {n.id for n in batch.nodes}
    return sorted({end for e in batch.edges for end in (e.source, e.target)} - incoming)


def _check_endpoints(batch: Batch, stored: Container[str]) -> None:
    missing = [i for i in _endpoint_ids(batch) if i not in stored]
    if missing:
        raise LoadError(f"edges refer to {len(missing)} unknown node(s): {', '.join(missing[:10])}")


def _by_type(records: Iterable, type_of: Callable = lambda r: r.type) -> list[tuple[str, list]]:
    groups: dict[str, list] = defaultdict(list)
    for record in records:
        groups[type_of(record)].append(record)
    return sorted(groups.items())


def _chunks(items: list, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# ---- messages ----------------------------------------------------------------------

def _reason(exc: BaseException) -> str:
    """The useful part of a driver message: 'connection refused', not three lines of addresses."""
    text = str(exc)
    found = re.search(r"\(reason (?:\[Errno -?\d+\] )?(.+?)\)\s*$", text, re.S)
    reason = _first_line(found.group(1)) if found else _first_line(text) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


# ---- load rate -----------------------------------------------------------------------

def load_rate(store: Neo4jStore, batch: Batch, rows_per_write: int | None = None) -> float:
    """Rows per second for writing `batch` (documents, then nodes, then edges).

    rows_per_write=None writes it in one write() (one transaction, UNWIND batches of
    store.batch_size rows); rows_per_write=1 gives one transaction per row.
    """
    records = [*batch.documents, *batch.nodes, *batch.edges]
    step = rows_per_write or max(len(records), 1)
    start = time.perf_counter()
    for chunk in _chunks(records, step):
        store.write(Batch(documents=[r for r in chunk if isinstance(r, Document)],
                          nodes=[r for r in chunk if isinstance(r, Node)],
                          edges=[r for r in chunk if isinstance(r, Edge)]))
    return len(records) / max(time.perf_counter() - start, 1e-9)
