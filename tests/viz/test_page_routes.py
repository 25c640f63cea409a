"""The HTML routes: /, /view, /nodes/{ref}; errors are friendly HTML pages with the right status."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from graph.settings import Settings
from loaders.sources import load_sources

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
ZONE_ID = "zone-huairou-science-city"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = MemoryStore()
    load_sources(store, [MINI])
    settings = Settings(data_dir=tmp_path_factory.mktemp("pages"), admin_token="", cors_origins=[])
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def html_of(response, status: int = 200) -> str:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert "Traceback" not in text and 'File "' not in text
    return text


def test_browse_lists_zones_counts_search_and_bridges(client):
    page = html_of(client.get("/"))
    assert "怀柔科学城" in page and "Huairou Science City" in page
    assert f'href="/view?center={ZONE_ID}&amp;depth=2"' in page
    assert f'href="/zones/{ZONE_ID}"' in page  # a zone links to its zone page
    assert 'action="/search"' in page and 'name="q"' in page  # the search box lists what a text finds
    assert "机构" in page and "Institution" in page  # counts by type, both languages
    assert "Bridges between zones" in page


@pytest.mark.parametrize("query", ["center=怀柔科学城", "center=HSC&depth=1", f"center={ZONE_ID}&depth=3",
                                   "center=huairou%20science%20city&type=Institution&type=Program"])
def test_view_draws_the_network(client, query):
    page = html_of(client.get(f"/view?{query}"))
    assert "window.INNOGRAPH" in page and "vis.Network" in page
    assert "怀柔科学城" in page


def test_view_type_filter_keeps_the_centre(client):
    page = html_of(client.get("/view?center=HSC&depth=2&type=Program"))
    assert 'data-type="Program"' in page and 'data-type="Zone"' in page
    assert 'data-type="Institution"' not in page


@pytest.mark.parametrize("query,status,words", [
    ("center=没有这个地方", 404, "no node named"),
    ("center=HSC&depth=9", 422, "depth"),
    ("center=HSC&depth=two", 422, "whole number"),
    ("center=HSC&type=Spaceship", 422, "unknown node type"),
    ("", 422, "give a centre"),
    ("center=%20", 422, "give a centre"),
])
def test_view_errors_are_friendly_pages(client, query, status, words):
    page = html_of(client.get(f"/view?{query}"), status)
    assert words in page
    assert 'role="alert"' in page and 'action="/search"' in page


def test_not_found_suggests_links(client):
    page = html_of(client.get("/view?center=怀柔科学"), 404)
    assert f'href="/view?center={ZONE_ID}"' in page


def test_node_page_lists_names_attributes_and_evidence(client):
    page = html_of(client.get("/nodes/BINN"))
    assert "北京纳米能源与系统研究所" in page and "Beijing Institute of Nanoenergy and Nanosystems" in page
    assert "research" in page  # attribute kind
    assert "整建制搬迁入驻" in page  # evidence quote (the LOCATED_IN edge)
    assert "小测试报告" in page  # its document
    assert '<a href="/zones/zone-huairou-science-city">怀柔科学城</a>' in page  # a zone: its zone page
    assert "embed=1" in page and "<iframe" in page


def test_node_page_errors(client):
    page = html_of(client.get("/nodes/nothing-like-this"), 404)
    assert "no node named" in page


def test_embedded_view(client):
    page = html_of(client.get(f"/view?center={ZONE_ID}&depth=1&embed=1"))
    assert "network-page embed" in page


def test_pages_are_not_in_the_api_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/view" not in paths and "/" not in paths


def test_markup_in_names_is_escaped_on_every_page(tmp_path):
    from graph.model import Document, Edge, Evidence, Node
    from graph.store import Batch

    evil = "<img src=x onerror=alert(1)>"
    store = MemoryStore()
    store.write(Batch(
        nodes=[Node(id="zone-evil", type="Zone", name_zh=evil, name_en=evil),
               Node(id="inst-evil", type="Institution", name_zh="机构</script>", name_en="x", attrs={"kind": evil})],
        edges=[Edge(source="inst-evil", type="LOCATED_IN", target="zone-evil",
                    evidence=[Evidence(doc="d1", quote=evil, start=0, end=3)])],
        documents=[Document(id="d1", title=evil)]))
    settings = Settings(data_dir=tmp_path, admin_token="", cors_origins=[])
    with TestClient(create_app(settings, store=store)) as c:
        for url in ("/", "/nodes/zone-evil", "/nodes/inst-evil", "/view?center=zone-evil",
                    "/view?center=" + evil):
            response = c.get(url)
            assert response.status_code in (200, 404), url
            assert "<img" not in response.text, url
            assert "&lt;img src=x onerror=alert(1)&gt;" in response.text or "\\u003cimg" in response.text, url
