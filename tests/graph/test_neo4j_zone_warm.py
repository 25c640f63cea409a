"""A zone's first page after a store opens plans nothing (graph/neo4j/zone_warm.py).

Neo4j caches a plan per statement text and parameter types; the store runs each statement of a
hub's page and profile once when it opens. These tests record, on the real server, the statements
a supporters page (every form: typed, by offset, by cursor) and a profile run on a hub, and fail
if any is not among the warmed ones with the same parameter types: an edited page statement that
nobody added to zone_warm would bring the first user's planning back, silently.
"""

from __future__ import annotations

import pytest

from graph.neo4j import zone_index, zone_warm
from graph.model import Edge, Node
from graph.queries import GraphQueries
from graph.store import Batch

pytestmark = pytest.mark.neo4j


def _types(params: dict) -> str:
    """The parameters' names and value types (a list by its first item's), as one comparable text."""
    def kind(value):
        return [kind(v) for v in value[:1]] if isinstance(value, list) else type(value).__name__
    return repr(sorted((k, kind(v)) for k, v in params.items()))


@pytest.fixture
def recorded(monkeypatch):
    """Every (statement, parameter types) a transaction runs while the test reads."""
    from neo4j._sync.work.transaction import TransactionBase

    seen: list[tuple[str, str]] = []
    run = TransactionBase.run

    def record(self, query, parameters=None, **kwargs):
        seen.append((query, _types({**(parameters or {}), **kwargs})))
        return run(self, query, parameters, **kwargs)

    monkeypatch.setattr(TransactionBase, "run", record)
    return seen


def test_every_statement_of_a_hub_page_and_profile_is_warmed_at_open(neo4j_store, monkeypatch, recorded):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 3)
    nodes = [Node(id="z", type="Zone", name_zh="园区"), Node(id="p", type="Program", name_zh="计划"),
             Node(id="f", type="Fund", name_zh="基金"),
             *(Node(id=f"e{i}", type="Institution", name_zh=f"企业{i}") for i in range(4))]
    edges = [*(Edge(source=f"e{i}", type="LOCATED_IN", target="z") for i in range(4)),
             Edge(source="p", type="SUPPORTS", target="z"), Edge(source="f", type="INVESTS_IN", target="e1"),
             Edge(source="p", type="SUPPORTS", target="e2"), Edge(source="z", type="PARTNERS_WITH", target="e3")]
    neo4j_store.write(Batch(nodes=nodes, edges=edges))
    q = GraphQueries(neo4j_store)
    recorded.clear()
    total, page, after = q.supporters_window("z", limit=1)
    assert total == 2 and after is not None  # p (direct and through e2) and f (through e1), each once
    q.supporters_window("z", limit=1, after=after)
    q.supporters_window("z", limit=1, offset=1, after=after)  # a cursor and an offset: the range is counted
    q.supporters_page("z", "Fund", limit=2)
    q.profile("z")
    warmed = {(statement, repr(_types(params))) for statement, params in zone_warm.STATEMENTS}
    cold = [statement for statement, types in recorded if (statement, repr(types)) not in warmed]
    assert [(s[:40], t) for s, t in recorded if (s, repr(t)) not in warmed] == []
    assert {statement for statement, _ in recorded} == {statement for statement, _ in zone_warm.STATEMENTS}


def test_warming_finds_nothing_and_writes_nothing(neo4j_store):
    neo4j_store.write(Batch(nodes=[Node(id="z", type="Zone", name_zh="园区")]))
    before = neo4j_store.counts()
    assert all(rows in ([], [{"n": 0}]) for rows in neo4j_store._read(zone_warm.warm))
    assert neo4j_store.counts() == before


def test_a_store_opens_when_warming_runs_past_the_query_budget(  # a fresh server under load took > 10 s
        neo4j_settings, neo4j_store, monkeypatch):
    slow = ("UNWIND range(1, 1000000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n", {})
    monkeypatch.setattr(zone_warm, "STATEMENTS", (slow, *zone_warm.STATEMENTS))
    from graph.neo4j.store import Neo4jStore

    with Neo4jStore(neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user, neo4j_settings.neo4j_password,
                    neo4j_settings.neo4j_database, query_timeout=1.0) as store:
        assert store.counts().total_nodes == 0  # and the store answers
