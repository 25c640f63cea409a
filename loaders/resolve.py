"""Name resolution while loading: edges may name their ends by id, name or alias.

A name resolves against the records of the load itself and against the graph
already stored, so a new file can link to what is there; a node whose name is
already taken by a node of the same type merges into it instead of doubling.
"""

from __future__ import annotations

from collections import defaultdict

from graph.model import Node
from graph.store import GraphStore
from graph.text import normalize


class NameResolver:
    def __init__(self, store: GraphStore | None = None):
        self.store = store
        self.nodes: dict[str, Node] = {}
        self._names: dict[str, set[str]] = defaultdict(set)

    def add(self, node: Node) -> Node:
        """Register a node of this load, merged with an earlier record of the same id."""
        if node.id in self.nodes:
            node = self.nodes[node.id].merged(node)
        self.nodes[node.id] = node
        for name in node.names:
            self._names[normalize(name)].add(node.id)
        return node

    def existing_id(self, type_: str, names: list[str]) -> str | None:
        """The id of the one node of `type_` already answering to one of `names`, if any."""
        for name in names:
            ids = [i for i in self._candidates(name) if self.type_of(i) == type_]
            if len(ids) == 1:
                return ids[0]
        return None

    def resolve(self, ref: str) -> str:
        """The id `ref` names; a ValueError explains an unknown or ambiguous name."""
        ref = str(ref or "").strip()
        if not ref:
            raise ValueError("empty node reference")
        if ref in self.nodes or (self.store and self.store.get_nodes([ref])):
            return ref
        ids = self._candidates(ref)
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise ValueError(f"no node named {ref!r}")
        raise ValueError(f"{ref!r} names {len(ids)} nodes ({', '.join(sorted(ids))}); use an id")

    def _candidates(self, name: str) -> list[str]:
        key = normalize(name)
        ids = set(self._names.get(key, ()))
        if self.store:
            ids.update(self.store.lookup(key))
        return sorted(ids)

    def type_of(self, node_id: str) -> str | None:
        if node_id in self.nodes:
            return self.nodes[node_id].type
        found = self.store.get_nodes([node_id]) if self.store else {}
        return found[node_id].type if found else None
