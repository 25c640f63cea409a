"""Neo4j search pages (graph/neo4j/search.py): the same pages as the memory store's gram index on names
made to collide (read from the search blocks: test_neo4j_search_blocks.py has their own tests), and the
text index statements that answer a database whose blocks were never built: plans that find hits
through the text index, never by scanning every node, and a page the prefixes fill that reads only them.
"""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore, name_grams
from graph.neo4j import cypher
from graph.store import Batch
from tests.core.test_name_grams import nodes, random_keys
from tests.support.neo4j import SCANS, operators

pytestmark = pytest.mark.neo4j


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


@pytest.mark.parametrize("statement, params", [
    (cypher.SEARCH_PREFIX, {"limit": 20}),
    (cypher.SEARCH_REST, {"offset": 0, "limit": 20}),
])
@pytest.mark.parametrize("types", [[], ["Zone"]])
def test_the_search_statements_seek_the_text_index_and_never_scan_every_node(neo4j_store, statement, params, types):
    neo4j_store.write(Batch(nodes=nodes(random.Random(23), 50)))
    records = neo4j_store._driver.execute_query("EXPLAIN " + statement,
                                               {"key": "科技", "needle": "\n科技", "types": types, **params},
                                               database_=neo4j_store.database)
    ops = operators(records.summary.plan)
    assert "NodeIndexContainsScan" in ops, ops
    assert not SCANS & set(ops), ops
    assert "Sort" not in ops, ops  # a Top of the page's size, not a sort of every hit


def test_a_page_the_prefixes_fill_reads_only_them(neo4j_store):
    """PROFILE: 30 names start with the key and 300 more hold it; a page of 20 reads the 30."""
    from graph.model import Node

    neo4j_store.write(Batch(nodes=[Node(id=f"p{i:03d}", type="Zone", name_zh=f"科技园{i:03d}") for i in range(30)]
                      + [Node(id=f"q{i:03d}", type="Zone", name_zh=f"中关村科技{i:03d}") for i in range(300)]))
    neo4j_store._write(lambda tx: tx.run("CALL db.awaitIndexes(60)").consume(), 0)
    assert [n.id for n in neo4j_store.search("科技", [], 20, 0)] == [f"p{i:03d}" for i in range(20)]
    assert [n.id for n in neo4j_store.search("科技", [], 20, 25)][:5] == [f"p{i:03d}" for i in range(25, 30)]
    records = neo4j_store._driver.execute_query("PROFILE " + cypher.SEARCH_PREFIX,
                                               {"key": "科技", "needle": "\n科技", "types": [], "limit": 20},
                                               database_=neo4j_store.database)

    def rows(plan) -> int:
        found = plan["rows"] if plan["operatorType"].startswith("NodeIndexContainsScan") else 0
        return found + sum(rows(child) for child in plan.get("children", []))
    assert rows(records.summary.profile) == 30
