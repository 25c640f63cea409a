"""A write changes a private copy of the columns (graph/memory/fork.py): the readers' state stays
byte for byte as it was, and the result is exactly what applying to a re-read snapshot gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graph.memory import MemoryStore
from graph.memory.fork import fork
from graph.memory.snapshot import _read_snapshot, _write_snapshot
from graph.model import Edge, Evidence, Node
from graph.store import Batch
from loaders.sources import load_sources
from loaders.synth import generate

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def snapshot_bytes(c) -> bytes:
    buffer = io.BytesIO()
    _write_snapshot(buffer, c)
    return buffer.getvalue()


def batch_touching_everything(store: MemoryStore) -> Batch:
    """New nodes and edges, merges into existing nodes (names, attrs, sources) and edges (evidence),
    edges onto a hub (typed adjacency) and onto packed nodes."""
    hub = max(store.nodes_of_type("Zone"), key=lambda n: store.degrees([n.id])[n.id])
    some = store.nodes_of_type("Institution", limit=40)
    nodes = [Node(id=f"institution-new-{k}", type="Institution", name_zh=f"新机构{k}", name_en=f"New {k}",
                  aliases=[f"N{k}", some[k].name_zh], attrs={"k": k}) for k in range(30)]
    nodes += [n.model_copy(update={"aliases": [*n.aliases, f"又名{i}"], "attrs": {**n.attrs, "x": i},
                                   "sources": ["doc-x"]}) for i, n in enumerate(some[:10])]
    edges = [Edge(source=f"institution-new-{k}", type="LOCATED_IN", target=hub.id) for k in range(30)]
    edges += [Edge(source=n.id, type="PARTNERS_WITH", target=f"institution-new-{k}") for k, n in enumerate(some[10:40])]
    old = store.edges([hub.id], "in")[:5]
    edges += [e.model_copy(update={"evidence": [Evidence(doc="doc-x", quote="q", start=0, end=1)],
                                   "attrs": {"w": 1}}) for e in old]
    return Batch(nodes=nodes, edges=edges)


@pytest.mark.parametrize("reopened", [False, True], ids=["as-built", "from-snapshot"])
def test_a_write_into_the_fork_leaves_the_original_and_equals_the_reread_way(tmp_path, reopened):
    generate(400, seed=5, out_dir=tmp_path / "synth")
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [MINI, tmp_path / "synth"])
    if reopened:  # adjacency still packed, as a server holds it after opening
        store = MemoryStore(tmp_path / "graph.json")
    batch = batch_touching_everything(store)
    original = store._c
    before = snapshot_bytes(original)
    expected = _read_snapshot(before, MemoryStore._apply)
    MemoryStore._apply(expected, batch)

    copied = fork(original)
    MemoryStore._apply(copied, batch)
    assert snapshot_bytes(original) == before, "the write changed the readers' state"
    assert snapshot_bytes(copied) == snapshot_bytes(expected)
    # and through the store: the new state answers, the old view still answers as before
    view = store.current()
    store.write(batch)
    assert snapshot_bytes(view._c) == before
    assert snapshot_bytes(store._c) == snapshot_bytes(expected)
    assert store.lookup("新机构3") and not view.lookup("新机构3")


def test_the_writer_prepares_the_id_order_readers_would_compute():
    """watch.prepare gives walk.id_rank's answer (Python's code-point order, ties by position)."""
    import random

    import numpy as np

    from graph.memory import watch
    from graph.memory.columns import Columns
    from graph.memory.walk import id_rank

    ids = [f"institution-ent-{i:07d}" for i in range(25_000)] + ["Z", "a", "é", "中关村", "ab", "a\u0301", "𝔸"]
    random.Random(1).shuffle(ids)
    c, lazy = Columns(), Columns()
    c.ids, lazy.ids = ids, ids
    watch.prepare(c)
    assert c.rank is not None and np.array_equal(c.rank, id_rank(lazy))
    nul = Columns()
    nul.ids = ids + ["x\x00"]
    watch.prepare(nul)
    assert nul.rank is None  # numpy would drop the NUL: left to walk.id_rank
