"""Several processes on one data dir, and readers beside a writer (issue 19).

Before: with `innograph serve` on a data dir, an `innograph load` printed "now 284 nodes"
while /health still said 283, and the next upload through the API erased the CLI's node;
two concurrent CLI loads both reported success and one write was lost; a write made every
reader wait for it. Now (graph/memory/lock.py, watch.py) writes take the data dir's lock and
apply themselves to the latest snapshot, readers re-read a snapshot another process changed,
and a write builds its state beside the one readers hold.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from graph.memory.lock import DataDirLock
from graph.store import Batch
from graph.model import Node
from loaders.sources import load_sources
from tests.api.api_support import make_settings
from tests.support.servers import serve_cli

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
API = "/api/v1"


def institute(name_zh: str, name_en: str) -> str:
    return f"nodes:\n  - {{type: Institution, name_zh: {name_zh}, name_en: {name_en}}}\n"


def cli(data: Path, *args: str, **env: str) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("INNOGRAPH_", "NEO4J_"))}
    environ.update(INNOGRAPH_DATA_DIR=str(data), INNOGRAPH_BACKEND="memory", **env)
    return subprocess.Popen([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def mini_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    load_sources(MemoryStore(data / "graph.json"), [MINI])
    return data


def test_two_concurrent_cli_loads_both_end_up_in_the_graph(tmp_path):
    """Each file is large enough (3,000 nodes) that the two loads overlap: each reads its file for
    a second or more, and before the lock both wrote the state they had opened, one over the other."""
    data = mini_data(tmp_path)
    files = []
    for i in range(2):
        path = tmp_path / f"load{i}.yaml"
        path.write_text("nodes:\n" + "".join(f"  - {{type: Institution, name_zh: 并发{i}研究院{k}}}\n"
                                              for k in range(3000)), encoding="utf-8")
        files.append(path)
    procs = [cli(data, "load", str(path)) for path in files]  # both start together
    results = [finish(p) for p in procs]
    assert all(code == 0 for code, _, _ in results), results
    assert "Traceback" not in "".join(err for _, _, err in results)
    store = MemoryStore(data / "graph.json")
    for i in range(2):
        assert store.lookup(f"并发{i}研究院0") and store.lookup(f"并发{i}研究院2999"), f"the load of file {i} was lost"
    # each says how large the graph was after its own write: two different sizes
    assert len({out.split("now ")[1] for _, out, _ in results}) == 2


def test_a_cli_load_is_visible_to_a_running_server_and_survives_its_next_upload(tmp_path):
    data = mini_data(tmp_path)
    (tmp_path / "cli.yaml").write_text(institute("命令行研究院", "CLI Institute"), encoding="utf-8")
    with serve_cli(data, extra_env={"INNOGRAPH_ADMIN_TOKEN": "s3cret-token"}) as (base, _log):
        before = httpx.get(base + API + "/health").json()["nodes"]
        assert httpx.get(base + API + "/nodes/CLI Institute").status_code == 404
        code, out, err = finish(cli(data, "load", str(tmp_path / "cli.yaml")))
        assert code == 0, err
        assert httpx.get(base + API + "/nodes/CLI Institute").status_code == 200   # at once, no restart
        # an upload through the server is applied on top of the CLI's write, not over it
        upload = httpx.post(base + API + "/sources", headers={"Authorization": "Bearer s3cret-token"},
                            files={"file": ("api.yaml", institute("接口研究院", "API Institute").encode())})
        assert upload.status_code == 200, upload.text
        assert httpx.get(base + API + "/nodes/CLI Institute").status_code == 200
        assert httpx.get(base + API + "/nodes/API Institute").status_code == 200
    store = MemoryStore(data / "graph.json")
    assert store.lookup("命令行研究院") and store.lookup("接口研究院")
    assert store.counts().total_nodes == before + 2


def test_a_writer_that_cannot_get_the_lock_says_busy_and_stores_nothing(tmp_path):
    data = mini_data(tmp_path)
    (tmp_path / "late.yaml").write_text(institute("迟到研究院", "Late Institute"), encoding="utf-8")
    before = (data / "graph.json").read_bytes()
    lock = DataDirLock(data, timeout=1)
    with lock.held():  # another process holds the data dir (this one)
        code, _, err = finish(cli(data, "load", str(tmp_path / "late.yaml"), INNOGRAPH_LOCK_TIMEOUT="1"))
    assert code == 2 and err.count("\n") == 2 and "Traceback" not in err  # the line and its suggestion
    assert "is busy: another write held it for 1 s; nothing was stored" in err
    assert (data / "graph.json").read_bytes() == before
    code, _, err = finish(cli(data, "load", str(tmp_path / "late.yaml")))  # once free, it goes in
    assert code == 0, err


def test_stale_temporary_files_are_removed_but_not_those_of_a_running_writer(tmp_path):
    data = mini_data(tmp_path)
    stale = data / "graph.json.tmp-999999"
    stale.write_bytes(b"half a snapshot")
    with DataDirLock(data).held():  # a writer is at work: its temp file is not stale
        MemoryStore(data / "graph.json")
        assert stale.exists()
    MemoryStore(data / "graph.json")
    assert not stale.exists()


def test_readers_answer_from_the_old_state_during_a_write_then_see_the_new(tmp_path):
    """The write is held between building the new state and saving it; queries keep answering."""
    data = mini_data(tmp_path)
    store = MemoryStore(data / "graph.json")
    settings = make_settings(tmp_path, admin_token="s3cret-token")
    building, go = threading.Event(), threading.Event()
    real_commit = store._commit

    def held_commit(*args):
        building.set()
        assert go.wait(30)
        return real_commit(*args)

    store._commit = held_commit
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as client, \
            ThreadPoolExecutor(1) as pool:
        zone_before = client.get(f"{API}/zones/怀柔科学城").json()
        loading = pool.submit(client.post, f"{API}/sources", headers={"Authorization": "Bearer s3cret-token"},
                              files={"file": ("w.yaml", institute("写入研究院", "Write Institute").encode())})
        try:
            assert building.wait(30), "the upload never reached its write"
            for _ in range(5):  # during the write: answers, from the state before it
                assert client.get(f"{API}/zones/怀柔科学城").json() == zone_before
                assert client.get(f"{API}/nodes/Write Institute").status_code == 404
        finally:
            go.set()
        assert loading.result(timeout=30).status_code == 200
        assert client.get(f"{API}/nodes/Write Institute").status_code == 200


def test_one_request_sees_one_state(tmp_path):
    """A view from current() stays on its state while a write swaps in the next one."""
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [MINI])
    view = store.current()
    before = view.counts()
    store.write(Batch(nodes=[Node(id="institution-x", type="Institution", name_zh="新研究院")]))
    assert view.counts() == before and view.lookup("新研究院") == []
    assert store.current().counts().total_nodes == before.total_nodes + 1
    # and a second process's write reaches this one at its next current()
    other = MemoryStore(tmp_path / "graph.json")
    other.write(Batch(nodes=[Node(id="institution-y", type="Institution", name_zh="又一研究院")]))
    assert store.current().get_nodes(["institution-y"])
