"""The journal's review points (issue 16): a save keeps another process's journaled writes; a damaged
record in the middle refuses to open and cuts nothing; a read-only CLI command does not wait for a
writer to fold; a write that makes the journal due is acknowledged before the fold (compact.py), and
a write during the fold is neither held up nor lost."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from graph.errors import StoreUnavailable
from graph.memory import MemoryStore, compact, journal
from graph.memory.lock import DataDirLock
from loaders.sources import load_sources
from tests.core.test_fork import MINI, snapshot_bytes
from tests.core.test_journal import ROOT, node_batch, run_writer


@pytest.fixture
def store(tmp_path) -> MemoryStore:
    s = MemoryStore(tmp_path / "graph.json")
    load_sources(s, [MINI])
    return s


def cli(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    environ.update(INNOGRAPH_DATA_DIR=str(data), INNOGRAPH_BACKEND="memory", **env)
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)


def test_a_save_keeps_the_writes_another_process_journaled(store):
    """Before: save() wrote this process's state (without the other's writes) and removed the journal."""
    assert run_writer(store.path, 1000, 2).wait(60) == 0  # another process appends two records
    store.save()  # this process never refreshed in between
    assert not journal.journal_path(store.path).exists()
    again = MemoryStore(store.path)
    assert again.lookup("日志区0") == ["zone-j0"] and again.lookup("日志区1") == ["zone-j1"]


def _damage(path: Path, how: str) -> int:
    """Damage the second of three records; its offset."""
    data = bytearray(path.read_bytes())
    first = struct.unpack_from("<Q", data, journal.HEADER_SIZE)[0]
    second = journal.HEADER_SIZE + 40 + first
    if how == "payload":
        data[second + 40 + 20] ^= 0x01  # one flipped bit
    else:
        data[second + 6] = 0x7F  # a length far past the end of the file
    path.write_bytes(bytes(data))
    return second


@pytest.mark.parametrize("how", ["payload", "length"])
def test_a_damaged_record_with_a_good_one_after_it_refuses_to_open_and_cuts_nothing(store, how):
    for k in range(3):
        store.write(node_batch(k))
    jp = journal.journal_path(store.path)
    at = _damage(jp, how)
    damaged = jp.read_bytes()
    with pytest.raises(StoreUnavailable, match=rf"journal .*graph\.json\.journal is damaged at byte {at} \(record 2\)"):
        MemoryStore(store.path)
    done = cli(store.path.parent, "search", "日志区")  # the CLI: one line, exit 2, no traceback
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"graph.json.journal is damaged at byte {at}" in done.stderr and done.stderr.count("\n") == 1
    assert jp.read_bytes() == damaged  # nothing was cut


def test_a_damaged_last_record_is_a_torn_tail(store):
    for k in range(2):
        store.write(node_batch(k))
    jp = journal.journal_path(store.path)
    data = bytearray(jp.read_bytes())
    data[-3] ^= 0x01
    jp.write_bytes(bytes(data))
    assert MemoryStore(store.path).lookup("日志区1") == []  # the unacknowledged last write is ignored


def test_a_read_only_command_does_not_wait_for_the_lock_to_fold(store):
    store.write(node_batch(0))
    with DataDirLock(store.path.parent, timeout=1).held():  # a writer is at work (as a server in a write)
        done = cli(store.path.parent, "search", "日志区0", "--json", INNOGRAPH_LOCK_TIMEOUT="600")
        assert done.returncode == 0, done.stderr
        assert "zone-j0" in done.stdout  # answered from the snapshot + the replayed journal
        assert journal.journal_path(store.path).exists()  # not folded: that waits for a free data dir
    assert cli(store.path.parent, "search", "日志区0").returncode == 0
    assert not journal.journal_path(store.path).exists()  # the next open found it free and folded


def test_the_write_that_makes_the_journal_due_is_acknowledged_before_the_fold(store, monkeypatch):
    """The fold writes the snapshot without the lock: a write meanwhile neither waits nor is lost."""
    monkeypatch.setattr(journal, "COMPACT_RECORDS", 2)
    started, go = threading.Event(), threading.Event()
    real = compact._write_snapshot

    def held(fh, c):
        started.set()
        assert go.wait(30)
        real(fh, c)

    monkeypatch.setattr(compact, "_write_snapshot", held)
    snapshot = store.path.read_bytes()
    store.write(node_batch(0))
    store.write(node_batch(1))  # the journal is due: acknowledged, the fold runs beside
    assert started.wait(30) and store._folding.is_alive()
    try:
        store.write(node_batch(2))  # during the fold: appended at once, not held up by it
        assert store.current().lookup("日志区2") == ["zone-j2"] and store.path.read_bytes() == snapshot
    finally:
        go.set()
    compact.wait(store)
    assert store.path.read_bytes() != snapshot  # folded: j0 and j1 in the new snapshot ...
    assert store._jpos.records == 1  # ... and j2 in its journal
    again = MemoryStore(store.path)
    assert again._jpos.records == 1 and snapshot_bytes(again._c) == snapshot_bytes(store._c)
    store.write(node_batch(3))  # the next write appends to the new journal
    assert MemoryStore(store.path).lookup("日志区3") == ["zone-j3"]


def test_a_fold_that_lost_the_race_to_a_save_drops_its_file(store, monkeypatch):
    monkeypatch.setattr(journal, "COMPACT_RECORDS", 2)
    go = threading.Event()
    real = compact._write_snapshot
    monkeypatch.setattr(compact, "_write_snapshot", lambda fh, c: (go.wait(30), real(fh, c)))
    store.write(node_batch(0))
    store.write(node_batch(1))
    other = MemoryStore(store.path)
    other.write(node_batch(2))
    other.save()  # another process saves first: its snapshot holds all three writes
    go.set()
    compact.wait(store)
    assert not list(store.path.parent.glob("*.fold-*"))
    again = MemoryStore(store.path)
    assert all(again.lookup(f"日志区{k}") for k in range(3))
    store.refresh()  # the fold caught up before it gave up: this state is the saved one
    assert store.lookup("日志区2") == ["zone-j2"] and store._stamp == again._stamp
