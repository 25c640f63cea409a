"""GraphML (Gephi, Cytoscape, yEd): one typed column per attribute, the records kept exact.

Every node and edge carries flat, typed columns a graph tool can filter and colour
by (type and its Chinese/English names, both names, colour, the first evidence
quote, and one `attr.<name>` column per free attribute), plus JSON columns
(`aliases`, `sources`, `attrs`, `evidence`) from which `parse_graphml` rebuilds
the records exactly. Each column has one type (boolean, long, double or string)
for the whole file, no value is ever empty of meaning (missing values are left
out, never written as "None"), and text is made XML 1.0 safe.

The flat columns are shared with GEXF (`viz/export/gexf.py`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
from lxml import etree

from graph.model import Document, Edge, Node
from graph.results import Subgraph
from graph.schema import EDGE_TYPES, NODE_TYPES

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} {NS}/1.0/graphml.xsd"
#: Characters XML 1.0 cannot carry at all (not even escaped).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LONG = range(-(2**63), 2**63)
_XSD_SPECIAL = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}

Scalar = str | int | float | bool


# ---- the flat columns (shared with GEXF) ----------------------------------

def xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def node_columns(node: Node, center: str | None) -> dict[str, Scalar]:
    t = NODE_TYPES[node.type]
    cols: dict[str, Scalar] = {
        "label": node.name_zh, "type": node.type, "type_zh": t.zh, "type_en": t.en,
        "name_zh": node.name_zh, "name_en": node.name_en, "color": t.color,
        "center": node.id == center, "aliases": to_json(node.aliases),
        "sources": to_json(node.sources), "attrs": to_json(node.attrs),
    }
    return {**cols, **attr_columns(node.attrs)}


def edge_columns(edge: Edge) -> dict[str, Scalar]:
    t = EDGE_TYPES[edge.type]
    first = edge.evidence[0] if edge.evidence else None
    cols: dict[str, Scalar] = {
        "label": t.zh, "relation": edge.type, "relation_zh": t.zh, "relation_en": t.en,
        "evidence": to_json([e.model_dump() for e in edge.evidence]),
        "evidence_count": len(edge.evidence), "attrs": to_json(edge.attrs),
    }
    if first:
        cols.update(quote=first.quote, doc=first.doc)
    return {**cols, **attr_columns(edge.attrs)}


def attr_columns(attrs: dict[str, Any]) -> dict[str, Scalar]:
    """One `attr.<name>` column per attribute: scalars as they are, lists and maps as JSON."""
    out: dict[str, Scalar] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value not in _LONG:
            value = str(value)
        out[f"attr.{key}"] = value if isinstance(value, (str, int, float, bool)) else to_json(value)
    return out


def column_types(rows: list[dict[str, Scalar]]) -> dict[str, str]:
    """One type per column over all rows: boolean, long, double, else string."""
    seen: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            seen.setdefault(key, set()).add(type(value))
    return {key: _xml_type(kinds) for key, kinds in seen.items()}


def _xml_type(kinds: set[type]) -> str:
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def xml_value(value: Scalar, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return _XSD_SPECIAL.get(repr(float(value)), repr(float(value)))
    if kind == "long":
        return str(value)
    return xml_safe(str(value).lower() if isinstance(value, bool) else str(value))


def node_from_columns(node_id: str, data: dict[str, Any]) -> Node:
    return Node(id=node_id, type=data["type"], name_zh=data["name_zh"], name_en=data.get("name_en", ""),
                aliases=json.loads(data.get("aliases", "[]")), sources=json.loads(data.get("sources", "[]")),
                attrs=json.loads(data.get("attrs", "{}")))


def edge_from_columns(source: str, target: str, data: dict[str, Any]) -> Edge:
    return Edge(source=source, target=target, type=data["relation"],
                attrs=json.loads(data.get("attrs", "{}")), evidence=json.loads(data.get("evidence", "[]")))


# ---- GraphML ------------------------------------------------------------

def generate_graphml(sub: Subgraph, documents: list[Document] = ()) -> str:
    nodes = [(n.id, node_columns(n, sub.center)) for n in sub.nodes]
    nodes = [(i, {**cols, **_rgb(str(cols["color"]))}) for i, cols in nodes]
    edges = [(e, edge_columns(e)) for e in sub.edges]
    graph_cols = {"center": sub.center or "", "truncated": sub.truncated,
                  "documents": to_json([d.model_dump() for d in documents])}
    root = etree.Element(f"{{{NS}}}graphml", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    keys = {}
    for domain, rows in (("graph", [graph_cols]), ("node", [c for _, c in nodes]), ("edge", [c for _, c in edges])):
        for name, kind in column_types(rows).items():
            key_id = f"d{len(keys)}"
            keys[(domain, name)] = (key_id, kind)
            etree.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": domain,
                                                    "attr.name": xml_safe(name), "attr.type": kind})
    graph = etree.SubElement(root, f"{{{NS}}}graph", id="G", edgedefault="directed")
    _data(graph, "graph", graph_cols, keys)
    for node_id, cols in nodes:
        _data(etree.SubElement(graph, f"{{{NS}}}node", id=xml_safe(node_id)), "node", cols, keys)
    for i, (edge, cols) in enumerate(edges):
        element = etree.SubElement(graph, f"{{{NS}}}edge", id=f"e{i}",
                                   source=xml_safe(edge.source), target=xml_safe(edge.target))
        _data(element, "edge", cols, keys)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def parse_graphml(text: str) -> tuple[Subgraph, list[Document]]:
    g = nx.parse_graphml(text, force_multigraph=True)
    nodes = [node_from_columns(str(i), d) for i, d in g.nodes(data=True)]
    edges = [edge_from_columns(str(s), str(t), d) for s, t, d in g.edges(data=True)]
    documents = [Document(**d) for d in json.loads(g.graph.get("documents", "[]"))]
    return Subgraph(center=g.graph.get("center") or None, nodes=nodes, edges=edges,
                    truncated=bool(g.graph.get("truncated"))), documents


def write_graphml(sub: Subgraph, path: Path, documents: list[Document] = ()) -> None:
    Path(path).write_text(generate_graphml(sub, documents), encoding="utf-8")


def read_graphml(path: Path) -> tuple[Subgraph, list[Document]]:
    return parse_graphml(Path(path).read_text(encoding="utf-8"))


def _data(element, domain: str, cols: dict[str, Scalar], keys: dict) -> None:
    for name, value in cols.items():
        key_id, kind = keys[(domain, name)]
        etree.SubElement(element, f"{{{NS}}}data", key=key_id).text = xml_value(value, kind)


def _rgb(color: str) -> dict[str, int]:
    """Gephi reads node colour from r, g, b columns in GraphML."""
    value = color.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}
