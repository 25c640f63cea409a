"""What changed between two years: nodes and edges that appear or disappear.

A document carries a year; an edge belongs to the years of the documents its
evidence cites, a node to the years of its sources. Between `from_year` and
`to_year`, a node or edge "appears" when it belongs to `to_year` but not to
`from_year`, and "disappears" the other way round. Nodes and edges without a
dated document (curated rows without sources, say) belong to no year and never
show up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.errors import InvalidInput
from graph.model import Document, Edge, Node
from graph.store import Batch, GraphStore
from loaders.result import LoadResult


@dataclass
class YearDiff:
    from_year: int
    to_year: int
    nodes_added: list[Node] = field(default_factory=list)
    nodes_removed: list[Node] = field(default_factory=list)
    edges_added: list[Edge] = field(default_factory=list)
    edges_removed: list[Edge] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        def nodes(items: list[Node]) -> list[dict]:
            return [{"id": n.id, "type": n.type, "name_zh": n.name_zh, "name_en": n.name_en} for n in items]

        def edges(items: list[Edge]) -> list[dict]:
            return [{"source": e.source, "type": e.type, "target": e.target,
                     "evidence": [ev.model_dump() for ev in e.evidence]} for e in items]

        return {"from": self.from_year, "to": self.to_year,
                "nodes": {"added": nodes(self.nodes_added), "removed": nodes(self.nodes_removed)},
                "edges": {"added": edges(self.edges_added), "removed": edges(self.edges_removed)}}


def diff(source: GraphStore | Batch | LoadResult, from_year: int, to_year: int) -> YearDiff:
    """Nodes and edges that appear or disappear between the documents of two years."""
    documents, nodes, edges = _records(source)
    years = {d.id: d.year for d in documents if d.year is not None}
    known = sorted(set(years.values()))
    for year in (from_year, to_year):
        if year not in known:
            raise InvalidInput(f"no document of {year} in the graph; years with documents: "
                               f"{', '.join(map(str, known)) or 'none'}")
    out = YearDiff(from_year, to_year)
    for node in sorted(nodes, key=lambda n: n.id):
        belongs = {years[s] for s in node.sources if s in years}
        _place(out.nodes_added, out.nodes_removed, node, belongs, from_year, to_year)
    for edge in sorted(edges, key=lambda e: e.key):
        belongs = {years[ev.doc] for ev in edge.evidence if ev.doc in years}
        _place(out.edges_added, out.edges_removed, edge, belongs, from_year, to_year)
    return out


def _place(added: list, removed: list, item, belongs: set[int], from_year: int, to_year: int) -> None:
    if to_year in belongs and from_year not in belongs:
        added.append(item)
    elif from_year in belongs and to_year not in belongs:
        removed.append(item)


def _records(source) -> tuple[list[Document], list[Node], list[Edge]]:
    if isinstance(source, LoadResult):
        source = source.kept
    if isinstance(source, Batch):
        return source.documents, source.nodes, source.edges
    return source.documents(), list(source.iter_nodes()), list(source.iter_edges())
