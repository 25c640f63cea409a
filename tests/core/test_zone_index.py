"""The zone rollup index answers exactly as the answer recomputed from scratch.

After random interleaved writes (row by row, as columns into an empty store, a reopened
snapshot), every supporters page (each type filter, offsets, the whole list walked by offset
and by cursor at page sizes 1 to 5) and every profile read from the index equals what a node
without an index answers, computed from edge keys: each supporter once, in the same order,
with the same paths, and `total` the number of distinct supporters; so does the reopened
snapshot, read eagerly (the server) and lazily (the CLI). A low INDEX_DEGREE makes
most generated nodes keep a rollup while some do not, and makes nodes cross the threshold in
the middle of the writes; a low SUPPORT_PATHS makes supporters have more paths than shown.
"""

from __future__ import annotations

import os

from array import array

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import cursor, limits
from graph.errors import InvalidInput
from graph.memory import MemoryStore, columns as memory_columns, zone_index
from graph.memory.lazy import LazyColumns
from graph.memory.zone_build import build
from graph.model import Edge, Node
from graph.queries import GraphQueries
from graph.store import Batch
from tests.core.test_memory_scale import ColumnEdges
from tests.support.supporter_pages import assert_pages_make_the_whole_list, dumped

#: 30 random histories in `make test` (40 took 16 s, session 18); `make test-deep` runs 10 × ZONE_EXAMPLES (240).
SETTINGS = settings(max_examples=10 * int(os.environ["ZONE_EXAMPLES"]) if "ZONE_EXAMPLES" in os.environ else 30,
                    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TYPES = {"z1": "Zone", "z2": "Zone", "a": "Institution", "b": "Institution", "p": "Program", "f": "Fund",
         "q": "Policy", "x": "Field"}
IDS = list(TYPES)
RELATIONS = ["SUPPORTS", "INVESTS_IN", "LED_BY", "LOCATED_IN", "PART_OF", "FOCUSES_ON", "MEASURES",
             "PARTNERS_WITH"]
NODES = [Node(id=i, type=t, name_zh=f"节点{i}") for i, t in TYPES.items()]


class Recomputed:
    """The same store without its zone index: the query layer answers every node as it answers a
    node too small to keep one (all its rows from edge keys, grouped by supporter)."""

    def __init__(self, store: MemoryStore):
        self._store = store

    def __getattr__(self, name):
        if name in ("support_window", "profile_window"):
            raise AttributeError(name)
        return getattr(self._store, name)


@pytest.fixture
def small_index(monkeypatch):
    monkeypatch.setattr(memory_columns, "HUB", 3)
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 3)
    monkeypatch.setattr(limits, "SUPPORT_PATHS", 2)


edges = st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(RELATIONS), st.sampled_from(IDS)),
                 max_size=25).map(lambda rows: [Edge(source=s, type=k, target=t) for s, k, t in rows])


def assert_same_answers(store: MemoryStore) -> None:
    indexed, recomputed = GraphQueries(store), GraphQueries(Recomputed(store))
    hubs = {i for i, degree in store.degrees(IDS).items() if degree >= zone_index.INDEX_DEGREE}
    assert {i for i in IDS if store.support_window(i, None, 0, None) is not None} == hubs  # in use where it should be
    for node in IDS:
        for wanted in (None, "Institution", "Program", "Fund", "Zone"):
            total, whole = recomputed.supporters_page(node, wanted)
            assert indexed.supporters_page(node, wanted) == (total, whole)
            for limit, offset in ((1, 0), (2, 1), (3, 4), (1000, 0)):
                got = indexed.supporters_window(node, wanted, limit, offset)
                want = recomputed.supporters_window(node, wanted, limit, offset)
                assert (got[0], dumped(got[1]), got[2]) == (want[0], dumped(want[1]), want[2])
                assert got[2] is None or offset + limit < total
            for query in (indexed, recomputed):
                assert_pages_make_the_whole_list(query, node, wanted, whole)
        for most in (1, 500):
            assert indexed.profile(node, most) == recomputed.profile(node, most)


def assert_index_is_rebuilt_the_same(store: MemoryStore) -> None:
    kept = store._c.zindex
    build(store._c)
    fresh, store._c.zindex = store._c.zindex, kept
    assert sorted(kept.roll) == sorted(fresh.roll)
    for z, roll in kept.roll.items():
        other = fresh.roll[z]
        assert (list(roll.rows), roll.by_type, roll.fields) == (list(other.rows), other.by_type, other.fields)
        assert (list(roll.heads), roll.head_types) == (list(other.heads), other.head_types)
        assert {k: list(v) for k, v in roll.lists.items()} == {k: list(v) for k, v in other.lists.items()}


@SETTINGS
@given(first=edges, later=st.lists(edges, min_size=1, max_size=4), as_columns=st.booleans())
def test_every_index_page_equals_the_answer_recomputed_from_scratch(small_index, tmp_path, first, later,
                                                                    as_columns):
    path = tmp_path / "graph.snapshot"
    path.unlink(missing_ok=True)  # tmp_path outlives one example
    store = MemoryStore(path)
    store.write(Batch(nodes=NODES, edges=ColumnEdges(first) if as_columns and first else first))
    for batch in later:
        store.write(Batch(nodes=NODES[:2], edges=batch))
        assert_same_answers(store)
    assert_index_is_rebuilt_the_same(store)
    reopened = MemoryStore(path)
    assert_index_is_rebuilt_the_same(reopened)
    assert_same_answers(reopened)
    lazy = MemoryStore(path, lazy=True)  # what a CLI call reads: one hub's rollup at a time, from the file
    assert_same_answers(lazy)
    assert type(lazy._c) is LazyColumns  # answered lazily, not by reading the file whole first


def test_a_cursor_survives_a_write_before_it_and_a_bad_cursor_is_refused(small_index):
    store = MemoryStore()
    store.write(Batch(nodes=NODES, edges=[Edge(source="a", type="LOCATED_IN", target="z1"),
                                          Edge(source="b", type="LOCATED_IN", target="z1"),
                                          Edge(source="p", type="SUPPORTS", target="a"),
                                          Edge(source="p", type="SUPPORTS", target="b"),
                                          Edge(source="f", type="INVESTS_IN", target="z1")]))
    q = GraphQueries(store)
    assert [(s.node.id, s.path_count) for s in q.supporters_window("z1", None, 3)[1]] == [("f", 1), ("p", 2)]
    total, first, after = q.supporters_window("z1", None, 1)
    assert total == 2 and [s.node.id for s in first] == ["f"] and after
    store.write(Batch(edges=[Edge(source="x", type="SUPPORTS", target="z1")]))  # a direct row, before the cursor
    total, rest, after = q.supporters_window("z1", None, 2, 0, after)
    assert total == 3 and [(s.node.id, s.via.id, s.path_count) for s in rest] == [("p", "a", 2)] and after is None
    assert q.supporters_window("z1", None, 2, 0, cursor.encode((False, "Program", "p", "", 0, "SUPPORTS")))[1] \
        == rest  # a cursor is a position: any row key names one, whether or not the row exists
    assert q.supporters_window("z1", None, 2, 0, cursor.encode((True, "Program", "p", "a", 0, "SUPPORTS")))[1] \
        == []  # a supporter's first row is its position: p is not after itself
    for bad in ("", "xyz", "0", "!!!", "AB"):
        with pytest.raises(InvalidInput, match="not a cursor"):
            q.supporters_window("z1", None, 2, 0, bad)


def test_a_version_2_snapshot_opens_by_building_the_index_and_a_damaged_index_is_refused(small_index, tmp_path,
                                                                                         monkeypatch):
    from graph.errors import StoreUnavailable
    from graph.memory import snapshot, zone_build

    batch = Batch(nodes=NODES, edges=[Edge(source="a", type="LOCATED_IN", target="z1"),
                                      Edge(source="b", type="LOCATED_IN", target="z1"),
                                      Edge(source="p", type="SUPPORTS", target="a"),
                                      Edge(source="f", type="INVESTS_IN", target="z1")])
    with monkeypatch.context() as patch:  # a version-3 file, as the code before lazy opening wrote
        patch.setattr(snapshot, "SNAPSHOT_VERSION", 3)
        current = MemoryStore(tmp_path / "v3")
        current.write(batch)
    with monkeypatch.context() as patch:  # what the code before the index wrote
        patch.setattr(snapshot, "SNAPSHOT_VERSION", 2)
        patch.setattr(zone_build, "sections", lambda c: {})
        old = MemoryStore(tmp_path / "v2")
        old.write(batch)
    assert b'"version":2' in (tmp_path / "v2").read_bytes() and b"zi_nodes" not in (tmp_path / "v2").read_bytes()
    reopened = MemoryStore(tmp_path / "v2")
    assert reopened.support_window("z1", None, 0, None) == current.support_window("z1", None, 0, None)
    assert GraphQueries(reopened).profile("z1") == GraphQueries(current).profile("z1")
    data = bytearray((tmp_path / "v3").read_bytes())
    header_end = data.index(b"}", len(snapshot.MAGIC)) + 1
    import orjson

    header = orjson.loads(bytes(data[len(snapshot.MAGIC) + 4: header_end]))
    at = header_end
    for name, length, _ in header["sections"]:
        if name == "zi_edges":
            data[at: at + 4] = (10 ** 6).to_bytes(4, "little")  # a row pointing past the edges, checksum redone
            header["sections"] = [[n, l, __import__("zlib").crc32(bytes(data[at: at + l])) if n == name else c]
                                  for n, l, c in header["sections"]]
            break
        at += length
    raw = orjson.dumps(header)
    (tmp_path / "v3").write_bytes(snapshot.MAGIC + len(raw).to_bytes(4, "little") + raw + bytes(data[header_end:]))
    with pytest.raises(StoreUnavailable, match="zone index does not add up"):
        MemoryStore(tmp_path / "v3")


def test_a_snapshot_without_supporter_entries_derives_them_and_damaged_ones_are_refused(small_index, tmp_path,
                                                                                         monkeypatch):
    from graph.errors import StoreUnavailable
    from graph.memory import zone_groups

    batch = Batch(nodes=NODES, edges=[Edge(source="a", type="LOCATED_IN", target="z1"),
                                      Edge(source="b", type="LOCATED_IN", target="z1"),
                                      Edge(source="p", type="SUPPORTS", target="a"),
                                      Edge(source="p", type="SUPPORTS", target="b"),
                                      Edge(source="f", type="INVESTS_IN", target="z1"),
                                      Edge(source="f", type="SUPPORTS", target="a")])
    current = MemoryStore(tmp_path / "now")
    current.write(batch)
    with monkeypatch.context() as patch:  # what the code before zone_groups wrote
        patch.setattr(zone_groups, "sections", lambda c, nodes: {})
        older = MemoryStore(tmp_path / "older")
        older.write(batch)
    assert b"zi_heads" not in (tmp_path / "older").read_bytes() and b"zi_heads" in (tmp_path / "now").read_bytes()
    for path in ("older", "now"):
        reopened = MemoryStore(tmp_path / path)
        assert_index_is_rebuilt_the_same(reopened)
        assert GraphQueries(reopened).supporters_page("z1") == GraphQueries(current).supporters_page("z1")
        assert [s.node.id for s in GraphQueries(reopened).supporters_page("z1")[1]] == ["f", "p"]
    with monkeypatch.context() as patch:  # more supporters than rows: refused, not answered wrong
        patch.setattr(zone_groups, "sections", lambda c, nodes: {
            "zi_head_sizes": array("i", [len(c.zindex.roll[z].rows) + 1 for z in nodes]).tobytes(),
            "zi_heads": array("i", [0] * sum(len(c.zindex.roll[z].rows) + 1 for z in nodes)).tobytes()})
        MemoryStore(tmp_path / "bad").write(batch)
    with pytest.raises(StoreUnavailable, match="supporters do not add up"):
        MemoryStore(tmp_path / "bad")
