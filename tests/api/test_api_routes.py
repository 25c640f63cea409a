"""Every query route on the bundled graph: status, shape, both names and evidence."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.api.api_support import AGENCY, AGENCY_ID, ETOWN_ALIAS, ETOWN_ID, ETOWN_ZH, ZONE, ZONE_ID
from viz.export.nodelink import parse_json

API = "/api/v1"


def has_evidence(edges: list[dict]) -> bool:
    return bool(edges) and all(e["evidence"] and e["evidence"][0]["quote"] for e in edges)


def check_health(body):
    assert body["status"] == "ok" and body["backend"] == "memory"
    assert body["nodes"] > 0 and body["edges"] > 0


def check_stats(body):
    assert body["nodes"] == sum(body["nodes_by_type"].values())
    assert body["edges"] == sum(body["edges_by_type"].values())
    assert body["documents"]


def check_agency(body):
    assert body["id"] == AGENCY_ID
    assert body["name_zh"] == "北京市科学技术委员会" and body["name_en"]


def check_etown(body):
    assert body["id"] == ETOWN_ID and body["name_zh"] == ETOWN_ZH and body["name_en"]


def check_search_zone(body):
    assert body[0]["id"] == ZONE_ID


def check_neighbors(body):
    assert body["center"] == ZONE_ID
    assert {n["id"] for n in body["nodes"]} >= {ZONE_ID}
    assert all(n["name_zh"] for n in body["nodes"])
    assert has_evidence(body["edges"])


def check_only_institutions(body):
    assert {n["type"] for n in body["nodes"] if n["id"] != body["center"]} == {"Institution"}


def check_only_located_in(body):
    assert body["edges"] and {e["type"] for e in body["edges"]} == {"LOCATED_IN"}


def check_supporters(body):
    assert body
    for s in body:
        assert s["node"]["name_zh"] and s["relation"]
        assert has_evidence(s["path"])
    assert any(s["node"]["id"] == AGENCY_ID for s in body)


def check_zones(body):
    assert {z["type"] for z in body} == {"Zone"}
    assert ZONE_ID in {z["id"] for z in body}


def check_zone_profile(body):
    assert body["zone"]["id"] == ZONE_ID and body["zone"]["name_en"]
    assert body["members"] and body["supporters"]
    assert has_evidence([m["edge"] for m in body["members"]])


def check_path(body):
    assert body
    for p in body:
        assert p["nodes"][0]["id"] == ZONE_ID and p["nodes"][-1]["id"] == ETOWN_ID
        assert len(p["edges"]) == len(p["nodes"]) - 1
        assert has_evidence(p["edges"])


def check_subgraph_types(body):
    assert body["center"] == ETOWN_ID
    assert {n["type"] for n in body["nodes"]} <= {"Institution", "Zone"}


def check_ranked(body):
    scores = [r["score"] for r in body]
    assert len(body) == 5 and scores == sorted(scores, reverse=True)


def check_ranked_zones(body):
    assert body and {r["node"]["type"] for r in body} == {"Zone"}


def check_bridges(body):
    assert all(len(b["zones"]) >= 2 and has_evidence(b["edges"]) for b in body)


def check_list(n):
    def check(body):
        assert len(body) == n
    return check


ROUTES = [
    ("health", "/health", {}, check_health),
    ("stats", "/stats", {}, check_stats),
    ("search", "/search", {"q": ZONE}, check_search_zone),
    ("search traditional", "/search", {"q": "懷柔科學城"}, check_search_zone),
    ("search by type", "/search", {"q": "Huairou", "type": "Zone"}, check_search_zone),
    ("search page", "/search", {"q": "科", "limit": 2, "offset": 1}, check_list(2)),
    ("node by alias", f"/nodes/{quote(AGENCY)}", {}, check_agency),
    ("node by id", f"/nodes/{AGENCY_ID}", {}, check_agency),
    ("node by name", f"/nodes/{quote('北京市科学技术委员会')}", {}, check_agency),
    ("node by zh alias", f"/nodes/{quote(ETOWN_ALIAS)}", {}, check_etown),
    ("node by en alias", f"/nodes/{quote('E-Town')}", {}, check_etown),
    ("neighbors", f"/nodes/{quote(ZONE)}/neighbors", {"depth": 2}, check_neighbors),
    ("neighbors by type", f"/nodes/{quote(ZONE)}/neighbors", {"depth": 2, "type": "Institution"},
     check_only_institutions),
    ("neighbors by rel", f"/nodes/{quote(ZONE)}/neighbors", {"rel": "LOCATED_IN"}, check_only_located_in),
    ("supporters", f"/nodes/{quote(ZONE)}/supporters", {}, check_supporters),
    ("zones", "/zones", {}, check_zones),
    ("zone profile", f"/zones/{quote(ZONE)}", {}, check_zone_profile),
    ("paths", "/paths", {"source": ZONE, "target": ETOWN_ALIAS, "max_hops": 4}, check_path),
    ("subgraph", "/subgraph", {"center": ETOWN_ALIAS, "type": ["Institution", "Zone"]}, check_subgraph_types),
    ("rank", "/rank", {"limit": 5}, check_ranked),
    ("rank zones", "/rank", {"by": "betweenness", "type": "Zone"}, check_ranked_zones),
    ("bridges", "/bridges", {}, check_bridges),
]


@pytest.mark.parametrize("label, path, params, check", ROUTES, ids=[r[0] for r in ROUTES])
def test_route(client, label, path, params, check):
    response = client.get(API + path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    check(response.json())


def test_supporters_by_type(client):
    body = client.get(f"{API}/nodes/{quote(ZONE)}/supporters", params={"type": "Institution"}).json()
    assert body and {s["node"]["type"] for s in body} == {"Institution"}


def test_export_is_a_named_download(client):
    response = client.get(f"{API}/export", params={"center": ZONE, "depth": 1})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["content-disposition"] == f'attachment; filename="{ZONE_ID}-depth1.json"'
    sub, documents = parse_json(response.text)
    assert sub.center == ZONE_ID and sub.nodes and documents


def test_neighbors_cap_truncates(client):
    body = client.get(f"{API}/nodes/{quote(AGENCY)}/neighbors", params={"depth": 2, "max_nodes": 3}).json()
    assert len(body["nodes"]) <= 3 and body["truncated"] and body["omitted"] > 0


def test_openapi_documents_the_limits(client):
    spec = client.get("/openapi.json").json()
    assert client.get("/docs").status_code == 200

    def param(path, name):
        return next(p for p in spec["paths"][API + path]["get"]["parameters"] if p["name"] == name)["schema"]

    assert param("/nodes/{ref}/neighbors", "depth")["maximum"] == 3
    assert param("/subgraph", "depth")["maximum"] == 3
    assert param("/paths", "max_hops")["maximum"] == 6
    assert param("/search", "limit")["maximum"] == 1000
    assert param("/rank", "limit")["maximum"] == 1000
    assert "Zone" in param("/search", "type")["anyOf"][0]["enum"]
    paths = set(spec["paths"])
    assert {f"{API}/{p}" for p in ("health", "stats", "search", "nodes/{ref}", "nodes/{ref}/neighbors",
                                     "nodes/{ref}/supporters", "zones", "zones/{ref}", "paths", "subgraph",
                                     "rank", "bridges", "export")} <= paths
    assert f"{API}/sources" not in paths
    error = spec["paths"][f"{API}/nodes/{{ref}}"]["get"]["responses"]["404"]["content"]["application/json"]
    assert error["schema"]["$ref"].endswith("/ErrorResponse")


def test_supporters_page_and_total(client):
    url = f"{API}/nodes/{quote(ZONE)}/supporters"
    everything = client.get(url)
    total = int(everything.headers["x-total-count"])
    assert total == len(everything.json()) >= 2
    page = client.get(url, params={"limit": 1, "offset": 1})
    assert page.headers["x-total-count"] == str(total)
    assert page.json() == everything.json()[1:2]


def test_subgraph_and_view_filter_by_year(client):
    r = client.get("/api/v1/subgraph", params={"center": "怀柔科学城", "depth": 1, "year": 2018})
    assert r.status_code == 200 and len(r.json()["nodes"]) > 1
    assert client.get("/api/v1/nodes/HSC/neighbors", params={"year": 2017}).status_code == 404
    assert client.get("/view", params={"center": "HSC", "year": "2018"}).status_code == 200
    assert client.get("/view", params={"center": "HSC", "year": "x"}).status_code == 422


def test_supporters_by_cursor_walk_the_same_list_and_a_bad_cursor_is_a_422(client):
    url = f"{API}/nodes/{quote(ZONE)}/supporters"
    everything = client.get(url).json()
    pages, after = [], None
    while True:
        r = client.get(url, params={"limit": 1, **({"after": after} if after else {})})
        assert r.status_code == 200 and r.headers["x-total-count"] == str(len(everything))
        pages += r.json()
        after = r.headers.get("x-next-after")
        if after is None:
            break
    assert pages == everything and len(pages) >= 2
    bad = client.get(url, params={"after": "not-a-cursor"})
    assert bad.status_code == 422 and "after" in bad.json()["error"]["message"]
