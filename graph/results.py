"""Query results: the shapes the API returns, the CLI prints and viz draws."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.model import Document, Edge, Node


class Subgraph(BaseModel):
    center: str | None = None
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    truncated: bool = False
    omitted: int = Field(0, description="nodes left out because the subgraph reached its cap")


class Path(BaseModel):
    nodes: list[Node]
    edges: list[Edge] = Field(description="edges[i] joins nodes[i] and nodes[i+1], in either direction")


class Supporter(BaseModel):
    node: Node
    relation: str = Field(description="the edge type that makes it a supporter")
    via: Node | None = Field(None, description="the member it supports, when it is not direct")
    path: list[Edge] = Field(description="every hop from the supporter to the node, with evidence")


class Member(BaseModel):
    node: Node
    edge: Edge


class FieldCount(BaseModel):
    node: Node
    count: int = Field(description="how many of the zone and its members focus on it")


class ZoneProfile(BaseModel):
    zone: Node
    parents: list[Member] = Field(default_factory=list)
    members: list[Member] = Field(default_factory=list)
    supporters: list[Supporter] = Field(default_factory=list)
    fields: list[FieldCount] = Field(default_factory=list)
    metrics: list[Member] = Field(default_factory=list)
    partners: list[Member] = Field(default_factory=list)
    leaders: list[Member] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict, description=(
        "how many items each list has in all; a list shows at most 500 of them, in id order"))


class Ranked(BaseModel):
    node: Node
    score: float


class Bridge(BaseModel):
    node: Node
    zones: list[Node]
    edges: list[Edge]


class Stats(BaseModel):
    backend: str
    nodes: int
    edges: int
    nodes_by_type: dict[str, int]
    edges_by_type: dict[str, int]
    documents: list[Document]
