"""What a loader kept and what it rejected: nothing is dropped silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import Batch, Counts


@dataclass(frozen=True)
class Rejection:
    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass
class LoadResult:
    kept: Batch = field(default_factory=Batch)
    rejected: list[Rejection] = field(default_factory=list)
    #: the graph's counts around the write, once the records were stored
    before: Counts | None = None
    after: Counts | None = None

    def reject(self, file: str, line: int | None, reason: str) -> None:
        self.rejected.append(Rejection(file, line, reason))

    def extend(self, other: LoadResult) -> None:
        if not len(self.kept):  # adopt a loader's compact sequences (CSV NodeRows/EdgeRows) as they are
            self.kept = Batch(nodes=other.kept.nodes, edges=other.kept.edges, documents=list(other.kept.documents))
        else:
            self.kept = Batch(nodes=[*self.kept.nodes, *other.kept.nodes], edges=[*self.kept.edges, *other.kept.edges],
                              documents=[*self.kept.documents, *other.kept.documents])
        self.rejected.extend(other.rejected)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> dict:
        """Records read, and (once stored) what the graph gained: a re-load reads records but adds nothing."""
        out = {"documents": len(self.kept.documents), "nodes": len(self.kept.nodes),
               "edges": len(self.kept.edges), "rejected": len(self.rejected)}
        if self.before is not None and self.after is not None:
            out.update(nodes_added=self.after.total_nodes - self.before.total_nodes,
                       edges_added=self.after.total_edges - self.before.total_edges,
                       graph_nodes=self.after.total_nodes, graph_edges=self.after.total_edges)
        return out

    def describe(self) -> str:
        s = self.summary()
        line = f"read {s['nodes']} nodes, {s['edges']} edges, {s['documents']} document(s)"
        if "graph_nodes" in s:
            line += (f"; the graph gained {s['nodes_added']} nodes and {s['edges_added']} edges "
                     f"(now {s['graph_nodes']} nodes, {s['graph_edges']} edges)")
        return line
