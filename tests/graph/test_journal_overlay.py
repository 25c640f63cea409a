"""A lazy open with journal records (the CLI while a server writes) answers as an eager reopen does, and
answers a zone page, a count or a search the records leave alone without reading the snapshot whole
(graph/memory/overlay.py).

The writes are random and interleaved (partnerships, supports of members, new memberships, field edges,
new named nodes, aliases added to existing nodes, evidence added to existing edges, documents); after each
round every question is asked of a fresh lazy open and of an eager reopen, while another handle holds the
data dir's lock, as a writing server does (so a lazy open that has to replay does not fold the journal away).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from graph.memory import MemoryStore, journal, zone_index
from graph.memory.lazy import LazyColumns
from graph.memory.lock import DataDirLock
from graph.model import Document, Edge, Evidence, Node
from graph.queries import GraphQueries
from graph.store import Batch

ROOT = Path(__file__).resolve().parents[2]
TYPES = (None, "Program", "Fund", "Policy", "Institution")
KEYS = ("科技", "北京", "日志", "量子", "zhongguancun")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A synthetic city of 200 firms whose zones keep rollups (INDEX_DEGREE lowered), saved as a snapshot."""
    from loaders.csv_loader import load_csv
    from loaders.synth import generate

    patch = pytest.MonkeyPatch()
    patch.setattr(zone_index, "INDEX_DEGREE", 16)
    folder = tmp_path_factory.mktemp("overlay")
    generate(200, 3, folder / "csv")
    store = MemoryStore(folder / "data" / "graph.json")
    store.write(load_csv(folder / "csv" / "nodes.csv", folder / "csv" / "edges.csv").kept)
    zones = [n.id for n in store.nodes_of_type("Zone")]
    degrees = store.degrees(zones)
    picked = {
        "zones": sorted(zones, key=lambda z: (-degrees[z], z))[:4],
        "firms": sorted(n.id for n in store.nodes_of_type("Institution") if n.id.startswith("institution-ent-")),
        "names": {n.id: n.name_zh for n in store.nodes_of_type("Institution")},
        "programs": sorted(n.id for n in store.nodes_of_type("Program")),
        "fields": sorted(n.id for n in store.nodes_of_type("Field")),
        "edges": sorted(e.key for e in store.edges(zones[:2], "in", ("LOCATED_IN",)))[:20],
    }
    assert not journal.journal_path(store.path).exists()
    yield folder / "data", picked
    patch.undo()


def _copy(data: Path) -> Path:
    to = Path(tempfile.mkdtemp(prefix="overlay-")) / "data"
    shutil.copytree(data, to, copy_function=shutil.copy2)
    return to


def _write(rng: random.Random, picked: dict, kind: str, k: int) -> Batch:
    firm, other = rng.choice(picked["firms"]), rng.choice(picked["firms"])
    zone = rng.choice(picked["zones"])
    if kind == "partner":
        return Batch(edges=[Edge(source=firm, type="PARTNERS_WITH", target=other)])
    if kind == "support":  # a new supporter of a firm that is probably a member of a zone
        return Batch(edges=[Edge(source=rng.choice(picked["programs"]), type="SUPPORTS", target=firm)])
    if kind == "member":
        return Batch(edges=[Edge(source=firm, type="LOCATED_IN", target=zone)])
    if kind == "focus":
        return Batch(edges=[Edge(source=firm, type="FOCUSES_ON", target=rng.choice(picked["fields"]))])
    if kind == "new":  # a new named node, sometimes in a zone
        node = Node(id=f"institution-overlay-{k}", type="Institution", name_zh=rng.choice(["日志科技", "量子所", "新公司"]) + str(k))
        edges = [Edge(source=node.id, type="LOCATED_IN", target=zone)] if rng.random() < 0.5 else []
        return Batch(nodes=[node], edges=edges)
    if kind == "alias":  # a node the snapshot holds, rewritten with one more name
        return Batch(nodes=[Node(id=firm, type="Institution", name_zh=picked["names"][firm], aliases=[f"北京别名{k}"])])
    if kind == "evidence":  # an edge the snapshot holds, rewritten with evidence from a new document
        source, type_, target = rng.choice(picked["edges"])
        doc = Document(id=f"doc-overlay-{k}", title=f"报告{k}", year=2026)
        ev = Evidence(doc=doc.id, quote="位于", start=0, end=2)
        return Batch(documents=[doc], edges=[Edge(source=source, type=type_, target=target, evidence=[ev])])
    if kind == "zone":  # an edge of the zone itself
        return Batch(edges=[Edge(source=zone, type="PARTNERS_WITH", target=other)])
    raise AssertionError(kind)


KINDS = ("partner", "partner", "partner", "support", "member", "focus", "new", "alias", "evidence", "zone")


def _questions(picked: dict):
    """(name, ask(queries)) for every question the CLI asks of the rollup, the counts and the names."""
    out = []
    for z in picked["zones"]:
        for t in TYPES:
            out.append((f"supporters {z} {t}", lambda q, z=z, t=t: q.supporters_window(z, t, 5, 0, None)))
        out.append((f"supporters {z} page 2", lambda q, z=z: q.supporters_window(z, None, 5, 5, None)))
        out.append((f"zone {z}", lambda q, z=z: q.zone(z)))
    out.append(("stats", lambda q: q.stats()))
    out.append(("documents", lambda q: q.store.documents()))
    for key in KEYS:
        out.append((f"search {key}", lambda q, key=key: q.search(key, None, 10)))
        out.append((f"search {key} Institution", lambda q, key=key: q.search(key, "Institution", 10)))
    out.append(("resolve a firm", lambda q: q.resolve(picked["firms"][0])))
    return out


def _plain(answer):
    return json.loads(json.dumps(answer, default=lambda o: o.model_dump(mode="json") if hasattr(o, "model_dump") else repr(o)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), rounds=st.lists(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6),
                                                  min_size=1, max_size=3))
def test_a_lazy_open_over_journaled_writes_answers_as_an_eager_reopen(base, seed, rounds):
    data, picked = base
    path = _copy(data) / "graph.json"
    writer, rng, k = MemoryStore(path), random.Random(seed), 0
    try:
        for kinds in rounds:
            for kind in kinds:
                writer.write(_write(rng, picked, kind, k))
                k += 1
            with DataDirLock(path.parent).held():  # a server writing: no lazy open folds the journal meanwhile
                eager = GraphQueries(MemoryStore(path))
                for name, ask in _questions(picked):
                    lazy = MemoryStore(path, lazy=True)
                    assert lazy._overlay is not None, "the journal was folded"
                    assert _plain(ask(GraphQueries(lazy))) == _plain(ask(eager)), name
            assert journal.journal_path(path).exists()
    finally:
        shutil.rmtree(path.parent.parent, ignore_errors=True)


def test_a_partnership_leaves_zone_pages_counts_and_searches_on_the_mapped_snapshot(base):
    """The cost the overlay is for: a zone page, a count and a search after a journaled write they do not
    depend on read the snapshot lazily (its columns stay mapped), with the eager answers."""
    data, picked = base
    path = _copy(data) / "graph.json"
    writer = MemoryStore(path)
    zone = picked["zones"][0]
    outsiders = [f for f in picked["firms"] if not writer.edges([f], "both", ("LOCATED_IN",))
                 or zone not in {e.target for e in writer.edges([f], "out", ("LOCATED_IN",))}]
    writer.write(Batch(edges=[Edge(source=outsiders[0], type="PARTNERS_WITH", target=outsiders[1])]))
    writer.write(Batch(nodes=[Node(id="institution-overlay-x", type="Institution", name_zh="某某所")]))
    eager = GraphQueries(MemoryStore(path))
    for ask in (lambda q: q.supporters_window(zone, None, 10, 0, None), lambda q: q.supporters_window(zone, "Program", 10, 0, None),
                lambda q: q.zone(zone), lambda q: q.stats(), lambda q: q.search("科技", None, 10)):
        lazy = MemoryStore(path, lazy=True)
        assert _plain(ask(GraphQueries(lazy))) == _plain(ask(eager))
        assert lazy._overlay is not None and type(lazy.__dict__["_cols"]) is LazyColumns
    before = MemoryStore(data / "graph.json", lazy=True).counts()
    after = MemoryStore(path, lazy=True).counts()  # the new node and the new edge are counted
    assert after.nodes["Institution"] == before.nodes["Institution"] + 1
    assert after.edges["PARTNERS_WITH"] == before.edges["PARTNERS_WITH"] + 1
    lazy = MemoryStore(path, lazy=True)  # a read the records change: the replayed state answers
    assert lazy.lookup("某某所") == ["institution-overlay-x"] and lazy._overlay is None
    shutil.rmtree(path.parent.parent, ignore_errors=True)


def test_the_cli_over_a_journal_answers_as_the_eager_store(base):
    """Real `innograph` processes (python -m api.cli) after journaled writes, while the journal is kept."""
    data, picked = base
    path = _copy(data) / "graph.json"
    writer, rng = MemoryStore(path), random.Random(5)
    for k, kind in enumerate(KINDS):
        writer.write(_write(rng, picked, kind, k))
    env = {key: v for key, v in os.environ.items() if not key.startswith(("INNOGRAPH_", "NEO4J_"))}
    env.update(INNOGRAPH_DATA_DIR=str(path.parent), INNOGRAPH_BACKEND="memory")
    eager = GraphQueries(MemoryStore(path))
    zone = picked["zones"][0]
    with DataDirLock(path.parent).held():
        for args, expected in (
                (["supporters", zone, "--limit", "5", "--json"], eager.supporters_window(zone, None, 5, 0, None)[1]),
                (["supporters", zone, "--limit", "5", "--type", "Program", "--json"],
                 eager.supporters_window(zone, "Program", 5, 0, None)[1]),
                (["zone", zone, "--json"], eager.zone(zone)),
                (["stats", "--json"], eager.stats()),
                (["search", "科技", "--json"], eager.search("科技", None, 20))):
            done = subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, cwd=ROOT, capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode == 0, done.stderr[-2000:]
            assert json.loads(done.stdout) == _plain(expected), args
    assert journal.journal_path(path).exists()
    shutil.rmtree(path.parent.parent, ignore_errors=True)


@pytest.mark.parametrize("writing", [True, False], ids=["while a server writes", "idle: the replay folds"])
def test_a_lazy_store_that_follows_the_journal_replays_each_record_once(base, writing):
    """refresh() on a lazy open holding an overlay (a long-lived lazy reader): the records it holds and the
    ones appended since are each applied once, as an eager reader sees them."""
    data, picked = base
    path = _copy(data) / "graph.json"
    writer = MemoryStore(path)
    firms = picked["firms"]
    writer.write(Batch(edges=[Edge(source=firms[0], type="PARTNERS_WITH", target=firms[1])]))
    with DataDirLock(path.parent).held():  # a writing server: no fold
        lazy = MemoryStore(path, lazy=True)
    assert lazy._overlay is not None
    writer.write(Batch(edges=[Edge(source=firms[2], type="PARTNERS_WITH", target=firms[3])]))
    if writing:
        with DataDirLock(path.parent).held():
            assert lazy.refresh()
    else:
        assert lazy.refresh() and not journal.journal_path(path).exists()
    assert lazy.counts() == MemoryStore(path).counts() == writer.counts()
    shutil.rmtree(path.parent.parent, ignore_errors=True)
