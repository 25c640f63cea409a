"""The embedded backend: a compact in-memory graph, persisted to one snapshot file.

Storage is columns, not a networkx graph of records (docs/design/memory-store.md
has the measurements): node ids are interned to ints; a node is a row across a few
lists; an edge is a row across five flat arrays; adjacency is per node and per
direction, split by edge type once a node becomes a hub, so "who SUPPORTS this
zone" never walks its LOCATED_IN edges. Records (Node, Edge) are built on read.
Names sit in an exact index (O(1) lookup) beside a block index of 1- and 2-char
grams that makes substring search touch only the blocks that can match.

networkx stays the analytics library: queries build their own networkx views
(betweenness); shortest paths here are a bidirectional BFS with the same answers
as `nx.all_shortest_paths` on the undirected graph.

A batch may carry compact rows instead of records: when `batch.nodes` /
`batch.edges` have a `rows()` method, it yields plain tuples
(id, type, name_zh, name_en, aliases, attrs, sources) and
(source, type, target, attrs, evidence), which are written without building records.
"""

from __future__ import annotations

import bisect
import copy
import gc
import os
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import add
from pathlib import Path

import orjson

from graph.errors import LoadError, StoreUnavailable
from graph.model import Document, Edge, Evidence, Node
from graph.store import Batch, Counts, Direction
from graph.text import to_simplified

HUB = 24           #: past this many edges one way, a node's edges are split by edge type
BLOCK_BITS = 8     #: names per block of the substring index: 2**BLOCK_BITS
_NODE_FIELDS = frozenset(Node.model_fields)
_EDGE_FIELDS = frozenset(Edge.model_fields)
_EV_FIELDS = frozenset(Evidence.model_fields)


# ---- records on demand -----------------------------------------------------------

def _construct(cls, fields: frozenset, values: dict):
    """A record from values already known to be valid (what `model_construct` does, minus its loops)."""
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", values)
    object.__setattr__(record, "__pydantic_fields_set__", set(fields))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def _evidence(item: tuple) -> Evidence:
    doc, quote, start, end = item
    return _construct(Evidence, _EV_FIELDS, {"doc": doc, "quote": quote, "start": start, "end": end})


def _attr_key(attrs: dict):
    """A hashable key telling flat attribute maps apart exactly (1, 1.0, True and -0.0 differ), or None."""
    key = []
    for k, v in attrs.items():
        t = type(v)
        if t is str or t is int or t is bool or v is None:
            key.append((k, t, v))
        elif t is float:
            key.append((k, t, v.hex()))
        else:
            return None
    return tuple(key)


def _attrs_of(rep) -> dict:
    if rep is None:
        return {}
    if type(rep) is tuple:
        return dict(rep)
    return copy.deepcopy(rep)


# ---- names -----------------------------------------------------------------------

def normalize_all(names: list[str]) -> list[str]:
    """`graph.text.normalize` of many names at once (ASCII without OpenCC; the rest in one OpenCC call)."""
    import unicodedata

    out: list[str] = [""] * len(names)
    rest: list[int] = []
    for i, name in enumerate(names):
        if name.isascii():
            out[i] = " ".join(name.split()).lower()
        else:
            rest.append(i)
    for lo in range(0, len(rest), 20000):
        part = rest[lo: lo + 20000]
        texts = [unicodedata.normalize("NFKC", names[i]) for i in part]
        simple = to_simplified("\n".join(texts)).split("\n")
        if len(simple) != len(texts) or any("\n" in t for t in texts):
            simple = [to_simplified(t) for t in texts]
        for i, text in zip(part, simple):
            out[i] = " ".join(text.split()).casefold()
    return out


class NameIndex:
    """Normalised names -> node ints (exact), and 1-/2-char grams -> blocks of names (substrings).

    Names are kept in slots in order of first appearance; slot s is in block s >> BLOCK_BITS.
    A gram's posting lists the blocks (ascending) holding a name with that gram, so a
    search intersects the postings of its key's grams and reads only those blocks.
    """

    def __init__(self, bits: int | None = None) -> None:
        self.nodes: dict[str, int | list[int]] = {}
        self.slots: list[str] = []
        self.grams: dict[str, array] = {}
        self.indexed = 0
        self.bits = BLOCK_BITS if bits is None else bits

    def add(self, key: str, node: int) -> None:
        have = self.nodes.get(key)
        if have is None:
            self.nodes[key] = node
            self.slots.append(key)
        elif type(have) is int:
            if have != node:
                self.nodes[key] = [have, node]
        elif node not in have:
            have.append(node)

    def ids(self, key: str) -> list[int]:
        have = self.nodes.get(key)
        if have is None:
            return []
        return [have] if type(have) is int else list(have)

    def reindex(self) -> None:
        """Index the blocks that gained names since the last call."""
        bits, grams, slots = self.bits, self.grams, self.slots
        size = 1 << bits
        for block in range(self.indexed >> bits, (len(slots) + size - 1) >> bits):
            text = "\n".join(slots[block * size: (block + 1) * size])
            for gram in set(text).union(map(add, text, text[1:])):
                posting = grams.get(gram)
                if posting is None:
                    grams[gram] = array("i", (block,))
                elif posting[-1] != block:
                    posting.append(block)
        self.indexed = len(slots)

    def containing(self, key: str) -> list[str]:
        """Every indexed name that contains `key`."""
        if not key:
            return list(self.slots)
        postings = []
        for gram in {key} if len(key) == 1 else set(map(add, key, key[1:])):
            posting = self.grams.get(gram)
            if posting is None:
                return []
            postings.append(posting)
        postings.sort(key=len)
        first, rest = postings[0], postings[1:]
        blocks = first if not rest else [b for b in first if all(_holds(p, b) for p in rest)]
        size, slots = 1 << self.bits, self.slots
        return [name for b in blocks for name in slots[b * size: (b + 1) * size] if key in name]


def _holds(posting: array, block: int) -> bool:
    i = bisect.bisect_left(posting, block)
    return i < len(posting) and posting[i] == block


# ---- the graph -------------------------------------------------------------------

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
        self.names = NameIndex()
        self.docs: dict[str, Document] = {}

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
        with _gc_paused():  # records hold no cycles; a collection per 700 of them only costs time
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
        with _gc_paused():
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
        """The edge s -[code]-> t, or -1: looked up on whichever end has fewer such edges."""
        out, inn = _typed(self.slot(self.out, s), code), _typed(self.slot(self.inn, t), code)
        if _size(out) <= _size(inn):
            ends, want = self.edst, t
            cands = out
        else:
            ends, want = self.esrc, s
            cands = inn
        etype = self.etype
        for e in ((cands,) if type(cands) is int else cands or ()):
            if ends[e] == want and etype[e] == code:
                return e
        return -1

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
            split: dict[int, array] = {}
            for x in a:
                part = split.get(etype[x])
                if part is None:
                    split[etype[x]] = array("i", (x,))
                else:
                    part.append(x)
            side[i] = split
    else:
        part = a.get(code)
        if part is None:
            a[code] = array("i", (e,))
        else:
            part.append(e)


# ---- the store -------------------------------------------------------------------

class MemoryStore:
    backend = "memory"

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else None
        self._c = Columns()
        if self.path and self.path.exists():
            self._c = self._read_snapshot(self.path)

    # ---- writing -------------------------------------------------------

    def write(self, batch: Batch) -> None:
        if self._c.empty():
            self.replace(batch)
            return
        self._check_endpoints(batch, self._c)
        try:
            self._apply(self._c, batch)
        except BaseException:
            self._reload()
            raise
        self._persist(on_failure=self._reload)

    def replace(self, batch: Batch) -> None:
        """The graph becomes exactly `batch`; on any failure the previous graph stays."""
        fresh = Columns()
        self._apply(fresh, batch)  # into a fresh graph: an edge to an unknown node fails before the swap
        previous, self._c = self._c, fresh
        self._persist(on_failure=lambda: setattr(self, "_c", previous))

    def clear(self) -> None:
        self.replace(Batch())

    def save(self) -> None:
        """Write the snapshot atomically: a temporary file, fsync, then rename over the old one."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
        try:
            with open(tmp, "wb") as fh:
                _write_snapshot(fh, self._c)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    # ---- reading -------------------------------------------------------

    def counts(self) -> Counts:
        c = self._c
        nodes = {c.node_types[t]: len(ids) for t, ids in c.by_type.items() if ids}
        edges = dict(zip(c.edge_types, c.ecount))
        return Counts(nodes=dict(sorted(nodes.items())), edges={k: v for k, v in sorted(edges.items()) if v},
                      documents=len(c.docs))

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]:
        c = self._c
        rows = {node_id: c.ix.get(node_id) for node_id in ids}
        found = [(node_id, i) for node_id, i in rows.items() if i is not None]
        return dict(zip([node_id for node_id, _ in found], c.node_records([i for _, i in found])))

    def lookup(self, key: str) -> list[str]:
        c = self._c
        return sorted(c.ids[i] for i in c.names.ids(key))

    def search(self, key: str, types: Sequence[str] = (), limit: int = 20, offset: int = 0) -> list[Node]:
        c = self._c
        best: dict[int, tuple[int, int]] = {}
        for name in c.names.containing(key):
            rank = (0 if name == key else 1 if name.startswith(key) else 2, len(name))
            for i in c.names.ids(name):
                if i not in best or rank < best[i]:
                    best[i] = rank
        ids = c.ids
        hits = sorted(best, key=lambda i: (best[i], ids[i]))
        if types:
            names = set(types)
            wanted = {code for code, name in enumerate(c.node_types) if name in names}
            hits = [i for i in hits if c.ntype[i] in wanted]
        return c.node_records(hits[offset: offset + limit])

    def edges(self, ids: Iterable[str], direction: Direction = "both",
              types: Sequence[str] = ()) -> list[Edge]:
        c = self._c
        wanted = set(types)
        codes = {code for code, name in enumerate(c.edge_types) if name in wanted} if types else None
        sides = {"out": (c.out,), "in": (c.inn,), "both": (c.out, c.inn)}[direction]
        found: set[int] = set()
        for node_id in ids:
            i = c.ix.get(node_id)
            if i is not None:
                for side in sides:
                    found.update(c.adjacent(side, i, codes))
        names, etypes, esrc, edst, etype = c.ids, c.edge_types, c.esrc, c.edst, c.etype
        keyed = sorted([(names[esrc[e]], etypes[etype[e]], names[edst[e]], e) for e in found])
        return c.edge_records([k[3] for k in keyed])

    def degrees(self, ids: Iterable[str]) -> dict[str, int]:
        c = self._c
        return {node_id: c.degree(c.ix[node_id]) for node_id in ids if node_id in c.ix}

    def nodes_of_type(self, type_: str, limit: int | None = None) -> list[Node]:
        c = self._c
        if type_ not in c.node_types:
            return []
        code = c.node_types.index(type_)
        ordered = c.sorted_ids.get(code)
        if ordered is None:
            ordered = c.sorted_ids[code] = sorted(c.ids[i] for i in c.by_type.get(code, ()))
        return c.node_records([c.ix[i] for i in ordered[:limit]])

    def shortest_node_paths(self, source: str, target: str, max_hops: int) -> list[list[str]]:
        c = self._c
        if source not in c.ix or target not in c.ix:
            return []
        if source == target:
            return [[source]]
        paths = _all_shortest_paths(c, c.ix[source], c.ix[target], max_hops)
        return sorted([c.ids[i] for i in p] for p in paths)

    def documents(self) -> list[Document]:
        return sorted(self._c.docs.values(), key=lambda d: d.id)

    def iter_nodes(self) -> Iterator[Node]:
        c = self._c
        for i in range(len(c.ids)):
            yield c.node(i)

    def iter_edges(self) -> Iterator[Edge]:
        c = self._c
        for i in range(len(c.ids)):
            if c.slot(c.out, i) is not None:
                for e in c.out_edges_in_order(i):
                    yield c.edge(e)

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    # ---- internals -----------------------------------------------------

    @staticmethod
    def _apply(c: Columns, batch: Batch) -> None:
        with _gc_paused():
            for doc in batch.documents:
                c.docs[doc.id] = doc
            _put_nodes(c, _node_rows(batch.nodes))
            _put_edges(c, _edge_rows(batch.edges))
            c.names.reindex()

    def _persist(self, on_failure) -> None:
        if not self.path:
            return
        try:
            self.save()
        except OSError as exc:
            on_failure()
            raise LoadError(f"could not write the graph to {self.path}: {exc}; nothing changed") from exc

    def _reload(self) -> None:
        self._c = Columns()
        if self.path and self.path.exists():
            self._c = self._read_snapshot(self.path)

    @staticmethod
    def _check_endpoints(batch: Batch, c: Columns) -> None:
        known, incoming = c.ix, None
        missing: set[str] = set()
        for row in _edge_rows(batch.edges):
            for end in (row[0], row[2]):
                if end not in known:
                    if incoming is None:
                        incoming = {node[0] for node in _node_rows(batch.nodes)}
                    if end not in incoming:
                        missing.add(end)
        _refuse(missing)

    def _read_snapshot(self, path: Path) -> Columns:
        try:
            with _gc_paused():
                return _read_snapshot(path.read_bytes(), self._apply)
        except (OSError, ValueError, KeyError, TypeError, IndexError, OverflowError, AssertionError) as exc:
            raise StoreUnavailable(f"the graph snapshot {path} cannot be read: {exc}") from exc


# ---- bulk writes -------------------------------------------------------------------

def _refuse(missing: set[str]) -> None:
    if missing:
        ends = sorted(missing)
        raise LoadError(f"edges refer to {len(ends)} unknown node(s): {', '.join(ends[:10])}")


def _node_rows(nodes) -> Iterable[tuple]:
    rows = getattr(nodes, "rows", None)
    if rows is not None:
        return rows()
    return ((n.id, n.type, n.name_zh, n.name_en, n.aliases, n.attrs, n.sources) for n in nodes)


def _edge_rows(edges) -> Iterable[tuple]:
    rows = getattr(edges, "rows", None)
    if rows is not None:
        return rows()
    return ((e.source, e.type, e.target, e.attrs, e.evidence) for e in edges)


def _put_nodes(c: Columns, rows: Iterable[tuple]) -> None:
    ix, by_type = c.ix, c.by_type
    add_id, add_type, add_zh, add_en = c.ids.append, c.ntype.append, c.zh.append, c.en.append
    add_aliases, add_attr, add_sources = c.aliases.append, c.nattr.append, c.sources.append
    add_out, add_in = c.out.append, c.inn.append
    codes: dict[str, int] = {}
    memo: dict[int, tuple] = {}
    pending_nodes: list[int] = []
    pending_names: list[str] = []
    c.sorted_ids.clear()
    i = len(c.ids)
    for row in rows:
        node_id, type_, zh, en, aliases, attrs, sources = row
        old = ix.get(node_id)
        if old is not None:
            names = _merge_node(c, old, row)
            pending_nodes.extend([old] * len(names))
            pending_names.extend(names)
            continue
        code = codes.get(type_)
        if code is None:
            code = codes[type_] = c.node_code(type_)
            by_type.setdefault(code, [])
        ix[node_id] = i
        add_id(node_id)
        add_type(code)
        add_zh(zh)
        add_en(en)
        add_aliases(tuple(aliases) if aliases else ())
        if not attrs:
            add_attr(0)
        else:
            hit = memo.get(id(attrs))
            if hit is None:
                hit = memo[id(attrs)] = (attrs, c.attr_index(attrs))  # keeps attrs alive: ids stay unique
            add_attr(hit[1])
        add_sources(c.source_set(sources))
        add_out(None)
        add_in(None)
        by_type[code].append(i)
        if zh:
            pending_nodes.append(i)
            pending_names.append(zh)
        if en:
            pending_nodes.append(i)
            pending_names.append(en)
        for alias in aliases or ():
            if alias:
                pending_nodes.append(i)
                pending_names.append(alias)
        if len(pending_names) >= 50000:
            _index_names(c, pending_nodes, pending_names)
        i += 1
    _index_names(c, pending_nodes, pending_names)


def _index_names(c: Columns, nodes: list[int], names: list[str]) -> None:
    for i, key in zip(nodes, normalize_all(names)):
        c.names.add(key, i)
    nodes.clear()
    names.clear()


def _merge_node(c: Columns, i: int, row: tuple) -> list[str]:
    node_id, type_, zh, en, aliases, attrs, sources = row
    other = _construct(Node, _NODE_FIELDS, {"id": node_id, "type": type_, "name_zh": zh, "name_en": en,
                                            "aliases": list(aliases), "attrs": attrs, "sources": list(sources)})
    merged = c.node(i).merged(other)
    c.en[i] = merged.name_en
    c.aliases[i] = tuple(merged.aliases)
    c.nattr[i] = c.attr_index(merged.attrs)
    c.sources[i] = c.source_set(merged.sources)
    return merged.names


def _put_edges(c: Columns, rows: Iterable[tuple]) -> None:
    """Add or merge edges; an end that is not a node refuses the batch (after naming every such end)."""
    ix, out, inn, etype = c.ix, c.out, c.inn, c.etype
    add_src, add_dst, add_type, add_attr = c.esrc.append, c.edst.append, etype.append, c.eattr.append
    memo: dict[int, tuple] = {}
    codes: dict[str, int] = {}
    missing: set[str] = set()
    edst, ecount = c.edst, c.ecount
    last_attrs, last_attr = None, 0
    e = len(etype)
    for source, type_, target, attrs, evidence in rows:
        s, t = ix.get(source), ix.get(target)
        if s is None or t is None:
            missing.update(end for end in (source, target) if end not in ix)
            continue
        code = codes.get(type_)
        if code is None:
            code = codes[type_] = c.edge_code(type_)
        a, b = out[s], inn[t]
        if a is _PACKED:
            a = c.slot(out, s)
        if b is _PACKED:
            b = c.slot(inn, t)
        if a is not None and b is not None:  # the edge may exist: look on the source's side if it is small
            kind = type(a)
            if kind is int:
                found = a if edst[a] == t and etype[a] == code else -1
            elif kind is array:
                found = -1
                for x in a:
                    if edst[x] == t and etype[x] == code:
                        found = x
                        break
            else:
                found = c.find_edge(s, t, code)  # a hub: whichever end has fewer edges of this type
            if found >= 0:
                _merge_edge(c, found, source, type_, target, attrs, evidence)
                continue
        if attrs is last_attrs:
            attr = last_attr
        elif not attrs:
            attr = 0
        else:
            hit = memo.get(id(attrs))
            if hit is None:
                hit = memo[id(attrs)] = (attrs, c.attr_index(attrs))  # keeps attrs alive: ids stay unique
            attr = hit[1]
            last_attrs, last_attr = attrs, attr
        add_src(s)
        add_dst(t)
        add_type(code)
        add_attr(attr)
        ecount[code] += 1
        if evidence:
            c.evidence[e] = tuple((v.doc, v.quote, v.start, v.end) for v in evidence)
        if a is None:
            out[s] = e
        elif type(a) is int:
            out[s] = array("i", (a, e))
        elif type(a) is array and len(a) < HUB:
            a.append(e)
        else:
            _attach(out, s, e, code, etype)
        if b is None:
            inn[t] = e
        elif type(b) is int:
            inn[t] = array("i", (b, e))
        elif type(b) is array and len(b) < HUB:
            b.append(e)
        else:
            _attach(inn, t, e, code, etype)
        e += 1
    _refuse(missing)


def _merge_edge(c: Columns, e: int, source, type_, target, attrs, evidence) -> None:
    other = _construct(Edge, _EDGE_FIELDS, {"source": source, "target": target, "type": type_,
                                            "attrs": attrs, "evidence": list(evidence)})
    merged = c.edge(e).merged(other)
    c.eattr[e] = c.attr_index(merged.attrs)
    items = tuple((v.doc, v.quote, v.start, v.end) for v in merged.evidence)
    if items:
        c.evidence[e] = items
    else:
        c.evidence.pop(e, None)


# ---- paths -----------------------------------------------------------------------

def _neighbours(c: Columns, i: int) -> list[int]:
    esrc, edst = c.esrc, c.edst
    return [edst[e] for e in c.adjacent(c.out, i, None)] + [esrc[e] for e in c.adjacent(c.inn, i, None)]


def _all_shortest_paths(c: Columns, s: int, t: int, max_hops: int) -> list[list[int]]:
    """Every shortest path s..t ignoring direction, by a BFS from both ends (the cheaper frontier first)."""
    preds = ({s: []}, {t: []})            # node -> its neighbours one step nearer that side's root
    frontiers = ([s], [t])
    hops = 0
    while hops < max_hops and frontiers[0] and frontiers[1]:
        work = [sum(map(c.degree, f)) if len(f) < 4096 else 10 * len(f) for f in frontiers]  # a big one: guess
        side = 0 if work[0] <= work[1] else 1  # the frontier with fewer edges to walk
        mine, other = preds[side], preds[1 - side]
        fresh: dict[int, list[int]] = {}
        for u in frontiers[side]:
            for v in _neighbours(c, u):
                if v in mine:
                    continue
                parents = fresh.get(v)
                if parents is None:
                    fresh[v] = [u]
                elif parents[-1] != u and u not in parents:
                    parents.append(u)
        mine.update(fresh)
        frontiers = (list(fresh), frontiers[1]) if side == 0 else (frontiers[0], list(fresh))
        hops += 1
        meet = [v for v in fresh if v in other]
        if meet:
            return [a[::-1] + b[1:] for v in meet
                    for a in _walks(preds[0], v) for b in _walks(preds[1], v)]
    return []


def _walks(preds: dict[int, list[int]], v: int) -> list[list[int]]:
    """Every walk from v back to the root along `preds` (v first)."""
    if not preds[v]:
        return [[v]]
    return [[v, *rest] for p in preds[v] for rest in _walks(preds, p)]


# ---- the snapshot ------------------------------------------------------------------
#
# MAGIC, then a 4-byte little-endian length and a JSON header (version, byte order,
# sections as [name, length, crc32]), then the sections back to back: JSON for text
# columns, raw machine arrays for numbers. Indexes are stored too, so reopening
# copies arrays instead of re-normalising every name.

MAGIC = b"INNOGRAPH-MEMORY-SNAPSHOT\n"
SNAPSHOT_VERSION = 2
_ARRAYS = {"nattr": "i", "esrc": "i", "edst": "i", "eattr": "i", "gram_sizes": "i", "gram_blocks": "i",
           "out_off": "q", "out_edges": "i", "in_off": "q", "in_edges": "i", "source_ix": "i",
           "type_sizes": "i", "type_nodes": "i"}
_PACKED = object()  #: an adjacency still in the snapshot's arrays (Columns.slot unpacks it)


def _write_snapshot(fh, c: Columns) -> None:
    grams = list(c.names.grams.items())
    sets = {key: i for i, key in enumerate(dict.fromkeys(c.sources))}
    sections = {
        "meta": orjson.dumps({
            "documents": [d.model_dump() for d in c.docs.values()], "node_types": c.node_types,
            "edge_types": c.edge_types, "nodes": len(c.ids), "edges": len(c.etype),
            "attrs": [["t", list(map(list, r))] if type(r) is tuple else ["d", r] for r in c.attr_reps[1:]],
            "indexed": c.names.indexed, "block_bits": c.names.bits}),
        "ids": orjson.dumps(c.ids), "zh": orjson.dumps(c.zh), "en": orjson.dumps(c.en),
        "aliases": orjson.dumps([[i, a] for i, a in enumerate(c.aliases) if a]),
        "source_sets": orjson.dumps(list(sets)), "source_ix": array("i", map(sets.__getitem__, c.sources)).tobytes(),
        "type_sizes": array("i", [len(c.by_type.get(t, ())) for t in range(len(c.node_types))]).tobytes(),
        "type_nodes": b"".join(array("i", c.by_type.get(t, ())).tobytes() for t in range(len(c.node_types))),
        "ntype": bytes(c.ntype), "nattr": c.nattr.tobytes(),
        "esrc": c.esrc.tobytes(), "edst": c.edst.tobytes(), "etype": bytes(c.etype), "eattr": c.eattr.tobytes(),
        "evidence": orjson.dumps(list(c.evidence.items())),
        "slots": orjson.dumps(c.names.slots), "slot_nodes": orjson.dumps([c.names.nodes[k] for k in c.names.slots]),
        "gram_keys": orjson.dumps([g for g, _ in grams]),
        "gram_sizes": array("i", [len(p) for _, p in grams]).tobytes(),
        "gram_blocks": b"".join(p.tobytes() for _, p in grams),
    }
    for name, side in (("out", c.out), ("in", c.inn)):
        offsets, flat = array("q", [0]), array("i")
        packed_offsets, packed = c.packed.get(id(side), (None, None))
        for i, a in enumerate(side):
            if a is _PACKED:  # still as the last snapshot wrote it: sorted already
                flat.extend(packed[packed_offsets[i]: packed_offsets[i + 1]])
            elif a is not None:
                flat.extend(sorted(c.adjacent(side, i, None)))
            offsets.append(len(flat))
        sections[f"{name}_off"], sections[f"{name}_edges"] = offsets.tobytes(), flat.tobytes()
    header = orjson.dumps({"version": SNAPSHOT_VERSION, "byteorder": sys.byteorder,
                           "sections": [[k, len(v), zlib.crc32(v)] for k, v in sections.items()]})
    fh.write(MAGIC + len(header).to_bytes(4, "little") + header)
    for data in sections.values():
        fh.write(data)


def _sections(data: bytes) -> tuple[dict, dict[str, memoryview]]:
    if not data.startswith(MAGIC):
        raise ValueError("not an innograph snapshot")
    at = len(MAGIC) + 4
    size = int.from_bytes(data[len(MAGIC): at], "little")
    header = orjson.loads(data[at: at + size])
    if header.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"snapshot version {header.get('version')!r}, expected {SNAPSHOT_VERSION}")
    at += size
    view, out = memoryview(data), {}
    for name, length, crc in header["sections"]:
        part = view[at: at + length]
        if len(part) != length or zlib.crc32(part) != crc:
            raise ValueError(f"section {name!r} is truncated or damaged")
        out[name] = part
        at += length
    if at != len(data):
        raise ValueError("trailing bytes after the last section")
    return header, out


def _read_snapshot(data: bytes, apply) -> Columns:
    c = Columns()
    if data[:1] == b"{":  # version 1: one JSON document of records
        legacy = orjson.loads(data)
        if legacy.get("version") != 1:
            raise ValueError(f"snapshot version {legacy.get('version')!r}, expected {SNAPSHOT_VERSION}")
        apply(c, Batch(documents=[Document(**d) for d in legacy["documents"]],
                       nodes=[Node(**n) for n in legacy["nodes"]], edges=[Edge(**e) for e in legacy["edges"]]))
        return c
    header, sec = _sections(data)
    arrays = {}
    for name, code in _ARRAYS.items():
        arrays[name] = array(code)
        arrays[name].frombytes(sec[name])  # raises on a length that is not a whole number of items
        if header["byteorder"] != sys.byteorder:
            arrays[name].byteswap()
    meta = orjson.loads(sec["meta"])
    n, m = meta["nodes"], meta["edges"]
    c.docs = {d["id"]: Document(**d) for d in meta["documents"]}
    c.node_types, c.edge_types = list(meta["node_types"]), list(meta["edge_types"])
    c.attr_reps = [None] + [tuple(map(tuple, r)) if kind == "t" else r for kind, r in meta["attrs"]]
    for i, rep in enumerate(c.attr_reps[1:], 1):
        if type(rep) is tuple:
            c.attr_ix[_attr_key(dict(rep))] = i
    c.ids = orjson.loads(sec["ids"])
    c.zh, c.en = orjson.loads(sec["zh"]), orjson.loads(sec["en"])
    c.aliases = [()] * n
    for i, names in orjson.loads(sec["aliases"]):
        c.aliases[i] = tuple(names)
    sets = [c.source_set(s) for s in orjson.loads(sec["source_sets"])]
    if max(arrays["source_ix"], default=0) >= max(len(sets), 1):
        raise ValueError("a column points past its table")
    c.sources = list(map(sets.__getitem__, arrays["source_ix"]))
    c.ntype, c.etype = bytearray(sec["ntype"]), bytearray(sec["etype"])
    c.nattr, c.esrc, c.edst, c.eattr = arrays["nattr"], arrays["esrc"], arrays["edst"], arrays["eattr"]
    c.ix = dict(zip(c.ids, range(n)))
    lengths = {len(c.ids), len(c.ix), len(c.zh), len(c.en), len(c.aliases), len(c.sources), len(c.ntype), len(c.nattr)}
    if lengths != {n} or {len(c.esrc), len(c.edst), len(c.etype), len(c.eattr)} != {m}:
        raise ValueError("columns of different lengths")
    if m and (max(c.esrc) >= n or max(c.edst) >= n or min(c.esrc) < 0 or min(c.edst) < 0
              or max(c.etype) >= len(c.edge_types)) or n and max(c.ntype) >= len(c.node_types) \
            or max(c.nattr, default=0) >= len(c.attr_reps) or max(c.eattr, default=0) >= len(c.attr_reps):
        raise ValueError("a column points past its table")
    c.evidence = {e: tuple(map(tuple, items)) for e, items in orjson.loads(sec["evidence"])}
    c.ecount = [c.etype.count(code) for code in range(len(c.edge_types))]
    sizes, members = arrays["type_sizes"], arrays["type_nodes"]
    if len(sizes) != len(c.node_types) or sum(sizes) != n or len(members) != n:
        raise ValueError("the type index does not add up")
    at = 0
    for code, size in enumerate(sizes):
        c.by_type[code] = members[at: at + size].tolist()
        at += size
    for name, side in (("out", "out"), ("in", "inn")):
        offsets, flat = arrays[f"{name}_off"], arrays[f"{name}_edges"]
        _check_packed(offsets, flat, n, m)
        setattr(c, side, [_PACKED] * n)
        c.packed[id(getattr(c, side))] = (offsets, flat)
    if not 0 <= meta["block_bits"] <= 24:
        raise ValueError(f"name blocks of 2**{meta['block_bits']}")
    names = c.names = NameIndex(meta["block_bits"])
    names.slots = orjson.loads(sec["slots"])
    names.nodes = dict(zip(names.slots, orjson.loads(sec["slot_nodes"])))
    names.indexed = meta["indexed"]
    keys, sizes, blocks = orjson.loads(sec["gram_keys"]), arrays["gram_sizes"], arrays["gram_blocks"]
    if len(keys) != len(sizes) or sum(sizes) != len(blocks) or len(names.nodes) != len(names.slots):
        raise ValueError("the name index does not add up")
    at = 0
    for key, size in zip(keys, sizes):
        names.grams[key] = blocks[at: at + size]
        at += size
    return c


def _check_packed(offsets: array, flat: array, n: int, m: int) -> None:
    if len(offsets) != n + 1 or offsets[0] != 0 or offsets[-1] != len(flat) or len(flat) != m \
            or m and (max(flat) >= m or min(flat) < 0) or any(a > b for a, b in zip(offsets, offsets[1:])):
        raise ValueError("an adjacency list does not add up")


def _unpack(edges: array, etype: bytearray):
    if not edges:
        return None
    if len(edges) == 1:
        return edges[0]
    if len(edges) <= HUB:
        return edges
    split: dict[int, array] = {}
    for e in edges:
        part = split.get(etype[e])
        if part is None:
            split[etype[e]] = array("i", (e,))
        else:
            part.append(e)
    return split


@contextmanager
def _gc_paused():
    """Bulk adds allocate millions of small objects; the cyclic collector only slows them down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["MemoryStore", "NameIndex", "normalize_all"]
