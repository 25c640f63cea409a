"""An empty store, on both backends: every query that finds nothing says the graph is empty and where
it looked (graph/empty.py), and a graph with nodes still says "no node named X"."""

from __future__ import annotations

import pytest

from graph.errors import EmptyGraph, NotFound
from graph.memory import MemoryStore
from graph.model import Node
from graph.queries import GraphQueries
from graph.store import Batch


@pytest.fixture(params=["memory", "neo4j"])
def empty(request, tmp_path):
    if request.param == "memory":
        return MemoryStore(tmp_path / "graph.json"), str(tmp_path)
    store = request.getfixturevalue("neo4j_store")  # emptied before the test
    return store, f"Neo4j at {store.uri} (database {store.database})"


@pytest.mark.parametrize("ask", [
    lambda q: q.resolve("怀柔科学城"),
    lambda q: q.supporters_window("怀柔科学城", None, 10, 0, None),
    lambda q: q.paths("河北", "怀柔科学城", 4),
    lambda q: q.search("科学城"),
    lambda q: q.rank("degree"),
    lambda q: q.bridges(),
    lambda q: q.whole_graph(),
], ids=["resolve", "supporters", "paths", "search", "rank", "bridges", "whole_graph"])
def test_an_empty_store_says_so_and_where(empty, ask):
    store, where = empty
    with pytest.raises(EmptyGraph) as raised:
        ask(GraphQueries(store))
    assert raised.value.message == "the graph is empty: nothing is stored"  # the same on both backends
    assert raised.value.located().startswith("the graph is empty: nothing is stored in ")
    assert where in raised.value.located() and "innograph build" in raised.value.suggestions[0]


def test_a_store_with_nodes_still_names_the_unknown_name(empty):
    store, _ = empty
    store.write(Batch(nodes=[Node(id="zone-x", type="Zone", name_zh="某园区", name_en="Some Zone")]))
    q = GraphQueries(store)
    with pytest.raises(NotFound) as raised:
        q.resolve("怀柔科学城")
    assert not isinstance(raised.value, EmptyGraph) and "no node named" in raised.value.message
    assert q.search("科学城") == [] and q.bridges() == []
