"""The two indexes of a lazily opened snapshot: names (exact lookups by bisect) and zones (one hub at a time).

Part of graph/memory/lazy.py (which says why): the name index answers `ids(name)` from the sorted
name order without building its dict, and reads its substring grams only for the first search;
the zone index reads and checks one hub's rollup (its rows, lists and counters) the first time
that hub is asked for, instead of every hub's at open.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import accumulate

from graph.errors import StoreUnavailable
from graph.memory.names import NameIndex
from graph.memory.rows import Ints, Rows, SortedKeys, _LazyMapping
from graph.memory.sections import Sections
from graph.memory.zone_index import LISTS, Rollup, ZoneIndex

_PARTS = ("rows", *LISTS)  #: a rollup's arrays, in snapshot order (zone_build.sections)


class LazyNames(NameIndex):
    """The name index of a lazy snapshot: exact lookups by bisect, grams read on the first search."""

    def __getattr__(self, name: str):
        sec = self.__dict__.get("_sec")
        if sec is None or name not in ("slots", "nodes", "grams", "sorted_slots"):
            raise AttributeError(name)
        try:
            value = self._load(sec, name)
        except StoreUnavailable:
            raise
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as exc:
            raise sec.damaged(str(exc)) from exc
        self.__dict__.setdefault(name, value)
        return self.__dict__[name]

    def _load(self, sec: Sections, name: str):
        if name == "slots":
            value = Rows(sec, "slots", owner=self, attr="slots")
        elif name == "sorted_slots":
            value = Ints(sec, "slot_order", "i")
        elif name == "nodes":
            nodes = Ints(sec, "slot_nodes", "i")
            multi = Rows(sec, "slot_multi", json=True)
            value_of = lambda s: nodes[s] if nodes[s] >= 0 else list(multi[-nodes[s] - 1])  # noqa: E731

            def whole() -> dict:
                several = multi.full()
                return dict(zip(self.slots, [v if v >= 0 else list(several[-v - 1]) for v in nodes.tolist()]))
            value = SortedKeys(self.slots, self.sorted_slots, value_of, whole, owner=self, attr="nodes")
        else:
            keys, sizes, blocks = sec.json("gram_keys"), sec.numbers("gram_sizes", "i"), sec.numbers("gram_blocks", "i")
            if len(keys) != len(sizes) or sum(sizes) != len(blocks):
                raise ValueError("the name index does not add up")
            raw = blocks.cast("B") if type(blocks) is memoryview else None
            value, at = {}, 0
            for key, size in zip(keys, sizes):
                if raw is None:
                    value[key] = blocks[at: at + size]
                else:
                    value[key] = part = array("i")
                    part.frombytes(raw[at * 4: (at + size) * 4])
                at += size
        return value


class LazyZones(ZoneIndex):
    """The zone index of a lazy snapshot: one hub's rollup read (and checked) when first asked for."""

    def __init__(self, c: LazyColumns):
        sec = c._sec
        self.pending = {}
        self.roll = LazyRolls(sec, c._n, c._m, len(c.node_types), c)


class LazyRolls:
    """hub int -> Rollup, read from the zi_* sections by bisect; `dict` methods on all of them."""

    def __init__(self, sec: Sections, n: int, m: int, types: int, c=None):
        self.sec, self.n, self.m, self.types, self.c = sec, n, m, types, c
        self.head_starts = None  # zi_head_sizes/zi_heads (graph/memory/zone_groups.py): a hub's supporters
        if "zi_head_sizes" in sec.spans:
            self.head_starts = list(accumulate(sec.numbers("zi_head_sizes", "i"), initial=0))
        self.nodes, self.sizes = Ints(sec, "zi_nodes", "i"), sec.numbers("zi_sizes", "i")
        self.kinds, self.fields = Ints(sec, "zi_types", "i"), Ints(sec, "zi_fields", "i")
        if len(self.sizes) != len(_PARTS) * len(self.nodes) or len(self.kinds) % 3 or len(self.fields) % 3:
            raise ValueError("the zone index does not add up")
        self.starts = list(accumulate(self.sizes, initial=0))
        self.kept: dict[int, Rollup] = {}

    def get(self, z, default=None):
        if z in self.kept:
            return self.kept[z]
        pos = bisect_left(self.nodes, z)
        if pos == len(self.nodes) or self.nodes[pos] != z:
            return default
        roll = self.kept[z] = self._read(pos)
        return roll

    def _read(self, pos: int) -> Rollup:
        """The hub's arrays as views of the section: a page reads (and checks) only its own rows."""
        roll, k = Rollup(), pos * len(_PARTS)
        for j, name in enumerate(_PARTS):
            if self.sizes[k + j] < 0:
                raise self.sec.damaged("the zone index does not add up")
            part = Ints(self.sec, "zi_edges", "i", self.starts[k + j], self.starts[k + j + 1], bound=self.m)
            if name == "rows":
                roll.rows = part
            else:
                roll.lists[name] = part
        for triples, limit, attr in ((self.kinds, self.types, "by_type"), (self.fields, self.n, "fields")):
            for _, code, count in _triples(triples, pos):
                if not 0 <= code < limit or count <= 0:
                    raise self.sec.damaged("the zone index points past its table")
                getattr(roll, attr)[code] = count
        if sum(roll.by_type.values()) != len(roll.rows):
            raise self.sec.damaged("the zone index's counters do not add up")
        if self.head_starts is not None:
            self._read_heads(roll, pos)
        return roll

    def _read_heads(self, roll: Rollup, pos: int) -> None:
        """The hub's supporter entries as a view; their counts per type only when something asks for them
        (O(the hub's distinct supporters): not stored per type; a typed page counts by bisect instead)."""
        if pos + 1 >= len(self.head_starts):
            raise self.sec.damaged("the zone index's supporters do not add up")
        lo, hi = self.head_starts[pos], self.head_starts[pos + 1]
        if not 0 <= hi - lo <= len(roll.rows):
            raise self.sec.damaged("the zone index's supporters do not add up")
        roll.heads = Ints(self.sec, "zi_heads", "i", lo, hi, bound=self.m)
        roll.head_types = HeadCounts(self.c, roll)

    def __contains__(self, z) -> bool:
        return self.get(z) is not None

    def __getitem__(self, z):
        roll = self.get(z)
        if roll is None:
            raise KeyError(z)
        return roll

    def __len__(self) -> int:
        return len(self.nodes)

    def _all(self) -> dict:
        return {z: self.get(z) for z in self.nodes.tolist()}

    def __iter__(self):
        return iter(self._all())

    def __getattr__(self, name):
        if name.startswith("_") or name in ("sec", "kept"):
            raise AttributeError(name)
        return getattr(self._all(), name)


class HeadCounts(_LazyMapping):
    """A lazily read hub's distinct supporters per type code, counted off its heads when first used."""

    def __init__(self, c, roll: Rollup):
        self._c, self._full, self._owner, self._attr = c, None, roll, "head_types"

    def _whole(self) -> dict[int, int]:
        from graph.memory.zone_index import supporter_of

        counts: dict[int, int] = {}
        ntype = self._c.ntype
        for e in self._owner.heads:
            code = ntype[supporter_of(self._c, e)]
            counts[code] = counts.get(code, 0) + 1
        return counts

    def get(self, key, default=None):
        return self.full().get(key, default)

    def __len__(self) -> int:
        return len(self.full())

    def __eq__(self, other) -> bool:
        return self.full() == (other.full() if isinstance(other, HeadCounts) else other)


def _triples(triples: Ints, pos: int) -> list[tuple[int, int, int]]:
    """The (pos, code, count) triples of one hub (the section is sorted by pos)."""
    lo, hi = 0, len(triples) // 3
    while lo < hi:
        mid = (lo + hi) // 2
        if triples[3 * mid] < pos:
            lo = mid + 1
        else:
            hi = mid
    out = []
    while lo * 3 < len(triples) and triples[3 * lo] == pos:
        out.append(tuple(triples[3 * lo: 3 * lo + 3]))
        lo += 1
    return out
