"""The memory store's write-ahead journal (graph/memory/journal.py): a write appends its batch and leaves
the snapshot alone; a restart, a lazy open and another process see it; a torn tail is ignored with a
warning; a compaction under a reading process loses nothing and replays nothing twice."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.memory import MemoryStore, journal
from graph.model import Edge, Node
from graph.store import Batch
from loaders.sources import load_sources
from tests.core.test_fork import MINI, snapshot_bytes

ROOT = Path(__file__).resolve().parents[2]


def node_batch(k: int) -> Batch:
    return Batch(nodes=[Node(id=f"zone-j{k}", type="Zone", name_zh=f"日志区{k}", attrs={"k": k})],
                 edges=[Edge(source=f"zone-j{k}", type="PARTNERS_WITH", target=f"zone-j{k - 1}")] if k else [])


@pytest.fixture
def store(tmp_path) -> MemoryStore:
    s = MemoryStore(tmp_path / "graph.bin")
    load_sources(s, [MINI])
    return s


def test_a_write_is_journaled_and_survives_a_restart(store):
    path = store.path
    before = path.read_bytes()
    for k in range(3):
        store.write(node_batch(k))
    assert path.read_bytes() == before  # the snapshot was not rewritten
    assert journal.journal_path(path).stat().st_size > journal.HEADER_SIZE
    for lazy in (False, True):  # the server's open and the CLI's lazy open
        again = MemoryStore(path, lazy=lazy)
        assert again.lookup("日志区2") == ["zone-j2"]
        assert snapshot_bytes(again._c) == snapshot_bytes(store._c)
        assert again.reindex(check=True) == []


def test_a_refused_write_appends_nothing(store):
    store.write(node_batch(0))
    size = journal.journal_path(store.path).stat().st_size
    with pytest.raises(LoadError):
        store.write(Batch(edges=[Edge(source="zone-j0", type="PARTNERS_WITH", target="nowhere")]))
    assert journal.journal_path(store.path).stat().st_size == size


def test_a_torn_last_record_is_ignored_with_a_warning_and_cut_by_the_next_write(store, caplog):
    store.write(node_batch(0))
    store.write(node_batch(1))
    jp = journal.journal_path(store.path)
    jp.write_bytes(jp.read_bytes()[:-5])  # a writer killed in the middle of its append
    with caplog.at_level(logging.WARNING, logger="graph.memory.journal"):
        again = MemoryStore(store.path)
    assert "a write interrupted before it was acknowledged" in caplog.text
    assert again.lookup("日志区0") == ["zone-j0"] and again.lookup("日志区1") == []
    again.write(Batch(nodes=node_batch(7).nodes))  # appended after the last complete record, not after the torn bytes
    caplog.clear()
    third = MemoryStore(store.path)
    assert "interrupted" not in caplog.text
    assert third.lookup("日志区7") == ["zone-j7"] and third.lookup("日志区1") == []


def test_a_journal_of_an_older_snapshot_is_not_replayed(store):
    """A compaction that stopped after renaming the new snapshot: its records are in the snapshot."""
    store.write(node_batch(0))
    jp = journal.journal_path(store.path)
    old = jp.read_bytes()
    store.save()  # a new snapshot holding the record; the journal is retired
    assert not jp.exists()
    jp.write_bytes(old)  # as if the retire never happened
    again = MemoryStore(store.path)
    assert snapshot_bytes(again._c) == snapshot_bytes(store._c)
    assert again.counts() == store.counts()


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from graph.memory import MemoryStore, journal
    from tests.core.test_journal import node_batch
    journal.COMPACT_RECORDS = int(sys.argv[2])
    store = MemoryStore(Path(sys.argv[1]))
    for k in range(int(sys.argv[3])):
        store.write(node_batch(k))
        print(k, flush=True)
""")


def run_writer(path: Path, compact: int, writes: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(compact), str(writes)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)


def test_another_process_sees_a_write_by_replaying_only_the_new_records(store):
    writer = run_writer(store.path, 1000, 2)
    assert writer.wait(60) == 0
    assert store.refresh() and store.lookup("日志区1") == ["zone-j1"]
    assert store._jpos.records == 2
    assert not store.refresh()  # nothing new: one os.stat, no replay


def test_compaction_under_a_reading_process_loses_nothing(store):
    """A writer process folds the journal every 3 records while this process keeps refreshing: each
    state it sees holds a prefix of the writes (none missing after being seen, none twice)."""
    writes = 20
    base = store.counts().edges.get("PARTNERS_WITH", 0)
    writer = run_writer(store.path, 3, writes)
    seen = 0
    while writer.poll() is None or seen < writes:
        store.refresh()
        view = store.current()
        now = sum(1 for k in range(writes) if view.lookup(f"日志区{k}"))
        assert now >= seen and not view.lookup(f"日志区{now}")
        assert view.counts().edges.get("PARTNERS_WITH", 0) - base == max(now - 1, 0)
        seen = now
        if writer.poll() is not None and writer.returncode != 0:
            pytest.fail("the writer failed")
    assert len(writer.stdout.read().split()) == writes
    again = MemoryStore(store.path)
    assert snapshot_bytes(again._c) == snapshot_bytes(store._c)
    assert again._jpos is None or again._jpos.records < writes  # folded (by the writer's fold thread)



def test_a_lazy_open_folds_the_journal_so_the_next_lazy_open_maps_the_snapshot(store):
    from graph.memory.lazy import LazyColumns

    store.write(node_batch(0))
    first = MemoryStore(store.path, lazy=True)  # the CLI after a server write: replays, then folds
    assert first.lookup("日志区0") == ["zone-j0"] and not journal.journal_path(store.path).exists()
    second = MemoryStore(store.path, lazy=True)
    assert type(second._c) is LazyColumns and second.lookup("日志区0") == ["zone-j0"]
    assert store.refresh() and store.counts() == second.counts()  # the server adopts the new snapshot


def test_a_data_dir_copied_with_its_times_keeps_its_journaled_writes(store, tmp_path):
    """Found in review: the journal recorded the snapshot's inode, so a copied data dir lost its writes."""
    import shutil

    store.write(node_batch(0))
    copy = tmp_path / "copy"
    copy.mkdir()
    for f in store.path.parent.iterdir():
        if f.is_file():
            shutil.copy2(f, copy / f.name)
    again = MemoryStore(copy / store.path.name)
    assert again.lookup("日志区0") == ["zone-j0"]
    again.write(node_batch(1))  # appends to the copied journal, never replaces it
    assert MemoryStore(copy / store.path.name).lookup("日志区0") == ["zone-j0"]


def test_a_bulk_load_is_saved_as_a_snapshot_and_an_edit_is_journaled(store):
    """A batch of more than a quarter of the graph it makes (a first load, a year's report into a small
    graph) is written as a snapshot: a journal holding it would make every later open replay it."""
    path, jpath = store.path, journal.journal_path(store.path)
    size = store.counts().total_nodes + store.counts().total_edges
    bulk = Batch(nodes=[Node(id=f"zone-b{k}", type="Zone", name_zh=f"批量区{k}") for k in range(size)])
    before = path.read_bytes()
    store.write(bulk)
    assert path.read_bytes() != before  # the snapshot holds the load
    assert not jpath.exists() or jpath.stat().st_size <= journal.HEADER_SIZE
    store.write(node_batch(0))  # one node and no edge: an edit
    assert jpath.stat().st_size > journal.HEADER_SIZE
    again = MemoryStore(path, lazy=True)
    assert again.lookup("批量区0") == ["zone-b0"] and again.lookup("日志区0") == ["zone-j0"]
