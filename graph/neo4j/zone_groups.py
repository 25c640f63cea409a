"""A hub's supporters, each once, on Neo4j: one entry per distinct supporter, kept by every write.

Why: the zone index's rows (graph/neo4j/zone_index.py) are paths; the answer lists each supporter
once, in the order of its first row, with its paths and their count (graph/support_groups.py), as
a node without an index answers. So each hub also keeps, beside its rows (same label, same range
index, so a page is the same index-ordered seek):

    (:ZoneRow {k: Z·G·<its first row's key after Z·S·>, s, t, d: that row's edge key, n: its rows})
    (:ZoneCount {k: Z·G·via·type, n})   distinct supporters whose first row is direct (0) or not (1)

A page of supporters is one or two seeks over Z·G·…, `total` the G counters, a cursor (the first
row of the last supporter shown, graph/cursor.py) the lower bound in G form. A listed supporter's
paths are its direct rows, then its member rows: two seeks over Z·S·0·type·id· and Z·S·1·type·id·,
each cut to `limits.SUPPORT_PATHS` — cost O(page x paths shown), not O(hub).

A supporter's first row is found by an index-ordered seek with LIMIT 1, never by min() or a sort:
Cypher compares strings by UTF-16 unit, the index (and Python) by code point. A write re-reads
the first row of each (hub, supporter) it added rows to (`after_rows`); a new hub is built whole
(`BUILD_HEADS`, run by zone_index.build after its rows).
"""

from __future__ import annotations

from collections import defaultdict

from graph import limits
from graph.neo4j.zone_index import SEP, _chunks, _member_of, _prefix, after_key, counters, enc, window
from graph.schema import SUPPORT_EDGES_OUT

#: Up to `$n` rows of each range {i, lo, hi}, in index order (EXPLAINed: a seek and a Limit, no sort).
RANGES = (
    "UNWIND $ranges AS rg CALL (rg) { MATCH (r:ZoneRow) WHERE r.k > rg.lo AND r.k < rg.hi "
    "RETURN r ORDER BY r.k LIMIT $n } RETURN rg.i AS i, r.k AS k, r.s AS s, r.t AS t, r.d AS d, r.n AS n"
)
#: Each (hub, supporter) entry {i, lo, hi} removed, with what it counted.
TAKE_HEADS = (
    "UNWIND $ranges AS rg MATCH (g:ZoneRow) WHERE g.k > rg.lo AND g.k < rg.hi "
    "WITH rg, g, g.n AS n, split(g.k, $x0)[2] AS via DELETE g RETURN rg.i AS i, n, via"
)
PUT_HEADS = "UNWIND $rows AS row CREATE (:ZoneRow {k: row.k, s: row.s, t: row.t, d: row.d, n: row.n})"
BUMP = (
    "UNWIND $rows AS row MERGE (c:ZoneCount {k: row.k}) ON CREATE SET c.n = 0 SET c.n = c.n + row.n "
    "WITH c WHERE c.n = 0 DELETE c"
)
#: Each hub's supporter entries from its rows: per (type, id) the count, and the first row by seek.
BUILD_HEADS = (
    "UNWIND $hubs AS zid WITH replace(replace(zid, $x1, $x12), $x0, $x00) AS ez "
    "MATCH (r:ZoneRow) WHERE r.k > ez + $x0 + 'S' + $x0 AND r.k < ez + $x0 + 'S' + $x1 "
    "WITH ez, split(r.k, $x0) AS p "
    "WITH ez, p[3] AS st, p[4] AS es, min(p[2]) AS via, count(*) AS n "
    "CALL (ez, st, es, via) { MATCH (h:ZoneRow) "
    "WHERE h.k > ez + $x0 + 'S' + $x0 + via + $x0 + st + $x0 + es + $x0 "
    "AND h.k < ez + $x0 + 'S' + $x0 + via + $x0 + st + $x0 + es + $x1 RETURN h ORDER BY h.k LIMIT 1 } "
    "WITH ez, st, via, n, h, split(h.k, $x0) AS p "
    "CREATE (:ZoneRow {k: ez + $x0 + 'G' + $x0 + p[2] + $x0 + p[3] + $x0 + p[4] + $x0 + p[5] + $x0 + p[6] "
    "+ $x0 + p[7], s: h.s, t: h.t, d: h.d, n: n}) "
    "WITH ez, via, st, count(*) AS n "
    "CREATE (:ZoneCount {k: ez + $x0 + 'G' + $x0 + via + $x0 + st, n: n})"
)


def support_window(tx, z: str, wanted: str | None, offset: int, limit: int | None, after: bytes | None,
                   most: int | None = None):
    """(distinct supporters in all, per supporter of the window its first `most` rows (supported,
    supporter, edge key), how many rows each has, {member: its member edge key}) or None."""
    counts = counters(tx, z)
    if counts is None:
        return None
    most = limits.SUPPORT_PATHS if most is None else most
    start = None
    if after is not None:  # the cursor's row position, read in the supporters' namespace
        row = after_key(z, after)
        start = SEP.join((enc(z), "G", row[len(enc(z)) + 3:]))
    total, heads = window(tx, z, "G", counts["G"], wanted, offset, limit, start)
    ranges = []
    for i, head in enumerate(heads):
        _, _, via, kind, supporter = head["k"].split(SEP)[:5]
        for part in (("0", "1") if via == "0" else ("1",)):
            lo, hi = _prefix(enc(z), "S", part, kind, supporter)
            ranges.append({"i": i, "lo": lo, "hi": hi})
    found: dict[int, list] = defaultdict(list)
    for chunk in _chunks(ranges, 1000):
        for r in tx.run(RANGES, ranges=chunk, n=most):
            found[r["i"]].append((r["k"], (r["s"], r["t"], r["d"])))
    groups = []
    for i in range(len(heads)):
        rows = []
        for _, key in sorted(found[i])[:most]:  # direct rows sort first ('0' < '1'), then by member
            supported, supporter = (key[0], key[2]) if key[1] in SUPPORT_EDGES_OUT else (key[2], key[0])
            rows.append((supported, supporter, key))
        groups.append(rows)
    member_of = _member_of(tx, z, {u for rows in groups for u, _, _ in rows if u != z})
    return total, groups, [head["n"] for head in heads], member_of


def supporters_among(tx, z: str, candidates: list[tuple[str, str]]) -> set[str] | None:
    """The ids of `candidates` ((node type, id) pairs) that support hub z, directly or through a member, or
    None when z keeps no index: per candidate two seeks with LIMIT 1 over Z·G·via·type·id· (its one
    supporter entry), O(log n) whatever the hub's size (session 17: asked of each peer of a zone by
    graph/ask/own_supporters.py, instead of reading the peer's supporters whole)."""
    if counters(tx, z) is None:
        return None
    ranges = [{"i": i, "lo": lo, "hi": hi} for i, (kind, node_id) in enumerate(candidates)
              for via in ("0", "1") for lo, hi in [_prefix(enc(z), "G", via, kind, enc(node_id))]]
    return {candidates[r["i"]][1] for chunk in _chunks(ranges, 1000) for r in tx.run(RANGES, ranges=chunk, n=1)}


def after_rows(tx, added: dict[tuple[str, str, str], int], params: dict) -> None:
    """Bring the supporter entries up to date after this write added rows: `added` is
    {(escaped hub, supporter type, escaped supporter id): rows added}. Each touched entry is taken
    out, its first row read again by seek, and put back with its new count; the G counters follow
    a supporter that is new or whose first row moved from its member rows to a direct one."""
    pairs = list(added)
    if not pairs:
        return
    old: dict[int, tuple[int, str]] = {}
    heads: dict[int, tuple] = {}
    for chunk in _chunks(list(enumerate(pairs)), 1000):
        ranges = [{"i": i, "lo": lo, "hi": hi} for i, (ez, kind, es) in chunk
                  for via in ("0", "1") for lo, hi in [_prefix(ez, "G", via, kind, es)]]
        for r in tx.run(TAKE_HEADS, ranges=ranges, **params):
            old[r["i"]] = (r["n"], r["via"])
        ranges = [{"i": i, "lo": lo, "hi": hi} for i, (ez, kind, es) in chunk
                  for via in ("0", "1") for lo, hi in [_prefix(ez, "S", via, kind, es)]]
        for r in tx.run(RANGES, ranges=ranges, n=1):
            if r["i"] not in heads or r["k"] < heads[r["i"]][0]:
                heads[r["i"]] = (r["k"], r["s"], r["t"], r["d"])
    put, bump = [], defaultdict(int)
    for i, (ez, kind, es) in enumerate(pairs):
        k, s, t, d = heads[i]
        before, was = old.get(i, (0, None))
        rest = k[len(ez) + 3:]
        put.append({"k": SEP.join((ez, "G", rest)), "s": s, "t": t, "d": d, "n": before + added[(ez, kind, es)]})
        via = rest[0]
        if was != via:
            bump[SEP.join((ez, "G", via, kind))] += 1
            if was is not None:
                bump[SEP.join((ez, "G", was, kind))] -= 1
    for chunk in _chunks(put, 1000):
        tx.run(PUT_HEADS, rows=chunk).consume()
    rows = [{"k": k, "n": n} for k, n in bump.items() if n]
    for chunk in _chunks(rows, 1000):
        tx.run(BUMP, rows=chunk).consume()
