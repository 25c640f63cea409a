"""`reindex` of the Neo4j zone index: the hubs to compare, and the repair of those that differ, a batch of
hubs per transaction.

The check is read-only (graph/neo4j/zone_check.py, session 13): it compares each hub's stored entries with
the ones the memory store's rollup build makes from the hub's neighbourhood, writing nothing. A repair
runs that check, then rebuilds only the hubs it found, each batch (at most `BATCH` hubs and `BATCH_EDGES`
edges, a bigger hub alone) in one transaction of its own:

1. its stored entries are read by key range (every key of hub z lies in (Z·, Z\\x01), zone_cypher.py),
2. deleted, and built again by the same statements a write or `replace` uses (zone_index.build), for
   those of the batch that are hubs now (degree read in this transaction),
3. read back and compared: the hubs whose entries differ are reported;
4. committed when something differed, else rolled back (a hub the check found, rewritten meanwhile).

So a repair's memory on the server is one batch (its largest hub dominates: a big hub's rebuild is one
transaction, not bounded), a repair rewrites only the hubs that differ, and a failure leaves every
other batch as it was. `rebuilt(..., check=True)` is the check of session 11 (rebuild and roll back),
kept for the benchmark.

The hubs compared are the nodes that are hubs now (HUB_DEGREES) and every hub the stored index names,
found by a skip scan over the index's keys (one seek per hub), so entries left behind for a node that
is no hub any more (or rows whose marker was deleted) are found and removed too.

A reader during a repair sees each hub either as it was or rebuilt, never half of one: a hub's
entries change in one transaction. Hubs of batches not yet repaired still answer from their old
(drifted) entries until their batch commits; if the repair stops, the hubs of committed batches are
repaired and the rest are as before, and running reindex again finishes it.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.neo4j import zone_index
from graph.neo4j.zone_index import SEP, _dec, enc

BATCH = 50  #: hubs per transaction at most (zone_index.build runs its statements for 50 hubs at a time)
#: Edges per transaction at most (the hubs' degrees summed; a hub of more is a batch alone). Why: a
#: batch's rebuilt rows sit in the transaction's state, and BUILD_HEADS' seeks over them cost more
#: than linearly in its size: at 10k enterprises (97 hubs) a check took 31 s in batches of 50 hubs
#: (the zones together) and 7.7 s in batches of one hub, on the same server.
BATCH_EDGES = 2_000

#: The first key after $lo, in index order (EXPLAINed in tests: a seek and a Limit, no sort).
NEXT_ROW = "MATCH (x:ZoneRow) WHERE x.k > $lo WITH x ORDER BY x.k LIMIT 1 RETURN x.k AS k"
NEXT_COUNT = "MATCH (x:ZoneCount) WHERE x.k > $lo WITH x ORDER BY x.k LIMIT 1 RETURN x.k AS k"
#: Every entry of each range {lo, hi} (one hub's keys), rows and counters.
ROWS_IN = ("UNWIND $ranges AS g MATCH (r:ZoneRow) WHERE r.k > g.lo AND r.k < g.hi "
           "RETURN r.k AS k, r.s AS s, r.t AS t, r.d AS d, r.n AS n")
COUNTS_IN = ("UNWIND $ranges AS g MATCH (c:ZoneCount) WHERE c.k > g.lo AND c.k < g.hi "
             "RETURN c.k AS k, c.n AS n, c.f AS f")
DELETE_COUNTS_IN = "UNWIND $ranges AS g MATCH (c:ZoneCount) WHERE c.k > g.lo AND c.k < g.hi DELETE c"
DELETE_ROWS_IN = "UNWIND $ranges AS g MATCH (x:ZoneRow) WHERE x.k > g.lo AND x.k < g.hi DELETE x"
#: Every node of degree >= $min with its degree.
HUB_DEGREES = ("MATCH (n:Node) WITH n, COUNT { (n)-->() } + COUNT { (n)<--() } AS degree WHERE degree >= $min "
               "RETURN n.id AS id, degree")
#: Of $ids, those of degree >= $min now.
ARE_HUBS = ("UNWIND $ids AS id MATCH (n:Node {id: id}) "
            "WHERE COUNT { (n)-->() } + COUNT { (n)<--() } >= $min RETURN id")


def hubs_to_compare(tx) -> dict[str, int]:
    """{hub: degree} of the nodes that are hubs now and every hub the stored index names (degree 0
    when it is no hub now)."""
    found = {r["id"]: r["degree"] for r in tx.run(HUB_DEGREES, min=zone_index.INDEX_DEGREE)}
    for statement in (NEXT_ROW, NEXT_COUNT):
        lo = ""
        while (r := tx.run(statement, lo=lo).single()) is not None:
            head = r["k"].split(SEP, 1)[0]
            found.setdefault(_dec(head), 0)
            lo = head + "\x01"  # past every key of this hub: the next seek lands on the next hub
    return found


def batches(hubs: dict[str, int]) -> list[list[str]]:
    """The hubs in id order, cut into batches of at most BATCH hubs and BATCH_EDGES edges (a hub of
    more edges alone)."""
    out: list[list[str]] = []
    edges = 0
    for z in sorted(hubs):
        if not out or len(out[-1]) >= BATCH or edges + hubs[z] > BATCH_EDGES:
            out.append([])
            edges = 0
        out[-1].append(z)
        edges += hubs[z]
    return out


def _ranges(hubs: list[str]) -> list[dict]:
    return [{"lo": enc(z) + SEP, "hi": enc(z) + "\x01"} for z in hubs]


def _stored(tx, ranges: list[dict]) -> tuple[dict, dict]:
    """(rows, counters) of these ranges, as zone_index.snapshot gives them for the whole index."""
    rows = {r["k"]: (r["s"], r["t"], r["d"], r["n"]) for r in tx.run(ROWS_IN, ranges=ranges)}
    counts = {r["k"]: (r["n"], r["f"]) for r in tx.run(COUNTS_IN, ranges=ranges)}
    return rows, counts


def compare_batch(tx, hubs: list[str]) -> list[str]:
    """Rebuild `hubs`' entries in `tx` (not committed here) and return those whose entries changed."""
    ranges = _ranges(hubs)
    before = _stored(tx, ranges)
    tx.run(DELETE_ROWS_IN, ranges=ranges).consume()
    tx.run(DELETE_COUNTS_IN, ranges=ranges).consume()
    now = {r["id"] for r in tx.run(ARE_HUBS, ids=hubs, min=zone_index.INDEX_DEGREE)}
    zone_index.build(tx, [z for z in hubs if z in now])
    return zone_index.differing_hubs(before, _stored(tx, ranges))


def reindex(session_of: Callable, check: bool) -> list[str]:
    """The hubs whose stored entries differ from the expected ones (zone_check: read-only, hub by hub);
    unless `check`, those hubs are then repaired batch by batch (compare_batch, committed where the
    rebuild under the batch's write lock still differs). `session_of()` opens a session
    (Neo4jStore._session: its errors become InnographError)."""
    from graph.neo4j import zone_check

    with session_of() as session:
        hubs = session.execute_read(hubs_to_compare)
        differ = zone_check.check(session, sorted(hubs))
        if check or not differ:
            return differ
        return rebuilt(session, {z: hubs[z] for z in differ}, check=False)


def rebuilt(session, hubs: dict[str, int], check: bool) -> list[str]:
    """Of `hubs` ({hub: degree}), those whose entries differ from a rebuild in their batch's transaction;
    committed unless `check` (the check of session 11, kept for the benchmark: it writes and rolls back)."""
    differ: list[str] = []
    for part in batches(hubs):
        with session.begin_transaction() as tx:
            found = compare_batch(tx, part)
            if found and not check:
                tx.commit()
            else:
                tx.rollback()
        differ += found
    return differ
