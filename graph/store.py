"""The store protocol: the few primitives every backend must answer identically.

Queries (graph/queries.py) are written once against this protocol, so the
embedded networkx store and Neo4j give the same answers by construction; the
shared conformance suite (tests/graph/) checks that they do. The primitives are
chosen so that each is one indexed lookup (or one Cypher statement): no query
needs a scan of the whole graph.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar, runtime_checkable

from graph.model import Document, Edge, Node
from graph.walk import Walk

Direction = Literal["out", "in", "both"]
Key = tuple[str, str, str]  #: an edge's (source, type, target)
T = TypeVar("T")


@dataclass
class Batch:
    """What one load writes: all of it, or (on any error) none of it."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.edges) + len(self.documents)


@dataclass(frozen=True)
class Counts:
    nodes: dict[str, int]
    edges: dict[str, int]
    documents: int

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_edges(self) -> int:
        return sum(self.edges.values())


@runtime_checkable
class GraphStore(Protocol):
    backend: str

    def write(self, batch: Batch) -> None:
        """Merge nodes (by id), edges (by source, type, target) and documents; all or nothing."""

    def replace(self, batch: Batch) -> None:
        """Make the graph exactly `batch`; on failure the previous graph is left as it was."""

    def clear(self) -> None: ...

    def counts(self) -> Counts: ...

    def get_nodes(self, ids: Iterable[str]) -> dict[str, Node]: ...

    def lookup(self, key: str) -> list[str]:
        """Ids of nodes with a name or alias whose normalised form equals `key` (already normalised)."""

    def search(self, key: str, types: Sequence[str] = (), limit: int = 20, offset: int = 0) -> list[Node]:
        """Nodes with a normalised name containing `key`; exact matches first, then prefixes,
        then shorter names; ties by id."""

    def edges(self, ids: Iterable[str], direction: Direction = "both",
              types: Sequence[str] = ()) -> list[Edge]:
        """Edges touching any of `ids` in `direction`, of `types` (all when empty)."""

    def edge_keys(self, ids: Iterable[str], direction: Direction = "both",
                  types: Sequence[str] = ()) -> list[Key]:
        """The (source, type, target) of `edges(ids, direction, types)`, sorted, without the records:
        what a query needs to count, order and page before it reads the few edges it shows."""

    def get_edges(self, keys: Iterable[Key]) -> dict[Key, Edge]:
        """The edges with these (source, type, target) keys; a key with no edge is left out."""

    def support_keys(self, target: str) -> tuple[list[Key], list[tuple[Key, str]]]:
        """(the keys of the MEMBER_EDGES into `target`, sorted; (key, supporter's type) of every
        SUPPORT_EDGES_IN edge into `target` or one of those members and every SUPPORT_EDGES_OUT
        edge out of them, sorted by key): what `supporters` pages, without a record."""

    def degrees(self, ids: Iterable[str]) -> dict[str, int]: ...

    def nodes_of_type(self, type_: str, limit: int | None = None) -> list[Node]:
        """Nodes of one type ordered by id."""

    def shortest_node_paths(self, source: str, target: str, max_hops: int,
                            limit: int | None = None, avoid: Collection[str] = (),
                            cap: int | None = None) -> list[list[str]]:
        """The shortest paths (ignoring direction) as lists of node ids, sorted, the first `limit`
        (all when None); [] if none within max_hops (1 <= max_hops <= limits.MAX_HOPS: Neo4j needs
        the bound in the statement text). No path passes through a node of `avoid` (the two ends
        may be in it). With a `cap`, SearchBounded where a level would read more edges than that
        (graph/bounded_paths.py: the same questions decline on every backend)."""

    def walk(self, center: str, depth: int, edge_types: Sequence[str] = (), max_nodes: int = 500,
             stop: Collection[str] = ()) -> Walk:
        """The nodes within `depth` hops of `center` and the edges among them, as graph/walk.py
        defines it (which nodes a capped walk keeps, which edges come with them, how a node of
        `stop` is taken but not walked on from)."""

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """compute(), or its answer kept from an earlier call with the same key while the graph has
        not changed since. A store that cannot tell when its graph changes (Neo4j: other writers)
        computes every time."""

    def documents(self) -> list[Document]: ...

    def iter_nodes(self) -> Iterator[Node]: ...

    def iter_edges(self) -> Iterator[Edge]: ...

    def close(self) -> None: ...
