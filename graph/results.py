"""Query results: the shapes the API returns, the CLI prints and viz draws."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.model import Document, Edge, Node


class Member(BaseModel):
    node: Node
    edge: Edge


class SupportPath(BaseModel):
    relation: str = Field(description="the edge type that makes it a supporter on this path")
    via: Node | None = Field(None, description="the member it supports on this path (None: directly)")
    edges: list[Edge] = Field(description="every hop from the supporter to the node, with evidence")


class Supporter(BaseModel):
    """One supporter, once: `relation`, `via` and `path` are its first path; `paths` all of them."""

    node: Node
    relation: str = Field(description="the edge type that makes it a supporter (on its first path)")
    via: Node | None = Field(None, description="the member it supports on its first path, when it is not direct")
    path: list[Edge] = Field(description="every hop of its first path from the supporter to the node, with evidence")
    paths: list[SupportPath] = Field(default_factory=list, description=(
        "every path by which it supports the node (direct first, then by member), at most 20"))
    path_count: int = Field(1, description="how many paths in all")


class Fallback(BaseModel):
    """What does support or relate to a node when a typed answer about it is empty (graph/fallback.py)."""

    message: str = Field(description="one line: what was not found, and what is shown instead")
    asked_type: str | None = Field(None, description="the node type the empty answer asked for")
    supporters: list[Supporter] = Field(default_factory=list, description=(
        "its supporters of every type, directly or via its members, with paths and evidence (the first 20)"))
    supporters_total: int = 0
    related: list[Member] = Field(default_factory=list, description="nodes tied to it directly, with the edge (the first 20)")
    related_total: int = 0


class Subgraph(BaseModel):
    center: str | None = None
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    truncated: bool = False
    omitted: int = Field(0, description="nodes left out because the subgraph reached its cap")
    omitted_is_lower_bound: bool = Field(False, description=(
        "true when the walk read a hub's edges only up to the cap: `omitted` is then at least that many "
        "(counting them all would cost the hub, not the page)"))
    context: list[str] = Field(default_factory=list, description=(
        "ids of publishers in the subgraph that the walk took but did not walk on from "
        "(the report's author is context; include_publisher=true walks through it)"))
    fallback: Fallback | None = Field(None, description=(
        "when a type filter left nothing but the centre: what does relate to it, in one line and lists"))


class Path(BaseModel):
    nodes: list[Node]
    edges: list[Edge] = Field(description="edges[i] joins nodes[i] and nodes[i+1], in either direction")


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
