"""What a zone's supporters page reads on Neo4j follows the page, not the hub.

PROFILEd on the real server: the statement that finds the member edge of each listed member
(zone_cypher.MEMBER_TYPES) must expand from the members, never from the hub. Written as one
pattern with the hub seekable by id, the planner started at the hub and read all its member edges
once per listed member: 0.4-0.5 s of every page of a 10k-node graph's busiest zone.
"""

from __future__ import annotations

import pytest

from graph.model import Edge, Node
from graph.neo4j import zone_cypher
from graph.store import Batch

pytestmark = pytest.mark.neo4j

MEMBERS = 1000  #: with these statistics, the one-pattern statement seeks the hub (Expand(Into))


def index_seeks(plan) -> list[str]:
    """The details of every index seek of a plan."""
    own = [plan["args"].get("Details", "")] if "IndexSeek" in plan["operatorType"] else []
    return own + [s for c in plan.get("children", []) for s in index_seeks(c)]


def db_hits(plan) -> int:
    return plan.get("dbHits", 0) + sum(db_hits(c) for c in plan.get("children", []))


@pytest.fixture
def big_zone(neo4j_store):
    nodes = [Node(id="zone-z", type="Zone", name_zh="某园区"), Node(id="zone-y", type="Zone", name_zh="另一园区")]
    nodes += [Node(id=f"firm-{i:04}", type="Institution", name_zh=f"企业{i:03}") for i in range(MEMBERS)]
    edges = [Edge(source=f"firm-{i:04}", type="LOCATED_IN", target="zone-z") for i in range(MEMBERS)]
    edges += [Edge(source="firm-0001", type="PART_OF", target="zone-z"),
              Edge(source="firm-0002", type="LOCATED_IN", target="zone-y")]
    neo4j_store.write(Batch(nodes=nodes, edges=edges))
    return neo4j_store


def test_a_page_reads_the_listed_members_edges_not_the_hubs(big_zone):
    ids = ["firm-0001", "firm-0002", "firm-0003", "no-such-node"]

    def work(tx):
        result = tx.run("CYPHER replan=force PROFILE " + zone_cypher.MEMBER_TYPES, ids=ids, z="zone-z")
        rows = sorted((r["id"], r["t"]) for r in result)
        return rows, result.consume().profile

    rows, plan = big_zone._read(work)
    assert not any("$z" in seek for seek in index_seeks(plan)), plan  # the hub is never a starting point
    assert rows == [("firm-0001", "LOCATED_IN"), ("firm-0001", "PART_OF"), ("firm-0002", "LOCATED_IN"),
                    ("firm-0003", "LOCATED_IN")]
    assert db_hits(plan) < 100, plan  # the hub's side is 1,001 member edges per listed member
