"""The CSV pair: `nodes.csv` and `edges.csv` (UTF-8, header row, comma separated).

nodes.csv: id (optional), type, name_zh, name_en, aliases (separated by "|"),
sources ("|"), and any number of `attr.<name>` columns.
edges.csv: source, type, target (id, name or alias), doc, quote, start, end
(evidence, optional), and `attr.<name>` columns.
A number in an attribute column is read as a number. Unknown columns are
rejected: a misspelt header must not silently drop a column.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from graph.store import GraphStore
from loaders.records import make_edge, make_node
from loaders.resolve import NameResolver
from loaders.result import LoadResult

NODE_COLUMNS = {"id", "type", "name_zh", "name_en", "aliases", "sources"}
EDGE_COLUMNS = {"source", "type", "target", "doc", "quote", "start", "end"}
LIST_SEP = "|"
csv.field_size_limit(16 * 1024 * 1024)


def csv_pair(path: Path) -> tuple[Path, Path] | None:
    """(nodes.csv, edges.csv) of a directory or of either file of the pair."""
    folder = path if path.is_dir() else path.parent
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    return (nodes, edges) if nodes.exists() and edges.exists() else None


def load_csv(nodes_path: Path, edges_path: Path, store: GraphStore | None = None) -> LoadResult:
    result = LoadResult()
    resolver = NameResolver(store)
    for line, row in _read(nodes_path, NODE_COLUMNS, result):
        try:
            make_node(_node_row(row), resolver, [])
        except ValueError as exc:
            result.reject(str(nodes_path), line, str(exc))
    result.kept.nodes = list(resolver.nodes.values())
    for line, row in _read(edges_path, EDGE_COLUMNS, result):
        try:
            result.kept.edges.append(make_edge(_edge_row(row), resolver, {}, None))
        except ValueError as exc:
            result.reject(str(edges_path), line, str(exc))
    return result


def _read(path: Path, columns: set[str], result: LoadResult):
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:  # Excel writes a BOM
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            unknown = [c for c in header if c not in columns and not c.startswith("attr.")]
            if not header or unknown:
                reason = f"unknown column(s) {', '.join(unknown)}" if unknown else "empty file"
                result.reject(str(path), 1, f"{reason}; columns: {', '.join(sorted(columns))}, attr.<name>")
                return
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    result.reject(str(path), reader.line_num, "row has a different number of fields than the header")
                    continue
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        result.reject(str(path), None, f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    except csv.Error as exc:
        result.reject(str(path), None, f"malformed CSV: {exc}")
    except OSError as exc:
        result.reject(str(path), None, f"cannot read: {exc.strerror}")


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
