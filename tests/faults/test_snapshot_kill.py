"""SIGKILL a writing process in the middle of each kind of write: the next open has the previous graph
or the new one, exactly, never a torn one; it says so when an interrupted write is left out.

The writer is a real process killed by a real SIGKILL. What is chosen is the moment: a hook in the child
holds it inside the write (half of the bytes written and flushed, as a kill inside a long write() leaves
them, or between two renames) and prints "paused"; the test then kills it there.

- snapshot: `replace` writing the whole snapshot (its temp file half written) -> the previous graph;
- append: a write appending its record to the journal (half a record) -> the previous graph, with a
  warning that the interrupted write is not in it; the next write cuts the half record and appends;
- fold-snapshot: the fold (graph/memory/compact.py) writing its new snapshot -> every acknowledged write
  (they are in the journal), and the fold's file is removed;
- fold-rename: the fold between renaming its snapshot in and its journal (`.next`, holding a write made
  during the fold) -> every acknowledged write (read from `.next`; the next write renames it in).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.memory import MemoryStore, journal
from graph.store import Batch
from loaders.sources import load_sources
from tests.core.test_journal import node_batch

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"

CHILD = textwrap.dedent("""
    import builtins, sys, time
    from pathlib import Path
    from graph.memory import MemoryStore, compact, journal, watch
    from tests.core.test_journal import node_batch

    phase, path = sys.argv[1], Path(sys.argv[2])

    def say(line):  # one write per line: the fold thread and the main thread both speak
        sys.stdout.write(line + "\\n")
        sys.stdout.flush()

    def pause():
        say("paused")
        time.sleep(60)  # killed long before

    class Half:
        '''A file whose first write stops halfway, flushed: what a kill inside a long write() leaves.'''
        def __init__(self, fh):
            self.fh = fh
        def write(self, data):
            self.fh.write(data[: max(1, len(data) // 2)])
            self.fh.flush()
            pause()
        def __getattr__(self, name):
            return getattr(self.fh, name)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)

    def halting(wanted):
        def _open(file, mode="r", *args, **kwargs):
            fh = builtins.open(file, mode, *args, **kwargs)
            return Half(fh) if wanted(str(file), mode) else fh
        return _open

    store = MemoryStore(path)
    journal.COMPACT_RECORDS = 2
    if phase == "snapshot":
        watch.open = halting(lambda f, mode: ".tmp-" in f)
        store.replace(node_batch(0))
    elif phase == "append":
        journal.open = halting(lambda f, mode: mode == "r+b")
        store.write(node_batch(0))
    else:
        if phase == "fold-snapshot":
            compact.open = halting(lambda f, mode: compact.FOLD_PREFIX in f)
        else:  # the fold waits for a third write, so the journal it renames in holds a record
            import threading
            third, real_write = threading.Event(), compact._write_snapshot
            compact._write_snapshot = lambda fh, c: (third.wait(30), real_write(fh, c))
            real_sync = journal._sync_dir
            def sync_then_pause(directory):
                real_sync(directory)
                if journal.next_path(journal.journal_path(path)).exists():  # the snapshot is renamed in
                    pause()
            journal._sync_dir = sync_then_pause
        for k in range(2 if phase == "fold-snapshot" else 3):  # the second makes the journal due
            store.write(node_batch(k))
            say(f"acknowledged {k}")
        if phase == "fold-rename":
            third.set()
    say("finished")
""")

EXPECTED = {"snapshot": 0, "append": 0, "fold-snapshot": 2, "fold-rename": 3}  # writes in the next open


def graph_of(store: MemoryStore) -> tuple:
    return ([n.model_dump() for n in store.iter_nodes()], sorted((e.model_dump_json() for e in store.iter_edges())),
            [d.model_dump() for d in store.documents()])


def reference(tmp_path: Path, writes: int) -> MemoryStore:
    """The graph as it must be: the same writes in a store of its own."""
    ref = MemoryStore(tmp_path / "reference" / "graph.json")
    load_sources(ref, [MINI])
    for k in range(writes):
        ref.write(node_batch(k))
    return ref


@pytest.mark.parametrize("phase", list(EXPECTED))
def test_a_writer_killed_mid_write_leaves_the_previous_graph_or_the_new_one(tmp_path, phase, caplog):
    data = tmp_path / "data"
    store = MemoryStore(data / "graph.json")
    load_sources(store, [MINI])
    proc = subprocess.Popen([sys.executable, "-c", CHILD, phase, str(store.path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        fold = phase.startswith("fold")  # a fold is held after the writes returned: wait for both
        while "paused" not in lines or fold and "finished" not in lines:
            line = proc.stdout.readline()
            assert line, f"the writer ended before it was held: {lines} {proc.stderr.read()[-2000:]}"
            lines.append(line.strip())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert ("finished" in lines) is fold  # a fold runs after the writes returned
    assert len([x for x in lines if x.startswith("ack")]) == (EXPECTED[phase] if fold else 0)

    with caplog.at_level(logging.WARNING, logger="graph.memory.journal"):
        reopened = MemoryStore(store.path)
    expected = reference(tmp_path, EXPECTED[phase])
    assert graph_of(reopened) == graph_of(expected)  # exactly one of the two graphs
    assert reopened.reindex(check=True) == []
    interrupted = "a write interrupted before it was acknowledged" in caplog.text
    assert interrupted is (phase == "append")  # the open says when a write was left out
    assert not [p.name for p in data.iterdir() if ".tmp-" in p.name or ".fold-" in p.name]  # no half files left

    reopened.write(Batch(nodes=node_batch(5).nodes))  # and the data dir takes the next write, after what is there
    again = MemoryStore(store.path)
    assert again.lookup("日志区5") == ["zone-j5"] and again.counts().total_nodes == expected.counts().total_nodes + 1
    assert not journal.next_path(journal.journal_path(store.path)).exists()
