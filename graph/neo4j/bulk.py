"""A large graph into an empty Neo4j database, fast: columns of primitives, CREATE, many transactions.

Why: `write` merges with what is stored (reads every incoming id, MERGEs each edge, returns the merged
rows for Python to fold, keeps the zone index per edge) and builds an Edge record and a property map
per row: 2,265 rows/s at 100k nodes, about 75 min estimated for 1M nodes / 5M edges, of which the
client held up half. Into an empty database none of that is needed:

1. the batch goes into a fresh memory-store `Columns` (graph/memory: the reference backend's own
   merge of repeated ids and edge keys, its check of edge ends, and its vectorised zone index build),
   before anything is sent, so a bad batch fails with nothing written;
2. nodes, then edges, are sent per type as parallel lists (`$id[i]`, `$zh[i]`, ...: no map per row)
   to one `UNWIND range(...) CREATE` statement per chunk, nothing read back; an edge finds its two
   ends by the id index. The next chunk's lists are built in a thread while the server runs this one;
3. the zone index's nodes come from that build (graph/neo4j/bulk_zone.py) and go in the same way.

Each chunk is its own transaction (one transaction of a million nodes and five million edges does not
fit a 3 GB heap), so this is not atomic the way `write`/`replace` are. What holds instead: the load
refuses a database that holds anything; a `:BulkLoad` marker node stands while it runs; on any error
the client deletes everything it wrote (the database was empty: that is the previous graph) and the
error is raised, saying so. A client killed mid-load leaves the marker: readers meanwhile see a partial
graph, and the next `bulk_load` removes that partial graph before it starts. The load takes the database
for itself: what another client writes meanwhile is deleted with it if the load fails.

`innograph load`, `build` and `sync` of 20,000 rows or more take this path into an empty database
(`Neo4jStore.load_into_empty`, loaders/sources.py `put`); smaller ones, and any into a database that holds
a graph, `write`/`replace` in one transaction.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

import numpy as np
import orjson

from graph.bulk import gc_paused
from graph.errors import InnographError, LoadError, QueryTimeout, StoreUnavailable
from graph.memory.columns import Columns
from graph.memory.records import _attrs_of
from graph.neo4j import bulk_zone, cypher, search_build
from graph.store import Batch

ROWS = 50_000  #: rows per statement (and per transaction)

COUNT_ALL = "MATCH (n) RETURN count(n) AS n"
COUNT_MARKERS = "MATCH (m:BulkLoad) RETURN count(m) AS n"
PUT_MARKER = "CREATE (:BulkLoad {started: datetime()})"
DROP_MARKER = "MATCH (m:BulkLoad) DELETE m"
#: Everything, in transactions of 10,000 (auto-commit only): what a failed or killed load leaves.
DELETE_ALL = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
DOCUMENTS = "UNWIND $rows AS row CREATE (d:SourceDocument) SET d = row"
ZONE_ROWS = ("UNWIND range(0, size($k) - 1) AS i "
             "CREATE (:ZoneRow {k: $k[i], s: $s[i], t: $t[i], d: $d[i], n: $n[i]})")
ZONE_COUNTS = "UNWIND range(0, size($k) - 1) AS i CREATE (:ZoneCount {k: $k[i], n: $n[i], f: $f[i]})"
#: The two indexes no statement of the load reads (the names' text index, the zone rows' range index):
#: dropped while it writes, made again after it (the store's schema, IF NOT EXISTS) and awaited.
DEFERRED = ("DROP INDEX innograph_node_keys IF EXISTS", "DROP INDEX innograph_zone_row IF EXISTS")
AWAIT_INDEXES = "CALL db.awaitIndexes(3600)"


def bulk_load(store, batch: Batch, rows: int = ROWS, progress: Callable[[str, int], None] | None = None,
              defer_indexes: bool = False) -> dict:
    """Load `batch` into `store`'s empty database; returns seconds per phase. LoadError if the database
    holds a graph (use write or replace) or the batch is refused (nothing is written then).

    `defer_indexes`: the text index of names and the zone rows' range index are dropped during the
    load and built once after it; the id constraint stays, as the edges find their ends by it. Off by
    default: in one run at load average 13-16 it saved 28 % at 10k and cost 75 % at 100k (noise
    either way, docs/benchmarks.md); the 1M figure was measured without it."""
    import time

    from graph.neo4j.store import _node_row

    started = time.perf_counter()
    _refuse_a_graph(store)
    with gc_paused():  # merged and checked, its index built (Neo4j's hubs)
        c = bulk_zone.prepare(batch)
    prepared = time.perf_counter() - started
    phases = (("documents", lambda: _documents(batch)), ("nodes", lambda: _nodes(c, rows, _node_row)),
              ("edges", lambda: _edges(c, rows)), ("zone index", lambda: _zone(c, rows)),
              ("search index", lambda: search_build.block_chunks(search_build.columns_names(c))))
    times = write_phases(store, phases, progress, bool(len(c.ids) or batch.documents), defer_indexes)
    times["prepare"] = round(prepared, 1)
    times["total"] = round(time.perf_counter() - started, 1)
    return times


def write_phases(store, phases, progress: Callable[[str, int], None] | None, anything: bool,
                 defer_indexes: bool = False) -> dict:
    """Run each (phase, chunks maker) into the empty database, chunk by chunk, under the `:BulkLoad`
    marker (put only when there is `anything`), then the schema and its indexes; seconds per phase
    and "total". On any error everything written is deleted and the error says so (see the module)."""
    import time

    times, started = {}, time.perf_counter()
    if anything:
        if _refuse_a_graph(store):  # again after the caller's prepare (a minute at 1M): a writer may have come
            _clear(store)  # a killed load's leftovers
        _auto(store, PUT_MARKER)
        for statement in DEFERRED if defer_indexes else ():
            _auto(store, statement)
    try:
        with gc_paused():
            for phase, make in phases:
                t0 = time.perf_counter()
                done = 0
                for statement, params, size in _ahead(make()):
                    store._write(lambda tx, s=statement, p=params: tx.run(s, p).consume(), size)
                    done += size
                    if progress:
                        progress(phase, done)
                times[phase] = time.perf_counter() - t0
        t0 = time.perf_counter()
        store._ensure_schema()
        _auto(store, AWAIT_INDEXES)
        times["indexes"] = time.perf_counter() - t0
        _auto(store, DROP_MARKER)
    except BaseException as exc:
        try:
            _clear(store)
            store._ensure_schema()
        except InnographError as undo:
            raise _stopped(exc, f"deleting what it wrote failed too ({undo.message}); the next bulk load "
                                "deletes it (its :BulkLoad marker stands)") from exc
        if isinstance(exc, InnographError):
            raise _stopped(exc, "what it wrote was deleted: the database is empty, as it was before") from exc
        raise
    times["total"] = time.perf_counter() - started
    return {k: round(v, 1) for k, v in times.items()}


def holds_graph(store) -> bool:
    """Whether the database holds a graph: anything but nothing or a killed bulk load's leftovers."""
    return not store._rows(COUNT_MARKERS)[0]["n"] and bool(store._rows(COUNT_ALL)[0]["n"])


def _refuse_a_graph(store) -> bool:
    """LoadError if the database holds a graph; else whether it holds a killed load's leftovers."""
    if holds_graph(store):
        raise LoadError(f"Neo4j at {store.uri} already holds a graph: a bulk load needs an empty database "
                        "(load into it with `write`, or clear it first)")
    return bool(store._rows(COUNT_MARKERS)[0]["n"])


def _stopped(exc: BaseException, after: str) -> InnographError:
    """The error that stopped a load, saying what became of the database: a server that stopped
    answering or a query budget run out keep their kind (the CLI's exit code, the API's status),
    any other error is a LoadError."""
    message = f"{getattr(exc, 'message', None) or exc}; the bulk load stopped and {after}"
    return type(exc)(message) if isinstance(exc, (StoreUnavailable, QueryTimeout)) else LoadError(message)


def clear_in_parts(store) -> None:
    """Delete everything in transactions of 10,000 nodes: `clear` is one transaction, which a 3 GB heap
    does not hold past a few hundred thousand nodes. Not atomic: for a failed bulk load and benchmarks."""
    if store._rows(COUNT_ALL)[0]["n"]:
        _auto(store, DELETE_ALL)


_clear = clear_in_parts


def _auto(store, statement: str) -> None:
    """An auto-commit statement (CALL ... IN TRANSACTIONS runs only in one)."""
    with store._session("write the graph") as session:
        session.run(statement).consume()


def _ahead(chunks: Iterator[tuple], depth: int = 2) -> Iterator[tuple]:
    """`chunks`, built in a thread up to `depth` ahead: the client makes the next statement's lists
    while the server runs this one (the driver waits on the socket without the GIL)."""
    q: queue.Queue = queue.Queue(depth)
    done = object()
    failed: list[BaseException] = []
    stop = threading.Event()

    def fill() -> None:
        try:
            with gc_paused():
                for chunk in chunks:
                    if stop.is_set():
                        return
                    q.put(chunk)
        except BaseException as exc:  # raised again in the caller
            failed.append(exc)
        finally:
            q.put(done)

    worker = threading.Thread(target=fill, name="bulk-load-lists", daemon=True)
    worker.start()
    try:
        while (item := q.get()) is not done:
            yield item
        if failed:
            raise failed[0]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a put so that the thread sees `stop`
            try:
                q.get_nowait()
            except queue.Empty:
                worker.join(0.05)


def _documents(batch: Batch) -> Iterator[tuple]:
    docs = {d.id: d for d in batch.documents}  # the last record of an id wins, as in `write`
    rows = [{k: v for k, v in d.model_dump().items() if v is not None} for d in docs.values()]
    for lo in range(0, len(rows), ROWS):
        yield DOCUMENTS, {"rows": rows[lo: lo + ROWS]}, len(rows[lo: lo + ROWS])


def _nodes(c: Columns, rows: int, node_row: Callable) -> Iterator[tuple]:
    for code in sorted(c.by_type, key=lambda k: c.node_types[k]):
        type_, members = c.node_types[code], c.by_type[code]
        statement = cypher.bulk_nodes(type_)
        for lo in range(0, len(members), rows):
            made = [node_row(n) for n in c.node_records(members[lo: lo + rows])]
            params = {"type": type_, **{name: [m[field] for m in made] for name, field in _NODE_COLUMNS}}
            yield statement, params, len(made)


_NODE_COLUMNS = (("id", "id"), ("zh", "name_zh"), ("en", "name_en"), ("aliases", "aliases"),
                 ("attrs", "attrs_json"), ("sources", "sources"), ("keys", "keys"), ("text", "keys_text"))


def _edges(c: Columns, rows: int) -> Iterator[tuple]:
    from graph.neo4j.store import _edge_props, _json

    ids, esrc, edst = c.ids, c.esrc, c.edst
    attrs_json: dict[int, str] = {}
    for code in range(len(c.attr_reps)):
        rep = c.attr_reps[code]
        attrs = {} if rep is None else dict(rep) if type(rep) is tuple else _attrs_of(rep)
        attrs_json[code] = _json(attrs, "an edge")
    etype = np.frombuffer(bytes(c.etype), dtype=np.uint8)
    for code in sorted(range(len(c.edge_types)), key=lambda k: c.edge_types[k]):
        statement = cypher.bulk_edges(c.edge_types[code])
        edges = np.flatnonzero(etype == code).tolist()
        for lo in range(0, len(edges), rows):
            part = edges[lo: lo + rows]
            params = {"s": [ids[esrc[e]] for e in part], "d": [ids[edst[e]] for e in part],
                      "a": [attrs_json[c.eattr[e]] for e in part], "e": _evidence_json(c, part, _edge_props)}
            yield statement, params, len(part)


def _evidence_json(c: Columns, edges: list[int], edge_props: Callable) -> list[str]:
    """Each edge's evidence as `write` stores it ("[]" for most rows of a CSV load)."""
    out = ["[]"] * len(edges)
    evidence = c.evidence
    if evidence:
        for i, e in enumerate(edges):
            if e in evidence:
                out[i] = edge_props(c.edge(e))["evidence_json"]
    return out


def _zone(c: Columns, rows: int) -> Iterator[tuple]:
    if c.zindex is None:
        return
    parts: dict[str, list[tuple]] = {bulk_zone.ROW: [], bulk_zone.COUNT: []}
    for entry in bulk_zone.entries(c):
        part = parts[entry[0]]
        part.append(entry)
        if len(part) >= rows:
            yield _zone_chunk(entry[0], part)
            part.clear()
    for label, part in parts.items():
        if part:
            yield _zone_chunk(label, part)


def _zone_chunk(label: str, part: list[tuple]) -> tuple:
    if label == bulk_zone.ROW:
        params = {name: [e[i] for e in part] for name, i in (("k", 1), ("s", 2), ("t", 3), ("d", 4), ("n", 5))}
        return ZONE_ROWS, params, len(part)
    params = {name: [e[i] for e in part] for name, i in (("k", 1), ("n", 5), ("f", 6))}
    return ZONE_COUNTS, params, len(part)
