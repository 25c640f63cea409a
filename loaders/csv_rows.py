"""What a CSV load keeps, compactly: node rows as tuples, edges as columns of small ints.

A CSV pair can hold a million nodes and five million edges. A validated record per row
would cost gigabytes, so the loader keeps nodes as plain tuples and edges as int columns
(ends into a vocabulary of ids, types and attributes into small tables). Both still read
as sequences of Node / Edge records for any consumer, hand stores their `rows()`, and the
edges hand a memory store their `columns()` (graph/memory/bulk.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import repeat

import numpy as np

from graph.memory.bulk import EdgeTable
from graph.model import Edge, Evidence, Node
from graph.schema import EDGE_TYPES, NODE_TYPES
from graph.store import GraphStore
from graph.text import normalize
from loaders.resolve import NameResolver

EDGE_TYPE_NAMES = sorted(EDGE_TYPES)
EDGE_TYPE_CODE = {name: i for i, name in enumerate(EDGE_TYPE_NAMES)}
NODE_TYPE_NAMES = sorted(NODE_TYPES)
NODE_TYPE_CODE = {name: i for i, name in enumerate(NODE_TYPE_NAMES)}
NO_ATTRS: dict = {}  # shared by rows without attributes: never mutated, copied when a record is built


def _node(row: tuple) -> Node:
    node_id, type_, zh, en, aliases, attrs, sources = row
    return Node.model_construct(id=node_id, type=type_, name_zh=zh, name_en=en, aliases=list(aliases),
                                attrs=dict(attrs), sources=list(sources))


def _row_of(node: Node) -> tuple:
    return (node.id, node.type, node.name_zh, node.name_en, tuple(node.aliases), node.attrs, tuple(node.sources))


class NodeTable:
    """The nodes of one load by id, as tuples: the mapping `NameResolver.nodes` needs, minus the records.

    The table protocol of `TableResolver` (loaders/csv_stream.py has the others: ids and types only, and
    a pass again over the file): `in`, `has_any`, `add_rows`, `put`, `type_of`, `names`, `type_codes`,
    `edge_rows`, `kept`."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple] = {}

    def row(self, node_id: str) -> tuple | None:
        return self.rows.get(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.rows

    def has_any(self, ids: Sequence[str]) -> bool:
        return not self.rows.keys().isdisjoint(ids)

    def __getitem__(self, node_id: str) -> Node:
        return _node(self.rows[node_id])

    def get(self, node_id: str, default: Node | None = None) -> Node | None:
        row = self.rows.get(node_id)
        return default if row is None else _node(row)

    def __setitem__(self, node_id: str, node: Node) -> None:
        self.rows[node_id] = _row_of(node)

    def __len__(self) -> int:
        return len(self.rows)

    def add_rows(self, rows: Sequence[tuple]) -> None:
        """Rows of new ids, each (id, type, name_zh, name_en, aliases, attrs, sources)."""
        self.rows.update(zip([r[0] for r in rows], rows))

    def put(self, node: Node) -> Node:
        """The node, merged into an earlier record of its id, kept."""
        if node.id in self.rows:
            node = self[node.id].merged(node)
        self[node.id] = node
        return node

    def type_of(self, node_id: str) -> str | None:
        row = self.rows.get(node_id)
        return row[1] if row is not None else None

    def names(self) -> Iterator[tuple[str, list[str]]]:
        """(id, names) of every node so far: for the name index, built when a row first needs it."""
        return ((row[0], [n for n in (row[2], row[3], *row[4]) if n]) for row in self.rows.values())

    def type_codes(self) -> np.ndarray:
        """The NODE_TYPE_CODE of every node, in the table's order (an edge end's int indexes it)."""
        return np.fromiter((NODE_TYPE_CODE[r[1]] for r in self.rows.values()), np.int64, len(self.rows))

    def edge_rows(self) -> EdgeRows:
        return EdgeRows(list(self.rows))

    def kept(self, rejected: int) -> NodeRows:
        """The kept nodes (`rejected`, the rows of nodes.csv rejected, matters to a table that reads them again)."""
        return NodeRows(self)


class TableResolver(NameResolver):
    """A NameResolver over a node table (a `NodeTable` unless given) whose name index is built only when a
    row needs it (a node without an id, an edge end given by name): a load of ids never normalises a name."""

    def __init__(self, store: GraphStore | None, table=None):
        super().__init__(store)
        self.nodes = NodeTable() if table is None else table  # type: ignore[assignment]
        self._indexed = False

    def add(self, node: Node) -> Node:
        node = self.nodes.put(node)
        self._index(node.id, node.names)
        return node

    def add_rows(self, rows: Sequence[tuple]) -> None:
        """Rows of new ids, each (id, type, name_zh, name_en, aliases, attrs, sources)."""
        self.nodes.add_rows(rows)
        if self._indexed:
            for row in rows:
                self._index(row[0], [n for n in (row[2], row[3], *row[4]) if n])

    def _index(self, node_id: str, names: list[str]) -> None:
        if self._indexed:
            for name in names:
                self._names[normalize(name)].add(node_id)

    def _candidates(self, name: str) -> list[str]:
        if not self._indexed:
            found = self.nodes.names()  # before the flag: a table without names raises here
            self._indexed = True
            for node_id, names in found:
                self._index(node_id, names)
        return super()._candidates(name)

    def type_of(self, node_id: str) -> str | None:
        return self.nodes.type_of(node_id) or super().type_of(node_id)


class NodeRows(Sequence):
    """The kept nodes of a CSV load: a sequence of Node records, kept as tuples."""

    def __init__(self, table: NodeTable):
        self._rows = table.rows
        self._list: list[tuple] | None = None

    def rows(self) -> Iterator[tuple]:
        return iter(self._rows.values())

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Node]:
        return map(_node, self._rows.values())

    def __getitem__(self, index):
        if self._list is None:
            self._list = list(self._rows.values())
        if isinstance(index, slice):
            return [_node(r) for r in self._list[index]]
        return _node(self._list[index])


class EdgeRows(Sequence):
    """The kept edges of a CSV load: a sequence of Edge records, kept as int columns.

    Row r joins ids[src[r]] to ids[dst[r]]; `ids` starts as the load's own node ids, in
    order, and gains any other end (a node already stored) when a row names it."""

    def __init__(self, ids: list[str], pos: dict[str, int] | None = None) -> None:
        self.ids = ids
        self.pos = dict(zip(ids, range(len(ids)))) if pos is None else pos
        self.src, self.dst, self.attr = array("i"), array("i"), array("i")
        self.type = bytearray()
        self.attr_values: list[dict] = [NO_ATTRS]
        self._evidence: dict[int, list[Evidence]] = {}

    def end(self, node_id: str) -> int:
        """The int of an end, added to `ids` if new."""
        i = self.pos.get(node_id)
        if i is None:
            i = self.pos[node_id] = len(self.ids)
            self.ids.append(node_id)
        return i

    def attr_code(self, attrs: dict) -> int:
        if not attrs:
            return 0
        self.attr_values.append(attrs)
        return len(self.attr_values) - 1

    def append_row(self, row: tuple) -> None:
        source, type_, target, attrs, evidence = row
        if evidence:
            self._evidence[len(self.src)] = list(evidence)
        self.src.append(self.end(source))
        self.dst.append(self.end(target))
        self.type.append(EDGE_TYPE_CODE[type_])
        self.attr.append(self.attr_code(attrs))

    def append(self, edge: Edge) -> None:
        self.append_row((edge.source, edge.type, edge.target, edge.attrs, edge.evidence))

    def extend_codes(self, src: np.ndarray, type_: np.ndarray, dst: np.ndarray, attr: np.ndarray) -> None:
        """Rows already checked, as arrays of ints (see `append_row` for one)."""
        self.src.frombytes(src.astype(np.int32).tobytes())
        self.dst.frombytes(dst.astype(np.int32).tobytes())
        self.type.extend(type_.astype(np.uint8).tobytes())
        self.attr.frombytes(attr.astype(np.int32).tobytes())

    def rows(self) -> Iterator[tuple]:
        ids, names, values = self.ids, EDGE_TYPE_NAMES, self.attr_values
        columns = (map(ids.__getitem__, self.src), map(names.__getitem__, self.type),
                   map(ids.__getitem__, self.dst), map(values.__getitem__, self.attr))
        if not self._evidence:
            return zip(*columns, repeat(()))
        return ((*row, self._evidence.get(i, ())) for i, row in enumerate(zip(*columns)))

    def columns(self) -> EdgeTable:
        return EdgeTable(ids=self.ids, src=self.src, dst=self.dst, type_names=EDGE_TYPE_NAMES, types=self.type,
                         attr_values=self.attr_values, attrs=self.attr, evidence=self._evidence)

    def __len__(self) -> int:
        return len(self.src)

    def _edge(self, i: int) -> Edge:
        return Edge.model_construct(source=self.ids[self.src[i]], target=self.ids[self.dst[i]],
                                    type=EDGE_TYPE_NAMES[self.type[i]], attrs=dict(self.attr_values[self.attr[i]]),
                                    evidence=[e.model_copy() for e in self._evidence.get(i, ())])

    def __iter__(self) -> Iterator[Edge]:
        return map(self._edge, range(len(self.src)))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._edge(i) for i in range(len(self.src))[index]]
        return self._edge(range(len(self.src))[index])
