"""The CSV pair: `nodes.csv` and `edges.csv` (UTF-8, header row, comma separated).

nodes.csv: id (optional), type, name_zh, name_en, aliases (separated by "|"),
sources ("|"), and any number of `attr.<name>` columns.
edges.csv: source, type, target (id, name or alias), doc, quote, start, end
(evidence, optional), and `attr.<name>` columns.
A number in an attribute column is read as a number. Unknown columns are
rejected: a misspelt header must not silently drop a column.

A CSV pair can hold a million nodes, so the ordinary row (a node with its id, an
edge between ids, no quote) takes a fast path: plain checks and compact tuples
instead of a validated record per row. Every other row goes through the shared
`make_node` / `make_edge`, so it is accepted or rejected, with the same reason,
exactly as before. The kept records come back as compact sequences (`NodeRows`,
`EdgeRows`) that build a Node or Edge when read and hand stores their `rows()`.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

from graph.bulk import gc_paused
from graph.model import Edge, Evidence, Node
from graph.schema import EDGE_TYPES, NODE_TYPES
from graph.store import GraphStore
from graph.text import normalize
from loaders.records import make_edge, make_node
from loaders.resolve import NameResolver
from loaders.result import LoadResult

NODE_COLUMNS = {"id", "type", "name_zh", "name_en", "aliases", "sources"}
EDGE_COLUMNS = {"source", "type", "target", "doc", "quote", "start", "end"}
LIST_SEP = "|"
csv.field_size_limit(16 * 1024 * 1024)
_ALLOWED = {(s, e, t) for e, et in EDGE_TYPES.items() for s in et.sources for t in et.targets}
_CACHE_CAP = 100_000
_NO_ATTRS: dict = {}  # shared by rows without attributes: never mutated, copied when a record is built


def csv_pair(path: Path) -> tuple[Path, Path] | None:
    """(nodes.csv, edges.csv) of a directory or of either file of the pair."""
    folder = path if path.is_dir() else path.parent
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    return (nodes, edges) if nodes.exists() and edges.exists() else None


def load_csv(nodes_path: Path, edges_path: Path, store: GraphStore | None = None) -> LoadResult:
    result = LoadResult()
    resolver = _Resolver(store)
    table = resolver.nodes
    with gc_paused():
        for line, header, row in _read(nodes_path, NODE_COLUMNS, result, lambda h: h.node_path(resolver)):
            try:
                make_node(_node_row(dict(zip(header.names, row))), resolver, [])
            except ValueError as exc:
                result.reject(str(nodes_path), line, str(exc))
        edges = EdgeRows()
        keep = lambda header: header.edge_path(table.rows, edges)  # noqa: E731
        for line, header, row in _read(edges_path, EDGE_COLUMNS, result, keep):
            try:
                edges.append(make_edge(_edge_row(dict(zip(header.names, row))), resolver, {}, None))
            except ValueError as exc:
                result.reject(str(edges_path), line, str(exc))
    result.kept.nodes = NodeRows(table)
    result.kept.edges = edges
    return result


# ---- reading --------------------------------------------------------------------

class _Header:
    """Column positions of one file, and the fast path for its ordinary rows."""

    def __init__(self, names: list[str]):
        self.names = names
        self.col = {name: i for i, name in enumerate(names)}  # a repeated column: the last one wins
        self.attrs = [(name[5:], self.col[name]) for name in dict.fromkeys(names) if name.startswith("attr.")]
        self._attr_cache: dict = {}

    def attrs_of(self, row: list[str]) -> dict | None:
        """The row's attributes (shared between rows with the same cells), or None when one is not finite."""
        if not self.attrs:
            return _NO_ATTRS
        cells = row[self.attrs[0][1]] if len(self.attrs) == 1 else tuple([row[i] for _, i in self.attrs])
        found = self._attr_cache.get(cells, False)
        if found is False:
            found = {}
            for (name, _), value in zip(self.attrs, (cells,) if len(self.attrs) == 1 else cells):
                if value != "":
                    number = _number(value)
                    if type(number) is float and not math.isfinite(number):
                        found = None
                        break
                    found[name] = number
            if len(self._attr_cache) > _CACHE_CAP:
                self._attr_cache.clear()
            self._attr_cache[cells] = found
        return found

    def node_path(self, resolver: _Resolver):
        """A function that keeps an ordinary node row (a new id, a known type, a Chinese name) and
        says whether it did; any other row is left to `make_node`."""
        col = self.col
        ii, yi, zi = col.get("id"), col.get("type"), col.get("name_zh")
        ei, ai, si = col.get("name_en"), col.get("aliases"), col.get("sources")
        if ii is None or yi is None or zi is None:
            return lambda row: False
        rows, add_row, types, attrs_of = resolver.nodes.rows, resolver.add_row, NODE_TYPES, self.attrs_of

        def keep(row: list[str]) -> bool:
            node_id, type_, zh = row[ii], row[yi], row[zi]
            if not node_id or not zh or type_ not in types or node_id in rows:
                return False
            attrs = attrs_of(row)
            if attrs is None:
                return False
            en = row[ei] if ei is not None else ""
            aliases = _split(row[ai]) if ai is not None else ()
            if aliases:
                aliases = tuple(a for a in aliases if a != zh and a != en)
            add_row((node_id, type_, zh, en, aliases, attrs, _split(row[si]) if si is not None else ()))
            return True

        return keep

    def edge_path(self, nodes: dict[str, tuple], edges: EdgeRows):
        """A function that keeps an ordinary edge row (ends are ids of this load, no quote) and says
        whether it did; any other row is left to `make_edge`."""
        col = self.col
        si, yi, ti, qi = col.get("source"), col.get("type"), col.get("target"), col.get("quote")
        if si is None or yi is None or ti is None:
            return lambda row: False
        allowed, attrs_of, cache = _ALLOWED, self.attrs_of, self._attr_cache
        ai = self.attrs[0][1] if len(self.attrs) == 1 else None
        add_source, add_type, add_target, add_attrs = (edges._source.append, edges._type.append,
                                                       edges._target.append, edges._attrs.append)

        if any(i != i.strip() for i in nodes):  # an id with outer spaces: strip as `resolve` does
            def get(ref: str, _get=nodes.get) -> tuple | None:
                return _get(ref.strip())
        else:
            get = nodes.get

        def keep(row: list[str]) -> bool:
            if qi is not None and row[qi]:
                return False
            # an unpadded id needs no strip(); a padded cell is no key of `nodes` and goes the slow way
            source, target, type_ = get(row[si]), get(row[ti]), row[yi]
            if source is None or target is None or (source[1], type_, target[1]) not in allowed:
                return False
            attrs = cache.get(row[ai]) if ai is not None else None  # one attribute column: cached by its cell
            if attrs is None:
                attrs = attrs_of(row)
                if attrs is None:
                    return False
            add_source(source[0])
            add_type(type_)
            add_target(target[0])
            add_attrs(attrs)
            return True

        return keep


def _read(path: Path, columns: set[str], result: LoadResult,
          keep=None) -> Iterator[tuple[int, _Header, list[str]]]:
    """(line number, header, row) of every well-formed row; the others are rejected with their line.

    `keep(header)` may give a function that takes ordinary rows on the spot: those are not yielded."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:  # Excel writes a BOM
            reader = csv.reader(fh)
            names = next(reader, [])
            unknown = [c for c in names if c not in columns and not c.startswith("attr.")]
            if not names or unknown:
                reason = f"unknown column(s) {', '.join(unknown)}" if unknown else "empty file"
                result.reject(str(path), 1, f"{reason}; columns: {', '.join(sorted(columns))}, attr.<name>")
                return
            header, width = _Header(names), len(names)
            taken = keep(header) if keep else lambda row: False
            for row in reader:
                if len(row) == width and taken(row):
                    continue
                if not row:
                    continue  # a blank line, as csv.DictReader skips it
                if len(row) != width:
                    result.reject(str(path), reader.line_num, "row has a different number of fields than the header")
                    continue
                yield reader.line_num, header, row
    except UnicodeDecodeError as exc:
        result.reject(str(path), None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    except csv.Error as exc:
        result.reject(str(path), None, f"malformed CSV: {exc}")
    except OSError as exc:
        result.reject(str(path), None, f"cannot read: {exc.strerror}")


def _split(cell: str) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(a.strip() for a in cell.split(LIST_SEP) if a.strip())


def _node_row(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in row.items() if k in NODE_COLUMNS and v}
    for key in ("aliases", "sources"):
        if key in out:
            out[key] = [a.strip() for a in out[key].split(LIST_SEP) if a.strip()]
    attrs = _attrs(row)
    if attrs:
        out["attrs"] = attrs
    return out


def _edge_row(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {k: row[k] for k in ("source", "type", "target") if row.get(k)}
    if row.get("quote"):
        try:
            start = int(row.get("start") or 0)
            end = int(row.get("end") or start + len(row["quote"]))
        except ValueError:
            raise ValueError("start and end must be whole numbers") from None
        out["evidence"] = [{"doc": row.get("doc") or "", "quote": row["quote"], "start": start, "end": end}]
    attrs = _attrs(row)
    if attrs:
        out["attrs"] = attrs
    return out


def _attrs(row: dict[str, str]) -> dict[str, Any]:
    return {k[5:]: _number(v) for k, v in row.items() if k.startswith("attr.") and v != ""}


def _number(value: str) -> Any:
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


# ---- the kept records, compact -------------------------------------------------------

def _node(row: tuple) -> Node:
    node_id, type_, zh, en, aliases, attrs, sources = row
    return Node.model_construct(id=node_id, type=type_, name_zh=zh, name_en=en, aliases=list(aliases),
                                attrs=dict(attrs), sources=list(sources))


def _row_of(node: Node) -> tuple:
    return (node.id, node.type, node.name_zh, node.name_en, tuple(node.aliases), node.attrs, tuple(node.sources))


class _NodeTable:
    """The nodes of one load by id, as tuples: the mapping `NameResolver.nodes` needs, minus the records."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple] = {}

    def row(self, node_id: str) -> tuple | None:
        return self.rows.get(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.rows

    def __getitem__(self, node_id: str) -> Node:
        return _node(self.rows[node_id])

    def get(self, node_id: str, default: Node | None = None) -> Node | None:
        row = self.rows.get(node_id)
        return default if row is None else _node(row)

    def __setitem__(self, node_id: str, node: Node) -> None:
        self.rows[node_id] = _row_of(node)

    def __len__(self) -> int:
        return len(self.rows)


class _Resolver(NameResolver):
    """A NameResolver over a `_NodeTable` whose name index is built only when a row needs it
    (a node without an id, an edge end given by name): a load of ids never normalises a name."""

    def __init__(self, store: GraphStore | None):
        super().__init__(store)
        self.nodes = _NodeTable()  # type: ignore[assignment]
        self._indexed = False

    def add(self, node: Node) -> Node:
        if node.id in self.nodes:
            node = self.nodes[node.id].merged(node)
        self.nodes[node.id] = node
        self._index(node.id, node.names)
        return node

    def add_row(self, row: tuple) -> None:
        self.nodes.rows[row[0]] = row
        if self._indexed:
            self._index(row[0], [n for n in (row[2], row[3], *row[4]) if n])

    def _index(self, node_id: str, names: list[str]) -> None:
        if self._indexed:
            for name in names:
                self._names[normalize(name)].add(node_id)

    def _candidates(self, name: str) -> list[str]:
        if not self._indexed:
            self._indexed = True
            for node_id, _, zh, en, aliases, _, _ in self.nodes.rows.values():
                self._index(node_id, [n for n in (zh, en, *aliases) if n])
        return super()._candidates(name)

    def type_of(self, node_id: str) -> str | None:
        row = self.nodes.row(node_id)
        return row[1] if row is not None else super().type_of(node_id)


class NodeRows(Sequence):
    """The kept nodes of a CSV load: a sequence of Node records, kept as tuples."""

    def __init__(self, table: _NodeTable):
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
    """The kept edges of a CSV load: a sequence of Edge records, kept as columns of shared objects."""

    def __init__(self) -> None:
        self._source: list[str] = []
        self._type: list[str] = []
        self._target: list[str] = []
        self._attrs: list[dict] = []
        self._evidence: dict[int, list[Evidence]] = {}

    def append_row(self, row: tuple) -> None:
        source, type_, target, attrs, evidence = row
        if evidence:
            self._evidence[len(self._source)] = list(evidence)
        self._source.append(source)
        self._type.append(type_)
        self._target.append(target)
        self._attrs.append(attrs)

    def append(self, edge: Edge) -> None:
        self.append_row((edge.source, edge.type, edge.target, edge.attrs, edge.evidence))

    def rows(self) -> Iterator[tuple]:
        columns = (self._source, self._type, self._target, self._attrs)
        if not self._evidence:
            return zip(*columns, repeat(()))
        return ((*row, self._evidence.get(i, ())) for i, row in enumerate(zip(*columns)))

    def columns(self) -> tuple[list[str], list[str], list[str], list[dict]] | None:
        """(sources, types, targets, attrs) when no edge carries evidence, for stores that take columns."""
        if self._evidence:
            return None
        return self._source, self._type, self._target, self._attrs

    def __len__(self) -> int:
        return len(self._source)

    def _edge(self, i: int) -> Edge:
        return Edge.model_construct(source=self._source[i], target=self._target[i], type=self._type[i],
                                    attrs=dict(self._attrs[i]),
                                    evidence=[e.model_copy() for e in self._evidence.get(i, ())])

    def __iter__(self) -> Iterator[Edge]:
        return map(self._edge, range(len(self._source)))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._edge(i) for i in range(len(self._source))[index]]
        return self._edge(range(len(self._source))[index])
