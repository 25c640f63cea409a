"""A node's supporters with the report's author last, paged from the index's own order.

Why: supporters are listed in the zone index's order (direct/via, supporter type, supporter id),
so 北京市科学技术委员会 (an Institution, direct on every zone) led every zone's supporters page:
the CLI, the API, the HTML page and the profile all opened with the report's author, the one
supporter a planner already knows. The answer order is now: every supporter that is not a
publisher (graph/publisher.py) in the index's order, then the publishers in the index's order.

Why not a new sort key: the publisher set is a property of the documents, not of an edge; a key
with a publisher rank would move a node's rows in every hub (and rebuild both backends' indexes and
the saved snapshot) whenever a report with a new issuer is loaded. Instead the order is composed
from the store's window (`store.support_window`, or a node's rows computed as before) and the few
publisher entries: each is found by a window of one after a cursor just below its key (at most two
per publisher), and a page at an offset is the index's window at that offset, widened by the number
of publishers, with the publishers before it skipped over. Cost: the page plus a few one-entry
windows (none for a first page or a page by cursor that the list goes on past); with no
publisher that could support the node it is the store's window unchanged.

A cursor stays the first row of the page's last supporter: one naming a publisher is a position in
the tail (publishers after it), any other is a position among the rest (then every publisher).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph import cursor

#: (offset, limit or None, after bytes or None) -> (total, groups, path counts, {member: member edge key})
Window = Callable[[int, int | None, bytes | None], tuple[int, list, list, dict]]


@dataclass
class _Entry:
    key: bytes  #: the answer-order key of the supporter's first row
    group: list
    count: int


def publisher_last(window: Window, target: str, wanted: str | None, publishers: dict[str, str],
                   kind_of: Callable[[str], str], offset: int, limit: int | None, after: bytes | None):
    """`window`'s answer in the order "non-publishers, then publishers" (both in window order).

    `publishers`: publisher id -> its node type; `kind_of`: a supporter id's node type (for the key of
    one row). Returns what `window` returns, for the same offset/limit/after in the new order."""
    candidates = {p: kind for p, kind in publishers.items() if p != target and (wanted is None or kind == wanted)}
    if not candidates:
        return window(offset, limit, after)
    if offset == 0 and limit is not None and (after is None or _supporter(after) not in candidates):
        # a first page or a page by cursor (the usual ones): no publisher sits before it, so if the window
        # goes on past it (more entries than the page and every publisher), the page is its first
        # non-publishers and the publishers' own entries are not needed
        want = limit + len(candidates)
        total, groups, counts, got = window(0, want, after)
        if len(groups) >= want:
            return _answer(total, [(g, n) for g, n in zip(groups, counts) if g[0][1] not in candidates][:limit],
                           [], got)
    member_of: dict = {}
    total, pubs = _publisher_entries(window, target, wanted, candidates, member_of)
    if not pubs:
        return window(offset, limit, after)
    ids = {e.group[0][1] for e in pubs}
    if after is not None and _supporter(after) in ids:  # a cursor in the tail: the publishers after it
        return _answer(total, [], _cut([e for e in pubs if e.key > after], offset, limit), member_of)
    others_total = total - len(pubs)
    if after is None and offset >= others_total:  # a page of the tail only
        return _answer(total, [], _cut(pubs, offset - others_total, limit), member_of)
    later = [e for e in pubs if after is None or e.key > after]  # the publishers among the window's entries
    want = None if limit is None else limit + len(pubs)
    _, groups, counts, got = window(offset, want, after)
    member_of.update(got)
    if groups:
        first = _key(target, groups[0][0], kind_of)
        before = sum(e.key < first for e in later)  # publishers at window positions below `offset`
        others = [(g, n) for g, n in zip(groups, counts) if g[0][1] not in ids]
        shown = _cut(others, before, limit)
        placed = offset - before + len(others)  # non-publishers after the cursor, when the window ran out
    else:  # past the window's last entry (a cursor with an offset): count the entries after the cursor
        shown, placed = [], _size(window, after, offset) - len(later)
    if want is not None and len(groups) >= want:  # the window went on: no publisher on this page
        return _answer(total, shown, [], member_of)
    room = None if limit is None else limit - len(shown)
    return _answer(total, shown, _cut(pubs, max(0, offset - placed), room), member_of)


def _publisher_entries(window: Window, target: str, wanted: str | None, publishers: dict[str, str],
                       member_of: dict) -> tuple[int, list[_Entry]]:
    """(the window's total, each publisher that supports `target` (of the wanted type) in the window's
    order): its entry is the first one after a cursor just below its direct rows, else just below its
    rows by member."""
    total, out = 0, []
    for p, kind in sorted(publishers.items()):
        for via in (False, True):
            total, groups, counts, got = window(0, 1, cursor.sort_bytes((via, kind, p, "", 0, "")))
            if groups and groups[0][0][1] == p:
                member_of.update(got)
                supported, _, key = groups[0][0]
                out.append(_Entry(cursor.sort_bytes(cursor.row_key(target, supported, p, kind, key[1])),
                                  groups[0], counts[0]))
                break
    return total, sorted(out, key=lambda e: e.key)


def _cut(items: list, start: int, size: int | None) -> list:
    return items[start:] if size is None else items[start: start + size]


def _answer(total: int, shown: list, tail: list[_Entry], member_of: dict):
    groups = [g for g, _ in shown] + [e.group for e in tail]
    counts = [n for _, n in shown] + [e.count for e in tail]
    return total, groups, counts, member_of


def _size(window: Window, after: bytes | None, beyond: int) -> int:
    """How many entries follow `after`, knowing that there are at most `beyond`: a bisection over
    one-entry windows (only for a cursor given with an offset past the end)."""
    lo, hi = 0, beyond
    while lo < hi:
        mid = (lo + hi) // 2
        if window(mid, 1, after)[1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _key(target: str, row: tuple, kind_of: Callable[[str], str]) -> bytes:
    supported, supporter, key = row
    return cursor.sort_bytes(cursor.row_key(target, supported, supporter, kind_of(supporter), key[1]))


def _supporter(after: bytes) -> str | None:
    """The supporter id a cursor names (its third field), if it has one."""
    parts = after.split(b"\0")
    return parts[2].decode("utf-8", "surrogatepass") if len(parts) >= 3 else None
