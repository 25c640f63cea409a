"""The exported Cypher script, replayed statement by statement on a real Neo4j server.

The connection comes from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE,
else from .env.neo4j at the repository root (written by
`python3 tools/neo4j/neo4jctl.py up`, which `make test` runs first). Without a
server these tests FAIL, with the reason: they never skip. They own the database
they are given and empty it (innograph's nodes and documents) before each run.
"""

from __future__ import annotations

import json

import pytest

from graph.results import Subgraph
from tests.support.neo4j import ENV_FILE, neo4j_connection
from viz.export.cypher_script import generate_cypher, parse_cypher

pytestmark = pytest.mark.neo4j

CLEAR = "MATCH (n) WHERE n:Node OR n:SourceDocument DETACH DELETE n"


@pytest.fixture(scope="module")
def neo4j_session():
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    conn = neo4j_connection()
    if not conn.get("NEO4J_URI"):
        pytest.fail(f"no Neo4j configured: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) "
                    f"or run `python3 tools/neo4j/neo4jctl.py up`, which writes {ENV_FILE}")
    driver = GraphDatabase.driver(conn["NEO4J_URI"], auth=(conn.get("NEO4J_USER", "neo4j"),
                                                           conn.get("NEO4J_PASSWORD", "")))
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        driver.close()
        pytest.fail(f"the Cypher replay test needs a running Neo4j at {conn['NEO4J_URI']}: {exc}")
    with driver.session(database=conn.get("NEO4J_DATABASE", "neo4j")) as session:
        yield session
    driver.close()


def replay(session, script: str) -> int:
    session.run(CLEAR).consume()
    statements = parse_cypher(script)
    for statement in statements:
        session.run(statement).consume()
    return len(statements)


def stored(session) -> tuple[dict, dict, dict]:
    nodes = {r["id"]: r for r in session.run(
        "MATCH (n:Node) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Node'] AS labels, "
        "properties(n) AS props").data()}
    edges = {(r["s"], r["t"], r["o"]): r["props"] for r in session.run(
        "MATCH (a:Node)-[r]->(b:Node) RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS props").data()}
    docs = {r["d"]["id"]: r["d"] for r in session.run("MATCH (d:SourceDocument) RETURN properties(d) AS d").data()}
    return nodes, edges, docs


def assert_replayed(session, sub: Subgraph, docs: list) -> None:
    nodes, edges, stored_docs = stored(session)
    assert set(nodes) == {n.id for n in sub.nodes}
    for n in sub.nodes:
        got = nodes[n.id]
        assert got["labels"] == [n.type]
        props = got["props"]
        assert (props["type"], props["name_zh"], props["name_en"]) == (n.type, n.name_zh, n.name_en)
        assert props["aliases"] == n.aliases and props["sources"] == n.sources
        assert json.loads(props["attrs_json"]) == n.attrs
    assert set(edges) == {e.key for e in sub.edges}
    for e in sub.edges:
        props = edges[e.key]
        assert json.loads(props["attrs_json"]) == e.attrs
        assert json.loads(props["evidence_json"]) == [ev.model_dump() for ev in e.evidence]
    assert stored_docs == {d.id: {k: v for k, v in d.model_dump().items() if v is not None} for d in docs}


def test_awkward_script_recreates_the_subgraph(neo4j_session, awkward):
    sub, docs = awkward
    script = generate_cypher(sub, docs)
    assert replay(neo4j_session, script) > len(sub.nodes)
    assert_replayed(neo4j_session, sub, docs)
    # every statement is a MERGE: replaying the script changes nothing
    for statement in parse_cypher(script):
        neo4j_session.run(statement).consume()
    assert_replayed(neo4j_session, sub, docs)


def test_bundled_zone_script_recreates_the_subgraph(neo4j_session, bundled_sub):
    sub, docs = bundled_sub
    replay(neo4j_session, generate_cypher(sub, docs))
    assert_replayed(neo4j_session, sub, docs)
    counts = neo4j_session.run("MATCH (n:Node) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r").single()
    assert (counts["n"], counts["r"]) == (len(sub.nodes), len(sub.edges))


def test_replayed_graph_opens_as_an_innograph_store(neo4j_session, mini_sub):
    """The script writes the Neo4j backend's own layout: innograph can query what it made."""
    from graph.neo4j.store import Neo4jStore
    from graph.queries import GraphQueries

    sub, docs = mini_sub
    replay(neo4j_session, generate_cypher(sub, docs))
    conn = neo4j_connection()
    store = Neo4jStore(conn["NEO4J_URI"], conn.get("NEO4J_USER", "neo4j"), conn.get("NEO4J_PASSWORD", ""),
                       conn.get("NEO4J_DATABASE", "neo4j"))
    try:
        queries = GraphQueries(store)
        assert queries.resolve("HSC").id == sub.center  # found by alias through the name index
        again = queries.subgraph(sub.center, depth=2)
        assert {n.id: n for n in again.nodes} == {n.id: n for n in sub.nodes}
        assert {e.key: e for e in again.edges} == {e.key: e for e in sub.edges}
        assert store.documents() == docs
    finally:
        store.close()
