"""The read-only check of the Neo4j zone index: each hub's expected entries against the stored ones,
compared as two sorted streams, nothing written.

Why: the check before this (zone_reindex.compare_batch) deleted a batch's entries, rebuilt them with
the write path's statements inside a transaction, compared and rolled back. A hub's whole rebuild sat
in one transaction: at 1M nodes one big hub (330k edges) ran 35 min at 1.07 GB of transaction heap
and the check did not finish (docs/benchmarks.md, "Neo4j reindex at 1M, attempted (session 12)").

Here, per hub, in one read transaction:

- expected: the hub's neighbourhood is streamed out of Neo4j (every edge of the hub, and each
  member's support, LED_BY and FOCUSES_ON edges, with the ends' types), folded through the memory
  store's columns and its rollup build at Neo4j's hub threshold (bulk_zone.prepare, as a bulk load
  does), and written out as Neo4j entries in key order (bulk_zone.hub_rows, hub_counts). So the
  expected index is the memory backend's rollup code, not a third definition beside the Cypher
  build and the memory build: the check is also the "same answers on both backends" cross-check,
  and tests/graph/test_neo4j_zone_check.py proves on random graphs that the Cypher-maintained index
  and this expectation agree;
- stored: the hub's entries read by key range in pages of PAGE, each an index seek with a Limit
  (`k > $after AND k < $hi ORDER BY k LIMIT $n`, no Sort: EXPLAINed in the tests);
- the two streams are walked side by side and the hub differs at the first key, or value, that
  is not in both. The expected stream is checked to ascend (a failure there is a bug, not drift).

Memory: a page of stored entries plus the expected side of one hub (its neighbourhood as columns and
its rollup; measured in docs/benchmarks.md "Neo4j reindex check, read-only (session 13)"). Nothing is
written, so nothing is locked. Read committed, as Neo4j reads are: a hub written while it is checked
may be reported; a repair compares again under its write lock (zone_reindex) before it commits.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.neo4j import bulk_zone
from graph.neo4j.zone_index import SEP, enc
from graph.store import Batch

PAGE = 5_000  #: stored entries per read

#: A page of a hub's stored entries after $after, in key order (index seek + Limit, no Sort).
ROW_PAGE = ("MATCH (r:ZoneRow) WHERE r.k > $after AND r.k < $hi WITH r ORDER BY r.k LIMIT $n "
            "RETURN r.k AS k, r.s AS s, r.t AS t, r.d AS d, r.n AS n")
COUNT_PAGE = ("MATCH (c:ZoneCount) WHERE c.k > $after AND c.k < $hi WITH c ORDER BY c.k LIMIT $n "
              "RETURN c.k AS k, c.n AS n, c.f AS f")
#: Every edge of the hub, with the other end's type (a self-loop comes back twice: the columns merge it).
HUB_EDGES = ("MATCH (z:Node {id: $z})-[r]-(x) "
             "RETURN startNode(r).id AS s, type(r) AS t, endNode(r).id AS d, x.id AS x, x.type AS xt, "
             "z.type AS zt")
#: Each member's edges that make rows and field counts of the hub (zone_cypher.BUILD_ROWS, BUILD_FIELDS).
MEMBER_EDGES = ("MATCH (z:Node {id: $z})<-[:LOCATED_IN|PART_OF]-(m:Node) WHERE m <> z WITH DISTINCT m "
                "CALL (m) { MATCH (x:Node)-[r:SUPPORTS|INVESTS_IN]->(m) RETURN x, r "
                "UNION ALL MATCH (m)-[r:LED_BY|FOCUSES_ON]->(x:Node) RETURN x, r } "
                "RETURN startNode(r).id AS s, type(r) AS t, endNode(r).id AS d, x.id AS x, x.type AS xt, "
                "m.id AS m, m.type AS mt")


class _Rows:
    """A batch part given as plain rows (graph/memory/writes.py takes `rows()` without records)."""

    def __init__(self, rows: list[tuple]):
        self._rows = rows

    def rows(self) -> list[tuple]:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)


def neighbourhood(tx, z: str) -> Batch:
    """What hub z's entries are made of, as a batch of plain rows (no names, attrs or evidence)."""
    types: dict[str, str] = {}
    edges: list[tuple] = []
    for r in tx.run(HUB_EDGES, z=z):
        types[z], types[r["x"]] = r["zt"], r["xt"]
        edges.append((r["s"], r["t"], r["d"], {}, ()))
    for r in tx.run(MEMBER_EDGES, z=z):
        types[r["m"]], types[r["x"]] = r["mt"], r["xt"]
        edges.append((r["s"], r["t"], r["d"], {}, ()))
    nodes = [(i, t, "", "", (), {}, ()) for i, t in types.items()]
    return Batch(nodes=_Rows(nodes), edges=_Rows(edges))


def expected(tx, z: str) -> tuple[Iterator[tuple], list[tuple]]:
    """(hub z's ZoneRow entries (k, s, t, d, n) in key order, its ZoneCount entries (k, n, f) in key
    order), as the memory store's rollup build makes them from z's neighbourhood; none if z is no hub."""
    c = bulk_zone.prepare(neighbourhood(tx, z))
    at = c.ix.get(z)
    if at is None or at not in c.zindex.roll:
        return iter(()), []
    rows = ((k, s, t, d, n) for _, k, s, t, d, n, _ in bulk_zone.hub_rows(c, at))
    return rows, [(k, n, f) for _, k, _, _, _, n, f in bulk_zone.hub_counts(c, at)]


def stored(tx, statement: str, z: str, page: int | None = None) -> Iterator[tuple]:
    """Hub z's stored entries of one label, in key order, read a page at a time."""
    after, hi, n = enc(z) + SEP, enc(z) + "\x01", page or PAGE
    while True:
        got = [tuple(r.values()) for r in tx.run(statement, after=after, hi=hi, n=n)]
        yield from got
        if len(got) < n:
            return
        after = got[-1][0]


def first_difference(want: Iterator[tuple], have: Iterator[tuple]) -> tuple | None:
    """(expected entry or None, stored entry or None) at the first key where two key-ordered streams of
    entries (key first) differ, or None when they are equal."""
    last = None
    missing = object()
    a, b = next(want, missing), next(have, missing)
    while a is not missing or b is not missing:
        if a is not missing:
            if last is not None and a[0] <= last:
                raise RuntimeError(f"the expected zone index entries are out of key order at {a[0]!r}")
            last = a[0]
        if a is missing or b is missing or a != b:
            return (None if a is missing else a, None if b is missing else b)
        a, b = next(want, missing), next(have, missing)
    return None


def hub_differs(tx, z: str) -> bool:
    """Whether hub z's stored entries (rows and counters) differ from the expected ones."""
    rows, counts = expected(tx, z)
    return first_difference(iter(counts), stored(tx, COUNT_PAGE, z)) is not None \
        or first_difference(rows, stored(tx, ROW_PAGE, z)) is not None


def check(session, hubs) -> list[str]:
    """Of `hubs`, those whose entries differ, each compared in a read transaction of its own."""
    return [z for z in hubs if session.execute_read(hub_differs, z)]

