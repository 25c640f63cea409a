"""A private copy of the graph's columns for a write to change, paid for by what the write changes.

A write builds its new state beside the one readers hold (graph/memory/watch.py), so a reader
mid-page never sees half a write and a failed write leaves nothing behind. The copy used to be
whole: every node's adjacency, every name posting and the zone index, in Python loops, which made a
one-edge write cost the graph (19 / 206 / 3,090 ms at 10k / 100k / 1M nodes). Now the copy starts
by sharing everything with the readers' state and a write takes its own copy of a part only
before it changes it (copy on write):

- node columns (ids, names, types, attrs, sources, ix, by_type): copied, each in one C call, when a
  write adds or merges a node (`own_nodes`); an edge-only write shares them;
- edge columns (esrc, edst, etype, eattr): copied in C calls when a write adds or merges an edge
  (`own_edges`); evidence when a write changes some (`own_evidence`); the attr vocabulary when
  a write adds an attr set (`Columns.attr_index`);
- adjacency: the per-node list is copied (one C call), a node's own array or hub dict only when a
  write appends to it (`own_slot`: O(that node's degree), in C);
- names (graph/memory/names.py) and the zone index (zone_index.py): a shell whose parts are
  copied on first change, a posting or a rollup at a time.

So a write costs its batch, the degree of the nodes it touches and a few memcpys of flat columns
(C speed; see docs/benchmarks.md "One write on the memory store"). What is shared is never changed in place: the
property test tests/core/test_fork_cow.py checks that a reader's state is bit for bit what it
was after interleaved writes, failed writes and reads. An attribute this module does not know (a
later index) is deep-copied, which is slower but never shares anything with the readers' state.
"""

from __future__ import annotations

import copy
from array import array

from graph.memory.columns import Answers, Columns

#: Replaced, never changed in place: the copy may share them.
_SHARED = {"rank", "streams", "name_grams"}  # streams: replaced by the write (store._apply); name_grams: never changed
#: Small and changed by most writes: one C-level copy each, always.
_SMALL = {"ecount", "node_types", "edge_types", "docs", "sorted_ids"}
#: Shared until the write changes them (the groups below), then one C-level copy each.
NODES = ("ix", "ids", "ntype", "zh", "en", "aliases", "nattr", "sources", "source_sets", "by_type")
EDGES = ("esrc", "edst", "etype", "eattr")
ATTRS = ("attr_reps", "attr_ix")
EVIDENCE = ("evidence",)
_BORROWED = {*NODES, *EDGES, *ATTRS, *EVIDENCE}


class Cow:
    """What a forked Columns still shares with the state it was forked from."""

    __slots__ = ("borrowed", "out", "inn")

    def __init__(self) -> None:
        self.borrowed = set(_BORROWED)
        self.out: set[int] = set()  #: nodes whose out adjacency this state owns
        self.inn: set[int] = set()


def fork(c: Columns) -> Columns:
    """A copy of `c` that shares only what its writes copy before changing (see the module docstring)."""
    new = object.__new__(Columns)
    empty = not c.ids and not c.etype  # nothing to share: copied whole (a load into an empty store pays no checks)
    for name, value in vars(c).items():
        if name in _BORROWED and empty:
            setattr(new, name, copy.deepcopy(value))
        elif name in _SHARED or name in _BORROWED:
            setattr(new, name, value)
        elif name in _SMALL:
            setattr(new, name, value.copy())
        elif name in ("out", "inn"):
            setattr(new, name, value.copy())  # the list: a write replaces entries; a node's array: own_slot
        elif name in ("packed", "cow"):
            continue  # packed: after out/inn, keyed by their ids
        elif name == "names":
            new.names = copy.deepcopy(value) if empty else value.fork()
        elif name == "zindex":
            new.zindex = value.fork() if value is not None else None
        elif name == "answers":
            new.answers = Answers()  # a new state answers afresh
        else:
            setattr(new, name, copy.deepcopy(value))
    new.packed = {id(getattr(new, side)): c.packed[id(getattr(c, side))]
                  for side in ("out", "inn") if id(getattr(c, side)) in c.packed}  # read-only arrays
    new.cow = None if empty else Cow()
    return new


def _own(c: Columns, names: tuple[str, ...]) -> None:
    cow = c.__dict__.get("cow")
    if cow is None or names[0] not in cow.borrowed:
        return
    for name in names:
        value = getattr(c, name)
        if name == "by_type":
            value = {code: rows.copy() for code, rows in value.items()}
        else:
            value = value.copy() if hasattr(value, "copy") else value[:]  # an array has no copy()
        setattr(c, name, value)
        cow.borrowed.discard(name)


def own_nodes(c: Columns) -> None:
    """Before a write adds or changes a node row."""
    _own(c, NODES)


def own_edges(c: Columns) -> None:
    """Before a write adds or changes an edge row."""
    _own(c, EDGES)


def own_evidence(c: Columns) -> None:
    _own(c, EVIDENCE)


def own_attrs(c: Columns) -> None:
    _own(c, ATTRS)


def own_slot(c: Columns, side: list, i: int):
    """Node i's adjacency on `side` (c.out or c.inn), this state's own: copied the first time a write
    changes it (an array, or a hub's dict of arrays; an int or None is never changed in place)."""
    a = side[i]
    cow = c.__dict__.get("cow")
    if cow is None or type(a) not in (array, dict):
        return a
    owned = cow.out if side is c.out else cow.inn
    if i not in owned:
        owned.add(i)
        a = side[i] = a[:] if type(a) is array else {code: part[:] for code, part in a.items()}
    return a
