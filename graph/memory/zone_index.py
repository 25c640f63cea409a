"""The zone rollup index: a hub's supporter rows, profile lists and field counts, kept in order.

Why: a zone with 330,000 members used to answer its first supporters page by collecting
every member's support edges, sorting all of them and slicing (seconds at 1M nodes, paid
again by every CLI call, since the answer memo is not saved). Here every node with at
least `INDEX_DEGREE` edges (the zones, districts, big programs) keeps a `Rollup`:

- `rows`: the edge ints of its supporter rows, in the exact answer order of
  `GraphQueries.supporters_page` (direct/via, supporter type, supporter id, member id,
  edge), so a page is a slice, a cursor is one bisect, and a typed page is two
  contiguous ranges (the supporter type is the second key);
- `by_type`: rows per supporter node type (O(1) counts);
- `heads`, `head_types`: the first row of each distinct supporter, in the same order, and
  distinct supporters per type: what a supporters page lists (graph/memory/zone_groups.py);
- `lists`: the profile's lists (members, parents, metrics, partners both ways, leaders) as
  edge ints in edge-key order, and `fields`: field node -> how many of the node and its
  members focus on it.

Writes only append edges (a repeated edge merges evidence, which no key depends on), so
a write's new edges are exactly `range(before, len(c.etype))`; each adds rows bounded by
the degree of its non-hub end (`after_write`). The pending rows of a write are sorted and
inserted once per rollup at its end. `replace`, a bulk load and an old snapshot build
every rollup in one numpy pass (graph/memory/zone_build.py); the snapshot saves them.
Nodes below the threshold are answered as before (their cost is their own degree).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right

from graph.cursor import sort_bytes
from graph.memory.columns import Columns
from graph.schema import MEMBER_EDGES, PROFILE_LISTS, SUPPORT_EDGES_IN, SUPPORT_EDGES_OUT

INDEX_DEGREE = 64  #: nodes with at least this many edges keep a rollup (tests lower it)

LISTS = PROFILE_LISTS  #: the profile's lists (graph/schema.py), kept per hub


class Rollup:
    """One hub's rows, counters and lists (see the module docstring)."""

    __slots__ = ("rows", "by_type", "heads", "head_types", "lists", "fields")

    def __init__(self) -> None:
        self.rows = array("i")
        self.by_type: dict[int, int] = {}
        self.heads = array("i")
        self.head_types: dict[int, int] = {}
        self.lists: dict[str, array] = {name: array("i") for name in LISTS}
        self.fields: dict[int, int] = {}

    def copy(self) -> Rollup:
        """A copy for a write: the arrays are shared (a write replaces them, never changes them in
        place: ZoneIndex.flush, zone_groups.after_rows), the counters and the list map copied."""
        new = object.__new__(Rollup)
        new.rows, new.heads = self.rows, self.heads
        new.by_type, new.head_types = dict(self.by_type), dict(self.head_types)
        new.lists, new.fields = dict(self.lists), dict(self.fields)
        return new


class ZoneIndex:
    """node int -> Rollup, plus the rows a write has found but not yet put in order."""

    owned: set[int] | None = None

    def __init__(self) -> None:
        self.roll: dict[int, Rollup] = {}
        self.pending: dict[tuple[int, str], list[int]] = {}
        self.owned: set[int] | None = None  #: in a fork: the rollups that are its own (None: all)

    def fork(self) -> ZoneIndex:
        """A copy for a write (graph/memory/fork.py): the map of rollups copied, a rollup only when the
        write changes it (`own`), so a write pays for the hubs it touches."""
        new = ZoneIndex()
        new.roll = dict(self.roll)
        new.owned = set()
        return new

    def own(self, z: int) -> Rollup:
        """z's rollup, this index's own (copied from the forked one on first use)."""
        roll = self.roll[z]
        owned = self.owned
        if owned is not None and z not in owned:
            owned.add(z)
            roll = self.roll[z] = roll.copy()
        return roll

    def add(self, c: Columns, z: int, what: str, e: int) -> None:
        self.pending.setdefault((z, what), []).append(e)
        self.own(z)
        if what == "rows":
            counts = self.roll[z].by_type
            code = c.ntype[supporter_of(c, e)]
            counts[code] = counts.get(code, 0) + 1

    def flush(self, c: Columns) -> None:
        """Put every pending edge into its rollup's sorted array (one merge per array)."""
        from graph.memory.zone_groups import after_rows

        for (z, what), edges in self.pending.items():
            roll = self.roll[z]
            key = row_key(c, z) if what == "rows" else edge_key(c)
            base = roll.rows if what == "rows" else roll.lists[what]
            edges.sort(key=key)
            if len(edges) * 8 >= len(base):
                merged = array("i", sorted([*base, *edges], key=key))
            else:
                import numpy as np  # here: a CLI reading a page need not import numpy

                at = [bisect_left(base, key(e), key=key) for e in edges]
                merged = _as_array(np.insert(np.frombuffer(base, dtype=np.int32), at, edges))
            if what == "rows":
                roll.rows = merged
                after_rows(c, z, roll, edges)
            else:
                roll.lists[what] = merged
        self.pending.clear()


# ---- keys -------------------------------------------------------------------

def supporter_of(c: Columns, e: int) -> int:
    return c.edst[e] if c.edge_types[c.etype[e]] in SUPPORT_EDGES_OUT else c.esrc[e]


def supported_of(c: Columns, e: int) -> int:
    return c.esrc[e] if c.edge_types[c.etype[e]] in SUPPORT_EDGES_OUT else c.edst[e]


def row_key(c: Columns, z: int):
    """The answer-order key of support edge e as a row of z:
    (via, supporter type, supporter id, member id or "", LED_BY?, edge type)."""
    ids, esrc, edst, etype, names, ntype, types = c.ids, c.esrc, c.edst, c.etype, c.edge_types, c.ntype, c.node_types

    def key(e: int) -> tuple:
        name = names[etype[e]]
        if name in SUPPORT_EDGES_OUT:
            u, v, d = esrc[e], edst[e], 1
        else:
            u, v, d = edst[e], esrc[e], 0
        via = u != z
        return (via, types[ntype[v]], ids[v], ids[u] if via else "", d, name)
    return key


def edge_key(c: Columns):
    ids, esrc, edst, etype, names = c.ids, c.esrc, c.edst, c.etype, c.edge_types
    return lambda e: (ids[esrc[e]], names[etype[e]], ids[edst[e]])


# ---- maintenance inside a write ------------------------------------------------

def after_write(c: Columns, before: int) -> None:
    """Bring c.zindex up to date with the edges from `before` on (or build it if there is none)."""
    from graph.memory.zone_build import build, build_one

    if c.zindex is None:
        build(c)
        return
    index, m = c.zindex, len(c.etype)
    if before >= m:
        return
    codes = {name: code for code, name in enumerate(c.edge_types)}
    member = {codes[n] for n in MEMBER_EDGES if n in codes}
    support_in = {codes[n] for n in SUPPORT_EDGES_IN if n in codes}
    support_out = {codes[n] for n in SUPPORT_EDGES_OUT if n in codes}
    focus = codes.get("FOCUSES_ON", -1)
    lists = {}
    for name, (types, end) in LISTS.items():
        for t in types:
            if t in codes:
                lists.setdefault(codes[t], []).append((name, end))
    roll, esrc, edst, etype = index.roll, c.esrc, c.edst, c.etype
    touched: set[int] = set()
    for e in range(before, m):
        s, t, code = esrc[e], edst[e], etype[e]
        touched.add(s)
        touched.add(t)
        if code in support_in or code in support_out:
            u, v = (s, t) if code in support_out else (t, s)
            if u in roll and v != u:
                index.add(c, u, "rows", e)
            for z in containers(c, u, member, e):
                if z in roll and v != z:
                    index.add(c, z, "rows", e)
        elif code in member and t in roll and s != t and first_membership(c, s, t, member, e):
            for e2 in support_edges(c, s, support_in, support_out):
                if e2 < e and supporter_of(c, e2) != t:
                    index.add(c, t, "rows", e2)
            fields = index.own(t).fields
            for e2 in c.adjacent(c.out, s, {focus}):
                if e2 < e:
                    fields[edst[e2]] = fields.get(edst[e2], 0) + 1
        elif code == focus:
            for z in (s, *containers(c, s, member, e)):
                if z in roll:
                    fields = index.own(z).fields
                    fields[t] = fields.get(t, 0) + 1
        for name, end in lists.get(code, ()):
            holder = t if end else s
            if holder in roll:
                index.add(c, holder, name, e)
    index.flush(c)
    for i in touched:
        if i not in roll and c.degree(i) >= INDEX_DEGREE:
            roll[i] = build_one(c, i)
            if index.owned is not None:
                index.owned.add(i)


def containers(c: Columns, u: int, member: set[int], before: int) -> list[int]:
    """The distinct nodes other than u that u is a member of through an edge older than `before`."""
    return list(dict.fromkeys(c.edst[e] for e in c.adjacent(c.out, u, member) if e < before and c.edst[e] != u))


def first_membership(c: Columns, m: int, z: int, member: set[int], e: int) -> bool:
    """Whether e is m's oldest member edge into z (a second one, of the other type, adds no rows)."""
    return all(found == -1 or found >= e for found in (c.find_edge(m, z, code) for code in member))


def support_edges(c: Columns, u: int, support_in: set[int], support_out: set[int]) -> list[int]:
    """The edges that make some node a supporter of u."""
    return [*c.adjacent(c.inn, u, support_in), *c.adjacent(c.out, u, support_out)]


def _as_array(values) -> array:
    import numpy as np

    out = array("i")
    out.frombytes(np.ascontiguousarray(values, dtype=np.int32).tobytes())
    return out


# ---- reading ------------------------------------------------------------------

def rollup(c: Columns, node_id: str) -> Rollup | None:
    i = c.ix.get(node_id)
    return None if i is None or c.zindex is None else c.zindex.roll.get(i)


def row_window(c: Columns, z: int, rows: array, wanted: str | None, offset: int,
               limit: int | None, after: bytes | None) -> tuple[int, list[int]]:
    """(entries in all of the wanted supporter type, the edge ints of the asked window) of `rows`, an
    array in answer order (a rollup's rows, or its heads). A type's entries are two contiguous ranges
    (direct, then by member) found by bisecting (via, type), which reads no id; their sizes are its
    count, so a lazily read hub need not count its entries per type first."""
    key = row_key(c, z)
    if wanted is None:
        ranges, total = [(0, len(rows))], len(rows)
    else:
        esrc, edst, etype, names, ntype, types = c.esrc, c.edst, c.etype, c.edge_types, c.ntype, c.node_types

        def kind(e: int) -> tuple:  # the key's (via, supporter type)
            u, v = (esrc[e], edst[e]) if names[etype[e]] in SUPPORT_EDGES_OUT else (edst[e], esrc[e])
            return (u != z, types[ntype[v]])
        ranges = [(bisect_left(rows, (via, wanted), key=kind), bisect_right(rows, (via, wanted), key=kind))
                  for via in (False, True)]
        total = sum(hi - lo for lo, hi in ranges)
    if after is not None:
        start = bisect_right(rows, after, key=lambda e: sort_bytes(key(e)))
        ranges = [(max(lo, start), hi) for lo, hi in ranges]
    out: list[int] = []
    skip, room = offset, len(rows) if limit is None else limit
    for lo, hi in ranges:
        size = max(hi - lo, 0)
        if skip >= size:
            skip -= size
            continue
        lo, skip = lo + skip, 0
        out.extend(rows[lo: min(hi, lo + room - len(out))])
        if len(out) >= room:
            break
    return total, out
