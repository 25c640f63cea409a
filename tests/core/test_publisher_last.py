"""Supporters put the report's author last, on the memory store (graph/support_order.py).

After random interleaved writes, with one or two publishers among the generated nodes (a document
issued by them), every supporters page of every node (each type filter, by offset, by cursor, a
cursor with an offset) is the answer without publishers reordered: publishers after the rest, for
a hub of the zone index and for a node without one, and the same after reopening the snapshot.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from graph.memory import MemoryStore
from graph.model import Document, Edge, Node
from graph.publisher import publisher_ids
from graph.queries import GraphQueries
from graph.store import Batch
from tests.core.test_zone_index import IDS, NODES, SETTINGS, Recomputed, edges, small_index  # noqa: F401 (a fixture)
from tests.support.publisher_pages import assert_publishers_last

BUNDLED_ZONES = ("怀柔科学城", "中关村科学城", "未来科学城", "北京经济技术开发区", "三城一区")


def documents(publishers: list[str]) -> list[Document]:
    return [Document(id=f"doc-{p}", title="报告", publisher=f"节点{p}") for p in publishers]


def assert_all_pages(store) -> None:
    pubs = set(publisher_ids(store))
    q = GraphQueries(store)
    for node in IDS:
        for wanted in (None, "Institution", "Program"):
            assert_publishers_last(q, node, wanted, pubs)
    hidden = GraphQueries(Recomputed(store))  # the same publishers, every node answered from its rows
    for node in IDS:
        assert_publishers_last(hidden, node, None, pubs)


@SETTINGS
@given(first=edges, later=st.lists(edges, min_size=1, max_size=3),
       publishers=st.sampled_from([["a"], ["a", "p"], ["b"]]))
def test_publishers_come_last_on_every_page(small_index, tmp_path, first, later, publishers):
    path = tmp_path / "graph.snapshot"
    path.unlink(missing_ok=True)
    store = MemoryStore(path)
    store.write(Batch(nodes=NODES, edges=first, documents=documents(publishers)))
    assert publisher_ids(store) == frozenset(publishers)
    for batch in later:
        store.write(Batch(nodes=NODES[:2], edges=batch))
        assert_all_pages(store)
    assert_all_pages(MemoryStore(path))


def test_the_commission_is_last_among_each_bundled_zones_supporters(bundled_store):
    q = GraphQueries(bundled_store)
    commission = next(iter(publisher_ids(bundled_store)))
    for zone in BUNDLED_ZONES:
        total, items = q.supporters_page(zone)
        ids = [s.node.id for s in items]
        assert commission in ids and ids[-1] == commission and total == len(ids) > 1, zone
        assert q.profile(zone).supporters[-1].node.id == commission
