"""`innograph load nodes.csv edges.csv` into an empty Neo4j database checks the pair in a lean first pass
(loaders/csv_stream.py: ids and types kept, nodes.csv read again for the write) and stores what the
usual load's records store.

On the real server of tests/graph/conftest.py: a synthetic pair with nodes given twice stores the same
nodes, edges, zone index and search blocks (and search answers) as the stream load of the usual
records, and `reindex --check` is clean; a pair that names its ends takes the usual load and stores
the same; a rejected row stores nothing and says file, line and reason as the usual check does; a
nodes.csv changed between the check and the write is an error and leaves the database empty; a
database that holds a graph takes the usual records and keeps its graph on error; a small lean pair
is read into records and written in one transaction.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.neo4j import store as neo4j_module, zone_index
from loaders.csv_stream import LeanNodes
from loaders.sources import load_sources, read_sources
from loaders.synth import generate
from tests.graph.test_neo4j_bulk import stored, stored_empty
from tests.support.graphs import fingerprint

pytestmark = pytest.mark.neo4j

QUERIES = ["中关村", "科技", "研究院", "Beijing", "基金"]


def answers(store) -> dict:
    return {q: ([n.id for n in store.search(q, limit=15)], [n.id for n in store.search(q, types=["Institution"])])
            for q in QUERIES}


def pair_with_repeats(folder: Path, enterprises: int = 200) -> Path:
    """A synthetic pair whose nodes.csv gives some ids again (merged: more names, attributes, a source)."""
    generate(enterprises, seed=3, out_dir=folder)
    header, *rows = read(folder / "nodes.csv")
    again = []
    for row in rows[0:40:7]:
        row = list(row)
        row[header.index("name_zh")] += "别名"
        row[header.index("name_en")] = "Also " + row[header.index("name_en")]
        again.append(row)
    append(folder / "nodes.csv", again)
    return folder


def read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def append(path: Path, rows: list[list[str]]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def spy_streams(monkeypatch) -> list:
    """The node sequences the streamed load was given; a pair this small counts as large."""
    monkeypatch.setattr(neo4j_module, "BULK_MIN_ROWS", 10)
    given = []
    real = neo4j_module.Neo4jStore.stream_load
    monkeypatch.setattr(neo4j_module.Neo4jStore, "stream_load",
                        lambda self, batch, *a, **k: given.append(batch.nodes) or real(self, batch, *a, **k))
    return given


def usual_stream(store, folder: Path) -> tuple[dict, dict]:
    """What the stream load of the usual records stores (then the database is emptied again)."""
    store.stream_load(read_sources([folder]).kept)
    got = stored(store), answers(store)
    store.clear()
    return got


def test_a_lean_load_stores_what_the_usual_records_store(neo4j_store, tmp_path, monkeypatch):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 5)
    folder = pair_with_repeats(tmp_path / "pair")
    want = usual_stream(neo4j_store, folder)
    given = spy_streams(monkeypatch)
    result = load_sources(neo4j_store, [folder / "nodes.csv", folder / "edges.csv"])
    assert len(given) == 1 and isinstance(given[0], LeanNodes) and given[0].lean.dups
    assert (stored(neo4j_store), answers(neo4j_store)) == want
    assert len(want[0]["index"]) > 100 and any(want[1].values())
    assert result.after.total_nodes == len(result.kept.nodes)
    assert neo4j_store.reindex(check=True) == []


def test_a_pair_that_names_its_ends_takes_the_usual_load(neo4j_store, tmp_path, monkeypatch):
    folder = pair_with_repeats(tmp_path / "pair", 60)
    header, *nodes = read(folder / "nodes.csv")
    name = {row[0]: row[header.index("name_en")] for row in nodes}
    edge = next(row for row in read(folder / "edges.csv") if row[1] == "LOCATED_IN")
    append(folder / "edges.csv", [[name[edge[0]], "LOCATED_IN", name[edge[2]], *edge[3:]]])  # by English name
    want = usual_stream(neo4j_store, folder)
    given = spy_streams(monkeypatch)
    load_sources(neo4j_store, [folder])
    assert len(given) == 1 and not isinstance(given[0], LeanNodes)
    assert (stored(neo4j_store), answers(neo4j_store)) == want
    assert neo4j_store.reindex(check=True) == []


def test_a_rejected_row_stores_nothing_and_says_where(neo4j_store, tmp_path, monkeypatch):
    folder = pair_with_repeats(tmp_path / "pair", 60)
    width = len(read(folder / "nodes.csv")[0])
    append(folder / "nodes.csv", [["x-1", "Nope", "某机构", *[""] * (width - 3)]])
    lines = len(read(folder / "nodes.csv"))
    usual = read_sources([folder]).rejected
    spy_streams(monkeypatch)
    with pytest.raises(LoadError, match="1 record") as err:
        load_sources(neo4j_store, [folder])
    assert [str(r) for r in err.value.rejections] == [str(r) for r in usual]
    assert (usual[0].file, usual[0].line) == (str(folder / "nodes.csv"), lines)
    assert stored(neo4j_store) == stored_empty(neo4j_store)


def test_a_nodes_file_changed_before_the_write_leaves_the_database_empty(neo4j_store, tmp_path, monkeypatch):
    folder = pair_with_repeats(tmp_path / "pair", 60)
    spy_streams(monkeypatch)
    real = neo4j_module.Neo4jStore.stream_load

    def edit_then_load(self, batch, *a, **k):
        with open(folder / "nodes.csv", "a", encoding="utf-8") as fh:
            fh.write("\n")  # a blank line: the same rows, another file
        return real(self, batch, *a, **k)

    monkeypatch.setattr(neo4j_module.Neo4jStore, "stream_load", edit_then_load)
    with pytest.raises(LoadError, match="nodes.csv changed between its check and its write"):
        load_sources(neo4j_store, [folder])
    assert stored(neo4j_store) == stored_empty(neo4j_store)


def test_a_database_with_a_graph_takes_the_usual_records(neo4j_store, tmp_path, monkeypatch):
    generate(20, seed=5, out_dir=tmp_path / "first")
    load_sources(neo4j_store, [tmp_path / "first"])
    before = fingerprint(neo4j_store)
    folder = pair_with_repeats(tmp_path / "pair", 60)
    assert not neo4j_store.streams_csv()
    spy_streams(monkeypatch)
    result = load_sources(neo4j_store, [folder])  # one transaction of `write`
    assert not isinstance(result.kept.nodes, LeanNodes)
    assert fingerprint(neo4j_store) != before and neo4j_store.reindex(check=True) == []


def test_a_small_lean_pair_is_written_in_one_transaction(neo4j_store, tmp_path):
    folder = pair_with_repeats(tmp_path / "pair", 30)  # below BULK_MIN_ROWS: `write`, not the streamed load
    want = usual_stream(neo4j_store, folder)
    result = load_sources(neo4j_store, [folder])
    assert isinstance(result.kept.nodes, LeanNodes)  # read lean for an empty database, then read into records
    assert stored(neo4j_store)["nodes"] == want[0]["nodes"] and stored(neo4j_store)["edges"] == want[0]["edges"]
    assert answers(neo4j_store) == want[1]
    assert neo4j_store.reindex(check=True) == []
