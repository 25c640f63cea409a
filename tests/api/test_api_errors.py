"""Every error path answers the one shape: {"error": {status, code, message, suggestions}}."""

from __future__ import annotations

import logging
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_queries, get_store
from graph.errors import LimitExceeded
from graph.memory import MemoryStore
from graph.model import Node
from graph.store import Batch
from tests.api.api_support import ZONE, DownStore, SlowStore, assert_error_shape, make_settings

API = "/api/v1"
NODE = f"{API}/nodes/{quote(ZONE)}"

#: (label, path, params, status, code, words the message must hold)
GET_ERRORS = [
    ("unknown name", f"{API}/nodes/{quote('怀柔科学')}", {}, 404, "not_found", ["怀柔科学"]),
    ("unknown route", f"{API}/nope", {}, 404, "not_found", ["/api/v1/nope"]),
    ("unknown root route", "/nope", {}, 404, "not_found", []),
    ("depth over 3", f"{NODE}/neighbors", {"depth": 4}, 422, "limit_exceeded", ["depth", "3"]),
    ("depth under 1", f"{NODE}/neighbors", {"depth": 0}, 422, "limit_exceeded", ["depth", "1"]),
    ("subgraph depth", f"{API}/subgraph", {"center": ZONE, "depth": 9}, 422, "limit_exceeded", ["depth", "3"]),
    ("export depth", f"{API}/export", {"center": ZONE, "depth": 4}, 422, "limit_exceeded", ["depth", "3"]),
    ("max_nodes", f"{API}/subgraph", {"center": ZONE, "max_nodes": 5001}, 422, "limit_exceeded", ["5000"]),
    ("max_hops over 6", f"{API}/paths", {"source": ZONE, "target": "市科委", "max_hops": 7}, 422,
     "limit_exceeded", ["max_hops", "6"]),
    ("search limit", f"{API}/search", {"q": "科", "limit": 1001}, 422, "limit_exceeded", ["limit", "1000"]),
    ("rank limit", f"{API}/rank", {"limit": 5000}, 422, "limit_exceeded", ["limit", "1000"]),
    ("negative offset", f"{API}/search", {"q": "科", "offset": -1}, 422, "limit_exceeded", ["offset"]),
    ("bad type", f"{API}/search", {"q": "科", "type": "Planet"}, 422, "invalid_input", ["type", "Planet"]),
    ("bad type on neighbors", f"{NODE}/neighbors", {"type": "zone"}, 422, "invalid_input", ["type"]),
    ("bad rel", f"{NODE}/neighbors", {"rel": "LIKES"}, 422, "invalid_input", ["rel"]),
    ("bad rank", f"{API}/rank", {"by": "pagerank"}, 422, "invalid_input", ["by"]),
    ("bad format", f"{API}/export", {"center": ZONE, "format": "pdf"}, 422, "invalid_input", ["format"]),
    ("not a number", f"{NODE}/neighbors", {"depth": "two"}, 422, "invalid_input", ["depth"]),
    ("missing text", f"{API}/search", {}, 422, "invalid_input", ["q", "required"]),
    ("blank text", f"{API}/search", {"q": "   "}, 422, "invalid_input", ["q"]),
    ("long text", f"{API}/search", {"q": "科" * 201}, 422, "invalid_input", ["200"]),
    ("missing end", f"{API}/paths", {"source": ZONE}, 422, "invalid_input", ["target"]),
]


@pytest.mark.parametrize("label, path, params, status, code, words", GET_ERRORS, ids=[r[0] for r in GET_ERRORS])
def test_get_errors(client, label, path, params, status, code, words):
    error = assert_error_shape(client.get(path, params=params), status, code)
    for word in words:
        assert word in error["message"], error


def test_unknown_name_suggests_close_names(client):
    error = assert_error_shape(client.get(f"{API}/nodes/{quote('怀柔科学')}"), 404, "not_found")
    assert any(ZONE in s for s in error["suggestions"])


def test_bad_type_lists_the_types(client):
    error = assert_error_shape(client.get(f"{API}/search", params={"q": "科", "type": "Planet"}), 422)
    assert "Zone" in error["suggestions"] and "Institution" in error["suggestions"]


def test_ambiguous_name_lists_the_candidates(tmp_path):
    store = MemoryStore()
    store.write(Batch(nodes=[Node(id="fund-a", type="Fund", name_zh="甲基金", aliases=["科创基金"]),
                             Node(id="fund-b", type="Fund", name_zh="乙基金", aliases=["科创基金"])]))
    with TestClient(create_app(make_settings(tmp_path), store)) as c:
        error = assert_error_shape(c.get(f"{API}/nodes/{quote('科创基金')}/supporters"), 409, "ambiguous")
    assert len(error["suggestions"]) == 2 and any("fund-a" in s for s in error["suggestions"])


def test_graph_level_limit_is_a_422(app):
    class Queries:
        def neighbors(self, *args):
            raise LimitExceeded("depth must be between 1 and 3 (got 9)")

    app.dependency_overrides[get_queries] = lambda: Queries()
    try:
        response = TestClient(app).get(f"{NODE}/neighbors")
    finally:
        app.dependency_overrides.clear()
    assert "between 1 and 3" in assert_error_shape(response, 422, "limit_exceeded")["message"]


def test_method_not_allowed(client):
    response = client.post(f"{API}/stats")
    assert_error_shape(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


def test_body_over_the_cap_by_length(tmp_path):
    with TestClient(create_app(make_settings(tmp_path, max_upload_bytes=100))) as c:
        response = c.post(f"{API}/stats", content=b"x" * 101)
    assert "100 bytes" in assert_error_shape(response, 413, "payload_too_large")["message"]


def test_upload_over_the_cap_while_streaming(mini_client):
    def chunks():  # no Content-Length: the cap is enforced as the body arrives
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.yaml\"\r\n\r\n"
        for _ in range(100):
            yield b"#" * 1024
        yield b"\r\n--b--\r\n"

    response = mini_client.post(f"{API}/sources", content=chunks(),
                                headers={"Authorization": "Bearer s3cret-token",
                                         "Content-Type": "multipart/form-data; boundary=b"})
    assert_error_shape(response, 413, "payload_too_large")


@pytest.mark.parametrize("headers, status, code", [
    ({}, 401, "unauthorized"),
    ({"Authorization": "Basic czNjcmV0LXRva2Vu"}, 401, "unauthorized"),
    ({"Authorization": "Bearer wrong-token"}, 403, "forbidden"),
    ({"Authorization": "Bearer s3cret-token-but-longer"}, 403, "forbidden"),
])
def test_sources_needs_the_admin_token(mini_client, headers, status, code):
    response = mini_client.post(f"{API}/sources", files={"file": ("a.yaml", b"nodes: []\n")}, headers=headers)
    assert_error_shape(response, status, code)
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("path", ["/health", "/stats", f"/nodes/{quote(ZONE)}", f"/nodes/{quote(ZONE)}/supporters",
                                  "/zones", "/bridges"])
def test_store_down_is_a_503(app, path, caplog):
    app.dependency_overrides[get_store] = DownStore
    try:
        with caplog.at_level(logging.WARNING, logger="innograph.api"):
            response = TestClient(app).get(API + path)
    finally:
        app.dependency_overrides.clear()
    error = assert_error_shape(response, 503, "store_unavailable")
    assert "10.0.0.7" not in error["message"]          # the detail is logged, not returned
    assert "10.0.0.7" in caplog.text


def test_unreadable_snapshot_is_a_503(tmp_path):
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    with TestClient(create_app(make_settings(tmp_path))) as c:   # the app opens the store itself
        assert_error_shape(c.get(f"{API}/health"), 503, "store_unavailable")
        assert_error_shape(c.get(f"{API}/zones"), 503, "store_unavailable")


def test_slow_query_is_a_504(graph_store, tmp_path):
    slow_store = SlowStore(graph_store, delay=5)
    app = create_app(make_settings(tmp_path, query_timeout=0.05))
    app.dependency_overrides[get_store] = lambda: slow_store
    try:
        started = time.perf_counter()
        response = TestClient(app).get(f"{NODE}/supporters")
        elapsed = time.perf_counter() - started
    finally:
        slow_store.release()                    # the worker left behind stops waiting too
    assert elapsed < 3, f"the 504 took {elapsed:.1f} s: the query was waited for"
    assert "0.05 s" in assert_error_shape(response, 504, "query_timeout")["message"]


def test_unexpected_exception_is_a_bare_500(app, caplog):
    class Broken:
        def get(self, ref):
            raise RuntimeError("boom at /work/main/graph/secret.py line 3")

    app.dependency_overrides[get_queries] = lambda: Broken()
    try:
        with caplog.at_level(logging.ERROR, logger="innograph.api"):
            response = TestClient(app).get(NODE)
    finally:
        app.dependency_overrides.clear()
    error = assert_error_shape(response, 500, "internal_error")
    assert "boom" not in error["message"] and "boom" in caplog.text


def test_a_path_search_over_its_bound_declines_with_422_naming_the_hub(client, monkeypatch):
    """graph/bounded_paths.py: past limits.PATH_EXPAND_EDGES a level declines; through_hubs reads on."""
    from graph import limits

    monkeypatch.setattr(limits, "PATH_EXPAND_EDGES", 3)
    params = {"source": ZONE, "target": "未来科学城", "max_hops": 6}
    error = assert_error_shape(client.get(f"{API}/paths", params=params), 422, "search_bounded")
    assert "through_hubs" in error["message"] and "edges" in error["message"]
    found = client.get(f"{API}/paths", params={**params, "through_hubs": "true"})
    assert found.status_code == 200 and [n["name_zh"] for n in found.json()[0]["nodes"]][-1] == "未来科学城"
