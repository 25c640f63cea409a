"""The Neo4j zone index of a bulk load, computed in Python by the memory store's own build.

Why: building it on the server (zone_index.rebuild: BUILD_ROWS, BUILD_HEADS, ... per 50 hubs) took
79 s for the 253k index nodes of a 100k-node graph, and it must run in one transaction, which at 1M
nodes (about 2.5M index nodes) a 3 GB heap does not hold. The memory store computes the same rollup
vectorised (graph/memory/zone_build.py: every hub's rows in answer order, heads, lists and field
counts), so a bulk load builds that once and writes its entries as they are stored on Neo4j
(graph/neo4j/zone_cypher.py's layout), with plain CREATEs. `reindex --check` compares them with a
rebuild on the server (tests/graph/test_neo4j_bulk.py): they are the same nodes.

Entries come out as (label, k, s, t, d, n, f) tuples, hub by hub, so the writer can send them in
chunks without holding them all; each hub's rows come in key order, so the read-only check
(graph/neo4j/zone_check.py) compares them with the stored ones as two sorted streams.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.memory import zone_index as memory_index
from graph.memory.columns import Columns
from graph.memory.zone_index import edge_key, row_key as memory_row_key, supported_of, supporter_of
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
    for z in sorted(c.zindex.roll):
        yield from hub_counts(c, z)
        yield from hub_rows(c, z)


def hub_counts(c: Columns, z: int) -> list[tuple]:
    """The ZoneCount entries of hub z (its marker, rows and supporters per (via, type), field counts),
    in key order. Few: one per (via, supporter type) twice, one per field."""
    roll, ez = c.zindex.roll[z], enc(c.ids[z])
    out = [(COUNT, SEP.join((ez, "H")), None, None, None, None, None)]
    for tag, edges in (("S", roll.rows), ("G", roll.heads)):
        per: dict[tuple[str, str], int] = {}
        for e in edges:
            via_type = _via_type(c, z, e)
            per[via_type] = per.get(via_type, 0) + 1
        out += [(COUNT, SEP.join((ez, tag, via, kind)), None, None, None, n, None) for (via, kind), n in per.items()]
    out += [(COUNT, SEP.join((ez, "F", enc(c.ids[f]))), None, None, None, n, c.ids[f]) for f, n in roll.fields.items()]
    return sorted(out, key=lambda entry: entry[1])


def hub_rows(c: Columns, z: int) -> Iterator[tuple]:
    """The ZoneRow entries of hub z in key order (tags G < L < S; each part is kept in its key order by
    the memory build: heads and rows in answer order, each list in edge-key order), one at a time."""
    roll, zid = c.zindex.roll[z], c.ids[z]
    ez, key_of, row_of = enc(zid), edge_key(c), memory_row_key(c, z)
    paths: dict[int, int] = {}  # rows per supporter (both ways)
    for e in roll.rows:
        v = supporter_of(c, e)
        paths[v] = paths.get(v, 0) + 1
    head_of = len(ez) + 3  # the row key after "Z·S·"
    for e in roll.heads:
        s, t, d = key_of(e)
        key = row_key(zid, row_of(e))[head_of:]
        yield ROW, SEP.join((ez, "G", key)), s, t, d, paths[supporter_of(c, e)], None
    for name in sorted(LISTS):
        for e in roll.lists[name]:
            s, t, d = key_of(e)
            yield ROW, list_key(zid, name, (s, t, d)), s, t, d, None, None
    for e in roll.rows:
        s, t, d = key_of(e)
        yield ROW, row_key(zid, row_of(e)), s, t, d, None, None


def _via_type(c: Columns, z: int, e: int) -> tuple[str, str]:
    """("0" direct or "1" via a member, supporter type) of row e of hub z."""
    return "1" if supported_of(c, e) != z else "0", c.node_types[c.ntype[supporter_of(c, e)]]
