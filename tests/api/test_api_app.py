"""The app factory: lazy store, closed on shutdown, CORS only when asked, a slow query blocks nothing."""

from __future__ import annotations

import importlib.util
import threading
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

import api.deps
from api.app import create_app
from api.deps import ReadWriteLock, get_store
from graph.memory import MemoryStore
from graph.store import Batch
from tests.api.api_support import ZONE, SlowStore, make_settings

API = "/api/v1"


class CountingStore(MemoryStore):
    closed = 0

    def close(self) -> None:
        CountingStore.closed += 1


def test_store_opened_once_lazily_and_closed_on_shutdown(graph_store, tmp_path, monkeypatch):
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
        assert opened == []                                   # nothing opened before a request needs it
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
    app = create_app(make_settings(tmp_path, query_timeout=5))
    app.dependency_overrides[get_store] = lambda: SlowStore(graph_store, delay=1.0)
    with TestClient(app) as c:
        slow = threading.Thread(target=c.get, args=(f"{API}/nodes/{quote(ZONE)}",))
        slow.start()
        time.sleep(0.1)
        started = time.perf_counter()
        assert c.get(f"{API}/health").status_code == 200      # counts are not slowed
        assert time.perf_counter() - started < 0.5
        slow.join()


def test_pages_are_mounted_when_they_exist(client):
    response = client.get("/")
    if importlib.util.find_spec("api.pages") is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")


def test_writer_waits_for_readers_and_readers_for_the_writer():
    lock, log = ReadWriteLock(), []

    def read(tag, hold):
        with lock.reading():
            log.append(f"{tag}+")
            time.sleep(hold)
            log.append(f"{tag}-")

    def write():
        with lock.writing():
            log.append("w+")
            time.sleep(0.05)
            log.append("w-")

    threads = [threading.Thread(target=read, args=("r1", 0.2))]
    threads[0].start()
    time.sleep(0.05)
    threads.append(threading.Thread(target=write))
    threads[1].start()
    time.sleep(0.05)
    threads.append(threading.Thread(target=read, args=("r2", 0)))   # arrives while the writer waits
    threads[2].start()
    for t in threads:
        t.join()
    assert log == ["r1+", "r1-", "w+", "w-", "r2+", "r2-"]
