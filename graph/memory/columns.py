"""The memory store's graph as columns: node rows, edge arrays and per-node adjacency.

This is the layout that keeps the embedded backend small (docs/design/memory-store.md):
ids interned to ints, an edge as a row across flat arrays, and adjacency per node and
direction that splits by edge type once a node is a hub. Records are built on read.
"""

from __future__ import annotations

import copy
import threading
from array import array
from collections.abc import Iterable

from graph.memory.names import NameIndex
from graph.bulk import gc_paused
from graph.memory.records import _EDGE_FIELDS, _NODE_FIELDS, _attr_key, _attrs_of, _evidence
from graph.model import Document, Edge, Node

HUB = 24           #: past this many edges one way, a node's edges are split by edge type
_PACKED = object()  #: an adjacency still in the snapshot's arrays (Columns.slot unpacks it)


class Columns:
    """The whole graph as columns; MemoryStore swaps one of these in and out atomically."""

    def __init__(self) -> None:
        # nodes: row i
        self.ix: dict[str, int] = {}
        self.ids: list[str] = []
        self.ntype = bytearray()
        self.zh: list[str] = []
        self.en: list[str] = []
        self.aliases: list[tuple] = []
        self.nattr = array("i")
        self.sources: list[tuple] = []
        self.out: list = []          # per node: None | edge | array of edges | {edge type: array} | _PACKED
        self.inn: list = []
        self.packed: dict[int, tuple[array, array]] = {}  # id(side) -> (offsets, edges) behind _PACKED
        # edges: row e
        self.esrc = array("i")
        self.edst = array("i")
        self.etype = bytearray()
        self.eattr = array("i")
        self.evidence: dict[int, tuple] = {}
        self.ecount: list[int] = []     # edges per edge type
        # vocabularies
        self.node_types: list[str] = []
        self.edge_types: list[str] = []
        self.attr_reps: list = [None]   # 0 is {}
        self.attr_ix: dict = {}
        self.source_sets: dict[tuple, tuple] = {(): ()}
        self.by_type: dict[int, list[int]] = {}
        self.sorted_ids: dict[int, list[str]] = {}
        self.rank = None                # numpy: node int -> position in id order (graph/memory/walk.py)
        self.names = NameIndex()
        self.docs: dict[str, Document] = {}
        self.answers = Answers()         # answers kept for this state of the graph (MemoryStore.memo)
        self.zindex = None               # the zone rollup index (graph/memory/zone_index.py)
        self.streams: dict = {}          # hubs' edges in key order, sorted on demand (graph/memory/streams.py)

    def empty(self) -> bool:
        return not self.ids and not self.docs

    # -- vocabularies

    def node_code(self, name: str) -> int:
        try:
            return self.node_types.index(name)
        except ValueError:
            self.node_types.append(name)
            return len(self.node_types) - 1

    def edge_code(self, name: str) -> int:
        try:
            return self.edge_types.index(name)
        except ValueError:
            self.edge_types.append(name)
            self.ecount.append(0)
            return len(self.edge_types) - 1

    def attr_index(self, attrs: dict) -> int:
        if not attrs:
            return 0
        key = _attr_key(attrs)
        if key is not None:
            found = self.attr_ix.get(key)
            if found is not None:
                return found
        cow = self.__dict__.get("cow")
        if cow is not None and "attr_reps" in cow.borrowed:  # a fork's first new attr set (fork.py)
            self.attr_reps, self.attr_ix = self.attr_reps.copy(), self.attr_ix.copy()
            cow.borrowed.difference_update(("attr_reps", "attr_ix"))
        if key is not None:
            self.attr_ix[key] = len(self.attr_reps)
            self.attr_reps.append(tuple(attrs.items()))
        else:
            self.attr_reps.append(copy.deepcopy(attrs))
        return len(self.attr_reps) - 1

    # -- records

    def node(self, i: int) -> Node:
        return self.node_records((i,))[0]

    def edge(self, e: int) -> Edge:
        return self.edge_records((e,))[0]

    def node_records(self, rows: Iterable[int]) -> list[Node]:
        ids, ntype, types, zh, en, aliases = self.ids, self.ntype, self.node_types, self.zh, self.en, self.aliases
        nattr, reps, sources = self.nattr, self.attr_reps, self.sources
        new, put = object.__new__, object.__setattr__
        out = []
        with gc_paused():  # records hold no cycles; a collection per 700 of them only costs time
            for i in rows:
                rep = reps[nattr[i]]
                record = new(Node)
                put(record, "__dict__", {
                    "id": ids[i], "type": types[ntype[i]], "name_zh": zh[i], "name_en": en[i],
                    "aliases": list(aliases[i]), "attrs": dict(rep) if type(rep) is tuple else _attrs_of(rep),
                    "sources": list(sources[i])})
                put(record, "__pydantic_fields_set__", set(_NODE_FIELDS))
                put(record, "__pydantic_extra__", None)
                put(record, "__pydantic_private__", None)
                out.append(record)
        return out

    def edge_records(self, edges: Iterable[int]) -> list[Edge]:
        ids, esrc, edst, etype, types = self.ids, self.esrc, self.edst, self.etype, self.edge_types
        eattr, reps, evidence = self.eattr, self.attr_reps, self.evidence
        new, put = object.__new__, object.__setattr__
        out = []
        with gc_paused():
            for e in edges:
                rep = reps[eattr[e]]
                items = evidence.get(e)
                record = new(Edge)
                put(record, "__dict__", {
                    "source": ids[esrc[e]], "target": ids[edst[e]], "type": types[etype[e]],
                    "attrs": dict(rep) if type(rep) is tuple else _attrs_of(rep),
                    "evidence": [_evidence(item) for item in items] if items else []})
                put(record, "__pydantic_fields_set__", set(_EDGE_FIELDS))
                put(record, "__pydantic_extra__", None)
                put(record, "__pydantic_private__", None)
                out.append(record)
        return out

    # -- adjacency

    def slot(self, side: list, i: int):
        """Node i's adjacency on one side, unpacked from the snapshot's arrays on first use."""
        a = side[i]
        if a is _PACKED:
            offsets, flat = self.packed[id(side)]
            a = side[i] = _unpack(flat[offsets[i]: offsets[i + 1]], self.etype)
        return a

    def adjacent(self, side: list, i: int, codes: set[int] | None) -> Iterable[int]:
        """Edges of node i on one side, of the edge types `codes` (all when None)."""
        a = self.slot(side, i)
        if a is None:
            return ()
        if type(a) is int:
            return (a,) if codes is None or self.etype[a] in codes else ()
        if type(a) is array:
            return a if codes is None else [e for e in a if self.etype[e] in codes]
        if codes is None:
            return [e for part in a.values() for e in part]
        return [e for c in codes if c in a for e in a[c]]

    def degree(self, i: int) -> int:
        return _size(self.slot(self.out, i)) + _size(self.slot(self.inn, i))

    def find_edge(self, s: int, t: int, code: int) -> int:
        """The edge s -[code]-> t, or -1: looked up on whichever end has fewer such edges (a side still
        packed in the snapshot's arrays counts all its edges and is unpacked only if chosen and small,
        so reading one member edge of a 330,000-member zone never unpacks the zone, nor one support
        edge into a firm with 2,000 supporters that firm)."""
        if self._size_of(self.out, s, code) <= self._size_of(self.inn, t, code):
            side, i, ends, want = self.out, s, self.edst, t
        else:
            side, i, ends, want = self.inn, t, self.esrc, s
        if side[i] is _PACKED and self._packed_size(side, i) > HUB:
            # a big block is read in place: unpacking it splits it by edge type (an array append per
            # edge), which made the first page after an eager reopen grow with the graph's hubs
            offsets, flat = self.packed[id(side)]
            cands = flat[offsets[i]: offsets[i + 1]]
        else:
            cands = _typed(self.slot(side, i), code)
        etype = self.etype
        for e in ((cands,) if type(cands) is int else cands or ()):
            if ends[e] == want and etype[e] == code:
                return e
        return -1

    def _size_of(self, side: list, i: int, code: int) -> int:
        if side[i] is _PACKED:
            return self._packed_size(side, i)
        return _size(_typed(side[i], code))

    def _packed_size(self, side: list, i: int) -> int:
        offsets = self.packed[id(side)][0]
        return offsets[i + 1] - offsets[i]

    def source_set(self, sources) -> tuple:
        key = tuple(sources) if sources else ()
        return self.source_sets.setdefault(key, key)

    def out_edges_in_order(self, i: int) -> list[int]:
        """Node i's out-edges in networkx MultiDiGraph order: targets by first edge, then keys."""
        edges = sorted(self.adjacent(self.out, i, None))
        by_target: dict[int, list[int]] = {}
        for e in edges:
            by_target.setdefault(self.edst[e], []).append(e)
        return [e for group in by_target.values() for e in group]


class Answers:
    """A few query answers kept for one state of the graph, each computed once even when many
    threads ask at the same time; emptied by every write (a new graph brings a new one)."""

    MOST = 8  #: answers kept (the oldest goes first): bounded memory, whatever is asked

    def __init__(self) -> None:
        self._kept: dict[tuple, object] = {}
        self._locks: dict[tuple, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, compute):
        with self._lock:
            if key in self._kept:
                return self._kept[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one thread computes; the others wait for its answer
            with self._lock:
                if key in self._kept:
                    return self._kept[key]
            value = compute()
            with self._lock:
                self._kept[key] = value
                while len(self._kept) > self.MOST:
                    self._kept.pop(next(iter(self._kept)))
                self._locks.pop(key, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def _size(a) -> int:
    if a is None:
        return 0
    if type(a) is int:
        return 1
    if type(a) is array:
        return len(a)
    return sum(map(len, a.values()))


def _typed(a, code: int):
    """The part of an adjacency that can hold edges of type `code` (a hub's own list; a small list whole)."""
    if type(a) is dict:
        return a.get(code)
    return a


def _attach(side: list, i: int, e: int, code: int, etype: bytearray) -> None:
    a = side[i]
    if a is None:
        side[i] = e
    elif type(a) is int:
        side[i] = array("i", (a, e))
    elif type(a) is array:
        a.append(e)
        if len(a) > HUB:
            side[i] = _split_by_type(a, etype)
    else:
        part = a.get(code)
        if part is None:
            a[code] = array("i", (e,))
        else:
            part.append(e)


def _unpack(edges: array, etype: bytearray):
    if not edges:
        return None
    if len(edges) == 1:
        return edges[0]
    if len(edges) <= HUB:
        return edges
    return _split_by_type(edges, etype)


def _split_by_type(edges: array, etype: bytearray) -> dict[int, array]:
    """A hub's edges, one array per edge type (each in the order given)."""
    split: dict[int, array] = {}
    for e in edges:
        part = split.get(etype[e])
        if part is None:
            split[etype[e]] = array("i", (e,))
        else:
            part.append(e)
    return split
