"""Generated subgraphs for page tests and the viz benchmark: any size, the same for a seed."""

from __future__ import annotations

import random

from graph.model import Edge, Evidence, Node
from graph.results import Subgraph
from graph.schema import EDGE_TYPES, NODE_TYPES


def generated_subgraph(n_nodes: int, n_edges: int, seed: int = 0) -> Subgraph:
    """A connected subgraph centred on a zone: a random tree with a few hubs, plus random edges.

    Every node has a Chinese and an English name, every edge one evidence sentence.
    """
    rnd = random.Random(seed)
    types = [t for t in NODE_TYPES if t != "Zone"]
    nodes = [Node(id="zone-0", type="Zone", name_zh="生成园区", name_en="Generated Zone")]
    for i in range(1, n_nodes):
        t = rnd.choice(types)
        nodes.append(Node(id=f"{t.lower()}-{i}", type=t, name_zh=f"{NODE_TYPES[t].zh}{i}号",
                          name_en=f"{t} {i}", attrs={"value": i, "unit": "项"} if t == "Metric" else {}))
    keys: dict[tuple[str, str, str], None] = {}
    hubs = max(1, n_nodes // 50)
    for i in range(1, n_nodes):
        j = rnd.randrange(0, hubs) if rnd.random() < 0.4 else rnd.randrange(0, i)
        keys[(nodes[j].id, "SUPPORTS", nodes[i].id)] = None
    relations = list(EDGE_TYPES)
    while len(keys) < n_edges:
        a, b = rnd.randrange(n_nodes), rnd.randrange(n_nodes)
        if a != b:
            keys[(nodes[a].id, rnd.choice(relations), nodes[b].id)] = None
    edges = [Edge(source=s, type=t, target=d,
                  evidence=[Evidence(doc="generated", quote=f"{s} 与 {d} 的关系（生成）", start=0, end=10)])
             for s, t, d in keys]
    return Subgraph(center="zone-0", nodes=nodes, edges=edges)
