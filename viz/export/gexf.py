"""GEXF 1.2 (Gephi's own format): GraphML's columns, with the type colours as viz:color.

The node label is the Chinese name; the edge label is the relation in Chinese;
every other column is the same as in GraphML (see `viz/export/graphml.py`), so a
planner filters and colours by the same names in either tool. Each node also
carries `viz:color` (its type's colour), `viz:size` (the centre drawn larger) and
`viz:shape`. `parse_gexf` rebuilds the records exactly from the JSON columns;
the documents travel only as readable text in `<meta><description>`.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import networkx as nx
from lxml import etree

from graph.model import Document
from graph.results import Subgraph
from graph.schema import NODE_TYPES
from viz.export.graphml import (column_types, edge_columns, edge_from_columns, node_columns,
                                node_from_columns, xml_safe, xml_value)

NS = "http://www.gexf.net/1.2draft"
VIZ = "http://www.gexf.net/1.2draft/viz"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} {NS}/gexf.xsd"
#: The schema's shapes, as near as GEXF's four allow.
SHAPES = {"star": "diamond", "square": "square", "box": "square", "diamond": "diamond",
          "triangle": "triangle", "triangleDown": "triangle"}
CENTER_SIZE, NODE_SIZE = 20.0, 10.0


def generate_gexf(sub: Subgraph, documents: list[Document] = ()) -> str:
    nodes = [(n, _without_label(node_columns(n, sub.center))) for n in sub.nodes]
    edges = [(e, edge_columns(e)) for e in sub.edges]
    root = etree.Element(f"{{{NS}}}gexf", nsmap={None: NS, "viz": VIZ, "xsi": XSI}, version="1.2")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    meta = etree.SubElement(root, f"{{{NS}}}meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(meta, f"{{{NS}}}creator").text = "innograph"
    etree.SubElement(meta, f"{{{NS}}}description").text = xml_safe(_describe(sub, documents))
    graph = etree.SubElement(root, f"{{{NS}}}graph", mode="static", defaultedgetype="directed")
    node_keys = _declare(graph, "node", [c for _, c in nodes])
    edge_keys = _declare(graph, "edge", [{k: v for k, v in c.items() if k != "label"} for _, c in edges])
    node_list = etree.SubElement(graph, f"{{{NS}}}nodes")
    for node, cols in nodes:
        element = etree.SubElement(node_list, f"{{{NS}}}node", id=xml_safe(node.id), label=xml_safe(node.name_zh))
        _values(element, cols, node_keys)
        _viz(element, node.type, node.id == sub.center)
    edge_list = etree.SubElement(graph, f"{{{NS}}}edges")
    for i, (edge, cols) in enumerate(edges):
        element = etree.SubElement(edge_list, f"{{{NS}}}edge", id=str(i), source=xml_safe(edge.source),
                                   target=xml_safe(edge.target), label=str(cols.pop("label")))
        _values(element, cols, edge_keys)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def parse_gexf(text: str) -> tuple[Subgraph, list[Document]]:
    """The subgraph (documents are not carried as records in GEXF: the list is empty)."""
    g = _read(text)
    nodes = [node_from_columns(str(i), d) for i, d in g.nodes(data=True)]
    edges = [edge_from_columns(str(s), str(t), d) for s, t, d in g.edges(data=True)]
    center = next((str(i) for i, d in g.nodes(data=True) if d.get("center")), None)
    return Subgraph(center=center, nodes=nodes, edges=edges), []


def write_gexf(sub: Subgraph, path: Path, documents: list[Document] = ()) -> None:
    Path(path).write_text(generate_gexf(sub, documents), encoding="utf-8")


def read_gexf(path: Path) -> tuple[Subgraph, list[Document]]:
    return parse_gexf(Path(path).read_text(encoding="utf-8"))


def _read(text: str) -> nx.MultiDiGraph:
    g = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    return g if g.is_multigraph() else nx.MultiDiGraph(g)


def _without_label(cols: dict) -> dict:
    return {k: v for k, v in cols.items() if k != "label"}


def _declare(graph, domain: str, rows: list[dict]) -> dict[str, tuple[str, str]]:
    attributes = etree.SubElement(graph, f"{{{NS}}}attributes", {"class": domain, "mode": "static"})
    keys = {}
    for i, (name, kind) in enumerate(column_types(rows).items()):
        keys[name] = (str(i), kind)
        etree.SubElement(attributes, f"{{{NS}}}attribute", id=str(i), title=xml_safe(name), type=kind)
    return keys


def _values(element, cols: dict, keys: dict) -> None:
    values = etree.SubElement(element, f"{{{NS}}}attvalues")
    for name, value in cols.items():
        key_id, kind = keys[name]
        etree.SubElement(values, f"{{{NS}}}attvalue", {"for": key_id, "value": xml_value(value, kind)})


def _viz(element, type_: str, is_center: bool) -> None:
    t = NODE_TYPES[type_]
    rgb = t.color.lstrip("#")
    etree.SubElement(element, f"{{{VIZ}}}color", r=str(int(rgb[0:2], 16)), g=str(int(rgb[2:4], 16)),
                     b=str(int(rgb[4:6], 16)), a="1.0")
    etree.SubElement(element, f"{{{VIZ}}}size", value=str(CENTER_SIZE if is_center else NODE_SIZE))
    etree.SubElement(element, f"{{{VIZ}}}shape", value=SHAPES.get(t.shape, "disc"))


def _describe(sub: Subgraph, documents: list[Document]) -> str:
    lines = [f"innograph subgraph: {len(sub.nodes)} nodes, {len(sub.edges)} edges"
             + (f" around {sub.center}" if sub.center else "")]
    for d in documents:
        about = ", ".join(x for x in (d.publisher, d.date) if x)
        lines.append(f"source: {d.title}" + (f" ({about})" if about else ""))
    return "\n".join(lines)
