"""The CSV pair: `nodes.csv` and `edges.csv` (UTF-8, header row, comma separated).

nodes.csv: id (optional), type, name_zh, name_en, aliases (separated by "|"),
sources ("|"), and any number of `attr.<name>` columns.
edges.csv: source, type, target (id, name or alias), doc, quote, start, end
(evidence, optional), and `attr.<name>` columns.
A number in an attribute column is read as a number. Unknown columns are
rejected: a misspelt header must not silently drop a column.

A CSV pair can hold a million nodes, so rows are read a chunk at a time and the
ordinary ones are checked and kept in bulk (loaders/csv_chunks.py); every other
row goes through the shared `make_node` / `make_edge`, one at a time, in file
order, so it is accepted or rejected with the same reason as anywhere else. The
kept records come back compact (loaders/csv_rows.py).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from graph.bulk import gc_paused
from graph.store import GraphStore
from loaders.csv_chunks import EdgeChunks, Header, Slow, number, split_list, take_nodes
from loaders.csv_rows import NodeTable, TableResolver
from loaders.records import make_edge, make_node
from loaders.result import LoadResult

NODE_COLUMNS = {"id", "type", "name_zh", "name_en", "aliases", "sources"}
EDGE_COLUMNS = {"source", "type", "target", "doc", "quote", "start", "end"}
CHUNK_END = (None, None)  #: what node_pass's taker hands back after a chunk
CHUNK_ROWS = 1_000  #: small enough that a chunk's rows are still in cache when they are checked (50k: 40 % slower)
csv.field_size_limit(16 * 1024 * 1024)


def csv_pair(path: Path) -> tuple[Path, Path] | None:
    """(nodes.csv, edges.csv) of a directory or of either file of the pair."""
    folder = path if path.is_dir() else path.parent
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    return (nodes, edges) if nodes.exists() and edges.exists() else None


def load_csv(nodes_path: Path, edges_path: Path, store: GraphStore | None = None, lean: bool = False) -> LoadResult:
    """The pair's records, checked whole: nothing is kept from a pair with a rejected row unless the caller
    allows it. lean: the nodes are kept as ids and types only, and read again from nodes.csv when they are
    written (loaders/csv_stream.py: for the streamed Neo4j load); a pair that needs the names (a node
    without an id, an edge end given by name) is read again the usual way."""
    if lean:
        from loaders.csv_stream import LeanTable, NeedsNames

        try:
            return _load_csv(nodes_path, edges_path, store, LeanTable(nodes_path))
        except NeedsNames:
            pass
    return _load_csv(nodes_path, edges_path, store, NodeTable())


def _load_csv(nodes_path: Path, edges_path: Path, store: GraphStore | None, table) -> LoadResult:
    result = LoadResult()
    resolver = TableResolver(store, table)
    with gc_paused():
        for _ in node_pass(nodes_path, resolver, result):
            pass
        nodes_rejected = len(result.rejected)
        edges = table.edge_rows()
        chunks: dict[int, EdgeChunks] = {}
        node_types = table.type_codes()

        def take_edges(header: Header, chunk: list[list[str]], lines) -> Iterator[Slow]:
            taker = chunks.get(id(header)) or chunks.setdefault(id(header), EdgeChunks(header, edges, node_types))
            return taker.take(chunk, lines)

        for line, header, row in _rows(edges_path, EDGE_COLUMNS, result, take_edges):
            try:
                edges.append(make_edge(_edge_row(dict(zip(header.names, row))), resolver, {}, None))
            except ValueError as exc:
                result.reject(str(edges_path), line, str(exc))
    result.kept.nodes = table.kept(nodes_rejected)
    result.kept.edges = edges
    return result


def node_pass(path: Path, resolver: TableResolver, result: LoadResult) -> Iterator[None]:
    """Every row of nodes.csv into `resolver`'s table, kept or rejected in file order; yields after each
    chunk of rows, so a caller that streams the kept rows (loaders/csv_stream.py) takes a chunk at a time."""
    def take(header: Header, chunk: list[list[str]], lines) -> Iterator[Slow]:
        yield from take_nodes(header, resolver, chunk, lines)
        yield CHUNK_END

    for line, header, row in _rows(path, NODE_COLUMNS, result, take):
        if line is None:
            yield
            continue
        try:
            make_node(_node_row(dict(zip(header.names, row))), resolver, [])
        except ValueError as exc:
            result.reject(str(path), line, str(exc))


# ---- reading --------------------------------------------------------------------

Taker = Callable[[Header, list[list[str]], Callable[[int], int]], Iterator[Slow]]


def _rows(path: Path, columns: set[str], result: LoadResult, take: Taker) -> Iterator[tuple[int, Header, list[str]]]:
    """(line number, header, row) of every row the fast path handed back, well-formed; the
    others are rejected with their line. A file that cannot be read is rejected whole."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:  # Excel writes a BOM
            reader = csv.reader(fh)
            names = next(reader, [])
            unknown = [c for c in names if c not in columns and not c.startswith("attr.")]
            if not names or unknown:
                reason = f"unknown column(s) {', '.join(unknown)}" if unknown else "empty file"
                result.reject(str(path), 1, f"{reason}; columns: {', '.join(sorted(columns))}, attr.<name>")
                return
            header, width = Header(names), len(names)
            failure = None
            while failure is None:
                start, chunk = reader.line_num, []
                try:
                    chunk.extend(islice(reader, CHUNK_ROWS))  # rows read before an error stay in the chunk
                except (csv.Error, UnicodeDecodeError) as exc:
                    failure = exc
                if not chunk:
                    break
                lines = _line_numbers(start, chunk, reader.line_num)
                if set(map(len, chunk)) != {width}:  # a blank line, or a row of another width
                    whole = [r for r in range(len(chunk)) if len(chunk[r]) != width]
                    yield from _uneven(path, header, chunk, lines, whole, width, result, take)
                else:
                    for line, row in take(header, chunk, lines):
                        yield line, header, row
            if failure is not None:
                raise failure
    except UnicodeDecodeError as exc:
        result.reject(str(path), None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    except csv.Error as exc:
        result.reject(str(path), None, f"malformed CSV: {exc}")
    except OSError as exc:
        result.reject(str(path), None, f"cannot read: {exc.strerror}")


def _uneven(path: Path, header: Header, chunk: list[list[str]], lines: Callable[[int], int], whole: list[int],
            width: int, result: LoadResult, take: Taker) -> Iterator[tuple[int, Header, list[str]]]:
    """A chunk with rows of another width: the runs between them go the fast way, in order."""
    lo = 0
    for r in [*whole, len(chunk)]:
        if lo < r:
            for line, row in take(header, chunk[lo:r], lambda i, lo=lo: lines(lo + i)):
                yield line, header, row
        if r < len(chunk) and chunk[r]:  # a blank line is skipped, as csv.DictReader skips it
            result.reject(str(path), lines(r), "row has a different number of fields than the header")
        lo = r + 1


def _line_numbers(start: int, chunk: list[list[str]], end: int) -> Callable[[int], int]:
    """Row i's line number (its last line, as csv.reader counts) in a chunk read from line `start`."""
    if end - start == len(chunk):  # one line per row: the usual case
        return lambda i: start + 1 + i
    ends, line = [], start
    for row in chunk:  # a quoted cell spans lines: count its line breaks as the reader does
        line += 1 + sum(cell.count("\n") + cell.count("\r") - cell.count("\r\n") for cell in row)
        ends.append(line)
    return ends.__getitem__


# ---- one row, the slow way -----------------------------------------------------------

def _node_row(row: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in row.items() if k in {"id", "type", "name_zh", "name_en"} and v}
    for key in ("aliases", "sources"):
        if row.get(key):
            out[key] = list(split_list(row[key]))
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
    return {k[5:]: number(v) for k, v in row.items() if k.startswith("attr.") and v != ""}
