"""A CSV load into an empty Neo4j database that streams: what the client adds to the loader's records is a
chunk of statement lists or one hub's rollup, not a second copy of the graph.

Why: bulk_load (graph/neo4j/bulk.py) folds the whole batch into memory-store Columns and builds every
hub's zone index and every name's search entries from them at once: 1.2 GB of client RSS at 100k nodes
(248 s), about 11 GB at 1M, which does not fit beside a 5 GB server (docs/benchmarks.md, session 13).
Here, from the CSV loader's compact records (loaders/csv_rows.py: node tuples, edges as int columns;
139 MB for the 100k pair, read and checked whole first so a rejected row still stores nothing; since
session 16 the nodes of a pair read for an empty database are ids and types, their tuples read again
from nodes.csv a chunk at a time: loaders/csv_stream.py):

1. nodes, by type, and edges, per type, go out in chunks of ROWS as parallel lists to bulk.py's
   `UNWIND range(...) CREATE` statements, each list built from the records when its chunk is sent.
   Edges of one (source, type, target) given twice are merged first (Edge.merged, as `write` and the
   memory store merge them): found by sorting one int64 key per edge, not by a dict of edges;
2. the zone index is built after them, hub by hub, from Neo4j: each hub's neighbourhood read and
   folded through the memory store's rollup (zone_check.expected, the read-only check's own
   expectation) and its entries written in chunks. So the client holds one hub's rollup at a time
   (the largest 1M hub: 1.49M neighbourhood edges), and `reindex --check` compares the stored index
   with the very build that wrote it;
3. the search blocks from the nodes' names, a hash part at a time (search_build.by_part spills to disk).

Failure is bulk.py's: only into an empty database (a database that holds a graph takes `write`, one
transaction); a `:BulkLoad` marker stands while it runs; on any error everything written is deleted in
parts (the database was empty: that is the previous graph) and the error says so; a killed load leaves
its marker, and the next load removes what it wrote before it starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import numpy as np

from graph.errors import LoadError
from graph.neo4j import bulk, cypher, search_build, zone_check
from graph.neo4j.search_blocks import node_keys
from graph.neo4j.zone_cypher import HUBS
from graph.store import Batch

ROWS = bulk.ROWS


def streams(batch: Batch) -> bool:
    """Whether `batch` is a CSV load's compact records (nodes as rows, edges as int columns), which this
    load streams; any other batch (YAML, reports: records in lists) takes bulk_load."""
    return hasattr(batch.nodes, "rows") and all(hasattr(batch.edges, a) for a in ("ids", "src", "dst", "type"))


def stream_load(store, batch: Batch, rows: int = ROWS, progress: Callable[[str, int], None] | None = None) -> dict:
    """Load a CSV batch into `store`'s empty database; returns seconds per phase. LoadError if the
    database holds a graph or an edge names a node outside the batch (nothing is written then)."""
    started = time.perf_counter()
    bulk._refuse_a_graph(store)
    edges = _merged_edges(batch, len(batch.nodes))
    prepared = time.perf_counter() - started
    phases = (("documents", lambda: bulk._documents(batch)), ("nodes", lambda: _nodes(batch, rows)),
              ("edges", lambda: _edges(batch.edges, edges, rows)), ("zone index", lambda: _zone(store, rows)),
              ("search index", lambda: search_build.block_chunks(Names(batch.nodes))))
    times = bulk.write_phases(store, phases, progress, bool(len(batch.nodes) or batch.documents))
    times["prepare"] = round(prepared, 1)
    times["total"] = round(time.perf_counter() - started, 1)
    return times


class Names:
    """(id, type, key) of every name of the nodes, made again on each pass (search_build.block_chunks
    passes once over them per build, or once per hash part); its length is counted without normalising."""

    def __init__(self, nodes):
        self.nodes = nodes
        self.size = sum(len(n.names) for n in nodes)  # at least the keys' number: sizes the hash parts

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return ((n.id, n.type, k) for n in self.nodes for k in node_keys(n))

    def __len__(self) -> int:
        return self.size


def _nodes(batch: Batch, rows: int) -> Iterator[tuple]:
    """The node chunks, a type's nodes per statement, from one pass over the records' tuples (a lean CSV
    load reads nodes.csv again for it: loaders/csv_stream.py), each row's values put straight into its
    type's parallel lists (no map per row kept). When the lists hold `rows` rows in all, the fullest
    type's go out, so the client holds one chunk's worth of lists (and _ahead's two) whatever the number
    of types. (With a map per row kept until its chunk was sent, the nodes phase added ~255 MB at 300k.)"""
    from graph.neo4j.store import _node_row
    from loaders.csv_rows import _node  # a record from the loader's tuple, as iterating the nodes makes it

    parts: dict[str, dict[str, list]] = {}
    held = 0
    for row in batch.nodes.rows():
        columns = parts.get(row[1]) or parts.setdefault(row[1], _columns())
        made = _node_row(_node(row))
        for name, field in bulk._NODE_COLUMNS:
            columns[name].append(made[field])
        held += 1
        if held >= rows:
            fullest = max(parts, key=lambda t: len(parts[t]["id"]))
            held -= len(parts[fullest]["id"])
            yield _node_chunk(fullest, parts.pop(fullest))
    for type_ in sorted(parts):
        yield _node_chunk(type_, parts[type_])


def _columns() -> dict[str, list]:
    return {name: [] for name, _ in bulk._NODE_COLUMNS}


def _node_chunk(type_: str, columns: dict[str, list]) -> tuple:
    return cypher.bulk_nodes(type_), {"type": type_, **columns}, len(columns["id"])


class _Edges:
    """Which edge rows are sent (the first of each key) and the merged record of a key given twice."""

    def __init__(self, send: np.ndarray, merged: dict):
        self.send, self.merged = send, merged


def _merged_edges(batch: Batch, own: int) -> _Edges:
    """Edges of one key given twice, merged in file order (the first wins an attribute, evidence is
    added), as the memory store's columns merge them. An end outside the batch's nodes is refused:
    the load is into an empty database, so its CREATE would find no node and drop the edge silently."""
    e = batch.edges
    src = np.frombuffer(e.src, dtype=np.int32).astype(np.int64)
    dst = np.frombuffer(e.dst, dtype=np.int32).astype(np.int64)
    if len(src) and max(int(src.max()), int(dst.max())) >= own:
        bad = e.ids[int(src.max()) if src.max() >= own else int(dst.max())]
        raise LoadError(f"an edge names {bad!r}, which is not a node of this load; nothing was stored")
    key = (src * 256 + np.frombuffer(bytes(e.type), dtype=np.uint8)) * max(own, 1) + dst
    order = np.argsort(key, kind="stable")  # equal keys stay in file order
    same = key[order][1:] == key[order][:-1]
    send = np.ones(len(key), dtype=bool)
    send[order[1:][same]] = False
    merged: dict[int, object] = {}
    head, last = -1, -2
    for i in np.flatnonzero(same).tolist():  # order[i + 1] repeats order[i]'s key; a run shares one head
        if i != last + 1:
            head = int(order[i])
        merged[head] = (merged.get(head) or e[head]).merged(e[int(order[i + 1])])
        last = i
    return _Edges(send, merged)


def _edges(e, chosen: _Edges, rows: int) -> Iterator[tuple]:
    """The edge chunks, a type's edges per statement, ends as ids (found by the id index on the server)."""
    from graph.neo4j.store import _edge_props, _json
    from loaders.csv_rows import EDGE_TYPE_NAMES

    ids, src, dst, attr = e.ids, e.src, e.dst, e.attr
    evidence = e._evidence
    attrs_json: dict[int, str] = {}
    etype = np.frombuffer(bytes(e.type), dtype=np.uint8)
    for code in np.unique(etype).tolist():
        statement = cypher.bulk_edges(EDGE_TYPE_NAMES[code])
        part = np.flatnonzero((etype == code) & chosen.send)  # an int array: a list is made per chunk
        for lo in range(0, len(part), rows):
            s, d, a, ev = [], [], [], []
            for r in part[lo: lo + rows].tolist():
                s.append(ids[src[r]])
                d.append(ids[dst[r]])
                if r in chosen.merged or r in evidence:
                    props = _edge_props(chosen.merged.get(r) or e[r])
                    a.append(props["attrs_json"])
                    ev.append(props["evidence_json"])
                    continue
                code_a = attr[r]
                if code_a not in attrs_json:
                    attrs_json[code_a] = _json(e.attr_values[code_a], "an edge")
                a.append(attrs_json[code_a])
                ev.append("[]")
            yield statement, {"s": s, "d": d, "a": a, "e": ev}, len(s)


def _zone(store, rows: int) -> Iterator[tuple]:
    """The zone index, hub by hub from the stored graph (zone_check.expected), in chunks of about `rows`
    entries across hubs; the client holds one hub's rollup and one chunk."""
    from graph.neo4j import zone_index

    with store._session("build the zone index") as session:
        hubs = sorted(r["id"] for r in session.run(HUBS, min=zone_index.INDEX_DEGREE))
        parts: dict[str, list[tuple]] = {"row": [], "count": []}
        for z in hubs:
            found, counts = session.execute_read(lambda tx, z=z: _materialised(tx, z))
            for label, entries in (("count", counts), ("row", found)):
                part = parts[label]
                for entry in entries:
                    part.append(entry)
                    if len(part) >= rows:
                        yield _zone_chunk(label, part)
                        part.clear()
        for label, part in parts.items():
            if part:
                yield _zone_chunk(label, part)


def _materialised(tx, z: str) -> tuple[Iterator[tuple], list[tuple]]:
    """Hub z's expected entries; the rows stay a generator over the hub's columns (read in this tx)."""
    return zone_check.expected(tx, z)


def _zone_chunk(label: str, part: list[tuple]) -> tuple:
    if label == "row":
        params = {name: [entry[i] for entry in part] for i, name in enumerate(("k", "s", "t", "d", "n"))}
        return bulk.ZONE_ROWS, params, len(part)
    params = {name: [entry[i] for entry in part] for i, name in enumerate(("k", "n", "f"))}
    return bulk.ZONE_COUNTS, params, len(part)
