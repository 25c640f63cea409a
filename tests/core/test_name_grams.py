"""Search pages from gram postings (graph/memory/name_grams.py) equal the block index's ranking of
every hit: on random keys over names made to collide, after writes (the delta), after a rebuild,
and read back from the snapshot (eagerly and lazily)."""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore, name_grams
from graph.model import Node
from graph.store import Batch
from graph.text import normalize

ALPHABET = "科技园城中关村abA "


@pytest.fixture(autouse=True)
def built_at_once(monkeypatch):
    """The index built by the search that needs it (not in the background), so it answers."""
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", False)


def nodes(rng: random.Random, count: int, tag: str = "") -> list[Node]:
    """Names of few characters, so keys hit many names of many lengths; shared names, aliases,
    prefixes, names equal to keys, several types."""
    out = []
    for i in range(count):
        name = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 8))).strip() or "科"
        aliases = [name[::-1]] if i % 5 == 0 else []
        out.append(Node(id=f"n{rng.randrange(10**6):06d}{tag}-{i}", type=rng.choice(["Zone", "Institution", "Fund"]),
                        name_zh=name, name_en=f"Node {i % 37}" if i % 3 else "", aliases=aliases))
    return out


def colliding(seed: int = 3, count: int = 400, path=None) -> MemoryStore:
    store = MemoryStore(path)
    store.write(Batch(nodes=nodes(random.Random(seed), count)))
    return store


def scan(store: MemoryStore, key: str, types=(), limit: int = 20, offset: int = 0) -> list[str]:
    """The answer of the block index: every hit ranked."""
    kept = name_grams.BROAD
    name_grams.BROAD = 10**12
    try:
        return [n.id for n in store.search(key, types, limit, offset)]
    finally:
        name_grams.BROAD = kept


def paged(store: MemoryStore, key: str, types=(), limit: int = 20, offset: int = 0) -> list[str]:
    """The answer of the gram postings (asked for every key)."""
    kept = name_grams.BROAD
    name_grams.BROAD = -1
    try:
        return [n.id for n in store.search(key, types, limit, offset)]
    finally:
        name_grams.BROAD = kept


def random_keys(rng: random.Random, count: int) -> list[str]:
    keys = {"科", "科技", "技园", "中关村", "a", "node 1", "node", "x", "b a", "科技园城"}
    while len(keys) < count:
        keys.add(normalize("".join(rng.choice(ALPHABET + "d") for _ in range(rng.randrange(1, 4)))) or "科")
    return sorted(keys)


PAGES = ((20, 0), (3, 0), (5, 7), (1000, 0), (2, 150), (1, 399))
TYPES = ((), ("Zone",), ("Fund", "Institution"))


def test_random_keys_page_as_the_scan_of_every_hit():
    store, rng = colliding(), random.Random(11)
    for key in random_keys(rng, 40):
        for types in TYPES:
            for limit, offset in PAGES:
                assert paged(store, key, types, limit, offset) == scan(store, key, types, limit, offset), \
                    (key, types, limit, offset)


def test_the_bundled_graph_pages_as_the_scan(bundled_store):
    names = sorted({normalize(n) for node in bundled_store.iter_nodes() for n in node.names})
    keys = sorted({k[:1] for k in names} | {k[:2] for k in names} | {k[1:3] for k in names if len(k) > 2})
    for key in keys:
        for limit, offset in ((20, 0), (2, 3)):
            assert paged(bundled_store, key, (), limit, offset) == scan(bundled_store, key, (), limit, offset), key


def test_writes_after_the_build_are_paged_from_the_delta():
    store, rng = colliding(), random.Random(5)
    paged(store, "科")  # the index is built now
    built = store._c.name_grams
    store.write(Batch(nodes=nodes(rng, 60, "w")))
    # names that gain a node of a smaller id move forward on the page: a shared name, an alias
    store.write(Batch(nodes=[Node(id="a-first", type="Zone", name_zh="科技"),
                             Node(id="a-second", type="Fund", name_zh="城科", aliases=["中关村科"])]))
    assert store._c.name_grams is built and store._c.name_grams.behind(store._c.names) > 60
    for key in random_keys(random.Random(12), 25):
        for types in TYPES:
            for limit, offset in PAGES:
                assert paged(store, key, types, limit, offset) == scan(store, key, types, limit, offset), \
                    (key, types, limit, offset)
    assert "a-first" in paged(store, "科技", limit=5)


def test_past_the_delta_the_index_is_built_again(monkeypatch):
    store = colliding()
    paged(store, "科")
    built = store._c.name_grams
    monkeypatch.setattr(name_grams, "DELTA", 10)
    store.write(Batch(nodes=nodes(random.Random(8), 30, "w")))
    want = scan(store, "科", limit=50)
    assert paged(store, "科", limit=50) == want
    assert store._c.name_grams is not built and store._c.name_grams.behind(store._c.names) == 0


def test_in_the_background_the_block_index_answers_until_the_build_is_done(monkeypatch):
    import time

    store = colliding()
    want = scan(store, "科", limit=30)
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", True)
    assert paged(store, "科", limit=30) == want  # the block index, while the index builds
    for _ in range(500):
        if getattr(store._c, "name_grams", None) is not None:
            break
        time.sleep(0.01)
    assert store._c.name_grams is not None
    assert paged(store, "科", limit=30) == want


@pytest.mark.parametrize("lazy", [False, True])
def test_the_snapshot_keeps_the_index_and_its_delta(tmp_path, lazy):
    snap = tmp_path / "graph.snapshot"
    store = colliding(path=snap)
    paged(store, "科")
    store.write(Batch(nodes=nodes(random.Random(9), 40, "w") + [Node(id="a-first", type="Zone", name_zh="科技")]))
    store.save()  # the write went to the journal (graph/memory/journal.py); what a save keeps is tested here
    again = MemoryStore(snap, lazy=lazy)
    grams = again._c.name_grams
    assert grams is not None and grams.n < len(again._c.names.slots) and "科技" in grams.extra
    for key in random_keys(random.Random(13), 20):
        for limit, offset in ((20, 0), (5, 7), (1000, 0)):
            assert paged(again, key, (), limit, offset) == scan(store, key, (), limit, offset), (key, limit, offset)


def test_a_damaged_index_is_refused_with_the_snapshot_error(tmp_path):
    from graph.errors import StoreUnavailable

    snap = tmp_path / "graph.snapshot"
    colliding(path=snap)
    start = MemoryStore(snap, lazy=True)._c._sec.spans["sg_post"][0]
    data = bytearray(snap.read_bytes())
    data[start] ^= 0xFF
    snap.write_bytes(bytes(data))
    with pytest.raises(StoreUnavailable, match="cannot be read|damaged"):
        paged(MemoryStore(snap, lazy=True), "科")
    with pytest.raises(StoreUnavailable):
        MemoryStore(snap)


def test_a_save_builds_the_index_past_an_eighth_of_it_and_keeps_a_small_delta(tmp_path, monkeypatch):
    snap = tmp_path / "graph.snapshot"
    store = colliding(path=snap)
    first = MemoryStore(snap, lazy=True)._c.name_grams
    assert first.n == len(store._c.names.slots)  # the load's save built it
    monkeypatch.setattr(name_grams, "DELTA", 5)
    store.write(Batch(nodes=nodes(random.Random(30), 3, "a")))
    kept = MemoryStore(snap, lazy=True)._c.name_grams
    assert kept.n == first.n and kept.behind(MemoryStore(snap, lazy=True)._c.names) > 0  # a small delta: kept
    store.write(Batch(nodes=nodes(random.Random(31), first.n // 8, "b")))
    again = MemoryStore(snap, lazy=True)
    assert again._c.name_grams.n == len(again._c.names.slots)  # past an eighth: built by the save


@pytest.mark.parametrize("lazy", [False, True])
def test_a_snapshot_without_the_index_pages_as_the_scan_and_builds_it(tmp_path, monkeypatch, lazy):
    """A version-4 snapshot written before the index (no sg_* sections) opens, and its first broad
    search builds the index from the snapshot's columns (lazy ones too)."""
    snap = tmp_path / "graph.snapshot"
    monkeypatch.setattr(name_grams, "sections", lambda c: {})
    store = colliding(path=snap)
    old = MemoryStore(snap, lazy=lazy)
    assert old._c.name_grams is None
    for key in ("科", "技园", "node"):
        assert paged(old, key, limit=30) == scan(store, key, limit=30)
    assert old._c.name_grams is not None
