"""Search pages read in rank order (graph/memory/name_order.py) equal the block index's ranking of
every hit, on the bundled graph and on names made to collide, for every kind of key."""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore, name_order
from graph.model import Node
from graph.store import Batch
from graph.text import normalize


@pytest.fixture(autouse=True)
def built_at_once(monkeypatch):
    """The order built by the search that needs it (not in the background), so it answers."""
    monkeypatch.setattr(name_order, "IN_BACKGROUND", False)


def both_ways(store: MemoryStore, key: str, types=(), limit: int = 20, offset: int = 0, monkeypatch=None):
    monkeypatch.setattr(name_order, "BROAD", 10**9)  # the block index: every hit ranked
    whole = [n.id for n in store.search(key, types, limit, offset)]
    monkeypatch.setattr(name_order, "BROAD", -1)  # the ordered texts, stopping at the page
    paged = [n.id for n in store.search(key, types, limit, offset)]
    return whole, paged


def colliding() -> MemoryStore:
    """Names of few characters, so keys hit many names of many lengths; shared names, aliases,
    prefixes, a name equal to the key, several types."""
    rng = random.Random(3)
    nodes = []
    for i in range(400):
        name = "".join(rng.choice("科技园城中关村abA ") for _ in range(rng.randrange(1, 7))).strip() or "科"
        aliases = [name[::-1]] if i % 5 == 0 else []
        nodes.append(Node(id=f"n{rng.randrange(10**6):06d}-{i}", type=rng.choice(["Zone", "Institution", "Fund"]),
                          name_zh=name, name_en=f"Node {i % 37}" if i % 3 else "", aliases=aliases))
    store = MemoryStore()
    store.write(Batch(nodes=nodes))
    return store


@pytest.mark.parametrize("key", ["科", "科技", "技园", "城", "中关村", "a", "node 1", "node", "x", "科技园城", "b a"])
def test_the_page_equals_the_ranking_of_every_hit(key, monkeypatch):
    store = colliding()
    key = normalize(key)
    for types in ((), ("Zone",), ("Fund", "Institution")):
        for limit, offset in ((20, 0), (3, 0), (5, 7), (1000, 0), (2, 150)):
            whole, paged = both_ways(store, key, types, limit, offset, monkeypatch)
            assert paged == whole, (key, types, limit, offset)


def test_the_bundled_graph_answers_the_same_both_ways(bundled_store, monkeypatch):
    names = sorted({normalize(n) for node in bundled_store.iter_nodes() for n in node.names})
    keys = sorted({k[:1] for k in names} | {k[:2] for k in names} | {k[1:3] for k in names if len(k) > 2})
    for key in keys:
        for limit, offset in ((20, 0), (2, 3)):
            whole, paged = both_ways(bundled_store, key, (), limit, offset, monkeypatch)
            assert paged == whole, (key, limit, offset)


def test_the_order_follows_writes(monkeypatch):
    store = colliding()
    monkeypatch.setattr(name_order, "BROAD", -1)
    assert "a-first" not in [n.id for n in store.search("科", limit=1000)]  # the order is built now
    store.write(Batch(nodes=[Node(id="a-first", type="Zone", name_zh="科二")]))
    monkeypatch.setattr(name_order, "BROAD", 10**9)
    whole = [n.id for n in store.search("科", limit=50)]
    monkeypatch.setattr(name_order, "BROAD", -1)
    assert [n.id for n in store.search("科", limit=50)] == whole and "a-first" in whole


def test_in_the_background_the_first_search_is_answered_by_the_block_index_and_later_ones_by_the_order(monkeypatch):
    import time

    store = colliding()
    monkeypatch.setattr(name_order, "BROAD", -1)
    want = [n.id for n in store.search("科", limit=30)]  # built at once: the reference
    store.write(Batch(nodes=[Node(id="zz", type="Zone", name_zh="园")]))  # a new state: no order yet
    monkeypatch.setattr(name_order, "IN_BACKGROUND", True)
    assert [n.id for n in store.search("科", limit=30)] == want  # the block index, while the order builds
    for _ in range(200):
        if store._c.name_order is not None:
            break
        time.sleep(0.01)
    assert store._c.name_order is not None
    assert [n.id for n in store.search("科", limit=30)] == want
