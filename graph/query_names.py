"""Name queries: resolve a reference to one node, suggest close names, search by substring.

A part of GraphQueries (graph/queries.py); `self.store` is the store protocol.
"""

from __future__ import annotations

import difflib

from graph.empty import check_not_empty, empty_graph
from graph.errors import Ambiguous, InvalidInput, NotFound
from graph.model import Node
from graph.query_args import _check_limit, _label, _node_type
from graph.text import normalize


class NameQueries:

    def resolve(self, ref: str) -> Node:
        """The one node `ref` names: an id, a Chinese or English name, or an alias."""
        ref = (ref or "").strip()
        if not ref:
            raise InvalidInput("an empty name names nothing")
        by_id = self.store.get_nodes([ref])
        if by_id:
            return by_id[ref]
        ids = self.store.lookup(normalize(ref))
        if len(ids) == 1:
            return self.store.get_nodes(ids)[ids[0]]
        if ids:
            nodes = self.store.get_nodes(ids)
            raise Ambiguous(f"{ref!r} names {len(ids)} nodes; use one of their ids",
                            [_label(nodes[i]) for i in ids])
        raise empty_graph(self.store) or NotFound(f"no node named {ref!r}", self.suggest(ref))

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Close names for a name that matched nothing, as labels ("name / English (Type, id)")."""
        return [_label(n) for n in self.close_nodes(text, limit)]

    def close_nodes(self, text: str, limit: int = 5) -> list[Node]:
        """The nodes whose names are close to `text`, found through its pieces (the search page links them;
        it used to read the ids back out of `suggest`'s labels with a regular expression, which tied the page to
        the label's wording)."""
        key = normalize(text)
        pieces = {key[i:i + 2] for i in range(max(len(key) - 1, 1))} | set(key.split())
        candidates: dict[str, Node] = {}
        for piece in sorted(p for p in pieces if p.strip()):
            for node in self.store.search(piece, limit=25):
                candidates[node.id] = node

        def score(node: Node) -> float:
            return max(difflib.SequenceMatcher(None, key, normalize(n)).ratio() for n in node.names)

        ranked = sorted(candidates.values(), key=lambda n: (-score(n), n.id))
        return [n for n in ranked[:limit] if score(n) >= 0.3]

    def search(self, text: str, type_: str | None = None, limit: int = 20, offset: int = 0) -> list[Node]:
        _check_limit(limit, offset)
        types = [_node_type(type_)] if type_ else []
        key = normalize(text)
        if not key:
            raise InvalidInput("search needs some text")
        hits = self.store.search(key, types, limit, offset)
        if not hits and not offset:
            check_not_empty(self.store)  # "0 matches" would read as "not in the data"
        return hits

    def get(self, ref: str) -> Node:
        return self.resolve(ref)
