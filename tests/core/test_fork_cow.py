"""Copy on write (graph/memory/fork.py): a write shares the readers' columns and copies a part only
before changing it. Interleaved writes, refused writes and reads: every state a reader was handed
stays exactly as it was (every attribute, the name index and the zone rollups included, not only what
the snapshot keeps), its answers do not move, and the latest state is what applying the accepted
batches to a re-read snapshot gives."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

import numpy as np
import pytest

from graph.errors import LoadError
from graph.memory import MemoryStore, zone_index
from graph.memory.columns import _PACKED, Answers
from graph.memory.snapshot import _read_snapshot
from graph.model import Edge, Evidence, Node
from graph.queries import GraphQueries
from graph.store import Batch
from loaders.sources import load_sources
from loaders.synth import generate
from tests.core.test_fork import MINI, snapshot_bytes

SKIP = {"answers", "cow", "streams"}  # per state by design: kept answers and sorted hub streams


def fingerprint(value, seen=None):
    """Everything reachable from a state, as plain comparable values."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    if value is _PACKED:
        return "<packed>"
    if isinstance(value, (array, bytearray)):
        return (type(value).__name__, getattr(value, "typecode", "b"), bytes(value))
    if isinstance(value, np.ndarray):
        return ("ndarray", value.dtype.str, value.tobytes())
    if isinstance(value, (list, tuple)):
        return tuple(fingerprint(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(map(repr, value))))
    if isinstance(value, dict):
        return ("dict", tuple((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    if isinstance(value, Answers) or callable(value):
        return None
    if hasattr(value, "model_dump"):
        return repr(value)
    slots = getattr(type(value), "__slots__", ())
    if not slots and not hasattr(value, "__dict__"):
        return repr(value)
    state = {name: getattr(value, name) for name in slots} if slots else dict(vars(value))
    return (type(value).__name__, tuple((k, fingerprint(v)) for k, v in sorted(state.items()) if k not in SKIP))


def answers(store: MemoryStore, hub: str, firm: str) -> tuple:
    q = GraphQueries(store)
    return (repr(q.supporters_page(hub, limit=20)), repr(q.supporters_page(hub, limit=20, offset=7)),
            repr(q.profile(hub)), [n.id for n in store.search("新", limit=30)], store.edge_keys([firm, hub]),
            store.counts())


def random_batch(rng: random.Random, store: MemoryStore, k: int, hub: str, refused: bool) -> Batch:
    """New nodes (some sharing a name with an old one), new and repeated edges (into the hub, a
    program's support, partners), merges of node attrs and of edge evidence; `refused`: plus one
    edge to a node that does not exist, so the write fails after changing its copy."""
    firms = [n.id for n in store.nodes_of_type("Institution")]
    programs = [n.id for n in store.nodes_of_type("Program")] or firms
    old = rng.sample(firms, 6)
    nodes = [Node(id=f"institution-cow-{k}-{j}", type="Institution", name_zh=f"新企业{k}{j}",
                  aliases=[store.get_nodes([old[j]])[old[j]].name_zh] if j == 0 else [], attrs={"k": k})
             for j in range(3)]
    nodes.append(store.get_nodes([old[3]])[old[3]].model_copy(update={"attrs": {"cow": k}, "sources": [f"doc-{k}"]}))
    edges = [Edge(source=n.id, type="LOCATED_IN", target=hub) for n in nodes[:3]]
    edges += [Edge(source=rng.choice(programs), type="SUPPORTS", target=nodes[1].id),
              Edge(source=rng.choice(programs), type="SUPPORTS", target=old[4]),
              Edge(source=old[5], type="PARTNERS_WITH", target=old[4]),
              Edge(source=old[5], type="LOCATED_IN", target=hub)]
    if rng.random() < 0.5:
        edge = rng.choice(store.edges([hub], "in"))
        edges.append(edge.model_copy(update={"evidence": [Evidence(doc=f"doc-{k}", quote="q", start=0, end=1)]}))
    if refused:
        edges.insert(rng.randrange(len(edges)), Edge(source=old[0], type="PARTNERS_WITH", target=f"missing-{k}"))
    return Batch(nodes=nodes, edges=edges)


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cow")
    generate(150, seed=3, out_dir=folder / "synth")
    return folder / "synth"


@pytest.mark.parametrize("reopened", [False, True], ids=["as-built", "from-snapshot"])
def test_interleaved_writes_refusals_and_reads(tmp_path, monkeypatch, synth, reopened):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 8)  # many rollups, and nodes that become hubs
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [MINI, synth])
    if reopened:  # adjacency still packed, as a server holds it after opening
        store = MemoryStore(tmp_path / "graph.json")
    hub = max(store.nodes_of_type("Zone"), key=lambda n: store.degrees([n.id])[n.id]).id
    firm = store.nodes_of_type("Institution")[0].id
    expected = _read_snapshot(snapshot_bytes(store._c), MemoryStore._apply)
    rng = random.Random(11)
    held = []  # (view, its fingerprint, its answers): readers that hold a state while writes land
    for k in range(8):
        view = store.current()
        refused = k % 3 == 1
        batch = random_batch(rng, view, k, hub, refused)
        said = answers(view, hub, firm)  # first: a reader fills its own caches (sorted ids, id order)
        held.append((view, fingerprint(view._c), said))
        if refused:
            with pytest.raises(LoadError):
                store.write(batch)
            assert store._c is view._c  # nothing was swapped in
        else:
            store.write(batch)
            MemoryStore._apply(expected, batch)
        for old, _, said in held[-3:]:  # the last few readers' answers after each write; all states below
            assert answers(old, hub, firm) == said, f"write {k} moved a reader's answers"
    for k, (old, print_, _) in enumerate(held):
        now = fingerprint(old._c)
        changed = [a[0] for a, b in zip(now[1], print_[1]) if a != b]
        assert now == print_, f"the writes after reader {k} changed {changed} of its state"
    assert snapshot_bytes(store._c) == snapshot_bytes(expected)
    assert store.reindex(check=True) == []
    assert MemoryStore(tmp_path / "graph.json").edge_keys([hub]) == store.edge_keys([hub])
    # the accepted writes are in the journal (graph/memory/journal.py): a reopen replays them to the same state
    assert (tmp_path / "graph.json.journal").exists()
    assert snapshot_bytes(MemoryStore(tmp_path / "graph.json")._c) == snapshot_bytes(store._c)


def test_a_reader_of_the_empty_graph_keeps_it_empty():
    """The first load into an empty store copies the empty state (no checks on the load's path)."""
    store = MemoryStore()
    view = store.current()
    before = fingerprint(view._c)
    store.write(Batch(nodes=[Node(id="a", type="Zone", name_zh="甲区"), Node(id="b", type="Institution", name_zh="乙")],
                      edges=[Edge(source="b", type="LOCATED_IN", target="a")]))
    assert fingerprint(view._c) == before and view.counts().total_nodes == 0
    assert store.counts().total_nodes == 2 and store.lookup("甲区") == ["a"]
