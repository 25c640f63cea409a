"""Every Cypher statement the Neo4j backend runs, in one place.

Values always travel as `$parameters`. Cypher cannot take a label, a
relationship type or a path length as a parameter, so the few builders below
put those into the text, and only after checking them: a label or type must be
a key of graph/schema.py (never user text), a hop count an int from 1 to
limits.MAX_HOPS. tests/graph/test_neo4j_specific.py scans this module and the
store for any other string formatting.

Storage layout (one label per role, so graph nodes and documents never mix):

    (:Node:<Type> {id, type, name_zh, name_en, aliases, attrs_json, sources,
                   keys, keys_text})
    (:Node)-[:<EDGE_TYPE> {attrs_json, evidence_json}]->(:Node)
    (:SourceDocument {id, title, title_en, publisher, date, year, origin})

`keys` holds the normalised names (graph.text.normalize); `keys_text` is the
same list joined by newlines, with a newline at each end. A normalised name
never holds a newline (normalize folds all white space to one space), so the
text index on `keys_text` answers both "some name contains K" (CONTAINS $key)
and "some name is K" (CONTAINS "\\nK\\n") with one trigram index. Neo4j 5 has no
index for `$x IN n.list`, so a range index on `keys` would never be used.

Documents are `SourceDocument`, not `Document`: "Document" is also a node type
of the schema, and graph nodes of that type carry the label `Document`.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.limits import MAX_HOPS
from graph.schema import EDGE_TYPES, MEMBER_EDGES, NODE_TYPES, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

# ---- schema: constraints and indexes, created when the store opens ---------

SCHEMA = (
    "CREATE CONSTRAINT innograph_node_id IF NOT EXISTS "
    "FOR (n:Node) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT innograph_document_id IF NOT EXISTS "
    "FOR (d:SourceDocument) REQUIRE d.id IS UNIQUE",
    "CREATE TEXT INDEX innograph_node_keys IF NOT EXISTS "
    "FOR (n:Node) ON (n.keys_text)",
)

# ---- reading -----------------------------------------------------------------

NODES_BY_ID = (
    "UNWIND $ids AS id MATCH (n:Node {id: id}) "
    "RETURN n {.id, .type, .name_zh, .name_en, .aliases, .attrs_json, .sources} AS n"
)
LOOKUP = "MATCH (n:Node) WHERE n.keys_text CONTAINS $needle AND $key IN n.keys RETURN n.id AS id"
#: Search pages (graph/neo4j/search.py), ranked on the server (exact, prefix, shorter name, id): first
#: the nodes with a name starting with $key ($needle = "\n" + $key: the text index finds only them),
#: ranked `class * 2^32 + length`, up to $limit (the page's end); then, only if they do not fill
#: the page, the nodes with a name containing $key and none starting with it, by length, SKIP/LIMIT.
#: The text index still finds every hit of each (Neo4j has no index in name-length order), so a page
#: the prefixes fill costs those prefixes, and one they do not costs every hit: docs/benchmarks.md.
SEARCH_PREFIX = (
    "MATCH (n:Node) WHERE n.keys_text CONTAINS $needle AND (size($types) = 0 OR n.type IN $types) "
    "WITH n, [k IN n.keys WHERE k STARTS WITH $key | "
    "(CASE WHEN k = $key THEN 0 ELSE 1 END) * 4294967296 + size(k)] AS ranks "
    "WITH n, reduce(b = 17179869184, r IN ranks | CASE WHEN r < b THEN r ELSE b END) AS rank "
    "RETURN n.id AS id ORDER BY rank, id LIMIT $limit"
)
SEARCH_REST = (
    "MATCH (n:Node) WHERE n.keys_text CONTAINS $key AND NOT n.keys_text CONTAINS $needle "
    "AND (size($types) = 0 OR n.type IN $types) "
    "WITH n, reduce(b = 17179869184, k IN n.keys | CASE WHEN k CONTAINS $key AND size(k) < b THEN size(k) ELSE b END) AS rank "
    "WHERE rank < 17179869184 "
    "RETURN n.id AS id ORDER BY rank, id SKIP $offset LIMIT $limit"
)
DEGREES = (
    "UNWIND $ids AS id MATCH (n:Node {id: id}) "
    "RETURN n.id AS id, COUNT { (n)-->() } + COUNT { (n)<--() } AS degree"
)
DOCUMENTS = "MATCH (d:SourceDocument) RETURN properties(d) AS d"
COUNT_DOCUMENTS = "MATCH (d:SourceDocument) RETURN count(d) AS n"
FIRST_NODE_IDS = "MATCH (n:Node) WHERE n.id IS NOT NULL RETURN n.id AS id ORDER BY id LIMIT $limit"
NEXT_NODE_IDS = "MATCH (n:Node) WHERE n.id > $after RETURN n.id AS id ORDER BY id LIMIT $limit"

# ---- writing -----------------------------------------------------------------
# A write merges in Python (with the model's merged()) what it read in its own
# transaction, then writes full property maps. Within that transaction records are
# addressed by element id (never across transactions, as Neo4j requires): after
# replace() has deleted the old graph in the same transaction, every seek on the id
# index pays for the deletions (measured: 20x slower edge creation).

CLEAR = "MATCH (n) WHERE n:Node OR n:SourceDocument DETACH DELETE n"
MERGE_DOCUMENTS = "UNWIND $rows AS row MERGE (d:SourceDocument {id: row.id}) SET d = row"
EXISTING_IDS = "UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN n.id AS id, elementId(n) AS eid"
#: Rows are {eid, props}; a node keeps its type (and so its label).
UPDATE_NODES = "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid SET n = row.props"


# ---- builders: the only statements with anything put into their text --------

def create_nodes(type_: str) -> str:
    """New nodes of one type, rows their property maps; returns each one's element id.

    The write read, in its transaction, that the ids are free (and the uniqueness
    constraint refuses a duplicate all the same).
    """
    return (f"UNWIND $rows AS row CREATE (n:Node:{_label(type_)}) SET n = row "
            "RETURN row.id AS id, elementId(n) AS eid")


def create_edges(type_: str) -> str:
    """Edges of one type between nodes of which one at least is new (so the edge is too);
    rows are {a, b, props} with the element ids of both ends."""
    return (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b "
        f"CREATE (a)-[r:{_rel_types([type_])}]->(b) SET r = row.props"
    )


def bulk_nodes(type_: str) -> str:
    """New nodes of one type into an empty database (graph/neo4j/bulk.py), as columns: $id, $zh, ...
    are lists of equal length, one entry per node (no map per row, nothing returned)."""
    return (f"UNWIND range(0, size($id) - 1) AS i CREATE (:Node:{_label(type_)} {{id: $id[i], type: $type, "
            "name_zh: $zh[i], name_en: $en[i], aliases: $aliases[i], attrs_json: $attrs[i], sources: $sources[i], "
            "keys: $keys[i], keys_text: $text[i]})")


def bulk_edges(type_: str) -> str:
    """New edges of one type between stored nodes (graph/neo4j/bulk.py), as columns $s, $d (end ids),
    $a (attrs_json), $e (evidence_json): both ends by the id index, then CREATE (no MERGE: the
    database held no edge, and the batch's duplicates were merged before)."""
    return ("UNWIND range(0, size($s) - 1) AS i MATCH (a:Node {id: $s[i]}) MATCH (b:Node {id: $d[i]}) "
            f"CREATE (a)-[:{_rel_types([type_])} {{attrs_json: $a[i], evidence_json: $e[i]}}]->(b)")


def merge_edges(type_: str) -> str:
    """Edges of one type between stored nodes; rows are {a, b, props}.

    A new edge is made with `props` (the batch's record: nothing to merge with). For an
    edge that was stored, its stored properties come back (null for a new one), for
    Python to merge and update_edges() to write. MERGE between bound nodes always looks
    the edge up by Expand(Into), from the end with fewer relationships; a MATCH would be
    planned from statistics and could walk every relationship of a hub.
    """
    return (
        "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b "
        f"MERGE (a)-[r:{_rel_types([type_])}]->(b) "
        "WITH row, a, b, r, r.attrs_json AS attrs_json, r.evidence_json AS evidence_json "
        "SET r += CASE WHEN evidence_json IS NULL THEN row.props ELSE {} END "
        "RETURN a.id AS source, type(r) AS type, b.id AS target, elementId(r) AS eid, "
        "attrs_json, evidence_json"
    )


def update_edges(type_: str) -> str:
    """Rows are {eid, props}: the merged property map of each edge."""
    return (f"UNWIND $rows AS row MATCH ()-[r:{_rel_types([type_])}]->() WHERE elementId(r) = row.eid "
            "SET r = row.props")


def edges_from(types: Sequence[str]) -> str:
    """Edges leaving any node of $ids, of `types` (every type when empty)."""
    return (
        f"UNWIND $ids AS id MATCH (a:Node {{id: id}})-[r{_rel_filter(types)}]->(b) "
        "RETURN a.id AS source, type(r) AS type, b.id AS target, "
        "r.attrs_json AS attrs_json, r.evidence_json AS evidence_json"
    )


def edges_to(types: Sequence[str]) -> str:
    """Edges arriving at any node of $ids, of `types` (every type when empty)."""
    return (
        f"UNWIND $ids AS id MATCH (b:Node {{id: id}})<-[r{_rel_filter(types)}]-(a) "
        "RETURN a.id AS source, type(r) AS type, b.id AS target, "
        "r.attrs_json AS attrs_json, r.evidence_json AS evidence_json"
    )


def edge_keys_from(types: Sequence[str]) -> str:
    """The keys of the edges leaving any node of $ids, of `types` (every type when empty)."""
    return (f"UNWIND $ids AS id MATCH (a:Node {{id: id}})-[r{_rel_filter(types)}]->(b) "
            "RETURN a.id AS source, type(r) AS type, b.id AS target")


def edge_keys_to(types: Sequence[str]) -> str:
    """The keys of the edges arriving at any node of $ids, of `types` (every type when empty)."""
    return (f"UNWIND $ids AS id MATCH (b:Node {{id: id}})<-[r{_rel_filter(types)}]-(a) "
            "RETURN a.id AS source, type(r) AS type, b.id AS target")


#: $keys are [source, type, target]: both ends by index, then the edge between them (Expand(Into))
EDGES_BY_KEY = (
    "UNWIND $keys AS k MATCH (a:Node {id: k[0]}) MATCH (b:Node {id: k[2]}) "
    "MATCH (a)-[r]->(b) WHERE type(r) = k[1] "
    "RETURN a.id AS source, type(r) AS type, b.id AS target, "
    "r.attrs_json AS attrs_json, r.evidence_json AS evidence_json"
)


def node_ids_of_type(type_: str) -> str:
    return f"MATCH (n:{_label(type_)}) RETURN n.id AS id"


def first_node_ids_of_type(type_: str) -> str:
    """The first $limit ids in Cypher's string order (UTF-16 code units: the same as Python's
    code point order unless ids mix characters past U+FFFF with ones from U+E000 to U+FFFF)."""
    return f"MATCH (n:{_label(type_)}) RETURN n.id AS id ORDER BY id LIMIT $limit"


def count_nodes(type_: str) -> str:
    """Answered from the count store: no scan."""
    return f"MATCH (n:{_label(type_)}) RETURN count(n) AS n"


def count_edges(type_: str) -> str:
    """Answered from the count store: no scan."""
    return f"MATCH ()-[r:{_rel_types([type_])}]->() RETURN count(r) AS n"


def support_keys() -> str:
    """The supporting edges of $id and of its members (MEMBER_EDGES into it), as keys with the
    supporter's type, found on the server: no member ids cross the wire."""
    return (
        f"MATCH (t:Node {{id: $id}}) OPTIONAL MATCH (t)<-[:{_rel_types(MEMBER_EDGES)}]-(m:Node) "
        "WITH t, collect(DISTINCT m) AS ms UNWIND ms + [t] AS x "
        f"CALL {{ WITH x MATCH (s:Node)-[r:{_rel_types(SUPPORT_EDGES_IN)}]->(x) "
        "RETURN s.id AS source, type(r) AS type, x.id AS target, s.type AS supporter_type "
        f"UNION ALL WITH x MATCH (x)-[r:{_rel_types(SUPPORT_EDGES_OUT)}]->(s:Node) "
        "RETURN x.id AS source, type(r) AS type, s.id AS target, s.type AS supporter_type } "
        "RETURN DISTINCT source, type, target, supporter_type"
    )


def stream_counts(type_: str) -> str:
    """Each node of $ids with its edges of one type out and in: COUNT of a typed pattern from a bound
    node is read from the node's degree records (a dense node keeps them per type), without
    walking its edges (graph/bounded_walk.py asks it once per edge type)."""
    return (f"UNWIND $ids AS id MATCH (n:Node {{id: id}}) RETURN n.id AS id, "
            f"COUNT {{ (n)-[:{_rel_types([type_])}]->() }} AS out, COUNT {{ (n)<-[:{_rel_types([type_])}]-() }} AS in")


def first_edge_keys(direction: str, type_: str) -> str:
    """The far ends' ids of the first $m edges of one direction and type of $id, in id order (the key
    order of graph/bounded_walk.py's streams). The server still orders all of that node's edges of
    the type (a Top over them): no index keeps a node's edges in its neighbours' id order."""
    if direction == "out":
        return (f"MATCH (h:Node {{id: $id}}) MATCH (h)-[:{_rel_types([type_])}]->(x:Node) "
                "RETURN x.id AS id ORDER BY id LIMIT $m")
    return (f"MATCH (h:Node {{id: $id}}) MATCH (h)<-[:{_rel_types([type_])}]-(x:Node) "
            "RETURN x.id AS id ORDER BY id LIMIT $m")


def first_edge_keys_by_scan(direction: str, type_: str) -> str:
    """first_edge_keys for a stream that holds a good share of all nodes: the id index read in order
    (NodeUniqueIndexSeekByRange, provided order), each node checked for the edge with Expand(Into),
    stopped by the Limit: it reads about $m * nodes / edges index entries, not the hub's edges."""
    if direction == "out":
        return (f"MATCH (h:Node {{id: $id}}) CALL {{ WITH h MATCH (x:Node) USING INDEX x:Node(id) WHERE x.id > '' AND EXISTS "
                f"{{ (h)-[:{_rel_types([type_])}]->(x) }} RETURN x ORDER BY x.id LIMIT $m }} RETURN x.id AS id")
    return (f"MATCH (h:Node {{id: $id}}) CALL {{ WITH h MATCH (x:Node) USING INDEX x:Node(id) WHERE x.id > '' AND EXISTS "
            f"{{ (x)-[:{_rel_types([type_])}]->(h) }} RETURN x ORDER BY x.id LIMIT $m }} RETURN x.id AS id")


COUNT_NODES = "MATCH (n:Node) RETURN count(n) AS n"


def stream_edges_to(direction: str, type_: str) -> str:
    """The far ends among $far of $id's edges of one direction and type: both ends by index, then the
    edge between them (Expand(Into), from the end with fewer relationships). The index hints hold the
    plan whatever the statistics say: on a database with few edges the planner expanded the hub instead."""
    if direction == "out":
        return (f"MATCH (h:Node {{id: $id}}) UNWIND $far AS x MATCH (y:Node {{id: x}}) USING INDEX y:Node(id) "
                f"MATCH (h)-[:{_rel_types([type_])}]->(y) RETURN y.id AS id")
    return (f"MATCH (h:Node {{id: $id}}) UNWIND $far AS x MATCH (y:Node {{id: x}}) USING INDEX y:Node(id) "
            f"MATCH (h)<-[:{_rel_types([type_])}]-(y) RETURN y.id AS id")


def shortest_paths(max_hops: int, avoiding: bool = False) -> str:
    """Every shortest path between $source and $target, ignoring direction, as lists of ids;
    `avoiding`: none through a node whose id is in $avoid (a predicate on every node of the path,
    which Neo4j checks while it searches)."""
    if avoiding:
        return (
            "MATCH (a:Node {id: $source}), (b:Node {id: $target}) "
            f"MATCH p = allShortestPaths((a)-[*..{_hops(max_hops)}]-(b)) "
            "WHERE all(n IN nodes(p) WHERE NOT n.id IN $avoid) "
            "RETURN [n IN nodes(p) | n.id] AS ids"
        )
    return (
        "MATCH (a:Node {id: $source}), (b:Node {id: $target}) "
        f"MATCH p = allShortestPaths((a)-[*..{_hops(max_hops)}]-(b)) "
        "RETURN [n IN nodes(p) | n.id] AS ids"
    )


# ---- the checks ------------------------------------------------------------------

def _label(type_: str) -> str:
    if type_ not in NODE_TYPES:
        raise ValueError(f"not a node type of the schema: {type_!r}")
    return type_


def _rel_types(types: Sequence[str]) -> str:
    """'A|B' for edge types of the schema; anything else is refused."""
    bad = [t for t in types if t not in EDGE_TYPES]
    if bad or not types:
        raise ValueError(f"not edge types of the schema: {bad or types!r}")
    return "|".join(types)


def _rel_filter(types: Sequence[str]) -> str:
    return ":" + _rel_types(types) if types else ""


def _hops(max_hops: int) -> str:
    if type(max_hops) is not int or not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be an int from 1 to {MAX_HOPS}, not {max_hops!r}")
    return str(max_hops)
