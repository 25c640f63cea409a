"""The embedded store survives restarts and never leaves half a graph on disk."""

from __future__ import annotations

import os

import pytest

from graph.errors import LoadError, StoreUnavailable
from graph.memory import MemoryStore
from graph.model import Node
from graph.store import Batch


def test_snapshot_round_trip_keeps_every_record(mini_store):
    reopened = MemoryStore(mini_store.path)
    assert reopened.counts() == mini_store.counts()
    assert sorted(n.model_dump_json() for n in reopened.iter_nodes()) == \
        sorted(n.model_dump_json() for n in mini_store.iter_nodes())
    assert sorted(e.model_dump_json() for e in reopened.iter_edges()) == \
        sorted(e.model_dump_json() for e in mini_store.iter_edges())
    assert reopened.documents() == mini_store.documents()
    assert reopened.lookup("hsc") == ["zone-huairou-science-city"]


def test_a_failing_disk_write_keeps_the_old_snapshot_and_memory(mini_store, monkeypatch):
    before_bytes = mini_store.path.read_bytes()
    before = mini_store.counts()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(LoadError, match="nothing changed"):
        mini_store.write(Batch(nodes=[Node(id="zone-x", type="Zone", name_zh="新区")]))
    assert mini_store.path.read_bytes() == before_bytes
    assert mini_store.counts() == before
    assert mini_store.lookup("新区") == []


def test_a_crash_mid_write_leaves_only_a_stray_temporary_file(mini_store):
    stray = mini_store.path.with_name(mini_store.path.name + ".tmp-99999")
    stray.write_bytes(b'{"version": 1, "nodes": [tru')  # a write cut short by a crash
    assert MemoryStore(mini_store.path).counts() == mini_store.counts()


def test_replace_failure_keeps_previous_graph(mini_store):
    from graph.model import Edge

    before = mini_store.counts()
    with pytest.raises(LoadError):
        mini_store.replace(Batch(edges=[Edge(source="a", target="b", type="SUPPORTS")]))
    assert mini_store.counts() == before


def test_a_corrupt_snapshot_is_a_clear_error(tmp_path):
    path = tmp_path / "graph.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreUnavailable, match="cannot be read"):
        MemoryStore(path)
