"""The read-only check of the Neo4j zone index (graph/neo4j/zone_check.py), on a real server.

Its expected entries come from the memory store's rollup build over each hub's neighbourhood read
out of Neo4j; the stored ones are read in key-range pages. Shown here: on random interleaved writes
the expected entries equal, entry for entry, what the Cypher write path kept and what the Cypher
build makes (so the two definitions cannot drift apart silently); every kind of drift is found
(a row missing, a row extra, a counter wrong, a stale hub, a marker deleted, an edge written
outside innograph); a clean load reports nothing; the check writes nothing (node and relationship
counts and the database's transaction log unchanged); its page reads are index seeks without a
Sort; `reindex --check` exits 1 on drift and `reindex` repairs only the hubs that differ.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import Edge
from graph.neo4j import zone_check, zone_index, zone_reindex
from graph.neo4j.store import Neo4jStore
from graph.store import Batch
from tests.core.test_zone_index import NODES, edges
from tests.graph.test_neo4j_zone_index import FORBIDDEN, explain
from tests.support.cli_neo4j import cli_on_neo4j

pytestmark = pytest.mark.neo4j

SETTINGS = settings(max_examples=int(os.environ.get("ZONE_EXAMPLES", "12")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def small_index(monkeypatch):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 3)


@pytest.fixture
def two_zones(neo4j_store, monkeypatch):
    """z1 and z2 are hubs (degree >= 4), nothing else is; a, b members of z1, p, q of z2."""
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 4)
    neo4j_store.write(Batch(nodes=NODES, edges=[
        *(Edge(source=i, type="LOCATED_IN", target="z1") for i in "ab"),
        *(Edge(source=i, type="LOCATED_IN", target="z2") for i in "pq"),
        Edge(source="p", type="SUPPORTS", target="a"), Edge(source="f", type="INVESTS_IN", target="z1"),
        Edge(source="q", type="SUPPORTS", target="z1"), Edge(source="f", type="INVESTS_IN", target="z2"),
        Edge(source="b", type="SUPPORTS", target="z2"), Edge(source="a", type="FOCUSES_ON", target="x")]))
    return neo4j_store


def cypher(store: Neo4jStore, statement: str, **params) -> None:
    store._driver.execute_query(statement, params, database_=store.database)


def check(store: Neo4jStore) -> list[str]:
    return store.reindex(check=True, search=False)


def hubs(store: Neo4jStore) -> list[str]:
    with store._session("hubs") as session:
        return sorted(session.execute_read(zone_reindex.hubs_to_compare))


def entries(store: Neo4jStore, z: str) -> tuple[list, list, list, list]:
    """(expected rows, stored rows, expected counters, stored counters) of hub z, whole."""
    def read(tx):
        rows, counts = zone_check.expected(tx, z)
        return (list(rows), list(zone_check.stored(tx, zone_check.ROW_PAGE, z, page=2)),
                counts, list(zone_check.stored(tx, zone_check.COUNT_PAGE, z, page=2)))

    with store._session("entries") as session:
        return session.execute_read(read)


def written(store: Neo4jStore) -> tuple:
    """What a write would change: node and relationship counts and the transaction log's bytes."""
    counts = store._rows("MATCH (n) RETURN count(n) AS n")[0]["n"], \
        store._rows("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    root = store._rows("SHOW SETTINGS YIELD name, value WHERE name = 'server.directories.transaction.logs.root' "
                       "RETURN value")[0]["value"]
    logs = sorted(Path(root, store.database).glob("neostore.transaction.db.*"))
    assert logs, f"no transaction log under {root}"
    return counts, [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in logs]


@pytest.mark.timeout(900)
@SETTINGS
@given(first=edges, later=st.lists(edges, min_size=0, max_size=2))
def test_the_expected_entries_are_what_the_cypher_write_path_and_build_make(neo4j_store, small_index,
                                                                             first, later):
    """Random interleaved writes (nodes crossing the hub threshold mid-way): for every hub, the memory
    build's entries equal the stored ones entry for entry, and the Cypher rebuild finds nothing either."""
    neo4j_store.clear()
    neo4j_store.write(Batch(nodes=NODES, edges=first))
    for batch in later:
        neo4j_store.write(Batch(nodes=NODES[:2], edges=batch))
    for z in hubs(neo4j_store):
        want_rows, have_rows, want_counts, have_counts = entries(neo4j_store, z)
        assert want_rows == have_rows and want_counts == have_counts, z
    with neo4j_store._session("rebuild check") as session:
        degrees = session.execute_read(zone_reindex.hubs_to_compare)
        assert zone_reindex.rebuilt(session, degrees, check=True) == []


DRIFT = {
    "row missing": "MATCH (r:ZoneRow) WHERE r.k STARTS WITH 'z1\\u0000S' WITH r LIMIT 1 DELETE r",
    "row extra": "CREATE (:ZoneRow {k: 'z1\\u0000S\\u00000\\u0000Fund\\u0000zz', s: 'zz', t: 'SUPPORTS', d: 'z1'})",
    "list entry missing": "MATCH (r:ZoneRow) WHERE r.k STARTS WITH 'z1\\u0000L\\u0000members' WITH r LIMIT 1 DELETE r",
    "head count wrong": "MATCH (r:ZoneRow) WHERE r.k STARTS WITH 'z1\\u0000G' WITH r LIMIT 1 SET r.n = r.n + 1",
    "counter wrong": "MATCH (c:ZoneCount) WHERE c.k STARTS WITH 'z1\\u0000S' WITH c LIMIT 1 SET c.n = c.n + 1",
    "field counter wrong": "MATCH (c:ZoneCount) WHERE c.k STARTS WITH 'z1\\u0000F' SET c.n = c.n + 1",
    "marker deleted": "MATCH (c:ZoneCount {k: 'z1\\u0000H'}) DELETE c",
    "edge added outside innograph": "MATCH (f:Node {id: 'f'}), (b:Node {id: 'b'}) CREATE (f)-[:SUPPORTS]->(b)",
    "edge deleted outside innograph": "MATCH (:Node {id: 'p'})-[r:SUPPORTS]->(:Node {id: 'a'}) DELETE r",
}


@pytest.mark.parametrize("drift", DRIFT.values(), ids=DRIFT.keys())
def test_the_check_finds_drift_writes_nothing_and_the_repair_fixes_only_that_hub(two_zones, drift):
    store = two_zones
    assert check(store) == []  # a clean graph
    cypher(store, drift)
    before = written(store)
    assert check(store) == ["z1"]
    assert written(store) == before  # nothing written: counts and the transaction log as they were
    z2 = entries(store, "z2")
    assert store.reindex(search=False) == ["z1"]
    assert written(store) != before  # (the probe sees a write)
    assert entries(store, "z2") == z2 and check(store) == []


def test_a_stale_hub_is_found_and_its_entries_removed(two_zones):
    store = two_zones
    cypher(store, "MATCH (:Node {id: 'z2'})-[r]-() DELETE r")  # z2 keeps its entries, has no edges
    assert check(store) == ["z2"]
    assert store.reindex(search=False) == ["z2"]
    assert entries(store, "z2") == ([], [], [], []) and check(store) == []


def test_a_clean_bulk_load_and_replace_report_nothing(neo4j_store, small_index):
    batch = Batch(nodes=NODES, edges=[*(Edge(source=i, type="LOCATED_IN", target="z1") for i in "abpq"),
                                      Edge(source="p", type="SUPPORTS", target="a"),
                                      Edge(source="f", type="LED_BY", target="x"),
                                      Edge(source="a", type="LED_BY", target="q")])
    neo4j_store.bulk_load(batch)
    assert hubs(neo4j_store) and check(neo4j_store) == []
    neo4j_store.replace(batch)
    assert check(neo4j_store) == []


def test_the_stored_side_is_read_by_index_seeks_in_pages(two_zones):
    for statement in (zone_check.ROW_PAGE, zone_check.COUNT_PAGE):
        ops = explain(two_zones, statement, after="a", hi="b", n=10)
        assert not FORBIDDEN & set(ops), ops
        assert any("IndexSeekByRange" in op for op in ops) and "Limit" in ops, ops
    got = entries(two_zones, "z1")  # pages of 2: every boundary crossed
    assert got[0] == got[1] and len(got[1]) > 2 and got[2] == got[3]


def test_first_difference_walks_two_sorted_streams():
    same = [("a", 1), ("b", 2)]
    assert zone_check.first_difference(iter(same), iter(same)) is None
    assert zone_check.first_difference(iter(same), iter(same[:1])) == (("b", 2), None)
    assert zone_check.first_difference(iter(same[:1]), iter(same)) == (None, ("b", 2))
    assert zone_check.first_difference(iter(same), iter([("a", 1), ("b", 3)])) == (("b", 2), ("b", 3))
    with pytest.raises(RuntimeError, match="out of key order"):
        zone_check.first_difference(iter([("b", 1), ("a", 1)]), iter([("b", 1), ("a", 1)]))


def test_reindex_check_exits_1_on_drift(two_zones, neo4j_settings, monkeypatch, tmp_path):
    from api import cli

    with cli_on_neo4j(monkeypatch, neo4j_settings, tmp_path) as runner:
        assert runner.invoke(cli.app, ["reindex", "--check"]).exit_code == 0
        cypher(two_zones, DRIFT["counter wrong"])
        cli.queries.cache_clear()
        before = written(two_zones)
        drifted = runner.invoke(cli.app, ["reindex", "--check"])
        assert drifted.exit_code == 1 and "z1" in drifted.stderr and "Traceback" not in drifted.output
        assert written(two_zones) == before  # the search index's check included
        assert runner.invoke(cli.app, ["reindex"]).exit_code == 0
        assert runner.invoke(cli.app, ["reindex", "--check"]).exit_code == 0


def test_a_repair_rebuilds_only_the_hubs_the_check_found(two_zones, monkeypatch):
    store, real, calls = two_zones, zone_reindex.compare_batch, []
    monkeypatch.setattr(zone_reindex, "compare_batch", lambda tx, hubs: calls.append(hubs) or real(tx, hubs))
    assert store.reindex(search=False) == [] and calls == []  # nothing differs: nothing rebuilt
    cypher(store, DRIFT["marker deleted"])
    assert store.reindex(search=False) == ["z1"] and calls == [["z1"]]
