"""A private copy of the graph's columns for a write to change, made without stalling readers.

A write builds its new state beside the one readers hold (graph/memory/watch.py). The
first way to get that copy was to re-read the snapshot, but parsing a 300k-node snapshot is
a few big C calls (orjson, dict(zip(...))) that hold the GIL for up to 0.7 s each, 3.2 s in
all: every reader in the server waited for them. This copies the columns instead: flat
lists, arrays and dicts in one C copy each (a few ms for 300k rows), and the mutable parts
a write appends to (per-node adjacency arrays, name postings, id lists of a name) in
Python loops, which let the other threads run every few milliseconds.

What is copied how follows from what graph/memory/writes.py, bulk.py, columns.py and
names.py change in place. An attribute this module does not know (a later index) is
deep-copied, which is slower but never shares anything with the readers' state.
"""

from __future__ import annotations

import copy
from array import array

from graph.memory.columns import Answers, Columns
from graph.memory.names import NameIndex

#: Replaced, never changed in place: the copy may share them.
_SHARED = {"rank", "streams", "name_grams"}  # streams: replaced by the write (store._apply); name_grams: never changed
#: One C-level copy is enough: lists/dicts of immutable values, arrays, bytearrays.
_FLAT = {"ix", "ids", "ntype", "zh", "en", "aliases", "nattr", "sources", "esrc", "edst", "etype", "eattr",
         "evidence", "ecount", "node_types", "edge_types", "attr_reps", "attr_ix", "source_sets",
         "sorted_ids", "docs"}


def fork(c: Columns) -> Columns:
    """A copy of `c` that shares nothing a write changes in place."""
    new = object.__new__(Columns)
    for name, value in vars(c).items():
        if name in _SHARED:
            setattr(new, name, value)
        elif name in _FLAT:
            setattr(new, name, value.copy() if hasattr(value, "copy") else value[:])
        elif name in ("out", "inn"):
            setattr(new, name, _copy_side(value))
        elif name == "packed":
            continue  # after out/inn: keyed by their ids
        elif name == "by_type":
            new.by_type = {code: rows.copy() for code, rows in value.items()}
        elif name == "names":
            new.names = _copy_names(value)
        elif name == "answers":
            new.answers = Answers()  # a new state answers afresh
        else:
            setattr(new, name, copy.deepcopy(value))
    new.packed = {id(getattr(new, side)): c.packed[id(getattr(c, side))]
                  for side in ("out", "inn") if id(getattr(c, side)) in c.packed}  # read-only arrays
    return new


def _copy_side(side: list) -> list:
    """Per-node adjacency: None, an edge (int) and _PACKED are immutable; arrays and dicts of
    arrays grow in place (columns._attach), so those are copied."""
    out = side.copy()
    for i, a in enumerate(out):
        kind = type(a)
        if kind is array:
            out[i] = a[:]
        elif kind is dict:
            out[i] = {code: part[:] for code, part in a.items()}
    return out


def _copy_names(names: NameIndex) -> NameIndex:
    new = NameIndex(names.bits)
    new.indexed = names.indexed
    new.slots = names.slots.copy()
    new.nodes = names.nodes.copy()
    for key, ids in new.nodes.items():
        if type(ids) is list:  # a name of several nodes grows in place (NameIndex.add)
            new.nodes[key] = ids.copy()
    new.grams = {gram: posting[:] for gram, posting in names.grams.items()}  # reindex appends
    for name, value in vars(names).items():
        if name not in vars(new):
            setattr(new, name, copy.deepcopy(value))
    return new
