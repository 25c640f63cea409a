"""Neo4j search pages: the same pages as the memory store's gram index on names made to collide, and a
plan that finds hits through the text index, never by scanning every node.

What this does not claim: the page is still ranked by a Top over every hit the text index finds
(Neo4j keeps no index in name-length order), so its cost grows with the hits; docs/benchmarks.md
("Bounded search, neighbours and paths") has the PROFILE figures at 10k and 100k nodes.
"""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore, name_grams
from graph.neo4j import cypher
from graph.store import Batch
from tests.core.test_name_grams import nodes, random_keys

pytestmark = pytest.mark.neo4j

SCANS = {"NodeByLabelScan", "AllNodesScan", "NodeIndexScan"}


def operators(plan) -> list[str]:
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += operators(child)
    return out


def test_search_pages_equal_the_memory_stores_gram_index(neo4j_store, monkeypatch):
    batch = Batch(nodes=nodes(random.Random(21), 300))
    neo4j_store.write(batch)
    memory = MemoryStore()
    memory.write(batch)
    monkeypatch.setattr(name_grams, "BROAD", -1)  # every key through the index
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", False)
    for key in random_keys(random.Random(22), 20):
        for types in ((), ("Zone",)):
            for limit, offset in ((20, 0), (5, 7), (300, 0)):
                want = [n.id for n in memory.search(key, types, limit, offset)]
                assert [n.id for n in neo4j_store.search(key, list(types), limit, offset)] == want, \
                    (key, types, limit, offset)


@pytest.mark.parametrize("types", [[], ["Zone"]])
def test_the_search_page_seeks_the_text_index_and_never_scans_every_node(neo4j_store, types):
    neo4j_store.write(Batch(nodes=nodes(random.Random(23), 50)))
    records = neo4j_store._driver.execute_query("EXPLAIN " + cypher.SEARCH_PAGE,
                                               {"key": "科技", "types": types, "offset": 0, "limit": 20},
                                               database_=neo4j_store.database)
    ops = operators(records.summary.plan)
    assert "NodeIndexContainsScan" in ops, ops
    assert not SCANS & set(ops), ops
    assert "Sort" not in ops, ops  # a Top of the page's size, not a sort of every hit
