"""The ways in: `innograph ask`, GET /api/v1/ask and the /ask page."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import cli
from api.app import create_app
from graph.queries import GraphQueries


@pytest.fixture
def client(bundled_store):
    return TestClient(create_app(store=bundled_store))


def test_every_way_in_is_wired(client):
    assert "/api/v1/ask" in client.get("/openapi.json").json()["paths"]
    assert client.get("/ask").status_code == 200
    assert "ask" in {c.name or c.callback.__name__ for c in cli.app.registered_commands}


def test_api_answers_with_the_answer_model(client):
    r = client.get("/api/v1/ask", params={"q": "哪些政策支持怀柔科学城？"})
    assert r.status_code == 200
    body = r.json()
    assert (body["query"], body["count"], body["interpretation"]) == ("supporters", 2, "支持怀柔科学城的政策")
    assert body["evidence"] and body["link"].startswith("/view?center=")


@pytest.mark.parametrize("q", ["", "   ", "x" * 501])
def test_api_refuses_blank_and_long_questions_with_the_error_shape(client, q):
    r = client.get("/api/v1/ask", params={"q": q})
    assert r.status_code == 422 and r.json()["error"]["code"] in ("invalid_input", "limit_exceeded")


def test_api_answers_a_question_without_words_with_examples(client):
    r = client.get("/api/v1/ask", params={"q": "？？"})
    assert r.status_code == 200 and r.json()["status"] == "not_understood" and r.json()["suggestions"]


def test_the_page_escapes_the_question_and_links_suggestions(client):
    r = client.get("/ask", params={"q": "<script>alert(1)</script>谁支持怀柔科学城"})
    assert r.status_code == 200 and "<script>alert" not in r.text and "&lt;script&gt;" in r.text
    assert "怀柔科学城规划" in r.text
    assert "/ask?q=" in client.get("/ask", params={"q": "怀柔科学城 河北"}).text
    assert 'action="/ask"' in client.get("/").text


def test_cli_ask_prints_a_table_or_json(monkeypatch, bundled_store):
    monkeypatch.setattr(cli, "queries", lambda: GraphQueries(bundled_store))
    runner = CliRunner()
    r = runner.invoke(cli.app, ["ask", "--json", "Who partners with Hebei?"])
    assert r.exit_code == 0 and json.loads(r.stdout)["query"] == "partners"
    r = runner.invoke(cli.app, ["ask", "谁与河北合作？"])
    assert r.exit_code == 0 and "河北省的合作伙伴" in r.stdout
    assert runner.invoke(cli.app, ["ask", ""]).exit_code == 2


def test_cli_ask_shows_only_the_columns_its_rows_fill(monkeypatch, bundled_store):
    """A listing of policies printed empty relation, via and evidence columns; a ranking hid its counts."""
    monkeypatch.setattr(cli, "queries", lambda: GraphQueries(bundled_store))
    runner = CliRunner()
    listing = runner.invoke(cli.app, ["ask", "2018年出台了哪些政策"], env={"COLUMNS": "200"}).stdout
    header = next(line for line in listing.splitlines() if "node" in line and "type" in line)
    assert "evidence" not in header and "relation" not in header and "via" not in header
    ranking = runner.invoke(cli.app, ["ask", "哪个机构最重要？"], env={"COLUMNS": "200"}).stdout
    header = next(line for line in ranking.splitlines() if "node" in line and "type" in line)
    assert "count" in header and "│ 4 " in ranking
    support = runner.invoke(cli.app, ["ask", "谁支持怀柔科学城？"], env={"COLUMNS": "200"}).stdout
    assert "evidence" in next(line for line in support.splitlines() if "node" in line and "type" in line)


def test_the_ask_page_shows_only_the_columns_its_rows_fill(client):
    import re

    def headers(q: str) -> list[str]:
        html = client.get("/ask", params={"q": q}).text
        return re.findall(r'<th><span class="zh">[^<]*</span><span class="en">([^<]+)</span></th>',
                          html[html.index('class="list answer-rows"'):])[:5]

    assert headers("2018年出台了哪些政策")[:3] == ["Node", "Type"]
    assert headers("哪个机构最重要？")[:3] == ["Node", "Type", "Count"]
    assert headers("What fields does Zhongguancun Science City focus on?")[:4] == ["Node", "Type", "Via", "Evidence"]  # no count (graphene through BGI; FSC's fields are now one row each, all direct)
    assert "Evidence" in headers("谁支持怀柔科学城？")
