"""`reindex` of the Neo4j zone index batch by batch (graph/neo4j/zone_reindex.py), on a real server.

Data written outside innograph (raw Cypher: a support edge added or removed, an index node deleted,
a hub's edges removed until it is no hub) is found by the check and put right by a repair; a check
writes nothing; a repair that stops half-way leaves the batches it committed repaired and every
other hub as it was (each hub whole, old or new), and the next reindex finishes it.
"""

from __future__ import annotations

import pytest

from graph.errors import StoreUnavailable
from graph.neo4j import zone_index, zone_reindex
from graph.neo4j.store import Neo4jStore
from graph.model import Edge
from graph.queries import GraphQueries
from graph.store import Batch
from tests.core.test_zone_index import NODES, Recomputed
from tests.graph.test_neo4j_zone_index import FORBIDDEN, explain

pytestmark = pytest.mark.neo4j


@pytest.fixture
def two_zones(neo4j_store, monkeypatch):
    """z1 and z2 are hubs, nothing else is (degree 4; a, b members of z1, p, q of z2, supporters on
    both and on a member), in batches of one hub. No drift below makes another node a hub."""
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 4)
    monkeypatch.setattr(zone_reindex, "BATCH", 1)
    neo4j_store.write(Batch(nodes=NODES, edges=[
        *(Edge(source=i, type="LOCATED_IN", target="z1") for i in "ab"),
        *(Edge(source=i, type="LOCATED_IN", target="z2") for i in "pq"),
        Edge(source="p", type="SUPPORTS", target="a"), Edge(source="f", type="INVESTS_IN", target="z1"),
        Edge(source="q", type="SUPPORTS", target="z1"), Edge(source="f", type="INVESTS_IN", target="z2"),
        Edge(source="b", type="SUPPORTS", target="z2")]))
    assert neo4j_store.reindex(check=True) == []  # a clean graph reports nothing
    return neo4j_store


def cypher(store: Neo4jStore, statement: str) -> None:
    store._driver.execute_query(statement, database_=store.database)


def index_nodes(store: Neo4jStore) -> list[tuple]:
    return sorted((r["k"], r["n"]) for r in store._rows(
        "MATCH (x) WHERE x:ZoneRow OR x:ZoneCount RETURN x.k AS k, x.n AS n"))


def answers(store: Neo4jStore, hub: str) -> tuple:
    return GraphQueries(store).supporters_page(hub), GraphQueries(store).profile(hub)


def recomputed(store: Neo4jStore, hub: str) -> tuple:
    return GraphQueries(Recomputed(store)).supporters_page(hub)


@pytest.mark.parametrize("drift", [
    "MATCH (f:Node {id: 'f'}), (b:Node {id: 'b'}) CREATE (f)-[:SUPPORTS]->(b)",
    "MATCH (:Node {id: 'p'})-[r:SUPPORTS]->(:Node {id: 'a'}) DELETE r",
    "MATCH (c:ZoneCount) WHERE c.k = 'z1\\u0000H' DELETE c",
    "MATCH (r:ZoneRow) WHERE r.k STARTS WITH 'z1\\u0000G' DELETE r",
])
def test_the_check_finds_drift_and_reindex_repairs_only_it(two_zones, drift):
    store = two_zones
    cypher(store, drift)
    kept = index_nodes(store)
    assert store.reindex(check=True, search=False) == ["z1"]
    assert index_nodes(store) == kept  # a check writes nothing
    z2 = [k for k in kept if k[0].startswith("z2\x00")]
    assert store.reindex(search=False) == ["z1"]
    assert [k for k in index_nodes(store) if k[0].startswith("z2\x00")] == z2  # the other hub is untouched
    assert store.reindex(check=True) == []
    assert GraphQueries(store).supporters_page("z1") == recomputed(store, "z1")


def test_entries_of_a_node_that_is_no_hub_any_more_are_removed(two_zones):
    store = two_zones
    cypher(store, "MATCH (:Node {id: 'z2'})-[r]-() DELETE r")  # z2 keeps its entries, has no edges
    assert store.reindex(check=True, search=False) == ["z2"]
    assert store.reindex(search=False) == ["z2"]
    assert not [k for k in index_nodes(store) if k[0].startswith("z2\x00")]
    assert store.support_window("z2", None, 0, None) is None and store.reindex(check=True) == []


def test_a_repair_that_stops_leaves_each_hub_whole_and_the_next_one_finishes(two_zones, monkeypatch):
    store = two_zones
    cypher(store, "MATCH (p:Node {id: 'p'}), (b:Node {id: 'b'}) CREATE (p)-[:SUPPORTS]->(b)")  # z1 drifts
    cypher(store, "MATCH (f:Node {id: 'f'}), (q:Node {id: 'q'}) CREATE (f)-[:SUPPORTS]->(q)")  # z2 drifts
    z2_before = answers(store, "z2")
    real, calls = zone_reindex.compare_batch, []

    def second_batch_fails(tx, hubs):
        calls.append(hubs)
        found = real(tx, hubs)  # its entries are rewritten in the transaction, then the server is lost
        if len(calls) == 2:
            raise StoreUnavailable("the server went away")
        return found

    monkeypatch.setattr(zone_reindex, "compare_batch", second_batch_fails)
    with pytest.raises(StoreUnavailable):
        store.reindex(search=False)
    assert calls == [["z1"], ["z2"]]
    monkeypatch.setattr(zone_reindex, "compare_batch", real)
    assert store.reindex(check=True, search=False) == ["z2"]  # z1's batch committed
    assert GraphQueries(store).supporters_page("z1") == recomputed(store, "z1")
    assert answers(store, "z2") == z2_before  # z2 answers from its old entries, whole, as before
    assert store.reindex(search=False) == ["z2"]
    assert store.reindex(check=True) == []


def test_the_skip_scan_seeks_the_index(neo4j_store):
    for statement in (zone_reindex.NEXT_ROW, zone_reindex.NEXT_COUNT):
        ops = explain(neo4j_store, statement, lo="")
        assert not FORBIDDEN & set(ops) and any("Seek" in op or "Scan" in op for op in ops), ops
    for statement in (zone_reindex.ROWS_IN, zone_reindex.COUNTS_IN, zone_reindex.DELETE_ROWS_IN):
        ops = explain(neo4j_store, statement, ranges=[{"lo": "a", "hi": "b"}])
        assert any("IndexSeekByRange" in op or "IndexSeek" in op for op in ops), ops


def test_batches_are_cut_by_hubs_and_by_edges(monkeypatch):
    """A batch's rebuilt rows sit in its transaction: big hubs go alone, small ones together."""
    monkeypatch.setattr(zone_reindex, "BATCH", 3)
    monkeypatch.setattr(zone_reindex, "BATCH_EDGES", 10)
    degrees = {"a": 4, "b": 4, "c": 4, "d": 20, "e": 0, "f": 1, "g": 1, "h": 1}
    assert zone_reindex.batches(degrees) == [["a", "b"], ["c"], ["d"], ["e", "f", "g"], ["h"]]
