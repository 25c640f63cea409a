"""The bulk load into an empty Neo4j database (graph/neo4j/bulk.py) gives what `replace` gives.

On the real server of tests/graph/conftest.py: the same stored nodes (every property and label),
edges, documents and zone index as `replace` of the same batch, for the mini fixture, a synthetic
CSV pair (compact rows) and random batches with repeated ids and edge keys; `reindex --check` after
it reports nothing. A bulk load refuses a database that holds a graph, a batch with an edge to an
unknown node, and a server error in its middle leaves the database empty (the graph before it) and
no marker; a killed load's leftovers are removed by the next one.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InnographError, LoadError
from graph.model import Edge, Evidence, Node
from graph.neo4j import bulk, cypher, zone_index
from graph.store import Batch
from loaders.sources import read_sources
from loaders.synth import generate
from tests.core.test_zone_index import IDS, NODES, RELATIONS
from tests.support.graphs import fingerprint

pytestmark = pytest.mark.neo4j

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def stored(store) -> dict:
    """Everything in the database: graph nodes with labels and all properties, edges with theirs,
    documents, the zone index's nodes, and any other node (a marker)."""
    def rows(statement: str) -> list:
        return sorted(repr(r) for r in store._rows(statement))

    return {
        "nodes": rows("MATCH (n:Node) RETURN labels(n) AS l, properties(n) AS p"),
        "edges": rows("MATCH (a:Node)-[r]->(b:Node) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"),
        "documents": rows("MATCH (d:SourceDocument) RETURN properties(d) AS p"),
        "index": rows("MATCH (x) WHERE x:ZoneRow OR x:ZoneCount OR x:SearchBlock RETURN labels(x) AS l, properties(x) AS p"),
        "other": rows("MATCH (x) WHERE NOT (x:Node OR x:SourceDocument OR x:ZoneRow OR x:ZoneCount OR x:SearchBlock) "
                      "RETURN labels(x) AS l"),
    }


def indexes(store) -> dict:
    """The schema's indexes and constraints' indexes, by name, with their state."""
    return {r["name"]: r["state"] for r in store._rows("SHOW INDEXES YIELD name, state RETURN name, state")
            if r["name"].startswith("innograph_")}


def assert_bulk_equals_replace(store, batch: Batch, rows: int = 7, defer: bool = False) -> dict:
    store.replace(batch)
    want = stored(store), indexes(store)
    store.clear()
    store.bulk_load(batch, rows=rows, defer_indexes=defer)  # small statements: every chunk boundary crossed
    got = stored(store)
    assert (got, indexes(store)) == want  # the indexes dropped during the load are back, online
    assert store.reindex(check=True) == []
    return got


@pytest.fixture
def small_index(monkeypatch):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 3)


def test_the_mini_fixture_loads_as_replace_loads_it(neo4j_store, small_index):
    for defer in (False, True):
        got = assert_bulk_equals_replace(neo4j_store, read_sources([MINI]).kept, defer=defer)
        assert got["index"] and got["documents"] and not got["other"]
        neo4j_store.clear()


def test_a_synthetic_csv_pair_loads_as_replace_loads_it(neo4j_store, tmp_path):
    pair = tmp_path / "synth"
    generate(300, seed=3, out_dir=pair)
    batch = read_sources([pair]).kept
    assert type(batch.edges).__name__ == "EdgeRows"  # the compact rows of a CSV load, not records
    got = assert_bulk_equals_replace(neo4j_store, batch, rows=500)
    assert len(got["edges"]) > 1000 and len(got["index"]) > 100  # the default threshold: real hubs


edge = st.builds(lambda s, t, d, a, q: Edge(source=s, type=t, target=d, attrs={"w": a} if a else {},
                                            evidence=[Evidence(doc="doc", quote=q, start=0, end=1)] if q else []),
                 st.sampled_from(IDS), st.sampled_from(RELATIONS), st.sampled_from(IDS),
                 st.integers(0, 2), st.sampled_from(["", "一", "二"]))
node = st.builds(lambda i, en, alias: Node(id=i, type=dict((n.id, n.type) for n in NODES)[i], name_zh=f"节点{i}",
                                           name_en=en, aliases=[alias] if alias else [], attrs={"k": en} if en else {}),
                 st.sampled_from(IDS), st.sampled_from(["", "Node A", "Node B"]), st.sampled_from(["", "别名"]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(nodes=st.lists(node, max_size=6), edges=st.lists(edge, min_size=1, max_size=30))
def test_repeated_ids_and_edge_keys_merge_as_replace_merges_them(neo4j_store, small_index, nodes, edges):
    neo4j_store.clear()
    assert_bulk_equals_replace(neo4j_store, Batch(nodes=NODES + nodes, edges=edges), rows=3)


def test_a_database_with_a_graph_is_refused_and_kept(neo4j_store):
    neo4j_store.replace(read_sources([MINI]).kept)
    before = fingerprint(neo4j_store)
    with pytest.raises(LoadError, match="already holds a graph"):
        neo4j_store.bulk_load(Batch(nodes=[Node(id="n", type="Fund", name_zh="基金")]))
    assert fingerprint(neo4j_store) == before


def test_an_edge_to_an_unknown_node_is_refused_before_anything_is_written(neo4j_store):
    with pytest.raises(LoadError, match="unknown node"):
        neo4j_store.bulk_load(Batch(nodes=NODES, edges=[Edge(source="a", type="SUPPORTS", target="nowhere")]))
    assert stored(neo4j_store) == stored_empty(neo4j_store)


def stored_empty(store) -> dict:
    return {"nodes": [], "edges": [], "documents": [], "index": [], "other": []}


@contextmanager
def second_edge_chunk_fails(monkeypatch):
    """Within it, every chunk of edges after the first fails on the server (a division by zero), as a
    server error mid-load would: the bulk and the streamed load must each leave the database empty."""
    with monkeypatch.context() as patch:
        real = cypher.bulk_edges
        calls = iter(range(10 ** 6))
        patch.setattr(cypher, "bulk_edges", lambda type_: real(type_) if next(calls) == 0 else
                      "UNWIND range(0, size($s) - 1) AS i RETURN 1 / 0 AS boom")
        yield


def test_a_server_error_mid_load_leaves_the_database_empty(neo4j_store, monkeypatch, small_index):
    batch = read_sources([MINI]).kept
    neo4j_store.replace(batch)
    want = stored(neo4j_store)
    neo4j_store.clear()
    with second_edge_chunk_fails(monkeypatch):
        with pytest.raises(InnographError, match=r"^Neo4j at .* could not write the graph: "):
            neo4j_store.bulk_load(batch, rows=5, defer_indexes=True)
    assert stored(neo4j_store) == stored_empty(neo4j_store)
    assert set(indexes(neo4j_store)) >= {"innograph_node_keys", "innograph_zone_row"}
    neo4j_store.bulk_load(batch)  # and the database takes the load again
    assert stored(neo4j_store) == want


def test_a_killed_loads_leftovers_are_removed_by_the_next_load(neo4j_store, small_index):
    batch = read_sources([MINI]).kept
    neo4j_store.replace(batch)
    want = stored(neo4j_store)
    neo4j_store._driver.execute_query(bulk.PUT_MARKER, database_=neo4j_store.database)  # as a killed load
    neo4j_store._driver.execute_query(  # left them: its marker and part of a graph
        "MATCH (n:Node) WITH n LIMIT 3 DETACH DELETE n", database_=neo4j_store.database)
    neo4j_store.bulk_load(batch)
    assert stored(neo4j_store) == want
