"""The publisher as context and the honest fallback, over HTTP on the bundled graph."""

from __future__ import annotations

from urllib.parse import quote

from tests.api.api_support import AGENCY_ID, ZONE

API = "/api/v1"


def test_neighbors_do_not_pass_through_the_report_author_unless_asked(client):
    url = f"{API}/nodes/{quote(ZONE)}/neighbors"
    narrow = client.get(url, params={"depth": 2}).json()
    wide = client.get(url, params={"depth": 2, "include_publisher": "true"}).json()
    assert narrow["context"] == [AGENCY_ID] and wide["context"] == []
    assert len(narrow["nodes"]) < 40 < len(wide["nodes"])
    tied = {e["target"] for e in narrow["edges"] if e["source"] == AGENCY_ID}
    assert tied <= {n["id"] for n in narrow["nodes"]}


def test_rank_bridges_and_paths_take_include_publisher(client):
    ranked = client.get(f"{API}/rank")
    assert {AGENCY_ID, "region-beijing"}.isdisjoint(r["node"]["id"] for r in ranked.json())
    assert set(ranked.headers["X-Ranked-Apart"].split(",")) == {AGENCY_ID, "region-beijing"}
    assert client.get(f"{API}/rank", params={"include_publisher": "true"}).json()[0]["node"]["id"] == AGENCY_ID
    assert AGENCY_ID not in [b["node"]["id"] for b in client.get(f"{API}/bridges").json()]
    ends = {"source": ZONE, "target": "河北"}
    assert client.get(f"{API}/paths", params=ends).json() == []
    through = client.get(f"{API}/paths", params={**ends, "include_publisher": "true"}).json()
    assert through and all(AGENCY_ID in [n["id"] for n in p["nodes"]] for p in through)


def test_an_empty_typed_answer_points_at_what_does_support(client):
    empty = client.get(f"{API}/nodes/{quote(ZONE)}/supporters", params={"type": "Fund"})
    assert empty.status_code == 200 and empty.json() == [] and empty.headers["X-Total-Count"] == "0"
    assert empty.headers["Link"] == '<related?type=Fund>; rel="related"'
    body = client.get(f"{API}/nodes/{quote(ZONE)}/related", params={"type": "Fund"}).json()
    assert body["message"].startswith("no Fund (基金) supports 怀柔科学城 in the graph")
    assert {s["node"]["type"] for s in body["supporters"]} >= {"Program", "Policy"}
    assert all(s["path"][0]["evidence"] for s in body["supporters"]) and body["related_total"] >= len(body["related"])
    near = client.get(f"{API}/nodes/{quote(ZONE)}/neighbors", params={"type": "Fund"}).json()
    assert near["fallback"]["message"].startswith("no Fund (基金) within 1 hop of 怀柔科学城")


def test_the_report_author_is_one_supporter_with_grouped_paths(client):
    rows = client.get(f"{API}/nodes/{quote(ZONE)}/supporters").json()
    [author] = [r for r in rows if r["node"]["id"] == AGENCY_ID]
    assert author["path_count"] == len(author["paths"]) > 1 and author["path"] == author["paths"][0]["edges"]
