"""Shortest paths with a bounded cost (graph/bounded_paths.py): the same answers where they answer,
an honest decline where a path would have to pass beyond a hub, and one rule on every backend
(the Neo4j half is in tests/graph/test_bounded_neo4j.py)."""

from __future__ import annotations

import random

import pytest

from graph import limits
from graph.bounded_paths import bounded_shortest_paths
from graph.errors import SearchBounded
from graph.memory import MemoryStore
from graph.model import Edge, Node
from graph.queries import GraphQueries
from graph.store import Batch


def two_hubs(members: int = 60) -> MemoryStore:
    """a - h1 - x - h2 - b, each hub with `members` more firms; c sits in h1 only, d in both."""
    nodes = [Node(id=i, type="Institution", name_zh=f"企业{i}") for i in ("a", "b", "c", "d", "x")]
    nodes += [Node(id="h1", type="Zone", name_zh="一园"), Node(id="h2", type="Zone", name_zh="二园")]
    edges = [Edge(source=s, target=t, type="LOCATED_IN") for s, t in
             (("a", "h1"), ("x", "h1"), ("x", "h2"), ("b", "h2"), ("c", "h1"), ("d", "h1"), ("d", "h2"))]
    for hub in ("h1", "h2"):
        for i in range(members):
            nodes.append(Node(id=f"{hub}-m{i:03d}", type="Institution", name_zh=f"{hub}成员{i}"))
            edges.append(Edge(source=f"{hub}-m{i:03d}", target=hub, type="LOCATED_IN"))
    store = MemoryStore()
    store.write(Batch(nodes=nodes, edges=edges))
    return store


def test_a_path_through_a_hub_is_found_without_reading_the_hub():
    store = two_hubs()
    assert store.shortest_node_paths("a", "c", 4, cap=10) == [["a", "h1", "c"]]
    assert bounded_shortest_paths(store, "a", "c", 4, None, (), 10) == [["a", "h1", "c"]]


def test_a_path_beyond_a_hub_declines_and_names_it_unless_asked_to_read_it():
    store = two_hubs()
    every = store.shortest_node_paths("a", "b", 4)
    assert every == [["a", "h1", "d", "h2", "b"], ["a", "h1", "x", "h2", "b"]]
    for search in (lambda: store.shortest_node_paths("a", "b", 4, cap=20),
                   lambda: bounded_shortest_paths(store, "a", "b", 4, None, (), 20)):
        with pytest.raises(SearchBounded) as info:
            search()
        assert info.value.at == "h2" and info.value.degree == 63  # the cheaper side: h1 has 64
    assert store.shortest_node_paths("a", "b", 4, cap=100) == every


def test_the_query_names_the_hub_and_through_hubs_answers(monkeypatch):
    q = GraphQueries(two_hubs())
    monkeypatch.setattr(limits, "PATH_EXPAND_EDGES", 20)
    with pytest.raises(SearchBounded, match=r"二园 \(Zone, h2, 63 edges\).*through_hubs"):
        q.paths("a", "b", 4)
    found = q.paths("a", "b", 4, through_hubs=True)
    assert [[n.id for n in p.nodes] for p in found] == [["a", "h1", "d", "h2", "b"], ["a", "h1", "x", "h2", "b"]]
    assert [e.key for e in found[0].edges] == [("a", "LOCATED_IN", "h1"), ("d", "LOCATED_IN", "h1"),
                                              ("d", "LOCATED_IN", "h2"), ("b", "LOCATED_IN", "h2")]
    assert [[n.id for n in p.nodes] for p in q.paths("a", "c", 4)] == [["a", "h1", "c"]]


def random_graph(seed: int, n: int = 120) -> MemoryStore:
    """Firms tied to a few hubs (a skewed choice, as in `innograph synth`) and to each other."""
    rng = random.Random(seed)
    hubs = [f"z{i}" for i in range(4)]
    nodes = [Node(id=h, type="Zone", name_zh=f"园{h}") for h in hubs]
    nodes += [Node(id=f"f{i:03d}", type="Institution", name_zh=f"企业{i}") for i in range(n)]
    keys = set()
    for i in range(n):
        keys.add((f"f{i:03d}", "LOCATED_IN", rng.choices(hubs, [8, 4, 2, 1])[0]))
        for _ in range(rng.randrange(3)):
            j = rng.randrange(n)
            if j != i:
                keys.add((f"f{i:03d}", "PARTNERS_WITH", f"f{j:03d}"))
    store = MemoryStore()
    store.write(Batch(nodes=nodes, edges=[Edge(source=s, type=t, target=d) for s, t, d in sorted(keys)]))
    return store


@pytest.mark.parametrize("seed", range(6))
def test_the_bounded_search_answers_as_the_whole_one_or_declines_on_both_implementations(seed):
    store = random_graph(seed)
    rng = random.Random(seed)
    ids = sorted(n.id for n in store.iter_nodes())
    answered = declined = 0
    for _ in range(60):
        a, b = rng.sample(ids, 2)
        for hops, cap in ((2, 30), (4, 30), (6, 60)):
            whole = store.shortest_node_paths(a, b, hops, 20)
            outcomes = []
            for search in (lambda: store.shortest_node_paths(a, b, hops, 20, cap=cap),
                           lambda: bounded_shortest_paths(store, a, b, hops, 20, (), cap)):
                try:
                    outcomes.append(search())
                except SearchBounded as exc:
                    outcomes.append(("declined", exc.at, exc.degree))
            assert outcomes[0] == outcomes[1], (a, b, hops, cap)
            if outcomes[0] and outcomes[0][0] == "declined":
                declined += 1
            else:
                answered += 1
                assert outcomes[0] == whole, (a, b, hops, cap)
    assert answered and declined  # the graphs exercise both outcomes
