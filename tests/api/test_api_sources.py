"""POST /api/v1/sources: closed by default, admin only, all or nothing, no file escapes the upload."""

from __future__ import annotations

import io
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

import api.routes.sources
from api.app import create_app
from tests.api.api_support import ZONE, ZONE_ID, assert_error_shape, make_settings

API = "/api/v1"
ADMIN = {"Authorization": "Bearer s3cret-token"}
WAIT = 10.0  #: generous: it catches a hang, not a slow machine

GOOD_YAML = """\
nodes:
  - {type: Institution, name_zh: 测试研究院, name_en: Test Institute, attrs: {kind: research}}
edges:
  - {source: 测试研究院, type: LOCATED_IN, target: 怀柔科学城}
"""
#: A short report: a new institution, located in 怀柔科学城 (the extractor reads the sentence).
NEW_INSTITUTE = "北京量子信息科学研究院"
REPORT = f"""\
title: 测试报告
---
聚焦{ZONE}，支持{NEW_INSTITUTE}整建制搬迁入驻。
"""
BAD_YAML = """\
nodes:
  - {type: Institution, name_zh: 好机构, name_en: Good Institute}
  - {type: Planet, name_zh: 坏行星}
"""


def upload(client, name: str, content: bytes, headers=ADMIN):
    return client.post(f"{API}/sources", files={"file": (name, content)}, headers=headers)


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def counts(client) -> tuple[int, int]:
    body = client.get(f"{API}/health").json()
    return body["nodes"], body["edges"]


def test_closed_without_an_admin_token(client):
    assert_error_shape(upload(client, "a.yaml", GOOD_YAML.encode()), 404, "not_found")
    assert f"{API}/sources" not in client.get("/openapi.json").json()["paths"]


def test_documented_with_bearer_auth_when_open(mini_client):
    spec = mini_client.get("/openapi.json").json()
    operation = spec["paths"][f"{API}/sources"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert {"401", "403", "413", "422"} <= set(operation["responses"])
    assert any(s["type"] == "http" and s["scheme"] == "bearer" for s in spec["components"]["securitySchemes"].values())


def test_yaml_upload_is_loaded(mini_client):
    before = counts(mini_client)
    response = upload(mini_client, "more.yaml", GOOD_YAML.encode())
    assert response.status_code == 200, response.text
    after = (before[0] + 1, before[1] + 1)
    assert response.json() == {"file": "more.yaml", "documents": 0, "nodes": 1, "edges": 1, "nodes_added": 1,
                               "edges_added": 1, "graph_nodes": after[0], "graph_edges": after[1]}
    assert counts(mini_client) == after
    node = mini_client.get(f"{API}/nodes/Test Institute").json()
    assert node["name_zh"] == "测试研究院"
    members = mini_client.get(f"{API}/zones/{ZONE_ID}").json()["members"]
    assert "测试研究院" in {m["node"]["name_zh"] for m in members}


def test_csv_zip_upload_is_loaded(mini_client):
    pair = {"pair/nodes.csv": "type,name_zh,name_en\nFund,测试基金,Test Fund\n",
            "pair/edges.csv": "source,type,target\nTest Fund,INVESTS_IN,BINN\n"}
    response = upload(mini_client, "pair.zip", zipped(pair))
    assert response.status_code == 200, response.text
    assert response.json()["nodes"] == 1 and response.json()["edges"] == 1
    assert mini_client.get(f"{API}/nodes/测试基金").status_code == 200


def test_failed_load_changes_nothing(mini_client):
    before = counts(mini_client)
    error = assert_error_shape(upload(mini_client, "bad.yaml", BAD_YAML.encode()), 422, "load_failed")
    assert any(s.startswith("bad.yaml:") and "Planet" in s for s in error["suggestions"]), error
    assert counts(mini_client) == before
    assert_error_shape(mini_client.get(f"{API}/nodes/好机构"), 404)


@pytest.mark.parametrize("name, content, words", [
    ("evil.exe", b"MZ", "cannot load"),
    ("notes", b"hello", "cannot load"),
    ("broken.zip", b"PK not really", "zip"),
    ("escape.zip", zipped({"../../evil.yaml": "nodes: []\n"}), "outside"),
    ("empty.zip", zipped({"readme.md": "hi"}), "neither"),
    ("outside.yaml", b"documents:\n  - {id: d, title: t, path: /etc/passwd}\n", "outside the upload"),
    ("climb.zip", zipped({"d/x.yaml": "documents:\n  - {id: d, title: t, path: ../../../../etc/hostname}\n"}),
     "outside the upload"),
])
def test_unsafe_or_unknown_uploads_are_refused(mini_client, name, content, words):
    before = counts(mini_client)
    error = assert_error_shape(upload(mini_client, name, content), 422)
    assert words in error["message"], error
    assert counts(mini_client) == before


def test_no_file_field(mini_client):
    response = mini_client.post(f"{API}/sources", data={"other": "x"}, headers=ADMIN)
    assert "'file'" in assert_error_shape(response, 422, "invalid_input")["message"]


def test_report_upload(mini_client):
    before = counts(mini_client)
    assert_error_shape(mini_client.get(f"{API}/nodes/{quote(NEW_INSTITUTE)}"), 404)
    response = upload(mini_client, "report.txt", REPORT.encode("utf-8"))
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["file"] == "report.txt" and summary["documents"] == 1
    assert summary["nodes"] >= 2 and summary["edges"] >= 1
    after = counts(mini_client)
    assert after[0] > before[0] and after[1] > before[1]
    node = mini_client.get(f"{API}/nodes/{quote(NEW_INSTITUTE)}")
    assert node.status_code == 200 and node.json()["type"] == "Institution"
    members = mini_client.get(f"{API}/zones/{ZONE_ID}").json()["members"]
    member = next(m for m in members if m["node"]["name_zh"] == NEW_INSTITUTE)
    assert member["edge"]["type"] == "LOCATED_IN"
    assert any(NEW_INSTITUTE in ev["quote"] and ZONE in ev["quote"] for ev in member["edge"]["evidence"]), member


def test_a_report_uploaded_twice_says_the_graph_gained_nothing(mini_client):
    """Session 14 review: the second upload answered {"nodes": 15, "edges": 5}, read as 15 more nodes;
    the CLI's load said "the graph gained 0 nodes and 0 edges"."""
    first = upload(mini_client, "report.txt", REPORT.encode("utf-8")).json()
    assert first["nodes_added"] >= 1 and first["edges_added"] >= 1
    assert (first["graph_nodes"], first["graph_edges"]) == counts(mini_client)
    again = upload(mini_client, "report.txt", REPORT.encode("utf-8"))
    assert again.status_code == 200, again.text
    assert again.json()["nodes"] == first["nodes"]
    assert (again.json()["nodes_added"], again.json()["edges_added"]) == (0, 0)
    assert counts(mini_client) == (first["graph_nodes"], first["graph_edges"])
    located = [m for m in mini_client.get(f"{API}/zones/{ZONE_ID}").json()["members"]
               if m["node"]["name_zh"] == NEW_INSTITUTE]
    assert len(located) == 1 and len(located[0]["edge"]["evidence"]) == 1, "no second copy of the evidence"


def test_queries_answer_while_an_upload_is_read(mini_client, monkeypatch):
    """Parsing reads beside the queries; uploads run one at a time."""
    holder = mini_client.app.state.graph
    reading, go = threading.Event(), threading.Event()
    seen: dict[str, object] = {}
    real_read, real_write = api.routes.sources.read_sources, mini_client.store.write

    def gated_read(paths, store):
        seen["read"] = (holder.lock._readers, holder.lock._writing, holder.uploading.locked())
        reading.set()
        assert go.wait(WAIT)
        return real_read(paths, store)

    def watched_write(batch):
        seen["write"] = (holder.lock._readers, holder.lock._writing, holder.uploading.locked())
        return real_write(batch)

    monkeypatch.setattr(api.routes.sources, "read_sources", gated_read)
    monkeypatch.setattr(mini_client.store, "write", watched_write)
    with ThreadPoolExecutor(2) as pool:
        loading = pool.submit(upload, mini_client, "more.yaml", GOOD_YAML.encode())
        try:
            assert reading.wait(WAIT), "the upload never started reading"
            query = pool.submit(mini_client.get, f"{API}/zones/{ZONE_ID}")
            assert query.result(timeout=WAIT).status_code == 200   # not held up by the upload
            assert not loading.done()
        finally:
            go.set()
        assert loading.result(timeout=WAIT).status_code == 200
    assert seen["read"] == (1, False, True)     # shared lock, upload mutex held
    # no exclusive lock: the memory store builds the new state beside the one readers hold
    # (tests/faults/test_shared_data_dir.py checks a query answers during the write itself)
    assert seen["write"] == (0, False, True)
    assert mini_client.get(f"{API}/nodes/Test Institute").status_code == 200


def test_token_compared_exactly(tmp_path, mini_store):
    token = "t0k3n-with.symbols~+/="
    with TestClient(create_app(make_settings(tmp_path, admin_token=token), mini_store)) as c:
        assert upload(c, "a.yaml", GOOD_YAML.encode(), {"Authorization": f"Bearer {token}"}).status_code == 200
        assert upload(c, "a.yaml", GOOD_YAML.encode(), {"Authorization": f"Bearer {token[:-1]}"}).status_code == 403
