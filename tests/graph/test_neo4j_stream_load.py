"""The streamed load of a CSV pair into an empty Neo4j database (graph/neo4j/stream_load.py) stores what
the bulk load (graph/neo4j/bulk.py) stores.

On the real server of tests/graph/conftest.py: the same nodes (every property and label), edges,
zone index and search blocks as `bulk_load` of the same records, for a synthetic pair (the default
hub threshold and a low one) and a pair with an edge key given three times; `reindex --check` after it
reports nothing. A database that holds a graph is refused and kept; a server error in the middle
leaves the database empty (the graph before it) and it takes the load again; `innograph load` of a
large pair takes this path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InnographError, LoadError
from graph.neo4j import store as neo4j_module, stream_load, zone_index
from loaders.sources import load_sources, read_sources
from loaders.synth import generate
from tests.graph.test_neo4j_bulk import indexes, second_edge_chunk_fails, stored, stored_empty
from tests.support.graphs import fingerprint

pytestmark = pytest.mark.neo4j

REPEATED_NODES = """id,type,name_zh,name_en,attr.size
a,Project,甲项目,Alpha,
b,Zone,乙园区,Beta,3
f,Fund,基金,Fund One,
i,Institution,科委,Commission,
"""
#: f→a INVESTS_IN three times: the first row's attribute wins, the two quotes are both kept
REPEATED_EDGES = """source,type,target,doc,quote,start,end,attr.w
f,INVESTS_IN,a,,,,,1
f,INVESTS_IN,a,doc1,投资甲,0,3,2
f,INVESTS_IN,b,,,,,
f,INVESTS_IN,a,doc2,再投资,0,3,
f,LED_BY,i,,,,,
"""


def both_loads(store, batch, rows: int) -> tuple[dict, dict]:
    """(what bulk_load stores, what stream_load stores) of one batch, each into the emptied database."""
    store.bulk_load(batch, rows=rows)
    want = stored(store), indexes(store)
    store.clear()
    times = store.stream_load(batch, rows=rows)  # small statements: every chunk boundary crossed
    assert {"nodes", "edges", "zone index", "search index", "total"} <= set(times)
    return want, (stored(store), indexes(store))


def synthetic(tmp_path: Path, enterprises: int = 300):
    pair = tmp_path / "synth"
    generate(enterprises, seed=3, out_dir=pair)
    batch = read_sources([pair]).kept
    assert stream_load.streams(batch)  # the compact rows of a CSV load
    return batch


def test_a_synthetic_pair_streams_into_what_the_bulk_load_stores(neo4j_store, tmp_path):
    want, got = both_loads(neo4j_store, synthetic(tmp_path), rows=500)
    assert got == want
    assert len(got[0]["edges"]) > 1000 and len(got[0]["index"]) > 100  # the default threshold: real hubs
    assert neo4j_store.reindex(check=True) == []  # zone index and search blocks


def test_many_small_hubs_stream_as_the_bulk_load_builds_them(neo4j_store, tmp_path, monkeypatch):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 3)
    want, got = both_loads(neo4j_store, synthetic(tmp_path, 60), rows=7)
    assert got == want
    assert neo4j_store.reindex(check=True) == []


def test_an_edge_given_three_times_is_merged_as_the_bulk_load_merges_it(neo4j_store, tmp_path, monkeypatch):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 2)
    (tmp_path / "nodes.csv").write_text(REPEATED_NODES, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(REPEATED_EDGES, encoding="utf-8")
    batch = read_sources([tmp_path]).kept
    assert stream_load.streams(batch) and len(batch.edges) == 5
    want, got = both_loads(neo4j_store, batch, rows=2)
    assert got == want
    assert len(got[0]["edges"]) == 3
    assert neo4j_store.reindex(check=True) == []


def test_a_database_with_a_graph_is_refused_and_kept(neo4j_store, tmp_path):
    batch = synthetic(tmp_path, 30)
    neo4j_store.replace(batch)
    before = fingerprint(neo4j_store)
    with pytest.raises(LoadError, match="already holds a graph"):
        neo4j_store.stream_load(batch)
    assert fingerprint(neo4j_store) == before


def test_a_server_error_mid_load_leaves_the_database_empty(neo4j_store, tmp_path, monkeypatch):
    batch = synthetic(tmp_path, 60)
    neo4j_store.stream_load(batch)
    want = stored(neo4j_store)
    neo4j_store.clear()
    with second_edge_chunk_fails(monkeypatch):  # the second chunk of edges fails on the server
        with pytest.raises(InnographError, match=r"^Neo4j at .* could not write the graph: .*database is empty"):
            neo4j_store.stream_load(batch, rows=5)
    assert stored(neo4j_store) == stored_empty(neo4j_store)
    neo4j_store.stream_load(batch)  # and the database takes the load again
    assert stored(neo4j_store) == want


def test_innograph_load_of_a_large_pair_streams(neo4j_store, tmp_path, monkeypatch):
    generate(60, seed=3, out_dir=tmp_path / "pair")
    monkeypatch.setattr(neo4j_module, "BULK_MIN_ROWS", 10)  # "large" for this test
    streamed = []
    real = neo4j_module.Neo4jStore.stream_load
    monkeypatch.setattr(neo4j_module.Neo4jStore, "stream_load",
                        lambda self, batch, *a, **k: streamed.append(len(batch)) or real(self, batch, *a, **k))
    result = load_sources(neo4j_store, [tmp_path / "pair"])
    assert streamed == [len(result.kept)]
    assert sum(result.after.nodes.values()) == len(result.kept.nodes)
    assert neo4j_store.reindex(check=True) == []
