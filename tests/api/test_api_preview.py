"""POST /api/v1/sources/preview and the review part of POST /sources, over real HTTP on 127.0.0.1.

What the /upload page relies on: a preview needs the admin token, says what a load would store
(names, relations with confidence and sentence, the document's publisher and year), refuses what a
load refuses, writes nothing; a load with the preview's review less some relations stores only the
rest, and a review that is not the report's stores nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.memory import MemoryStore
from loaders.sources import load_sources
from tests.api.api_support import assert_error_shape, make_settings
from tests.support.servers import serve_in_thread

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TOKEN = "s3cret-token"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
#: A report of our own: a known agency supports a known zone; a new institute located in it.
REPORT = """\
title: 2024年怀柔科学城建设情况
date: 2024-03-01
---
2024年，北京市科学技术委员会支持怀柔科学城建设。
聚焦怀柔科学城，支持北京量子信息科学研究院整建制搬迁入驻。
"""
DOC = "huairou-2024"


class Served:
    """The app over a fresh, writable mini graph, on a free loopback port."""

    def __init__(self, base: str, store: MemoryStore, snapshot: Path):
        self.base, self.store, self.snapshot = base, store, snapshot

    def post(self, path: str, files: dict, headers=ADMIN) -> httpx.Response:
        return httpx.post(f"{self.base}/api/v1{path}", files=files, headers=headers, timeout=60)

    def preview(self, content: bytes = REPORT.encode(), name: str = f"{DOC}.txt", headers=ADMIN) -> httpx.Response:
        return self.post("/sources/preview", {"file": (name, content)}, headers)

    def load(self, review: dict | None = None, content: bytes = REPORT.encode(), name: str = f"{DOC}.txt"):
        files = {"file": (name, content)}
        if review is not None:
            files["review"] = ("review.json", json.dumps(review, ensure_ascii=False).encode())
        return self.post("/sources", files)

    def edges_of(self, doc: str) -> set[tuple[str, str, str]]:
        """The relations stored with a sentence of `doc`."""
        return {e.key for e in self.store.current().iter_edges() if any(ev.doc == doc for ev in e.evidence)}


def serve(tmp_path: Path, **settings):
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [FIXTURES / "mini"])
    app = create_app(make_settings(tmp_path, **{"admin_token": TOKEN, "max_upload_bytes": 64 * 1024, **settings}),
                     store=store)
    return store, serve_in_thread(app)


@pytest.fixture
def served(tmp_path):
    store, server = serve(tmp_path)
    with server as base:
        yield Served(base, store, tmp_path / "graph.json")


def test_a_preview_needs_the_admin_token(served):
    assert_error_shape(served.preview(headers={}), 401, "unauthorized")
    assert_error_shape(served.preview(headers={"Authorization": "Bearer wrong"}), 403, "forbidden")


def test_closed_without_an_admin_token(tmp_path):
    _, server = serve(tmp_path, admin_token="")
    with server as base:
        response = httpx.post(f"{base}/api/v1/sources/preview", files={"file": ("a.txt", REPORT.encode())},
                              headers=ADMIN)
        assert_error_shape(response, 404, "not_found")
        assert "/api/v1/sources/preview" not in httpx.get(f"{base}/openapi.json").json()["paths"]


def test_a_preview_says_what_a_load_would_store_and_writes_nothing(served):
    before, snapshot = served.store.counts(), served.snapshot.read_bytes()
    response = served.preview()
    assert response.status_code == 200, response.text
    body = response.json()
    assert served.store.current().counts() == before and served.snapshot.read_bytes() == snapshot
    assert body["document"] == {"id": DOC, "title": "2024年怀柔科学城建设情况", "publisher": "", "year": 2024,
                                "date": "2024-03-01"}
    assert body["already_loaded"] is None and body["encoding"] == "utf-8"
    nodes = {n["name_zh"]: n for n in body["nodes"]}
    assert nodes["怀柔科学城"]["new"] is False and nodes["怀柔科学城"]["name_en"] == "Huairou Science City"
    assert nodes["北京量子信息科学研究院"]["new"] is True and nodes["北京量子信息科学研究院"]["confidence"] > 0
    relations = {(r["source_name"], r["type"], r["target_name"]): r for r in body["relations"]}
    supports = relations[("北京市科学技术委员会", "SUPPORTS", "怀柔科学城")]
    assert supports["sentence"] == "2024年，北京市科学技术委员会支持怀柔科学城建设。"
    assert REPORT[supports["start"]:supports["end"]] == supports["sentence"]
    assert all(r["low"] == (r["confidence"] < body["low_confidence"]) for r in body["relations"])
    assert [e["type"] for e in body["review"]["edges"]] == [r["type"] for r in body["relations"]]
    assert served.edges_of(DOC) == set()


@pytest.mark.parametrize(("name", "content", "status", "words"), [
    ("scan.txt", b"\x00\x01\x02 binary", 422, "a binary file, not text"),
    ("empty.txt", b"   \n", 422, "the file is empty"),
    ("data.yaml", b"nodes: []\n", 422, "a preview reads a report"),
    ("big.txt", "怀柔科学城。".encode() * 5000, 413, "over the limit"),
])
def test_a_preview_refuses_what_a_load_refuses(served, name, content, status, words):
    body = assert_error_shape(served.preview(content, name), status)
    assert words in body["message"]
    assert "innograph-preview" not in json.dumps(body)  # no temporary path in the answer


def test_a_preview_keeps_the_extraction_time_budget(tmp_path):
    _, server = serve(tmp_path, extract_timeout=1e-9)
    with server as base:
        response = httpx.post(f"{base}/api/v1/sources/preview", files={"file": ("a.txt", REPORT.encode())},
                              headers=ADMIN)
    assert "budget" in assert_error_shape(response, 422, "extraction_timeout")["message"]


def test_a_report_already_loaded_says_so(served):
    assert served.load().status_code == 200
    again = served.preview()
    assert again.status_code == 200 and again.json()["already_loaded"] == DOC
    assert "already holds the document" in again.json()["note"]
    renamed = assert_error_shape(served.preview(name="copy.txt"), 422, "load_failed")  # as its load would be
    assert f"already holds this report as {DOC!r}" in renamed["message"]


def test_loading_with_some_relations_unchecked_stores_only_the_checked_ones(served):
    preview = served.preview().json()
    review = preview["review"]
    left_out = preview["relations"][0]
    review["edges"] = [e for i, e in enumerate(review["edges"]) if i != left_out["index"]]
    response = served.load(review)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["edges"] == len(preview["relations"]) - 1 and summary["documents"] == 1
    kept = {(r["source"], r["type"], r["target"]) for r in preview["relations"][1:]}
    assert served.edges_of(DOC) == kept
    assert (left_out["source"], left_out["type"], left_out["target"]) not in served.edges_of(DOC)


def test_an_unchanged_review_stores_what_a_plain_load_stores(served, tmp_path):
    review = served.preview().json()["review"]
    reviewed = served.load(review).json()
    store, server = serve(tmp_path / "plain")
    with server as base:
        plain = Served(base, store, tmp_path / "plain" / "graph.json").load().json()
    assert reviewed == plain


def test_a_json_review_keeps_each_sentence_as_the_file_has_it(served):
    """YAML reads JSON, but folds a raw NEL (U+0085) in a quoted text into a space: the review sent as JSON
    (as the page and json.dumps write it) stored "委员会 支持" for the file's "委员会\x85支持"."""
    report = REPORT.replace("委员会支持", "委员会\u0085支持")
    preview = served.preview(report.encode()).json()
    sentence = next(r["sentence"] for r in preview["relations"] if r["type"] == "SUPPORTS")
    assert "\u0085" in sentence
    assert served.load(preview["review"], report.encode()).status_code == 200
    stored = {ev.quote for e in served.store.current().iter_edges() for ev in e.evidence if ev.doc == DOC}
    assert sentence in stored


def test_the_clis_review_file_loads_as_the_pages_does(served, tmp_path):
    """`innograph extract X --review F` writes YAML; sent as the `review` part, with one relation deleted, it
    stores the rest, as `innograph load F` would."""
    from loaders.report_loader import extract_report
    from loaders.review import generate_review

    report = tmp_path / f"{DOC}.txt"
    report.write_text(REPORT, encoding="utf-8")
    extraction = extract_report(report, served.store.current())
    dropped = extraction.edges.pop(0)
    text = generate_review(extraction, report.name, "review.yaml")
    files = {"file": (report.name, REPORT.encode()), "review": ("review.yaml", text.encode())}
    response = served.post("/sources", files)
    assert response.status_code == 200, response.text
    assert served.edges_of(DOC) == {e.key for e in extraction.edges} and dropped.key not in served.edges_of(DOC)


@pytest.mark.parametrize("change", ["other document", "node left out but used", "document text outside"])
def test_a_review_that_is_not_the_reports_stores_nothing(served, change):
    review = served.preview().json()["review"]
    if change == "other document":
        review["documents"][0]["id"] = "another-report"
        for edge in review["edges"]:
            for ev in edge["evidence"]:
                ev["doc"] = "another-report"
        words = "the review is not this report's"
    elif change == "document text outside":  # a review may not read a file of the server into the graph
        review["documents"][0]["path"] = "/etc/hostname"
        words = "outside the upload"
    else:
        new = {n["id"] for n in review["nodes"] if n.get("attrs", {}).get("extracted")}
        used = next(end for e in review["edges"] for end in (e["source"], e["target"]) if end in new)
        review["nodes"] = [n for n in review["nodes"] if n["id"] != used]  # a new name unchecked, its relation kept
        words = "rejected"
    before, snapshot = served.store.counts(), served.snapshot.read_bytes()
    body = assert_error_shape(served.load(review), 422)
    assert words in body["message"] and "innograph-upload" not in json.dumps(body)
    assert served.store.current().counts() == before and served.snapshot.read_bytes() == snapshot


def test_a_review_goes_with_a_report_only(served):
    files = {"file": ("data.yaml", b"nodes: []\n"), "review": ("review.json", b"{}")}
    body = assert_error_shape(served.post("/sources", files), 422, "invalid_input")
    assert "a review goes with the report" in body["message"]


def test_documented_when_open(served):
    spec = httpx.get(f"{served.base}/openapi.json").json()
    operation = spec["paths"]["/api/v1/sources/preview"]["post"]
    assert {"401", "403", "413", "422"} <= set(operation["responses"])
    assert "ReportPreview" in json.dumps(operation["responses"]["200"])
    assert "review" in json.dumps(spec["paths"]["/api/v1/sources"]["post"]["requestBody"])
