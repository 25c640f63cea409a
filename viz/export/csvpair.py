"""The CSV pair `nodes.csv` + `edges.csv`, in exactly the columns the CSV loader reads.

nodes.csv: name_zh, name_en, type, id, aliases ("|"), sources ("|"), attr.<name>…
edges.csv: source, type, target, quote, doc, start, end, attr.<name>…; an edge with
several pieces of evidence is one row per piece (the loader merges them back into
one edge), an edge without evidence one row with the evidence columns empty.

So an export re-loads with `innograph load DIR` (or the unzipped archive). One
file is a zip of the pair; a directory gets the two files. The loader reads
columns by name, so the order is the reader's: the names first and the quote
beside its edge, which is what a planner sees on page 1 of a spreadsheet (the
ids, a column wide, pushed the names to page 2). UTF-8 with a byte order mark:
without it LibreOffice and Excel read the file in the machine's code page and
every Chinese name is mojibake; the loader reads the mark (utf-8-sig), and so do
pandas and csv with encoding="utf-8-sig". What CSV cannot carry: the
documents themselves (only their ids, in `doc` and `sources`), and attribute
types other than numbers and text: the loader reads a number-looking text as a
number, and lists, maps and booleans come back as their text.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from graph.errors import LoadError
from graph.model import Document, Edge
from graph.results import Subgraph

NODE_HEAD = ["name_zh", "name_en", "type", "id", "aliases", "sources"]
EDGE_HEAD = ["source", "type", "target", "quote", "doc", "start", "end"]
SEP = "|"
#: What the files are written in (see the module docstring for why the mark).
ENCODING = "utf-8-sig"


def generate_csv(sub: Subgraph, documents: list[Document] = ()) -> dict[str, str]:
    """{"nodes.csv": text, "edges.csv": text}."""
    node_attrs = _attr_names(n.attrs for n in sub.nodes)
    edge_attrs = _attr_names(e.attrs for e in sub.edges)
    nodes = [[n.name_zh, n.name_en, n.type, n.id, SEP.join(n.aliases), SEP.join(n.sources),
              *(_cell(n.attrs.get(a)) for a in node_attrs)] for n in sub.nodes]
    edges = [row for e in sub.edges for row in _edge_rows(e, edge_attrs)]
    return {"nodes.csv": _table(NODE_HEAD + [f"attr.{a}" for a in node_attrs], nodes),
            "edges.csv": _table(EDGE_HEAD + [f"attr.{a}" for a in edge_attrs], edges)}


def generate_csv_zip(sub: Subgraph, documents: list[Document] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in generate_csv(sub, documents).items():
            archive.writestr(_member(name), text.encode(ENCODING))
    return buffer.getvalue()


def parse_csv_zip(data: bytes) -> tuple[Subgraph, list[Document]]:
    """Read a zipped pair back through the CSV loader itself."""
    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in ("nodes.csv", "edges.csv"):
                (Path(folder) / name).write_bytes(archive.read(name))
        return read_csv(Path(folder))


def write_csv(sub: Subgraph, path: Path, documents: list[Document] = ()) -> None:
    """A directory (no suffix, or an existing directory) gets the pair; any other path a zip."""
    path = Path(path)
    if path.is_dir() or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        for name, text in generate_csv(sub, documents).items():
            (path / name).write_text(text, encoding=ENCODING, newline="")
    else:
        path.write_bytes(generate_csv_zip(sub, documents))


def read_csv(path: Path) -> tuple[Subgraph, list[Document]]:
    """A directory, either file of the pair, or a zip, read through `loaders.sources.read_sources`."""
    from loaders.sources import read_sources

    path = Path(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return parse_csv_zip(path.read_bytes())
    result = read_sources([path])
    if result.rejected:
        raise LoadError(f"{len(result.rejected)} row(s) of {path} rejected", result.rejected)
    edges: dict[tuple[str, str, str], Edge] = {}
    for edge in result.kept.edges:
        edges[edge.key] = edges[edge.key].merged(edge) if edge.key in edges else edge
    return Subgraph(nodes=sorted(result.kept.nodes, key=lambda n: n.id),
                    edges=[edges[k] for k in sorted(edges)]), []


def _edge_rows(edge: Edge, attr_names: list[str]) -> list[list[str]]:
    attrs = [_cell(edge.attrs.get(a)) for a in attr_names]
    ends = [edge.source, edge.type, edge.target]
    if not edge.evidence:
        return [[*ends, "", "", "", "", *attrs]]
    return [[*ends, ev.quote, ev.doc, str(ev.start), str(ev.end), *attrs] for ev in edge.evidence]


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry readable by everyone once unzipped (writestr's default is mode 0600)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _attr_names(all_attrs) -> list[str]:
    return sorted({k for attrs in all_attrs for k, v in attrs.items() if v is not None})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (bool, str)):
        return str(value)
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _table(head: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()

