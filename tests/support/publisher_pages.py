"""The report's author last on every supporters page, checked against a plain reordering.

What a planner relies on: on a zone's supporters page (CLI, API, HTML, profile) the zone's own
supporters come first and the report's author (a document's publisher) after them, on every
page, by offset and by cursor, typed or not, on a hub of the zone index as on a small node. The
oracle is independent of graph/support_order.py: the answer of a store that knows no document
(so no publisher), with the publishers moved to the end, in their own order.
"""

from __future__ import annotations

from graph.queries import GraphQueries
from tests.support.supporter_pages import assert_pages_make_the_whole_list, dumped


class NoPublisher:
    """The same store, with no document (so no publisher) and nothing kept between calls."""

    def __init__(self, store):
        self._store = store

    def documents(self):
        return []

    def memo(self, key, compute):
        return compute()

    def __getattr__(self, name):
        return getattr(self._store, name)


def publisher_last(items: list, publishers: set[str]) -> list:
    return [s for s in items if s.node.id not in publishers] + [s for s in items if s.node.id in publishers]


def assert_publishers_last(query: GraphQueries, node: str, wanted: str | None, publishers: set[str],
                           sizes=range(1, 4), limits=(1, 2, 1000), offsets=(0, 1, 3)) -> list:
    """Every page of `query` for `node` is the plain answer with the publishers moved last; returns it."""
    total, plain = GraphQueries(NoPublisher(query.store)).supporters_page(node, wanted)
    whole = publisher_last(plain, publishers)
    got_total, got = query.supporters_page(node, wanted)
    assert (got_total, dumped(got)) == (total, dumped(whole)), (node, wanted)
    assert_pages_make_the_whole_list(query, node, wanted, whole, sizes)
    for limit in limits:
        for offset in range(0, len(whole) + 2):
            assert dumped(query.supporters_page(node, wanted, limit, offset)[1]) \
                == dumped(whole[offset: offset + limit]), (node, wanted, limit, offset)
    # a cursor with an offset: the cursor of every supporter is a position, the offset counts from it
    for i in range(len(whole)):
        _, _, after = query.supporters_window(node, wanted, i + 1, 0)
        if after is None:
            continue
        for offset in offsets:
            page = query.supporters_window(node, wanted, 2, offset, after)[1]
            assert dumped(page) == dumped(whole[i + 1 + offset: i + 3 + offset]), (node, wanted, i, offset)
    return whole
