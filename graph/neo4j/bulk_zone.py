"""The Neo4j zone index of a bulk load, computed in Python by the memory store's own build.

Why: building it on the server (zone_index.rebuild: BUILD_ROWS, BUILD_HEADS, ... per 50 hubs) took
79 s for the 253k index nodes of a 100k-node graph, and it must run in one transaction, which at 1M
nodes (about 2.5M index nodes) a 3 GB heap does not hold. The memory store computes the same rollup
vectorised (graph/memory/zone_build.py: every hub's rows in answer order, heads, lists and field
counts), so a bulk load builds that once and writes its entries as they are stored on Neo4j
(graph/neo4j/zone_cypher.py's layout), with plain CREATEs. `reindex --check` compares them with a
rebuild on the server (tests/graph/test_neo4j_bulk.py): they are the same nodes.

Entries come out as (label, k, s, t, d, n, f) tuples, hub by hub, so the writer can send them in
chunks without holding them all.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.memory import zone_index as memory_index
from graph.memory.columns import Columns
from graph.memory.zone_index import edge_key, row_key as memory_row_key, supporter_of
from graph.neo4j import zone_index
from graph.neo4j.zone_index import LISTS, SEP, enc, list_key, row_key

ROW, COUNT = "ZoneRow", "ZoneCount"


def prepare(batch) -> Columns:
    """The batch folded through the memory store's columns (merged, its edge ends checked) with the zone
    index built at Neo4j's hub threshold (zone_index.INDEX_DEGREE; tests lower one or the other, by
    default both are 64). Passed to the build, not set on the memory module: a memory store working
    in another thread meanwhile keeps its own threshold."""
    from graph.memory.store import MemoryStore
    from graph.memory.zone_build import build
    from graph.store import Batch

    c = Columns()
    MemoryStore._apply(c, Batch(nodes=batch.nodes, edges=batch.edges))  # builds at the memory threshold
    if memory_index.INDEX_DEGREE != zone_index.INDEX_DEGREE:  # only where a test set them apart
        build(c, zone_index.INDEX_DEGREE)
    return c


def entries(c: Columns) -> Iterator[tuple]:
    """Every index node of every hub of c.zindex, as Neo4j keeps them."""
    ids = c.ids
    key_of = edge_key(c)
    for z in sorted(c.zindex.roll):
        roll = c.zindex.roll[z]
        zid = ids[z]
        ez = enc(zid)
        yield COUNT, SEP.join((ez, "H")), None, None, None, None, None
        row_of = memory_row_key(c, z)
        rows: dict[tuple[str, str], int] = {}  # rows per (via, supporter type)
        paths: dict[int, int] = {}  # rows per supporter (both ways)
        for e in roll.rows:
            key = row_of(e)
            s, t, d = key_of(e)
            yield ROW, row_key(zid, key), s, t, d, None, None
            via = "1" if key[0] else "0"
            rows[(via, key[1])] = rows.get((via, key[1]), 0) + 1
            v = supporter_of(c, e)
            paths[v] = paths.get(v, 0) + 1
        for (via, kind), n in sorted(rows.items()):
            yield COUNT, SEP.join((ez, "S", via, kind)), None, None, None, n, None
        heads: dict[tuple[str, str], int] = {}  # supporters per (via of the first row, type)
        head_of = len(ez) + 3  # the row key after "Z·S·"
        for e in roll.heads:
            key = row_of(e)
            s, t, d = key_of(e)
            via = "1" if key[0] else "0"
            yield ROW, SEP.join((ez, "G", row_key(zid, key)[head_of:])), s, t, d, paths[supporter_of(c, e)], None
            heads[(via, key[1])] = heads.get((via, key[1]), 0) + 1
        for (via, kind), n in sorted(heads.items()):
            yield COUNT, SEP.join((ez, "G", via, kind)), None, None, None, n, None
        for f, n in sorted(roll.fields.items()):
            yield COUNT, SEP.join((ez, "F", enc(ids[f]))), None, None, None, n, ids[f]
        for name in LISTS:
            for e in roll.lists[name]:
                s, t, d = key_of(e)
                yield ROW, list_key(zid, name, (s, t, d)), s, t, d, None, None
