"""A CSV pair checked in a lean first pass (loaders/csv_stream.py) keeps and rejects what the usual load does.

The reference is load_csv without `lean`. Generated pairs mix ordinary rows with ids given twice
(merged), padded ids, rows of another width, cells spanning lines, names as edge ends (the lean pass
gives way to the usual one) and rejected rows; chunks of three rows put them on every chunk boundary.
A nodes.csv changed between the check and the write is an error, not a half load.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import LoadError
from graph.memory import MemoryStore
from loaders import csv_loader
from loaders.csv_loader import load_csv
from loaders.csv_stream import LeanNodes
from loaders.sources import load_sources
from loaders.synth import generate
from tests.core.test_csv_fast_path import CELL, EDGE_TYPES, NODE_TYPES, write

IDS = ["a", "b", "c", "d", " a", "e f"]
NODE_ROW = st.one_of(
    st.tuples(st.sampled_from(IDS), st.sampled_from(NODE_TYPES), st.sampled_from(["甲", "乙", "", "丙 丁"]),
              st.sampled_from(["", "A", "甲"]), st.sampled_from(["", "甲|x", " y | "]), CELL).map(list),
    st.just([]), st.just(["a", "Zone"]))
EDGE_ROW = st.one_of(
    st.tuples(st.sampled_from(IDS + ["甲", "nowhere"]), st.sampled_from(EDGE_TYPES), st.sampled_from(IDS),
              st.sampled_from(["", "引文"]), CELL).map(list),
    st.just([]))


def both(folder: Path):
    """(lean result, usual result) of the pair in `folder`."""
    pair = folder / "nodes.csv", folder / "edges.csv"
    return load_csv(*pair, lean=True), load_csv(*pair)


def same(lean, usual) -> None:
    assert [str(r) for r in lean.rejected] == [str(r) for r in usual.rejected]
    assert list(lean.kept.nodes.rows()) == list(usual.kept.nodes.rows())  # the tuples, in their order
    assert [n.model_dump() for n in lean.kept.nodes] == [n.model_dump() for n in usual.kept.nodes]
    assert list(lean.kept.edges.rows()) == list(usual.kept.edges.rows())
    assert len(lean.kept.nodes) == len(usual.kept.nodes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nodes=st.lists(NODE_ROW, max_size=14), edges=st.lists(EDGE_ROW, max_size=10), crlf=st.booleans())
def test_the_lean_pass_keeps_and_rejects_as_the_usual_load(tmp_path, monkeypatch, nodes, edges, crlf):
    monkeypatch.setattr(csv_loader, "CHUNK_ROWS", 3)
    write(tmp_path / "nodes.csv", ["id", "type", "name_zh", "name_en", "aliases", "attr.v"], nodes, crlf)
    write(tmp_path / "edges.csv", ["source", "type", "target", "quote", "attr.w"], edges, crlf)
    lean, usual = both(tmp_path)
    same(lean, usual)


NODES_TWICE = """id,type,name_zh,name_en,aliases,sources,attr.size
z,Zone,中关村,Zhongguancun,中关村园,s1,
a,Institution,甲,Alpha,,s1,1
b,Institution,乙,,,,
a,Institution,甲所,Alpha Institute,甲研究所,s2,2
c,Institution,丙,,,,
b,Institution,乙,Beta,乙所,s3,3
"""
EDGES = """source,type,target,attr.w
a,LOCATED_IN,z,1
b,LOCATED_IN,z,
c,PARTNERS_WITH,a,
"""


def test_ids_given_twice_are_merged_in_their_first_rows_place(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_loader, "CHUNK_ROWS", 2)
    (tmp_path / "nodes.csv").write_text(NODES_TWICE, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(EDGES, encoding="utf-8")
    lean, usual = both(tmp_path)
    assert isinstance(lean.kept.nodes, LeanNodes) and lean.kept.nodes.lean.dups == {"a", "b"}
    same(lean, usual)
    a = next(n for n in lean.kept.nodes if n.id == "a")
    assert (a.name_zh, a.name_en, a.aliases, a.attrs, a.sources) == (
        "甲", "Alpha", ["甲研究所", "甲所", "Alpha Institute"], {"size": 1}, ["s1", "s2"])
    assert [n.id for n in lean.kept.nodes] == ["z", "a", "b", "c"]


def test_a_pair_that_names_its_ends_is_read_with_its_names(tmp_path):
    (tmp_path / "nodes.csv").write_text(NODES_TWICE, encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,type,target\n甲研究所,LOCATED_IN,中关村园\n", encoding="utf-8")
    lean, usual = both(tmp_path)
    assert not isinstance(lean.kept.nodes, LeanNodes)  # the names were needed: the usual load
    same(lean, usual)
    assert [(e.source, e.target) for e in lean.kept.edges] == [("a", "z")]


def test_a_node_without_an_id_and_a_bad_end_are_read_as_usual(tmp_path):
    (tmp_path / "nodes.csv").write_text(NODES_TWICE + ",Institution,丁,Delta,,,\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text(EDGES + "a,LOCATED_IN,nowhere,\n", encoding="utf-8")
    lean, usual = both(tmp_path)
    same(lean, usual)
    assert [r.reason for r in lean.rejected] == ["no node named 'nowhere'"]
    assert lean.rejected[0].line == 5


def changed(folder: Path) -> None:
    """nodes.csv rewritten with one name changed, of the same size."""
    path = folder / "nodes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("乙", "丑", 1), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with the same size, the mtime differs


def test_a_nodes_file_changed_after_the_check_is_an_error(tmp_path):
    (tmp_path / "nodes.csv").write_text(NODES_TWICE, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(EDGES, encoding="utf-8")
    lean, _ = both(tmp_path)
    changed(tmp_path)
    with pytest.raises(LoadError, match="nodes.csv changed between its check and its write; nothing was stored"):
        list(lean.kept.nodes.rows())


def test_a_nodes_file_changed_during_a_pass_again_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_loader, "CHUNK_ROWS", 2)
    (tmp_path / "nodes.csv").write_text(NODES_TWICE, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(EDGES, encoding="utf-8")
    lean, _ = both(tmp_path)
    rows = lean.kept.nodes.rows()
    next(rows)  # the pass has begun
    changed(tmp_path)
    with pytest.raises(LoadError, match="nodes.csv changed"):
        list(rows)


def test_the_memory_store_loads_the_records_whole(tmp_path):
    """A memory store's load does not take the lean pass: it needs the records (its columns) anyway."""
    generate(20, seed=5, out_dir=tmp_path)
    store = MemoryStore()
    result = load_sources(store, [tmp_path])
    assert not isinstance(result.kept.nodes, LeanNodes)
    assert store.counts().total_nodes == len(result.kept.nodes)


def test_a_synthetic_pair_reads_the_same_lean(tmp_path):
    generate(300, seed=3, out_dir=tmp_path)
    lean, usual = both(tmp_path)
    assert isinstance(lean.kept.nodes, LeanNodes)
    same(lean, usual)
