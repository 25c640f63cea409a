"""The answer to a question: what was understood, what the graph says, and on what evidence."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.model import Edge, Node
from graph.results import Path

Status = Literal["answered", "empty", "unknown_entity", "not_understood"]


class Mention(BaseModel):
    """A name the question uses, and the node it was read as."""

    text: str = Field(description="the words of the question, normalised")
    match: Literal["exact", "fuzzy", "unknown"]
    score: float = Field(1.0, description="similarity to the graph name (1.0 when exact)")
    node: Node | None = Field(None, description="the node it was read as (None when unknown)")
    alternatives: list[str] = Field(default_factory=list, description="other nodes with that name")


class Item(BaseModel):
    """One row of the answer: a node, how it relates to the question's entity, and the edges that say so."""

    node: Node
    relation: str | None = Field(None, description="the edge type that puts it in the answer")
    via: Node | None = Field(None, description="the member through which it relates, when not direct")
    edges: list[Edge] = Field(default_factory=list, description="every hop, each with its evidence")
    value: float | None = Field(None, description="a count or score, where the query gives one")

    def value_text(self) -> str:
        """The value as a table shows it (the CLI's and the /ask page's): a count whole, a score to 3 places."""
        if self.value is None:
            return ""
        return str(int(self.value)) if float(self.value).is_integer() else f"{self.value:.3f}"


class Quote(BaseModel):
    """The evidence of one edge, with both ends named."""

    source: str
    source_name: str
    relation: str
    target: str
    target_name: str
    doc: str
    quote: str
    start: int
    end: int


#: The queries whose rows are ordered by a count they carry (Item.value): the pages and the CLI show it.
RANKINGS = frozenset({"rank", "bridges", "most_supported", "most_members", "most_related"})


class Answer(BaseModel):
    question: str = Field(description="the question as asked (trimmed); it is only ever text")
    language: Literal["zh", "en"]
    status: Status
    interpretation: str = Field(description="what the question was read as, in its language")
    summary: str = Field(description="the answer in one sentence, in the question's language")
    query: str | None = Field(None, description="the query run, e.g. supporters")
    params: dict[str, Any] = Field(default_factory=dict, description="its parameters: ref(s), types, year, count")
    mentions: list[Mention] = Field(default_factory=list)
    count: int | None = Field(None, description="how many distinct nodes (or paths) answer")
    items: list[Item] = Field(default_factory=list)
    related: list[Item] = Field(default_factory=list, description="when the asked type has no answer: what does "
                                "relate (all types, via members), each row with its evidence")
    paths: list[Path] = Field(default_factory=list)
    nodes: list[Node] = Field(default_factory=list, description="every node of the answer, both names")
    edges: list[Edge] = Field(default_factory=list, description="every edge of the answer")
    evidence: list[Quote] = Field(default_factory=list, description="the evidence of every edge")
    link: str | None = Field(None, description="the network page of the result")
    suggestions: list[str] = Field(default_factory=list, description="questions that can be answered")
    notes: list[str] = Field(default_factory=list)
    truncated: bool = False

    def ranked(self) -> bool:
        """Whether the rows are a ranking, ordered by the count each carries (shown beside them)."""
        return self.query in RANKINGS
