"""The Cypher of the Neo4j zone index (graph/neo4j/zone_index.py), every statement a constant.

Storage (two labels beside the graph, never connected to it, so walks and degrees do not see them):

    (:ZoneRow {k, s, t, d})   one supporter row or one profile-list entry of a hub; (s, t, d) is the
                              edge key; k sorts like the answer order (range index on k)
    (:ZoneCount {k, n, f})    a hub's marker (k = Z·H), its rows per (via, supporter type)
                              (k = Z·S·via·type) and its field counts (k = Z·F·field, f = field id);
                              unique on k, so that MERGE of a counter is safe under concurrent writes

where Z is the hub's id escaped by ENC and · is the separator $x0 (U+0000). ENC maps U+0001 to
U+0001 U+0002 and U+0000 to U+0001 U+0001: an escaped id holds no U+0000 and sorts, compared
with others, as the id does, so "a" < "a·…" < "a\\x00…" < "ab" keeps tuple order. Neo4j's range
index orders strings by code point, as Python does (Cypher's ORDER BY *sort* does not: it compares
UTF-16 units), so a page read in index order is in Python's order: a page query must never sort.

Relationship types are written out (Cypher takes none as a parameter); `check_schema` fails at
import if graph/schema.py's support and member edges ever differ from the ones written here.
"""

from __future__ import annotations

from graph.schema import MEMBER_EDGES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

#: The escape and separator characters, passed as parameters to every statement that builds a key.
ENC_PARAMS = {"x0": "\x00", "x1": "\x01", "x00": "\x01\x01", "x12": "\x01\x02"}

SCHEMA = (
    "CREATE INDEX innograph_zone_row IF NOT EXISTS FOR (r:ZoneRow) ON (r.k)",
    "CREATE CONSTRAINT innograph_zone_count IF NOT EXISTS FOR (c:ZoneCount) REQUIRE c.k IS UNIQUE",
)

# ---- reading: index-ordered seeks (tests/graph/test_neo4j_zone_index.py EXPLAINs them) ---------

PAGE = (
    "MATCH (r:ZoneRow) WHERE r.k > $lo AND r.k < $hi "
    "WITH r ORDER BY r.k SKIP $skip LIMIT $n RETURN r.k AS k, r.s AS s, r.t AS t, r.d AS d, r.n AS n"
)
COUNT_RANGE = "MATCH (r:ZoneRow) WHERE r.k > $lo AND r.k < $hi RETURN count(r) AS n"
COUNTERS = "MATCH (c:ZoneCount) WHERE c.k > $lo AND c.k < $hi RETURN c.k AS k, c.n AS n, c.f AS f"
#: The member edges from each member of a page into the hub, expanded from the member (the sparse end).
#: The hub is matched without a label, inside a subquery that imports only the member, so the planner
#: cannot seek the hub by its id and expand its (dense) side: written as one pattern with (z:Node), it
#: did, reading every member edge of the hub for each listed member (196k rows for a page of 60 of a
#: 10k-node graph's busiest zone, 0.4-0.5 s of every supporters page; tests/graph/test_neo4j_zone_plans.py).
MEMBER_TYPES = (
    "UNWIND $ids AS id MATCH (m:Node {id: id}) "
    "CALL (m) { MATCH (m)-[r:LOCATED_IN|PART_OF]->(z) WHERE z.id = $z RETURN type(r) AS t } "
    "RETURN id, t"
)
#: Each profile list's size, from the degree store (O(1) on a dense node).
LIST_SIZES = (
    "MATCH (z:Node {id: $z}) RETURN "
    "COUNT { (z)<-[:LOCATED_IN]-() } + COUNT { (z)<-[:PART_OF]-() } AS members, "
    "COUNT { (z)-[:PART_OF]->() } AS parents, COUNT { (z)<-[:MEASURES]-() } AS metrics, "
    "COUNT { (z)-[:PARTNERS_WITH]->() } + COUNT { (z)<-[:PARTNERS_WITH]-() } AS partners, "
    "COUNT { (z)-[:LED_BY]->() } AS leaders"
)
ALL_ROWS = "MATCH (r:ZoneRow) RETURN r.k AS k, r.s AS s, r.t AS t, r.d AS d, r.n AS n"
ALL_COUNTERS = "MATCH (c:ZoneCount) RETURN c.k AS k, c.n AS n, c.f AS f"

# ---- building (replace, reindex, a node that becomes a hub) -----------------------------------

CLEAR = "MATCH (x) WHERE x:ZoneRow OR x:ZoneCount DELETE x"
HUBS = "MATCH (n:Node) WHERE COUNT { (n)-->() } + COUNT { (n)<--() } >= $min RETURN n.id AS id"
#: Of $ids, those of degree >= $min that are no hub yet.
NEW_HUBS = (
    "UNWIND $ids AS id MATCH (n:Node {id: id}) "
    "WHERE COUNT { (n)-->() } + COUNT { (n)<--() } >= $min "
    "AND NOT EXISTS { MATCH (c:ZoneCount {k: replace(replace(id, $x1, $x12), $x0, $x00) + $x0 + 'H'}) } "
    "RETURN id"
)
BUILD_MARKERS = "UNWIND $hubs AS z CREATE (:ZoneCount {k: replace(replace(z, $x1, $x12), $x0, $x00) + $x0 + 'H'})"
#: Every supporter row of each hub: the support edges of the hub and of its members, supporter not the hub.
BUILD_ROWS = (
    "UNWIND $hubs AS zid MATCH (z:Node {id: zid}) "
    "CALL (z) { RETURN z AS u UNION MATCH (u:Node)-[:LOCATED_IN|PART_OF]->(z) WHERE u <> z RETURN u } "
    "CALL (u) { MATCH (v:Node)-[r:SUPPORTS|INVESTS_IN]->(u) RETURN v, r "
    "UNION ALL MATCH (u)-[r:LED_BY]->(v:Node) RETURN v, r } "
    "WITH z, u, v, r WHERE v <> z "
    "WITH z, u, v, r, replace(replace(z.id, $x1, $x12), $x0, $x00) AS ez, "
    "CASE WHEN u = z THEN '0' ELSE '1' END AS via "
    "CREATE (:ZoneRow {k: ez + $x0 + 'S' + $x0 + via + $x0 + v.type + $x0 + replace(replace(v.id, $x1, $x12), $x0, $x00) "
    "+ $x0 + CASE WHEN u = z THEN '' ELSE replace(replace(u.id, $x1, $x12), $x0, $x00) END "
    "+ $x0 + CASE WHEN type(r) = 'LED_BY' THEN '1' ELSE '0' END + $x0 + type(r), "
    "s: startNode(r).id, t: type(r), d: endNode(r).id}) "
    "WITH ez, via, v.type AS st, count(*) AS n "
    "CREATE (:ZoneCount {k: ez + $x0 + 'S' + $x0 + via + $x0 + st, n: n})"
)
#: How many of each hub and its members focus on each field.
BUILD_FIELDS = (
    "UNWIND $hubs AS zid MATCH (z:Node {id: zid}) "
    "CALL (z) { RETURN z AS x UNION MATCH (x:Node)-[:LOCATED_IN|PART_OF]->(z) WHERE x <> z RETURN x } "
    "MATCH (x)-[:FOCUSES_ON]->(f:Node) "
    "WITH replace(replace(z.id, $x1, $x12), $x0, $x00) AS ez, f.id AS f, count(*) AS n "
    "CREATE (:ZoneCount {k: ez + $x0 + 'F' + $x0 + replace(replace(f, $x1, $x12), $x0, $x00), f: f, n: n})"
)
#: The profile's lists of each hub, as entries keyed (list, source, type, target).
BUILD_LISTS = (
    "UNWIND $hubs AS zid MATCH (z:Node {id: zid}) "
    "CALL (z) { MATCH (:Node)-[r:LOCATED_IN|PART_OF]->(z) RETURN 'members' AS list, r "
    "UNION ALL MATCH (z)-[r:PART_OF]->(:Node) RETURN 'parents' AS list, r "
    "UNION ALL MATCH (:Node)-[r:MEASURES]->(z) RETURN 'metrics' AS list, r "
    "UNION ALL MATCH (z)-[r:PARTNERS_WITH]->(:Node) RETURN 'partners_out' AS list, r "
    "UNION ALL MATCH (:Node)-[r:PARTNERS_WITH]->(z) RETURN 'partners_in' AS list, r "
    "UNION ALL MATCH (z)-[r:LED_BY]->(:Node) RETURN 'leaders' AS list, r } "
    "WITH z, list, r, startNode(r).id AS s, endNode(r).id AS d "
    "CREATE (:ZoneRow {k: replace(replace(z.id, $x1, $x12), $x0, $x00) + $x0 + 'L' + $x0 + list + $x0 "
    "+ replace(replace(s, $x1, $x12), $x0, $x00) + $x0 + type(r) + $x0 + replace(replace(d, $x1, $x12), $x0, $x00), "
    "s: s, t: type(r), d: d})"
)

# ---- maintenance inside a write: only the new edges' neighbourhoods -------------------------------

#: Rows {s, t, d, skip}: new support edges. A row for the supported node u if it is a hub, and for
#: each hub u is a member of through an older membership (not one in `skip`: those come whole below).
#: Returns the (hub, supporter type, [[supporter, rows added]]) it touched (graph/neo4j/zone_groups.py).
ADD_SUPPORT = (
    "UNWIND $rows AS row MATCH (a:Node {id: row.s}) MATCH (b:Node {id: row.d}) "
    "WITH row, CASE WHEN row.t = 'LED_BY' THEN a ELSE b END AS u, CASE WHEN row.t = 'LED_BY' THEN b ELSE a END AS v "
    "CALL (u, v, row) { WITH u AS z WHERE v <> u RETURN z "
    "UNION MATCH (u)-[:LOCATED_IN|PART_OF]->(z:Node) WHERE z <> u AND z <> v AND NOT z.id IN row.skip RETURN z } "
    "WITH row, u, v, z, replace(replace(z.id, $x1, $x12), $x0, $x00) AS ez "
    "MATCH (:ZoneCount {k: ez + $x0 + 'H'}) "
    "WITH row, u, v, z, ez, CASE WHEN u = z THEN '0' ELSE '1' END AS via "
    "CREATE (:ZoneRow {k: ez + $x0 + 'S' + $x0 + via + $x0 + v.type + $x0 + replace(replace(v.id, $x1, $x12), $x0, $x00) "
    "+ $x0 + CASE WHEN u = z THEN '' ELSE replace(replace(u.id, $x1, $x12), $x0, $x00) END "
    "+ $x0 + CASE WHEN row.t = 'LED_BY' THEN '1' ELSE '0' END + $x0 + row.t, s: row.s, t: row.t, d: row.d}) "
    "WITH ez, via, v, count(*) AS n WITH ez, via, v.type AS st, sum(n) AS n, collect([v.id, n]) AS got "
    "MERGE (c:ZoneCount {k: ez + $x0 + 'S' + $x0 + via + $x0 + st}) ON CREATE SET c.n = 0 SET c.n = c.n + n "
    "RETURN ez, st, got"
)
#: Rows {m, z}: m became a member of hub z in this write: every support edge of m is a row of z.
#: Returns what it touched, as ADD_SUPPORT.
ADD_MEMBER_ROWS = (
    "UNWIND $rows AS row MATCH (m:Node {id: row.m}) MATCH (z:Node {id: row.z}) "
    "WITH m, z, replace(replace(z.id, $x1, $x12), $x0, $x00) AS ez "
    "MATCH (:ZoneCount {k: ez + $x0 + 'H'}) "
    "CALL (m) { MATCH (v:Node)-[r:SUPPORTS|INVESTS_IN]->(m) RETURN v, r "
    "UNION ALL MATCH (m)-[r:LED_BY]->(v:Node) RETURN v, r } "
    "WITH m, z, ez, v, r WHERE v <> z "
    "CREATE (:ZoneRow {k: ez + $x0 + 'S' + $x0 + '1' + $x0 + v.type + $x0 + replace(replace(v.id, $x1, $x12), $x0, $x00) "
    "+ $x0 + replace(replace(m.id, $x1, $x12), $x0, $x00) "
    "+ $x0 + CASE WHEN type(r) = 'LED_BY' THEN '1' ELSE '0' END + $x0 + type(r), "
    "s: startNode(r).id, t: type(r), d: endNode(r).id}) "
    "WITH ez, v, count(*) AS n WITH ez, v.type AS st, sum(n) AS n, collect([v.id, n]) AS got "
    "MERGE (c:ZoneCount {k: ez + $x0 + 'S' + $x0 + '1' + $x0 + st}) ON CREATE SET c.n = 0 SET c.n = c.n + n "
    "RETURN ez, st, got"
)
#: Rows {m, z}: the same new members' fields.
ADD_MEMBER_FIELDS = (
    "UNWIND $rows AS row MATCH (m:Node {id: row.m})-[:FOCUSES_ON]->(f:Node) "
    "WITH f.id AS f, replace(replace(row.z, $x1, $x12), $x0, $x00) AS ez "
    "MATCH (:ZoneCount {k: ez + $x0 + 'H'}) "
    "WITH ez, f, count(*) AS n "
    "MERGE (c:ZoneCount {k: ez + $x0 + 'F' + $x0 + replace(replace(f, $x1, $x12), $x0, $x00)}) "
    "ON CREATE SET c.n = 0, c.f = f SET c.n = c.n + n"
)
#: Rows {s, d, skip}: new FOCUSES_ON edges, counted for s if a hub and for the hubs s is an older member of.
ADD_FOCUS = (
    "UNWIND $rows AS row MATCH (x:Node {id: row.s}) "
    "CALL (x, row) { RETURN x AS z UNION MATCH (x)-[:LOCATED_IN|PART_OF]->(z:Node) "
    "WHERE z <> x AND NOT z.id IN row.skip RETURN z } "
    "WITH row.d AS f, replace(replace(z.id, $x1, $x12), $x0, $x00) AS ez "
    "MATCH (:ZoneCount {k: ez + $x0 + 'H'}) "
    "WITH ez, f, count(*) AS n "
    "MERGE (c:ZoneCount {k: ez + $x0 + 'F' + $x0 + replace(replace(f, $x1, $x12), $x0, $x00)}) "
    "ON CREATE SET c.n = 0, c.f = f SET c.n = c.n + n"
)
#: Rows {h, k, s, t, d}: new profile-list entries (keys made in Python), kept where h is a hub.
ADD_LIST_ROWS = (
    "UNWIND $rows AS row MATCH (:ZoneCount {k: row.h}) "
    "CREATE (:ZoneRow {k: row.k, s: row.s, t: row.t, d: row.d})"
)
#: Rows {m, z, types}: whether m has a member edge into z of one of `types` (those not new in this write).
OLD_MEMBERSHIP = (
    "UNWIND $rows AS row MATCH (m:Node {id: row.m}) MATCH (z:Node {id: row.z}) "
    "RETURN row.m AS m, row.z AS z, EXISTS { (m)-[r:LOCATED_IN|PART_OF]->(z) WHERE type(r) IN row.types } AS old"
)


def check_schema() -> None:
    """The edge types written out above are the schema's."""
    if (tuple(SUPPORT_EDGES_IN), tuple(SUPPORT_EDGES_OUT), tuple(MEMBER_EDGES)) != \
            (("SUPPORTS", "INVESTS_IN"), ("LED_BY",), ("LOCATED_IN", "PART_OF")):
        raise RuntimeError("graph/schema.py's support or member edges changed: update graph/neo4j/zone_cypher.py")


check_schema()
