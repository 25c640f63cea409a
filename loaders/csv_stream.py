"""A CSV pair checked in a first pass that keeps the nodes as ids and types only (issue 16).

Why: the streamed Neo4j load (graph/neo4j/stream_load.py) writes a chunk at a time, but the CSV
loader kept every node as a tuple of names, attributes and sources until the write: ~290 MB of the
client at 450k nodes, ~1 GB at 1.5M. The check needs less: which ids were given (an id given twice
merges), each node's type (an edge's pattern) and each id's int (an edge's ends). So:

1. the first pass (`LeanTable`) runs the loader's own checks (loaders/csv_loader.py, the same code,
   the same rejections) into a table of ids (a dict id -> int, a list) and types (a bytearray). The
   edges are kept as the loader keeps them anyway: int columns into that id list, 13 bytes an edge;
2. the nodes go to the store as `LeanNodes`, whose `rows()` reads nodes.csv again through the same
   code (`Replay`), and hands out each kept row a chunk at a time: the same tuples, in the same order,
   as the loader's `NodeRows`. A node given twice was merged into its first row's place: its merged
   tuple is made first, by one more pass that holds only the ids given twice.

A pass again must read what the first pass checked: nodes.csv's size, mtime and inode are taken before
the first pass and compared before and after every other one; a change is a LoadError (the streamed
load then deletes what it wrote: the database is empty again). A pair that needs the names (a node
without an id, or an edge end that is not an id of the pair: resolved by name or alias, or rejected)
raises `NeedsNames` in the first pass, and load_csv reads it again the usual way, names kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from graph.errors import LoadError
from graph.model import Node
from loaders.csv_loader import node_pass
from loaders.csv_rows import NODE_TYPE_CODE, NODE_TYPE_NAMES, EdgeRows, NodeRows, NodeTable, TableResolver, _node, _row_of
from loaders.result import LoadResult


class NeedsNames(Exception):
    """The first pass met a row that resolves a name: the pair is read again with its names."""


def signature(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


class LeanTable:
    """The first pass's node table: each id's int (its place in the file) and type code, and the ids
    given more than once. It answers the checks as `NodeTable` does, and has no names."""

    def __init__(self, path: Path):
        self.path, self.signature = path, signature(path)
        self.pos: dict[str, int] = {}
        self.ids: list[str] = []
        self.types = bytearray()
        self.dups: set[str] = set()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.pos

    def has_any(self, ids: Sequence[str]) -> bool:
        return not self.pos.keys().isdisjoint(ids)

    def __len__(self) -> int:
        return len(self.types)

    def _new(self, node_id: str, type_: str) -> None:
        self.pos[node_id] = len(self.ids)
        self.ids.append(node_id)
        self.types.append(NODE_TYPE_CODE[type_])

    def add_rows(self, rows: Sequence[tuple]) -> None:
        for row in rows:
            self._new(row[0], row[1])

    def put(self, node: Node) -> Node:
        """Registered; an id given again is noted (its merged record is made when the rows are read again)."""
        if node.id in self.pos:
            self.dups.add(node.id)
        else:
            self._new(node.id, node.type)
        return node

    def type_of(self, node_id: str) -> str | None:
        i = self.pos.get(node_id)
        return None if i is None else NODE_TYPE_NAMES[self.types[i]]

    def names(self):
        raise NeedsNames

    def type_codes(self) -> np.ndarray:
        return np.frombuffer(bytes(self.types), np.uint8).astype(np.int64)

    def edge_rows(self) -> EdgeRows:
        """The edges' table shares the id list and dict (an end outside the pair is appended after them)."""
        return EdgeRows(self.ids, self.pos)

    def kept(self, rejected: int) -> LeanNodes:
        return LeanNodes(self, rejected)


class Replay:
    """The table of a pass again over nodes.csv, answering as the first pass's table did at each row
    (an id is known once its first row is read). With a `sink`, each kept row goes into it at its
    first row, the merged tuple of an id given twice (from `held`) in its place; without one, the rows
    of the ids given twice are merged into `held`."""

    def __init__(self, lean: LeanTable, held: dict[str, tuple], sink: list | None):
        self.lean, self.held, self.sink = lean, held, sink
        self.own = len(lean)
        self.seen = bytearray(self.own)

    def _index(self, node_id: str) -> int | None:
        i = self.lean.pos.get(node_id)
        return i if i is not None and i < self.own and self.seen[i] else None

    def __contains__(self, node_id: object) -> bool:
        return self._index(node_id) is not None  # type: ignore[arg-type]

    def has_any(self, ids: Sequence[str]) -> bool:
        return any(map(self.__contains__, ids))

    def _first(self, row: tuple) -> None:
        i = self.lean.pos.get(row[0])
        if i is None or i >= self.own or self.seen[i]:
            raise LoadError(f"{self.lean.path} changed while it was loaded (a row it did not hold); nothing was stored")
        self.seen[i] = 1
        if self.sink is not None:
            self.sink.append(self.held.get(row[0], row))
        elif row[0] in self.lean.dups:
            self.held[row[0]] = row

    def add_rows(self, rows: Sequence[tuple]) -> None:
        for row in rows:
            self._first(row)

    def put(self, node: Node) -> Node:
        if self._index(node.id) is None:
            self._first(_row_of(node))
        elif self.sink is None:  # a later row of an id given twice, merged as NodeTable.put merges it
            node = _node(self.held[node.id]).merged(node)
            self.held[node.id] = _row_of(node)
        return node

    def type_of(self, node_id: str) -> str | None:
        i = self._index(node_id)
        return None if i is None else NODE_TYPE_NAMES[self.lean.types[i]]

    def names(self):
        raise LoadError(f"{self.lean.path} changed while it was loaded (a row names a node); nothing was stored")


class LeanNodes(Sequence):
    """The kept nodes of a lean CSV load: a sequence of Node records read again from nodes.csv on each
    pass; `rows()` gives the tuples NodeRows gives, in its order, holding a chunk of them at a time."""

    def __init__(self, lean: LeanTable, rejected: int):
        self.lean, self.rejected = lean, rejected
        self._merged: dict[str, tuple] | None = None

    def __len__(self) -> int:
        return len(self.lean)

    def rows(self) -> Iterator[tuple]:
        held = self.merged()
        sink: list[tuple] = []
        yield from self._pass(Replay(self.lean, held, sink), sink)

    def merged(self) -> dict[str, tuple]:
        """The merged tuple of every id given twice (a pass holding those ids only, made once)."""
        if self._merged is None:
            held: dict[str, tuple] = {}
            for _ in self._pass(Replay(self.lean, held, None), []):
                pass
            self._merged = held
        return self._merged

    def _pass(self, table: Replay, sink: list) -> Iterator[tuple]:
        self._unchanged()
        result = LoadResult()
        for _ in node_pass(self.lean.path, TableResolver(None, table), result):
            yield from sink
            sink.clear()
        yield from sink
        sink.clear()
        self._unchanged()
        if len(result.rejected) != self.rejected or table.seen.count(0):
            raise LoadError(f"{self.lean.path} changed while it was loaded; nothing was stored")

    def _unchanged(self) -> None:
        if signature(self.lean.path) != self.lean.signature:
            raise LoadError(f"{self.lean.path} changed between its check and its write; nothing was stored")

    def __iter__(self) -> Iterator[Node]:
        return map(_node, self.rows())

    def __getitem__(self, index):
        return self.records()[index]

    def records(self) -> NodeRows:
        """The nodes as the usual load keeps them (for a store that takes a batch whole)."""
        table = NodeTable()
        table.add_rows(list(self.rows()))
        return NodeRows(table)
