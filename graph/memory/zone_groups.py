"""A hub's supporters, each once: the first row of every distinct supporter, in answer order.

Why: a hub's rows (zone_index.Rollup.rows) are paths, in the order (direct/via, supporter type,
supporter id, member id, LED_BY?, edge type). The answer lists each supporter once, in the order
of its first row, with all its paths (graph/support_groups.py) — the same answer a node without
a rollup gives. Paging rows instead split a supporter across pages and made `total` count paths
on a hub only. So a rollup also keeps `heads`: the edge int of each distinct supporter's first
row, sorted by the same key as the rows, and `head_types`: distinct supporters per type. Then

- a page of supporters is a slice of `heads`, a typed page two ranges of it, `total` is
  `len(heads)` or a counter, and a cursor (the first row of the last supporter shown) is one
  bisect: the same positions as the groups computed from all rows;
- a listed supporter's rows are at most two contiguous ranges of `rows` (its direct rows, then its
  rows by member), found by bisecting (direct?, type, id): its `path_count` is their size and its
  first `limits.SUPPORT_PATHS` rows are read, never the rest.

Every write that adds rows to a rollup re-reads the first row of each supporter it touched
(`after_rows`), so `heads` moves with `rows`; the snapshot keeps `heads` in its own sections
(`sections`/`load`, called from zone_build's), and a snapshot without them derives them.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right



class _Numpy:
    """numpy on first use: a CLI page that reads one zone's entries should not import it (0.1-0.2 s)."""

    def __getattr__(self, name):
        import numpy

        globals()["np"] = numpy
        return getattr(numpy, name)


np = _Numpy()

from graph.memory.columns import Columns
from graph.memory.zone_index import Rollup, _as_array, row_key, supported_of, supporter_of
from graph.schema import SUPPORT_EDGES_OUT


def _prefix(c: Columns, z: int):
    """A row's (direct/via, supporter type, supporter id): where a supporter's rows sit. The same as
    row_key(c, z)(e)[:3] without reading the member's id (a lazy snapshot decodes every id it reads)."""
    ids, esrc, edst, etype, names, ntype, types = c.ids, c.esrc, c.edst, c.etype, c.edge_types, c.ntype, c.node_types

    def prefix(e: int) -> tuple:
        if names[etype[e]] in SUPPORT_EDGES_OUT:
            u, v = esrc[e], edst[e]
        else:
            u, v = edst[e], esrc[e]
        return (u != z, types[ntype[v]], ids[v])
    return prefix


def supporter_ranges(c: Columns, z: int, rows, head: int, hints: dict | None = None) -> list[tuple[int, int]]:
    """The (lo, hi) ranges of `rows` that are the rows of the supporter whose first row is `head`:
    its direct rows (if it has any, its head is one), then its rows by member.

    `hints` (one dict per page, heads asked in page order) keeps where the last range of each part
    ended: the next supporter's range lies after it, so it is found by galloping forward from there
    (O(log distance) keys read) instead of a bisect over all the hub's rows, and a range's end by
    comparing ints, not ids. What a page costs then follows the page, not the hub's size."""
    prefix = _prefix(c, z)
    via, kind, supporter = prefix(head)
    v = supporter_of(c, head)
    hints = {} if hints is None else hints
    out = []
    for part in ((False, True) if not via else (True,)):
        target = (part, kind, supporter)
        last = hints.get(part)
        lo = _seek(rows, target, prefix, last[1] if last is not None and last[0] < target else 0)
        hi = _run_end(c, z, rows, lo, v, part)
        hints[part] = (target, hi)
        out.append((lo, hi))
    return [(lo, hi) for lo, hi in out if hi > lo]


def _seek(rows, target: tuple, key, lo: int) -> int:
    """bisect_left(rows, target, key=key), knowing every row before `lo` sorts before `target`:
    gallop forward from lo, then bisect the last step."""
    n, step, hi = len(rows), 1, lo
    while hi < n and key(rows[hi]) < target:
        lo, hi, step = hi + 1, hi + 1 + step, step * 2
    return bisect_left(rows, target, lo, min(hi, n), key=key)


def _run_end(c: Columns, z: int, rows, lo: int, v: int, via: bool) -> int:
    """The end of the run of rows from `lo` whose supporter is v and that are direct (via False) or
    by member (via True). A supporter's rows of one part are contiguous and the parts do not mix, so
    `same` is true then false from lo on: gallop, then bisect."""
    n = len(rows)

    def same(x: int) -> bool:
        e = rows[x]
        return supporter_of(c, e) == v and (supported_of(c, e) != z) == via

    if lo >= n or not same(lo):
        return lo
    good, step = lo, 1
    while good + step < n and same(good + step):
        good, step = good + step, step * 2
    bad = min(good + step, n)  # rows[good] is in the run, rows[bad] (if any) is not
    while bad - good > 1:
        mid = (good + bad) // 2
        if same(mid):
            good = mid
        else:
            bad = mid
    return bad


def supporter_rows(c: Columns, z: int, roll: Rollup, head: int, most: int,
                   hints: dict | None = None) -> tuple[list[int], int]:
    """(the supporter's first `most` rows, how many rows it has) for one head."""
    ranges = supporter_ranges(c, z, roll.rows, head, hints)
    shown: list[int] = []
    for lo, hi in ranges:
        shown.extend(roll.rows[lo: min(hi, lo + most - len(shown))])
    return shown, sum(hi - lo for lo, hi in ranges)


# ---- maintenance ---------------------------------------------------------------------

def after_rows(c: Columns, z: int, roll: Rollup, new: list[int]) -> None:
    """Bring roll.heads up to date after the rows `new` were merged into roll.rows: each supporter
    they touch gets its (possibly new, possibly earlier) first row; cost O(touched * log rows)."""
    prefix, key = _prefix(c, z), row_key(c, z)
    heads, rows = roll.heads, roll.rows
    drop, add = [], []
    for v in dict.fromkeys(supporter_of(c, e) for e in new):
        kind, supporter = c.node_types[c.ntype[v]], c.ids[v]
        old = None
        for via in (False, True):
            at = bisect_left(heads, (via, kind, supporter), key=prefix)
            if at < len(heads) and supporter_of(c, heads[at]) == v:
                old = at
                break
        at = bisect_left(rows, (False, kind, supporter), key=prefix)
        if not (at < len(rows) and supporter_of(c, rows[at]) == v):
            at = bisect_left(rows, (True, kind, supporter), key=prefix)
        first = rows[at]
        if old is None:
            code = c.ntype[v]
            roll.head_types[code] = roll.head_types.get(code, 0) + 1
            add.append(first)
        elif heads[old] != first:
            drop.append(old)
            add.append(first)
    if not add:
        return
    kept = _as_array(np.delete(np.frombuffer(heads, dtype=np.int32), drop)) if drop else heads
    add.sort(key=key)
    at = [bisect_left(kept, key(e), key=key) for e in add]
    roll.heads = _as_array(np.insert(np.frombuffer(kept, dtype=np.int32), at, add)) if len(kept) else array("i", add)


def heads_of(c: Columns, rows) -> tuple[array, dict[int, int]]:
    """(the first row of each distinct supporter, distinct supporters per type) of rows in answer order."""
    seen: set[int] = set()
    heads, types = array("i"), {}
    for e in rows:
        v = supporter_of(c, e)
        if v not in seen:
            seen.add(v)
            heads.append(e)
            types[c.ntype[v]] = types.get(c.ntype[v], 0) + 1
    return heads, types


def first_positions(z: np.ndarray, supporters: np.ndarray, n: int) -> np.ndarray:
    """The positions of the first row of each (hub, supporter) in rows sorted by hub, then answer order."""
    if not len(z):
        return np.zeros(0, np.int64)
    keyed = z * n + supporters
    order = np.argsort(keyed, kind="stable")
    ordered = keyed[order]
    return np.sort(order[np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))])


def fill(c: Columns, rolls: dict[int, Rollup], z: np.ndarray, edges: np.ndarray) -> None:
    """Every rollup's heads and head counts from all hubs' rows at once (z: each row's hub, sorted;
    edges: the rows in answer order within each hub)."""
    from graph.memory.zone_build import _split, _unique

    supporters = _supporters(c, edges)
    at = first_positions(z, supporters, len(c.ids))
    hz, kinds = z[at], _kinds(c, supporters[at])
    for hub, part in _split(hz, edges[at]):
        rolls[hub].heads = _as_array(part)
    for key, count in zip(*(x.tolist() for x in _unique(hz * 256 + kinds))):
        rolls[key // 256].head_types[key % 256] = count


def _kinds(c: Columns, nodes: np.ndarray) -> np.ndarray:
    """The type code of each node."""
    return np.frombuffer(bytes(c.ntype), dtype=np.uint8).astype(np.int64)[nodes] if len(nodes) else nodes


def _supporters(c: Columns, edges: np.ndarray) -> np.ndarray:
    from graph.memory.zone_build import _ints, _of

    if not len(edges):
        return np.zeros(0, np.int64)
    typ = np.frombuffer(bytes(c.etype), dtype=np.uint8)[edges]
    return np.where(_of(c, typ, SUPPORT_EDGES_OUT), _ints(c.edst)[edges], _ints(c.esrc)[edges])


# ---- the snapshot ----------------------------------------------------------------------

def sections(c: Columns, nodes: list[int]) -> dict[str, bytes]:
    """Per hub (in zone_build's zi_nodes order) how many heads, then the heads back to back."""
    sizes, flat = array("i"), array("i")
    for z in nodes:
        heads = c.zindex.roll[z].heads
        sizes.append(len(heads))
        flat.extend(heads)
    return {"zi_head_sizes": sizes.tobytes(), "zi_heads": flat.tobytes()}


def load(c: Columns, header: dict, sec: dict, nodes) -> None:
    """The heads of every rollup from the snapshot, checked; from its rows when the snapshot has none
    (written before this module)."""
    rolls = [c.zindex.roll[z] for z in nodes]
    if "zi_heads" not in sec:
        z = np.repeat(np.arange(len(rolls), dtype=np.int64), [len(r.rows) for r in rolls])
        edges = np.frombuffer(b"".join(r.rows.tobytes() for r in rolls), dtype=np.int32).astype(np.int64)
        by_pos: dict[int, Rollup] = dict(enumerate(rolls))
        fill(c, by_pos, z, edges)
        return
    got = {}
    for name in ("zi_head_sizes", "zi_heads"):
        got[name] = array("i")
        got[name].frombytes(sec[name])
        if header["byteorder"] != sys.byteorder:
            got[name].byteswap()
    sizes, flat = got["zi_head_sizes"], got["zi_heads"]
    if len(sizes) != len(rolls) or sum(sizes) != len(flat) or min(sizes, default=0) < 0 \
            or any(size > len(r.rows) for size, r in zip(sizes, rolls)) \
            or flat and (min(flat) < 0 or max(flat) >= len(c.etype)):
        raise ValueError("the zone index's supporters do not add up")
    from graph.memory.zone_build import _unique

    edges = np.frombuffer(flat, dtype=np.int32).astype(np.int64)
    kinds = _kinds(c, _supporters(c, edges))
    pos = np.repeat(np.arange(len(rolls), dtype=np.int64), sizes)
    at = 0
    for roll, size in zip(rolls, sizes):
        roll.heads = flat[at: at + size]
        at += size
    for key, count in zip(*(x.tolist() for x in _unique(pos * 256 + kinds))):
        rolls[key // 256].head_types[key % 256] = count
