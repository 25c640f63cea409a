"""The report's author is context, not a hub: the same behaviour on both backends.

A small graph where the publisher (P, issuer of the one document) supports members of two
zones and partners with a region: a walk from a zone must not reach the other zone's
members or the region through P; a path must not pass through P; rank and bridges leave P
out; supporters list P once with its paths; include_publisher=True restores each.
"""

from __future__ import annotations

import pytest

from graph.memory import MemoryStore
from graph.model import Document, Edge, Evidence, Node
from graph.publisher import IMPLICIT, publisher_ids
from graph.queries import GraphQueries
from graph.store import Batch, GraphStore
from loaders.implicit import mark_implicit_subjects

EV = Evidence(doc="r", quote="支持", start=0, end=2)


def graph() -> Batch:
    nodes = [Node(id="p", type="Institution", name_zh="市委员会", aliases=["委员会"]),
             Node(id="z1", type="Zone", name_zh="甲城"), Node(id="z2", type="Zone", name_zh="乙城"),
             Node(id="a", type="Institution", name_zh="甲所"), Node(id="b", type="Institution", name_zh="乙所"),
             Node(id="g", type="Program", name_zh="某计划"), Node(id="h", type="Region", name_zh="河北")]
    edges = [Edge(source="a", target="z1", type="LOCATED_IN", evidence=[EV]),
             Edge(source="b", target="z2", type="LOCATED_IN", evidence=[EV]),
             Edge(source="p", target="z1", type="SUPPORTS", evidence=[EV]),
             Edge(source="p", target="z2", type="SUPPORTS", evidence=[EV]),
             Edge(source="p", target="a", type="SUPPORTS", evidence=[EV]),
             Edge(source="p", target="b", type="SUPPORTS", evidence=[EV]),
             Edge(source="p", target="h", type="PARTNERS_WITH",
                  evidence=[Evidence(doc="r", quote="委员会与河北合作", start=3, end=11)]),
             Edge(source="g", target="a", type="SUPPORTS", evidence=[EV]),
             Edge(source="g", target="z1", type="SUPPORTS", evidence=[EV]),
             Edge(source="g", target="z2", type="SUPPORTS", evidence=[EV])]
    return Batch(nodes=nodes, edges=edges, documents=[Document(id="r", title="报告", publisher="市委员会")])


class PublisherContract:
    @pytest.fixture
    def q(self, store) -> GraphQueries:
        batch = graph()
        mark_implicit_subjects(batch)
        store.replace(batch)
        return GraphQueries(store)

    def test_the_issuer_of_a_document_is_its_publisher(self, q):
        assert publisher_ids(q.store) == frozenset({"p"})

    def test_edges_resting_on_the_implicit_author_are_marked_and_stored(self, q):
        marked = {e.key for e in q.store.iter_edges() if e.attrs.get(IMPLICIT) is True}
        # every edge of p but the one whose sentence names it (委员会与河北合作)
        assert marked == {("p", "SUPPORTS", z) for z in ("z1", "z2", "a", "b")}

    def test_a_walk_takes_the_publisher_but_does_not_pass_through_it(self, q):
        sub = q.neighbors("甲城", depth=2)
        assert {n.id for n in sub.nodes} == {"z1", "a", "p", "g", "z2"} and sub.context == ["p"]
        assert ("p", "SUPPORTS", "a") in {e.key for e in sub.edges}  # its ties among the nodes taken are shown
        assert {n.id for n in q.neighbors("甲城", depth=3).nodes} == {"z1", "a", "p", "g", "z2", "b"}
        wide = q.neighbors("甲城", depth=2, include_publisher=True)
        assert {n.id for n in wide.nodes} == {"z1", "a", "p", "g", "z2", "b", "h"} and wide.context == []

    def test_the_publisher_as_the_centre_is_walked(self, q):
        assert {n.id for n in q.neighbors("委员会", depth=1).nodes} == {"p", "z1", "z2", "a", "b", "h"}

    def test_paths_do_not_pass_through_the_publisher_but_may_end_at_it(self, q):
        assert [[n.id for n in p.nodes] for p in q.paths("甲所", "河北")] == []
        assert [[n.id for n in p.nodes] for p in q.paths("甲所", "河北", include_publisher=True)] == [["a", "p", "h"]]
        assert [[n.id for n in p.nodes] for p in q.paths("甲所", "乙所")] == [["a", "g", "z2", "b"]]
        assert [[n.id for n in p.nodes] for p in q.paths("委员会", "河北")] == [["p", "h"]]

    def test_rank_leaves_the_publisher_out_and_counts_no_tie_to_it(self, q):
        degree = {r.node.id: r.score for r in q.rank("degree")}
        assert "p" not in degree and degree["a"] == 2 and degree["z1"] == 2 and degree["g"] == 3
        assert {r.node.id: r.score for r in q.rank("degree", include_publisher=True)}["p"] == 5
        assert "p" not in {r.node.id for r in q.rank("betweenness")}
        assert q.rank("betweenness", include_publisher=True)[0].node.id == "p"

    def test_bridges_leave_the_publisher_out(self, q):
        assert [b.node.id for b in q.bridges()] == ["g"]
        assert [b.node.id for b in q.bridges(include_publisher=True)] == ["g", "p"]

    def test_supporters_list_the_publisher_once_with_its_paths_after_the_zones_own(self, q):
        rows = q.supporters("甲城")
        assert [(s.node.id, s.path_count) for s in rows] == [("g", 2), ("p", 2)]
        author = rows[-1]
        assert [(p.via.id if p.via else None, p.relation) for p in author.paths] == [(None, "SUPPORTS"),
                                                                                      ("a", "SUPPORTS")]
        assert author.via is None and [e.key for e in author.path] == [("p", "SUPPORTS", "z1")]
        assert [e.key for e in author.paths[1].edges] == [("p", "SUPPORTS", "a"), ("a", "LOCATED_IN", "z1")]
        assert [s.node.id for s in q.supporters_page("甲城", None, 1, 1)[1]] == ["p"]
        assert q.supporters_page("甲城", None, 1, 1)[0] == 2
        total, first, after = q.supporters_window("甲城", None, 1)
        assert [s.node.id for s in first] == ["g"] and after
        assert [s.node.id for s in q.supporters_window("甲城", None, 1, 0, after)[1]] == ["p"]


class TestMemoryPublisher(PublisherContract):
    @pytest.fixture
    def store(self) -> GraphStore:
        return MemoryStore()


@pytest.mark.neo4j
class TestNeo4jPublisher(PublisherContract):
    @pytest.fixture
    def store(self, neo4j_store) -> GraphStore:
        return neo4j_store
