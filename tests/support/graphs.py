"""What a graph is, for tests that compare two graphs or one graph before and after.

Imported as `tests.support.graphs`.
"""

from __future__ import annotations

import hashlib
import json


def fingerprint(store) -> dict:
    """Counts by type, and hashes of the sorted node, edge and document lists (every field)."""
    def digest(items) -> str:
        return hashlib.sha256("\n".join(sorted(items)).encode("utf-8", "surrogatepass")).hexdigest()

    counts = store.counts()
    edges = [json.dumps(e.model_dump(), sort_keys=True, ensure_ascii=False) for e in store.iter_edges()]
    return {"nodes": counts.nodes, "edges": counts.edges, "documents": counts.documents,
            "edges_listed": len(edges),
            "node_hash": digest(json.dumps(n.model_dump(), sort_keys=True, ensure_ascii=False)
                                for n in store.iter_nodes()),
            "edge_hash": digest(edges),
            "document_hash": digest(d.model_dump_json() for d in store.documents())}
