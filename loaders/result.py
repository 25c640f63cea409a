"""What a loader kept and what it rejected: nothing is dropped silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import Batch


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

    def reject(self, file: str, line: int | None, reason: str) -> None:
        self.rejected.append(Rejection(file, line, reason))

    def extend(self, other: LoadResult) -> None:
        self.kept.nodes.extend(other.kept.nodes)
        self.kept.edges.extend(other.kept.edges)
        self.kept.documents.extend(other.kept.documents)
        self.rejected.extend(other.rejected)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> dict:
        return {"documents": len(self.kept.documents), "nodes": len(self.kept.nodes),
                "edges": len(self.kept.edges), "rejected": len(self.rejected)}
