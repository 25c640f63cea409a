"""Node-link JSON: the networkx node-link layout, with every record field and the evidence.

`{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...], "links": [...]}` —
networkx's `node_link_graph(data, edges="links")` reads it back.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.model import Document, Edge, Node
from graph.results import Subgraph


def generate_json(sub: Subgraph, documents: list[Document] = ()) -> str:
    data = {
        "directed": True,
        "multigraph": True,
        "graph": {"center": sub.center, "truncated": sub.truncated,
                  "documents": [d.model_dump(mode="json") for d in documents]},
        "nodes": [n.model_dump(mode="json") for n in sub.nodes],
        "links": [{**e.model_dump(mode="json"), "key": e.type} for e in sub.edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def parse_json(text: str) -> tuple[Subgraph, list[Document]]:
    data = json.loads(text)
    nodes = [Node(**n) for n in data["nodes"]]
    edges = [Edge(**{k: v for k, v in e.items() if k != "key"}) for e in data["links"]]
    graph = data.get("graph") or {}
    docs = [Document(**d) for d in graph.get("documents", [])]
    return Subgraph(center=graph.get("center"), nodes=nodes, edges=edges,
                    truncated=bool(graph.get("truncated"))), docs


def write_json(sub: Subgraph, path: Path, documents: list[Document] = ()) -> None:
    Path(path).write_text(generate_json(sub, documents), encoding="utf-8")


def read_json(path: Path) -> tuple[Subgraph, list[Document]]:
    return parse_json(Path(path).read_text(encoding="utf-8"))
