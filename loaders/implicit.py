"""Mark the edges that rest on a report's implicit author (`implicit_subject: true`).

"突破怀柔科学城" says who acts only through the report's title: its publisher. A curator
(or the extractor) writes that as `市科委 SUPPORTS 怀柔科学城`; the edge is true, but the
sentence does not name the commission. Such an edge gets the attribute
`implicit_subject: true` (graph/publisher.py says why queries care), decided by one rule:

- one end of the edge is the publisher of a document its evidence comes from, and
- no evidence sentence of that document names the publisher (any of its names or aliases).

A row that sets `implicit_subject` itself (true or false) keeps its own value. Only records
that are Edge objects are marked (YAML, reports); a CSV carries the attribute in its own
`attrs` column, so an export re-loads with it.
"""

from __future__ import annotations

from collections import defaultdict

from graph.model import Edge, Node
from graph.publisher import IMPLICIT
from graph.store import Batch, GraphStore
from graph.text import normalize


def mark_implicit_subjects(batch: Batch, store: GraphStore | None = None) -> int:
    """Mark the batch's edges in place; return how many were marked."""
    issuers = _issuers(batch, store)
    if not issuers:
        return 0
    marked = 0
    for edge in batch.edges:
        if not isinstance(edge, Edge) or IMPLICIT in edge.attrs or not edge.evidence:
            continue
        if _rests_on_implicit_author(edge, issuers):
            edge.attrs = {**edge.attrs, IMPLICIT: True}
            marked += 1
    return marked


def _rests_on_implicit_author(edge: Edge, issuers: dict[str, dict[str, list[str]]]) -> bool:
    for end in (edge.source, edge.target):
        own = [ev for ev in edge.evidence if end in issuers.get(ev.doc, {})]
        if own:
            names = issuers[own[0].doc][end]
            if not any(name in ev.quote for ev in own for name in names):
                return True
    return False


def _issuers(batch: Batch, store: GraphStore | None) -> dict[str, dict[str, list[str]]]:
    """document id -> {publisher node id -> the names it goes by}, for documents of the batch or
    the store that have a publisher found among the batch's or the store's nodes."""
    documents = {d.id: d for d in (store.documents() if store else [])}
    documents.update({d.id: d for d in batch.documents})
    wanted = {normalize(d.publisher) for d in documents.values() if d.publisher}
    if not wanted:
        return {}
    by_name: dict[str, dict[str, Node]] = defaultdict(dict)
    for node in batch.nodes if isinstance(batch.nodes, list) else []:
        for name in node.names:
            if normalize(name) in wanted:
                by_name[normalize(name)][node.id] = node
    for key in wanted:
        if store is not None and key not in by_name:
            found = store.get_nodes(store.lookup(key))
            by_name[key].update(found)
    out: dict[str, dict[str, list[str]]] = {}
    for doc in documents.values():
        nodes = by_name.get(normalize(doc.publisher), {}) if doc.publisher else {}
        if len(nodes) > 1:
            nodes = {i: n for i, n in nodes.items() if n.type == "Institution"}
        if len(nodes) == 1:
            (node_id, node), = nodes.items()
            out[doc.id] = {node_id: node.names}
    return out
