"""Columns opened from a version-4 snapshot without reading it: each part is read when first touched.

Why: every `innograph` process opened the whole snapshot (ids, names, evidence, name grams,
adjacency: 1.5-3 s at 450k nodes) to answer one page. A `LazyColumns` is a `Columns` whose
attributes are missing until used: `__getattr__` builds the one asked for from its sections
(graph/memory/sections.py) and keeps it. Text columns and lookups come as the row readers of
graph/memory/rows.py, numeric columns as views of the mapped file (checked whole on first use),
adjacency and the zone index per node. A supporters page on a hub so reads the zone index of
that hub, a bisect of ids and names, and its rows' ids, names and evidence.

Anything that changes the graph first calls `load_all`, which turns every part into the plain
lists, arrays and dicts of an eager open, runs the checks an eager open runs, and makes the
object a plain `Columns` (graph/memory/watch.py does so before a write forks the state). An
eager open (the server) is a lazy open followed by `load_all`.
"""

from __future__ import annotations

import sys
from array import array

from graph.errors import StoreUnavailable
from graph.memory.columns import _PACKED, Answers, Columns
from graph.memory.names import NameIndex
from graph.memory.records import _attr_key
from graph.memory.rows import Ints, Keyed, LazyWhole, Rows, SortedKeys
from graph.memory.sections import Sections
from graph.memory.lazy_index import LazyNames, LazyZones
from graph.model import Document

_NUMBERS = {"ntype": "B", "etype": "B", "nattr": "i", "esrc": "i", "edst": "i", "eattr": "i"}
#: what a version-4 snapshot holds (the zone index's zi_* sections may be missing: then it is built)
REQUIRED = {*_NUMBERS, "attrs", "source_sets", "source_ix", "type_sizes", "type_nodes", "id_order", "slot_order",
            "slot_nodes", "gram_keys", "gram_sizes", "gram_blocks", "out_off", "out_edges", "in_off", "in_edges",
            *(name + part for name in ("ids", "zh", "en", "slots", "slot_multi", "aliases", "evidence")
              for part in ("", "_at")), "aliases_keys", "evidence_keys"}


def open_columns(sec: Sections, origin, lazy: bool) -> Columns:
    meta = sec.header["meta"]
    missing = REQUIRED - set(sec.spans)
    if missing:
        raise ValueError(f"sections {', '.join(sorted(missing))} are missing")
    c = object.__new__(LazyColumns)
    d = c.__dict__
    d["_sec"], d["_origin"], d["_n"], d["_m"] = sec, origin, int(meta["nodes"]), int(meta["edges"])
    if sec.length("ids_at") != 8 * (c._n + 1) or sec.length("esrc") != 4 * c._m:  # the counts every check relies on
        raise ValueError("the node and edge counts do not add up")
    c.docs = {doc["id"]: Document(**doc) for doc in meta["documents"]}
    c.node_types, c.edge_types = list(meta["node_types"]), list(meta["edge_types"])
    c.ecount = list(meta["ecount"])
    if len(c.ecount) != len(c.edge_types) or len(c.node_types) > 256 or len(c.edge_types) > 256:
        raise ValueError("the type tables do not add up")
    c.packed, c.sorted_ids, c.answers = {}, {}, Answers()
    if not 0 <= meta["block_bits"] <= 24:
        raise ValueError(f"name blocks of 2**{meta['block_bits']}")
    names = c.names = object.__new__(LazyNames)
    names.__dict__.update(_sec=sec, bits=meta["block_bits"], indexed=meta["indexed"])
    if not lazy:
        load_all(c)
    return c


class LazyColumns(Columns):
    """Columns whose parts are read from the snapshot when first used (see the module docstring)."""

    def __getattr__(self, name: str):
        loader = _LOADERS.get(name)
        if loader is None or "_sec" not in self.__dict__:
            raise AttributeError(name)
        try:
            value = loader(self)
        except StoreUnavailable:
            raise
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as exc:
            raise StoreUnavailable(f"the graph snapshot {self._origin} cannot be read: {exc}") from exc
        self.__dict__.setdefault(name, value)
        return self.__dict__[name]


def _rows(attr: str):
    return lambda c: Rows(c._sec, attr, owner=c, attr=attr)


def _number(attr: str):
    return lambda c: _sized(c._sec.numbers(attr, _NUMBERS[attr]), c._n if attr in ("ntype", "nattr") else c._m, attr)


def _sized(values, n: int, name: str):
    if len(values) != n:
        raise ValueError(f"section {name!r} does not add up")
    return values


def _ix(c):
    ids = c.ids
    return SortedKeys(ids, _sized(Ints(c._sec, "id_order", "i"), c._n, "id_order"), int,
                      lambda: dict(zip(c.ids, range(c._n))), owner=c, attr="ix")


def _aliases(c):
    keyed = Keyed(c._sec, "aliases", tuple)
    return ByRow(c._n, lambda i: keyed.get(i, ()), lambda: _dense(keyed, c._n, ()), c, "aliases")


def _sources(c):
    sets = [c.source_set(s) for s in c._sec.json("source_sets")]
    ix = _sized(Ints(c._sec, "source_ix", "i"), c._n, "source_ix")
    return ByRow(c._n, lambda i: sets[ix[i]], lambda: list(map(sets.__getitem__, ix.tolist())), c, "sources")


def _dense(keyed: Keyed, n: int, default) -> list:
    out = [default] * n
    for i, value in keyed.full().items():
        out[i] = value
    return out


def _attr_reps(c):
    reps = [None] + [tuple(map(tuple, r)) if kind == "t" else r for kind, r in c._sec.json("attrs")]
    return reps


def _attr_ix(c):
    return {_attr_key(dict(rep)): i for i, rep in enumerate(c.attr_reps[1:], 1) if type(rep) is tuple}


def _by_type(c):
    sizes, members = c._sec.numbers("type_sizes", "i"), c._sec.numbers("type_nodes", "i")
    if len(sizes) != len(c.node_types) or sum(sizes) != c._n or len(members) != c._n:
        raise ValueError("the type index does not add up")
    out, at = {}, 0
    for code, size in enumerate(sizes):
        out[code] = members[at: at + size].tolist()
        at += size
    return out


def _side(name: str):
    def load(c):
        side = [_PACKED] * c._n
        offsets = _sized(Ints(c._sec, f"{name}_off", "q"), c._n + 1, f"{name}_off")
        c.packed[id(side)] = (offsets, Ints(c._sec, f"{name}_edges", "i", bound=c._m))  # a node's slice: checked
        return side
    return load


def _evidence(c):
    return Keyed(c._sec, "evidence", lambda items: tuple(map(tuple, items)), owner=c, attr="evidence")


def _source_sets(c):
    return {(): ()}


def _rank(c):
    import numpy as np

    order = Ints(c._sec, "id_order", "i").whole()
    rank = np.empty(c._n, dtype=np.int64)
    rank[np.frombuffer(order, dtype=np.int32) if c._n else []] = np.arange(c._n, dtype=np.int64)
    return rank


_LOADERS = {"ids": _rows("ids"), "zh": _rows("zh"), "en": _rows("en"), "ix": _ix, "aliases": _aliases,
            "sources": _sources, "source_sets": _source_sets, "attr_reps": _attr_reps, "attr_ix": _attr_ix,
            "by_type": _by_type, "out": _side("out"), "inn": _side("in"), "evidence": _evidence,
            "rank": _rank, "zindex": lambda c: _zones(c), "name_grams": lambda c: _name_grams(c),
            **{name: _number(name) for name in _NUMBERS}}


#: the zone index sections LazyZones reads hub by hub; a snapshot with others (a later index part) is read whole
ZONE_SECTIONS = {"zi_nodes", "zi_sizes", "zi_edges", "zi_types", "zi_fields", "zi_head_sizes", "zi_heads"}


def _name_grams(c):
    from graph.memory import name_grams  # search pages (graph/memory/name_grams.py): sg_* sections

    return name_grams.read(c._sec, len(c.names.slots))


def _zones(c):
    parts = {name for name in c._sec.spans if name.startswith("zi_")}
    if parts and parts <= ZONE_SECTIONS:
        return LazyZones(c)
    from graph.memory import zone_build  # numpy: only off the lazy path
    if parts:  # sections this reader does not know: the whole index, as an eager open reads it
        zone_build.load(c, {"byteorder": sys.byteorder if not c._sec.swap else "other"},
                        {name: c._sec.bytes_of(name) for name in parts})
    else:  # a snapshot written without the index: build it
        zone_build.build(c)
    return c.__dict__.pop("zindex")


class ByRow(LazyWhole):
    """A dense column whose row i is computed (aliases, sources); the whole list when needed."""

    __slots__ = ("_n", "_one", "_whole", "_owner", "_attr", "_full")

    def __init__(self, n: int, one, whole, owner, attr: str):
        self._n, self._one, self._whole, self._owner, self._attr, self._full = n, one, whole, owner, attr, None

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if self._full is None and type(i) is int and -self._n <= i < self._n:
            return self._one(i % self._n)
        return self.full()[i]


# ---- whole -----------------------------------------------------------------------

def load_all(c: Columns) -> None:
    """Read every part not read yet, as the plain containers an eager open builds, check them as an
    eager open does, and make `c` a plain Columns (nothing of it then refers to the mapped file)."""
    if type(c) is not LazyColumns:
        return
    sec, origin = c._sec, c._origin
    try:
        for name in sec.spans:  # every checksum, as an eager open of version 3 did
            sec.check_all(name)
        for name in _LOADERS:
            if name != "rank":
                getattr(c, name)
        for name in ("ids", "zh", "en", "aliases", "sources", "evidence", "ix"):
            value = c.__dict__[name]
            if not isinstance(value, (list, dict)):
                value.full()
        c.ntype, c.etype = bytearray(c.ntype), bytearray(c.etype)
        c.nattr, c.esrc, c.edst, c.eattr = (_array(getattr(c, name)) for name in ("nattr", "esrc", "edst", "eattr"))
        for side, name in ((c.out, "out_edges"), (c.inn, "in_edges")):  # check() below bounds them (once)
            offsets, flat = c.packed[id(side)]
            c.packed[id(side)] = (offsets.as_array(), Ints(sec, name, "i").as_array())
        _plain_names(c)
        from graph.memory import name_grams

        name_grams.settle(c)
        if "zi_nodes" in sec:
            from graph.memory import zone_build

            zone_build.load(c, {"byteorder": sys.byteorder if not sec.swap else "other"},
                            {name: sec.bytes_of(name) for name in sec.spans if name.startswith("zi_")})
        from graph.memory.snapshot import check

        check(c)
    except StoreUnavailable:
        raise
    except (ValueError, KeyError, TypeError, IndexError, OverflowError, AssertionError) as exc:
        raise StoreUnavailable(f"the graph snapshot {origin} cannot be read: {exc}") from exc
    c.__dict__.setdefault("rank", None)  # the writer computes it (watch.prepare) when it needs it
    for key in ("_sec", "_origin", "_n", "_m"):
        c.__dict__.pop(key, None)
    c.__class__ = Columns


def _array(values) -> array:
    return values if type(values) is array else array(values.format, values.tobytes())


def _plain_names(c: Columns) -> None:
    lazy = c.names
    names = NameIndex(lazy.bits)
    names.indexed, names.slots = lazy.indexed, list(lazy.slots)
    names.nodes = lazy.nodes.full() if not isinstance(lazy.nodes, dict) else lazy.nodes
    names.grams = lazy.grams
    names.sorted_slots = lazy.sorted_slots.as_array() if isinstance(lazy.sorted_slots, Ints) else lazy.sorted_slots
    c.names = names
