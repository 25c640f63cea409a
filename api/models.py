"""The API's own shapes: the error body, health, load summary, and the typed parameters.

Query results themselves are the models of graph/results.py and graph/model.py,
returned as they are, so `innograph … --json` and the HTTP API print the same thing.
The parameter types below carry the documented caps (graph/limits.py) into the
OpenAPI schema: a request over a cap is a 422 that names it, before any query runs.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query
from pydantic import BaseModel, Field

from graph import cursor, limits
from graph.schema import EDGE_TYPES, NODE_TYPES

#: Longest name or search text accepted (fuzzy suggestions cost grows with length).
MAX_TEXT = 200
#: Deepest page of a listing.
MAX_OFFSET = 100_000
#: Names must hold a character that is not a space (the graph ignores surrounding spaces).
NON_BLANK = r"[^\s\x1c-\x1f]"
#: Names as examples in the docs (the first three are in the bundled graph).
EXAMPLE_NAMES = ["怀柔科学城", "经开区", "市科委"]

NodeTypeName = Literal[tuple(NODE_TYPES)]  # type: ignore[valid-type]
EdgeTypeName = Literal[tuple(EDGE_TYPES)]  # type: ignore[valid-type]


def name_query(description: str, **kw) -> Query:
    return Query(description=description, min_length=1, max_length=MAX_TEXT, pattern=NON_BLANK,
                  examples=EXAMPLE_NAMES, **kw)


RefPath = Annotated[str, Path(description="an id, a Chinese or English name, or an alias (URL-encoded)",
                              min_length=1, max_length=MAX_TEXT, pattern=NON_BLANK,
                              examples=EXAMPLE_NAMES)]
Year = Annotated[int | None, Query(ge=1900, le=2100,
                                  description="walk only edges with evidence from a document of this year")]
Depth = Annotated[int, Query(ge=1, le=limits.MAX_DEPTH, description=f"hops from the centre, 1 to {limits.MAX_DEPTH}")]
MaxNodes = Annotated[int, Query(ge=1, le=limits.MAX_SUBGRAPH_NODES,
                                description=f"nodes before the walk stops (truncated), at most {limits.MAX_SUBGRAPH_NODES}")]
MaxHops = Annotated[int, Query(ge=1, le=limits.MAX_HOPS, description=f"longest path, 1 to {limits.MAX_HOPS} hops")]
Limit = Annotated[int, Query(ge=1, le=limits.MAX_LIMIT, description=f"page size, 1 to {limits.MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"results to skip, at most {MAX_OFFSET}")]
After = Annotated[str | None, Query(min_length=2, max_length=4000, pattern=cursor.PATTERN,
                                   description="the `X-Next-After` of the previous page: the supporters after its last one")]
OneType = Annotated[NodeTypeName | None, Query(alias="type", description="keep only nodes of this type")]
Types = Annotated[list[NodeTypeName] | None, Query(alias="type", description="keep only nodes of these types (repeat)")]
OneRel = Annotated[EdgeTypeName | None, Query(description="walk only edges of this type")]
Rels = Annotated[list[EdgeTypeName] | None, Query(alias="rel", description="walk only edges of these types (repeat)")]
IncludePublisher = Annotated[bool, Query(description=(
    "walk, rank and find paths through the report's author (the publisher) too; by default it is "
    "context: taken where reached, never passed through"))]


class ErrorDetail(BaseModel):
    status: int = Field(description="the HTTP status, repeated")
    code: str = Field(description="a stable machine-readable reason, e.g. not_found, limit_exceeded")
    message: str = Field(description="what went wrong, in words")
    suggestions: list[str] = Field(default_factory=list,
                                   description="close names, candidates, valid values or rejected records")


class ErrorResponse(BaseModel):
    """The one shape of every 4xx and 5xx answer."""

    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    backend: str
    nodes: int
    edges: int
    documents: int


class LoadSummary(BaseModel):
    """Records read from the upload, and what the graph gained: a report uploaded again reads 15 nodes
    and adds none (the CLI's `load` says so; the API said only "nodes: 15")."""

    file: str
    documents: int
    nodes: int
    edges: int
    nodes_added: int = Field(description="nodes the graph gained (0 for a source loaded before)")
    edges_added: int = Field(description="edges the graph gained; a known relation gains evidence, not an edge")
    graph_nodes: int
    graph_edges: int


def _error(description: str) -> dict:
    return {"model": ErrorResponse, "description": description}


#: The error answers every query may give, documented on every route.
QUERY_ERRORS: dict[int | str, dict] = {
    404: _error("unknown name (with close names as suggestions) or unknown route; code `graph_empty` when "
                "nothing is stored at all (the suggestion says how to build the graph)"),
    409: _error("a name that fits several nodes (the candidates are the suggestions)"),
    422: _error("malformed request or a value over a documented limit"),
    500: _error("unexpected server error (logged; no detail is returned)"),
    503: _error("the graph store is unavailable"),
    504: _error("the query ran past its time budget"),
}


#: A relation or new name below this confidence is marked on the preview: the extractor's relation
#: precision is 0.93 at 0.5 and above, 0.82 from 0.3 (docs/extraction.md, cold, by minimum confidence).
LOW_CONFIDENCE = 0.5


class PreviewDocument(BaseModel):
    id: str
    title: str
    publisher: str = Field("", description="the report's author as the extractor found it ('' when none)")
    year: int | None = None
    date: str = ""


class PreviewNode(BaseModel):
    id: str
    type: str
    name_zh: str
    name_en: str = ""
    new: bool = Field(description="a name the graph does not hold yet (one it holds gains this document as a source)")
    confidence: float | None = Field(None, description="how sure the extractor is of a new name")
    low: bool = Field(False, description=f"a new name below {LOW_CONFIDENCE}")


class PreviewRelation(BaseModel):
    index: int = Field(description="its place in `review.edges`: the page leaves out the unchecked ones")
    source: str
    source_name: str
    type: str
    target: str
    target_name: str
    confidence: float
    low: bool = Field(description=f"below {LOW_CONFIDENCE}")
    sentence: str = Field(description="the sentence it was read from, as in the file")
    start: int = Field(description="where the sentence starts in the decoded file (characters)")
    end: int


class ReportPreview(BaseModel):
    """What loading a report would store, nothing written: POST /sources with `file` and `review`
    (this preview's `review`, less what the planner left out) then stores exactly that."""

    file: str
    encoding: str
    document: PreviewDocument
    already_loaded: str | None = Field(None, description="the id of a stored document with this report's text")
    note: str = Field("", description="what loading it would do when the graph already holds it")
    low_confidence: float = LOW_CONFIDENCE
    nodes: list[PreviewNode]
    relations: list[PreviewRelation]
    review: dict = Field(description="the review file (loaders/review.py) as JSON: documents, nodes, edges")
