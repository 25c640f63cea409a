"""Kill `innograph load` while it writes the snapshot: the previous graph reopens intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.memory import MemoryStore
from loaders.sources import load_sources
from loaders.synth import generate

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def test_sigkill_during_the_snapshot_write_keeps_the_previous_graph(tmp_path):
    data = tmp_path / "data"
    store = MemoryStore(data / "graph.json")
    load_sources(store, [MINI])
    before = store.path.read_bytes()
    generate(8_000, seed=3, out_dir=tmp_path / "big")

    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(data), "INNOGRAPH_BACKEND": "memory"}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "load", str(tmp_path / "big")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed_while_writing = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if any(data.glob("graph.json.tmp-*")):
            proc.send_signal(signal.SIGKILL)
            killed_while_writing = True
            break
        time.sleep(0.001)
    proc.wait(timeout=30)
    assert killed_while_writing, "the load finished before its snapshot write could be interrupted"
    assert proc.returncode == -signal.SIGKILL

    assert store.path.read_bytes() == before
    [stale] = data.glob("graph.json.tmp-*")  # the killed writer's half file (it was up to 29 MB)
    reopened = MemoryStore(store.path)
    assert reopened.counts() == store.counts()
    assert not stale.exists(), "opening the store did not remove the killed writer's temporary file"

    # and the interrupted load can simply be run again
    load_sources(reopened, [tmp_path / "big"])
    assert reopened.counts().total_nodes > 8_000
    assert MemoryStore(store.path).counts() == reopened.counts()
