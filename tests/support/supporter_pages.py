"""Walking a supporters list page by page, as a client does, for the zone index tests of both backends.

The answer a user relies on: whatever the node's size and the backend, the pages of a supporters
list, walked by offset or by the `after` cursor at any page size, put together are the whole list
(each supporter once, in order, with all its paths), and every page's `total` is the number of
distinct supporters.
"""

from __future__ import annotations

from graph.queries import GraphQueries


def dumped(items) -> list:
    return [s.model_dump(mode="json") for s in items]


def walk_by_cursor(query: GraphQueries, node: str, wanted: str | None, size: int) -> tuple[list, set[int]]:
    """(every supporter of the pages followed by cursor, the totals the pages gave)."""
    pages, totals, after = [], set(), None
    while True:
        total, page, after = query.supporters_window(node, wanted, size, 0, after)
        pages += page
        totals.add(total)
        if after is None:
            return pages, totals
        assert len(page) == size, "a page with a next cursor is full"


def walk_by_offset(query: GraphQueries, node: str, wanted: str | None, size: int) -> tuple[list, set[int]]:
    """(every supporter of the pages at offsets 0, size, 2 size, ... until a short page, the totals)."""
    pages, totals, offset = [], set(), 0
    while True:
        total, page = query.supporters_page(node, wanted, size, offset)
        pages += page
        totals.add(total)
        if len(page) < size:
            return pages, totals
        offset += size


def assert_pages_make_the_whole_list(query: GraphQueries, node: str, wanted: str | None, whole: list,
                                     sizes=range(1, 6)) -> None:
    """Walking all pages of `query` by offset and by cursor gives `whole`; each page's total counts it."""
    assert len({s.node.id for s in whole}) == len(whole)  # each supporter once
    for size in sizes:
        for walk in (walk_by_cursor, walk_by_offset):
            pages, totals = walk(query, node, wanted, size)
            assert dumped(pages) == dumped(whole), (walk.__name__, size)
            assert totals == {len(whole)}, (walk.__name__, size)
