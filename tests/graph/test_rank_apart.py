"""A ranking sets apart the report's author and the city it is named after, and says so.

On the bundled graph 北京市 topped `rank` with the city-wide indicators; a planner reads the
ranking as "what supports the zones", so the city and the author are named beside it instead.
"""

from __future__ import annotations

import pytest

from graph import rank_apart
from graph.memory import MemoryStore
from graph.model import Document, Edge, Evidence, Node
from graph.queries import GraphQueries
from graph.store import Batch

EV = Evidence(doc="r", quote="支持", start=0, end=2)


@pytest.fixture(scope="module")
def q() -> GraphQueries:
    nodes = [Node(id="p", type="Institution", name_zh="甲市科委", name_en="Jia Commission"),
             Node(id="city", type="Region", name_zh="甲市", name_en="Jia"),
             Node(id="prov", type="Region", name_zh="甲", name_en="J"),  # a shorter prefix: not the home city
             Node(id="z", type="Zone", name_zh="甲城"), Node(id="g", type="Program", name_zh="某计划")]
    edges = [Edge(source=f"m{i}", target="city", type="MEASURES", evidence=[EV]) for i in range(4)]
    nodes += [Node(id=f"m{i}", type="Metric", name_zh=f"全市指标{i}") for i in range(4)]
    edges += [Edge(source="g", target="z", type="SUPPORTS", evidence=[EV]),
              Edge(source="p", target="z", type="SUPPORTS", evidence=[EV])]
    store = MemoryStore()
    store.replace(Batch(nodes=nodes, edges=edges, documents=[Document(id="r", title="报告", publisher="甲市科委")]))
    return GraphQueries(store)


def test_the_home_city_is_the_longest_region_name_beginning_the_publishers(q):
    assert rank_apart.home_region_ids(q.store) == frozenset({"city"})


def test_rank_leaves_the_city_and_the_author_out_and_says_so(q):
    for by in ("degree", "betweenness"):
        assert {"city", "p"}.isdisjoint(r.node.id for r in q.rank(by))
    assert {r.node.id for r in q.rank("degree")} == {"z", "g", "prov", "m0", "m1", "m2", "m3"}
    assert [r.node.id for r in q.rank("degree", include_publisher=True)][:1] == ["city"]
    said = rank_apart.sentence(q.store, False)
    assert said.startswith("Ranked apart as context") and "Jia Commission (the report's author" in said
    assert "Jia (the city the report covers" in said and "4 ties" in said
    assert rank_apart.sentence(q.store, True) == ""
