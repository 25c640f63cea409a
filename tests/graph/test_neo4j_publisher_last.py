"""Supporters put the report's author last on Neo4j too (graph/support_order.py over the Neo4j index).

On the real server of tests/graph/conftest.py, after random interleaved writes with one or two
publishers among the nodes: every supporters page (each type filter, by offset, by cursor, a cursor
with an offset) is the answer without publishers reordered, publishers after the rest, on hubs of
the Neo4j zone index and on nodes without one.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import limits
from graph.neo4j import zone_index
from graph.publisher import publisher_ids
from graph.queries import GraphQueries
from graph.store import Batch
from tests.core.test_publisher_last import documents
from tests.core.test_zone_index import NODES, Recomputed, edges
from tests.support.publisher_pages import assert_publishers_last

pytestmark = pytest.mark.neo4j

SETTINGS = settings(max_examples=int(os.environ.get("ZONE_EXAMPLES", "4")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def small_index(monkeypatch):
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 3)
    monkeypatch.setattr(limits, "SUPPORT_PATHS", 2)


@pytest.mark.timeout(900)
@SETTINGS
@given(first=edges, later=st.lists(edges, min_size=1, max_size=2),
       publishers=st.sampled_from([["a"], ["a", "p"]]))
def test_publishers_come_last_on_every_page(neo4j_store, small_index, first, later, publishers):
    neo4j_store.clear()
    neo4j_store.write(Batch(nodes=NODES, edges=first, documents=documents(publishers)))
    assert publisher_ids(neo4j_store) == frozenset(publishers)
    for batch in later:
        neo4j_store.write(Batch(nodes=NODES[:2], edges=batch))
    query = GraphQueries(neo4j_store)  # every node and type filter: the memory test (same module, same pages)
    for node, wanted in (("z1", None), ("z2", None), ("b", None), ("z1", "Institution")):
        assert_publishers_last(query, node, wanted, set(publishers), sizes=(1, 2), limits=(1, 1000),
                               offsets=(0, 2))
    for node in ("z1", "a"):  # and the same node answered from its rows, as a small node is
        assert_publishers_last(GraphQueries(Recomputed(neo4j_store)), node, None, set(publishers), sizes=(2,),
                               limits=(1000,), offsets=(1,))
