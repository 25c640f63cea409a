"""The publisher of a report is context, not a hub.

A self-assessment report is written by one body (北京市科学技术委员会) and that body is
the implicit subject of most of its sentences ("支持…", "推进…", "布局…"). Curated
faithfully, it becomes the node with the most edges, and every walk, path and ranking then
runs through it: `neighbors 怀柔科学城 --depth 2` returned half the graph through it.

So the issuers of the graph's documents are known here (`publisher_ids`), and queries
treat them as context by default (graph/queries.py, `include_publisher=False`):

- a walk (neighbors, subgraph, view, export) takes a publisher like any node it reaches
  but never walks on from it (unless it is the centre);
- a path never passes through a publisher (it may start or end at one);
- rank and bridges leave publishers out, and scores count no tie to them;
- supporters still list a publisher, once, with its paths grouped: it is a real supporter.

An edge whose subject is the report's implicit author carries the attribute
`implicit_subject: true` (loaders/implicit.py marks it while loading), so pages and
answers can say "(the report's author, implied)" instead of presenting it as stated.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Edge
from graph.text import normalize

#: The edge attribute that marks an edge resting on the report's implicit author.
IMPLICIT = "implicit_subject"


def publisher_ids(store) -> frozenset[str]:
    """Ids of the nodes that issued any document of the graph, kept per state of the graph."""
    return store.memo(("publisher_ids",), lambda: _publisher_ids(store))


def _publisher_ids(store) -> frozenset[str]:
    found = (publisher_node_id(store, name) for name in sorted({d.publisher for d in store.documents() if d.publisher}))
    return frozenset(i for i in found if i is not None)


def publisher_node_id(store, name: str) -> str | None:
    """The node a document's publisher names, or None: one node of that name, or of several the one
    institution (the issuer is an institution)."""
    ids = store.lookup(normalize(name))
    if len(ids) > 1:
        nodes = store.get_nodes(ids)
        ids = [i for i in ids if nodes[i].type == "Institution"]
    return ids[0] if len(ids) == 1 else None


def context_ids(store, include_publisher: bool, ends: Iterable[str] = ()) -> frozenset[str]:
    """The nodes a walk or a path must not pass through: the publishers, unless included, other
    than `ends` (the centre of a walk, the two ends of a path)."""
    if include_publisher:
        return frozenset()
    return publisher_ids(store) - set(ends)


def is_implicit_subject(edge: Edge) -> bool:
    """True when the edge rests on the report's implicit author (not on a sentence naming it)."""
    return edge.attrs.get(IMPLICIT) is True
