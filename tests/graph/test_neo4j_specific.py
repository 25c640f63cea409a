"""What only the Neo4j backend has: connection errors, the schema, atomic writes, safe Cypher.

The first tests need no server (the Cypher scan, a closed port); the rest run
against the real server of tests/graph/conftest.py.
"""

from __future__ import annotations

import ast
import hashlib
import re
import socket
from pathlib import Path

import orjson
import pytest

from graph.neo4j import cypher
from graph.backends import open_store
from graph.errors import InnographError, LimitExceeded, QueryTimeout, StoreUnavailable
from graph.model import Edge, Node
from graph.neo4j.store import Neo4jStore, load_rate
from graph.store import Batch
from loaders.sources import load_sources, read_sources

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
CHECKS = {"_label", "_rel_types", "_rel_filter", "_hops"}
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND|RETURN|CREATE|DETACH|DELETE|SET|CALL|WHERE)\b|\$[a-z_]")


# ---- no server needed ----------------------------------------------------------------

def _formatting(tree: ast.AST) -> list[tuple[int, str]]:
    """Every place a string is built from values: f-strings, .format(), %, + and join."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            found.append((node.lineno, "f-string"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("format", "join", "replace"):
            found.append((node.lineno, node.func.attr))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)) and any(
                isinstance(side, ast.Constant) and isinstance(side.value, str) for side in (node.left, node.right)):
            found.append((node.lineno, "% or +"))
    return found


def _is_check(expr: ast.AST) -> bool:
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in CHECKS


def test_cypher_module_formats_only_checked_names():
    tree = ast.parse((ROOT / "graph" / "neo4j" / "cypher.py").read_text())
    checks = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name in CHECKS}
    assert set(checks) == CHECKS
    inside_checks = {id(n) for f in checks.values() for n in ast.walk(f)}
    for node in ast.walk(tree):
        if id(node) in inside_checks:
            continue
        if isinstance(node, ast.JoinedStr):
            values = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            assert all(_is_check(v) for v in values), f"cypher.py:{node.lineno} formats an unchecked value"
    outside = [(line, kind) for line, kind in _formatting(tree)
               if kind != "f-string" and not any(line in range(f.lineno, f.end_lineno + 1) for f in checks.values())]
    assert outside == [], f"cypher.py builds strings outside the checks: {outside}"


def test_store_module_holds_no_cypher():
    """Statements live in graph/neo4j/cypher.py; the store only passes them values as parameters."""
    tree = ast.parse((ROOT / "graph" / "neo4j" / "store.py").read_text())
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            assert not CYPHER.search(node.value), f"graph/neo4j/store.py:{node.lineno} holds Cypher: {node.value!r}"


@pytest.mark.parametrize("bad", ["Zone) DETACH DELETE n //", "zone", "Node", "", "Zone:Fund"])
def test_labels_come_only_from_the_schema(bad):
    with pytest.raises(ValueError):
        cypher.create_nodes(bad)
    with pytest.raises(ValueError):
        cypher.create_edges(bad)
    with pytest.raises(ValueError):
        cypher.edges_from([bad])


@pytest.mark.parametrize("bad", [0, 7, -1, "3", 2.0, True, None])
def test_hop_count_is_a_checked_int(bad):
    with pytest.raises(ValueError):
        cypher.shortest_paths(bad)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_unreachable_server_is_one_clear_line(scheme):
    uri = f"{scheme}://127.0.0.1:{_closed_port()}"
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(uri, "neo4j", "secret", query_timeout=2)
    message = caught.value.message
    assert message.startswith(f"Neo4j at {uri} is not reachable: ") and "\n" not in message
    assert "refused" in message or "unable to retrieve routing" in message.lower(), message


def test_malformed_uri_is_store_unavailable():
    with pytest.raises(StoreUnavailable, match=r"^Neo4j at foo://x is not reachable: "):
        Neo4jStore("foo://x", "neo4j", "secret")


# ---- against the real server -------------------------------------------------------------

@pytest.mark.neo4j
def test_wrong_password_is_refused_in_one_line(neo4j_settings, neo4j_server):
    with pytest.raises(StoreUnavailable) as caught:
        Neo4jStore(neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, "not-the-password",
                   neo4j_settings.neo4j_database)
    assert caught.value.message == (f"Neo4j at {neo4j_settings.neo4j_uri} is not reachable: the user "
                                    f"{neo4j_settings.neo4j_user!r} or its password was refused")


@pytest.mark.neo4j
def test_unknown_database_is_store_unavailable(neo4j_settings, neo4j_server):
    with pytest.raises(StoreUnavailable, match="database 'nosuchdb' is not available"):
        Neo4jStore(neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, neo4j_settings.neo4j_password, "nosuchdb")


@pytest.mark.neo4j
def test_open_store_from_settings(neo4j_settings, neo4j_store):
    store = open_store(neo4j_settings)  # a second open: the schema statements are idempotent
    try:
        assert store.backend == "neo4j" and store.database == neo4j_settings.neo4j_database
        assert store.counts().total_nodes == 0
    finally:
        store.close()


@pytest.mark.neo4j
def test_constraints_and_index_exist(neo4j_store):
    rows = neo4j_store._rows("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    assert {"innograph_node_id", "innograph_document_id"} <= set(rows[0]["names"])
    neo4j_store._write(lambda tx: tx.run("CALL db.awaitIndexes(60)").consume(), 0)
    rows = neo4j_store._rows("SHOW INDEXES YIELD name, type, state RETURN name, type, state")
    index = {r["name"]: r for r in rows}["innograph_node_keys"]
    assert (index["type"], index["state"]) == ("TEXT", "ONLINE")


@pytest.mark.neo4j
@pytest.mark.parametrize("statement, params, operator", [
    (cypher.LOOKUP, {"key": "x", "needle": "\nx\n"}, "NodeIndexContainsScan"),
    (cypher.SEARCH_PREFIX, {"key": "x", "needle": "\nx", "types": [], "limit": 20}, "NodeIndexContainsScan"),
    (cypher.SEARCH_REST, {"key": "x", "needle": "\nx", "types": [], "offset": 0, "limit": 20}, "NodeIndexContainsScan"),
    (cypher.NODES_BY_ID, {"ids": ["x"]}, "NodeUniqueIndexSeek"),
    (cypher.stream_counts("LOCATED_IN"), {"ids": ["x"]}, "NodeUniqueIndexSeek"),
    (cypher.first_edge_keys("in", "LOCATED_IN"), {"id": "x", "m": 5}, "NodeUniqueIndexSeek"),
    (cypher.stream_edges_to("in", "LOCATED_IN"), {"id": "x", "far": ["y"]}, "Expand(Into)"),
    (cypher.first_edge_keys_by_scan("in", "LOCATED_IN"), {"id": "x", "m": 5}, "NodeUniqueIndexSeekByRange"),
    (cypher.update_edges("SUPPORTS"), {"rows": [{"eid": "x", "props": {}}]}, "RelationshipByElementIdSeek"),
])
def test_reads_use_the_indexes(neo4j_store, statement, params, operator):
    def plan(tx):
        summary = tx.run("EXPLAIN " + statement, params).consume()
        return orjson.dumps(summary.plan).decode()

    assert operator in neo4j_store._read(plan)


@pytest.mark.neo4j
def test_query_timeout_is_mapped(neo4j_settings, neo4j_server):
    store = Neo4jStore(neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, neo4j_settings.neo4j_password,
                       neo4j_settings.neo4j_database, query_timeout=0.5)
    try:
        with pytest.raises(QueryTimeout, match="time budget of 0.5 s"):
            store._rows("UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n")
    finally:
        store.close()


@pytest.mark.neo4j
def test_max_hops_past_the_cap_is_refused(neo4j_store):
    with pytest.raises(LimitExceeded):
        neo4j_store.shortest_node_paths("a", "b", 7)


def _edge_hash(store) -> str:
    edges = sorted(store.iter_edges(), key=lambda e: e.key)
    return hashlib.sha256(orjson.dumps([e.model_dump() for e in edges])).hexdigest()


@pytest.mark.neo4j
@pytest.mark.parametrize("method", ["write", "replace"])
def test_server_error_mid_write_rolls_everything_back(neo4j_store, monkeypatch, method):
    load_sources(neo4j_store, [MINI])
    before = (neo4j_store.counts(), _edge_hash(neo4j_store))
    zone = neo4j_store.nodes_of_type("Zone")[0]
    monkeypatch.setattr(cypher, "create_edges", lambda type_: "UNWIND $rows AS row RETURN 1 / 0 AS boom")
    batch = Batch(nodes=[Node(id="fund-x", type="Fund", name_zh="新基金"), zone],
                  edges=[Edge(source="fund-x", target=zone.id, type="INVESTS_IN")])
    with pytest.raises(InnographError, match=r"^Neo4j at .* could not write the graph: "):
        getattr(neo4j_store, method)(batch)
    assert (neo4j_store.counts(), _edge_hash(neo4j_store)) == before
    assert neo4j_store.get_nodes(["fund-x"]) == {}


@pytest.mark.neo4j
def test_one_row_per_statement_and_per_transaction_give_the_same_graph(neo4j_settings, neo4j_store):
    batch = read_sources([MINI]).kept
    neo4j_store.replace(batch)
    expected = (neo4j_store.counts(), _edge_hash(neo4j_store))
    one = Neo4jStore(neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, neo4j_settings.neo4j_password,
                     neo4j_settings.neo4j_database, batch_size=1)
    try:
        one.clear()
        assert load_rate(one, batch) > 0
        assert (one.counts(), _edge_hash(one)) == expected
        one.clear()
        assert load_rate(one, batch, rows_per_write=1) > 0
        assert (one.counts(), _edge_hash(one)) == expected
    finally:
        one.close()
