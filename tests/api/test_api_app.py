"""The app factory: the store opened at startup (a failed open or a missing graph still starts), closed on
shutdown, CORS only when asked, a slow query blocks nothing, the pages mounted, the OpenAPI pages served without a CDN."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

import api.deps
from api.app import create_app
from api.deps import ReadWriteLock, get_store
from graph.memory import MemoryStore
from graph.store import Batch
from graph.model import Node
from tests.api.api_support import ZONE, SlowStore, assert_error_shape, make_settings

API = "/api/v1"
#: Generous bounds for a loaded 2-core CI machine: they catch a hang, not a slow machine.
WAIT = 10.0


class CountingStore(MemoryStore):
    closed = 0

    def close(self) -> None:
        CountingStore.closed += 1


def test_store_opened_once_at_startup_and_closed_on_shutdown(graph_store, tmp_path, monkeypatch):
    opened: list[CountingStore] = []

    def fake_open(settings):
        store = CountingStore()
        store.replace(_batch(graph_store))
        opened.append(store)
        return store

    monkeypatch.setattr(api.deps, "open_store", fake_open)
    CountingStore.closed = 0
    app = create_app(make_settings(tmp_path))
    with TestClient(app) as c:
        assert len(opened) == 1                               # at startup: no request waits for the snapshot
        for path in ("/health", "/stats", "/zones", f"/nodes/{quote(ZONE)}"):
            assert c.get(API + path).status_code == 200
        assert len(opened) == 1 and CountingStore.closed == 0
    assert CountingStore.closed == 1


def test_a_store_passed_in_stays_open(tmp_path):
    CountingStore.closed = 0
    with TestClient(create_app(make_settings(tmp_path), CountingStore())) as c:
        assert c.get(f"{API}/health").status_code == 200
    assert CountingStore.closed == 0


def _batch(store) -> Batch:
    return Batch(nodes=list(store.iter_nodes()), edges=list(store.iter_edges()), documents=store.documents())


@pytest.mark.parametrize("origins, allowed", [([], False), (["http://intranet.example"], True)])
def test_cors_only_when_configured(graph_store, tmp_path, origins, allowed):
    app = create_app(make_settings(tmp_path, cors_origins=origins), graph_store)
    with TestClient(app) as c:
        response = c.get(f"{API}/zones", headers={"Origin": "http://intranet.example"})
        missing = c.get(f"{API}/nope", headers={"Origin": "http://intranet.example"})
    assert response.status_code == 200
    assert (response.headers.get("access-control-allow-origin") == "http://intranet.example") is allowed
    assert (missing.headers.get("access-control-allow-origin") == "http://intranet.example") is allowed


def test_a_slow_query_does_not_block_other_requests(graph_store, tmp_path):
    slow_store = SlowStore(graph_store, delay=60)
    app = create_app(make_settings(tmp_path, query_timeout=90))
    app.dependency_overrides[get_store] = lambda: slow_store
    with TestClient(app) as c, ThreadPoolExecutor(1) as pool:
        slow = pool.submit(c.get, f"{API}/nodes/{quote(ZONE)}")
        try:
            assert slow_store.started.wait(WAIT), "the slow request never reached the store"
            started = time.perf_counter()
            assert c.get(f"{API}/health").status_code == 200      # counts are not slowed
            assert time.perf_counter() - started < 3.0
            assert not slow.done()                                 # the slow one was still running
        finally:
            slow_store.release()
        assert slow.result(timeout=WAIT).status_code == 200


def test_pages_are_mounted(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert ZONE in response.text


def test_the_openapi_page_loads_nothing_from_the_web(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I), html
    assert not re.search(r"https?://", html), html
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert any(a.endswith(".js") for a in assets), assets
    for url in assets:
        assert url.startswith("/docs-assets/"), url
        asset = client.get(url)
        assert asset.status_code == 200 and asset.content, url
    assert '"validatorUrl": null' in html                # no badge fetched from the validator's site
    assert client.get("/openapi.json").json()["info"]["title"] == "innograph"
    assert client.get("/redoc").status_code == 404        # ReDoc would fetch its logo from a CDN


def test_writer_waits_for_readers_and_readers_for_the_writer():
    lock, log = ReadWriteLock(), []
    lock._cond = cond = WaitCounting()        # to see who is blocked, not guess it from sleeps
    r1_in, r1_go = threading.Event(), threading.Event()

    def read(tag, entered=None, go=None):
        with lock.reading():
            log.append(f"{tag}+")
            if entered:
                entered.set()
                assert go.wait(WAIT)
            log.append(f"{tag}-")

    def write():
        with lock.writing():
            log.append("w+")
            log.append("w-")

    r1 = threading.Thread(target=read, args=("r1", r1_in, r1_go))
    w = threading.Thread(target=write)
    r2 = threading.Thread(target=read, args=("r2",))
    try:
        r1.start()
        assert r1_in.wait(WAIT)
        w.start()
        until(lambda: cond.waiting == 1)                     # the writer waits for r1
        r2.start()
        until(lambda: cond.waiting == 2 or "r2+" in log)     # r2 arrives while the writer waits
        assert log == ["r1+"]                                # … and waits too
    finally:
        r1_go.set()
    for t in (r1, w, r2):
        t.join(WAIT)
        assert not t.is_alive()
    assert log == ["r1+", "r1-", "w+", "w-", "r2+", "r2-"]


class WaitCounting(threading.Condition):
    """A Condition that counts the threads blocked in wait() (the count is kept under its lock)."""

    waiting = 0

    def wait(self, timeout=None):
        self.waiting += 1
        try:
            return super().wait(timeout)
        finally:
            self.waiting -= 1


def until(condition, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the threads to get there"
        time.sleep(0.01)


def test_a_snapshot_that_cannot_be_read_at_startup_still_lets_the_server_answer(tmp_path):
    """The store is opened at startup (GraphHolder.open_early), but a failed open must not stop the app:
    /health says why in the error shape, and the next request tries again (here: the file is repaired)."""
    settings = make_settings(tmp_path)
    settings.snapshot_path.parent.mkdir(parents=True, exist_ok=True)
    settings.snapshot_path.write_bytes(b"not a graph snapshot")
    with TestClient(create_app(settings)) as c:
        assert_error_shape(c.get(f"{API}/health"), 503, "store_unavailable")
        repaired = MemoryStore(tmp_path / "elsewhere.snapshot")
        repaired.replace(Batch(nodes=[Node(id="n1", type="Zone", name_zh="甲区")]))
        settings.snapshot_path.write_bytes(repaired.path.read_bytes())
        assert c.get(f"{API}/health").json()["nodes"] == 1


def test_a_missing_graph_at_startup_is_an_empty_graph(tmp_path):
    with TestClient(create_app(make_settings(tmp_path / "never-loaded"))) as c:
        body = c.get(f"{API}/health").json()
        assert body["nodes"] == 0 and body["status"] == "ok", body
