"""One node, its neighbourhood, its supporters, and the subgraph around a centre.

`{ref}` is an id, a Chinese or English name or an alias, URL-encoded; it may hold
a "/" (the routes with a suffix are declared first so they match first).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import QueriesDep, RunDep
from api.models import (QUERY_ERRORS, After, Depth, IncludePublisher, Limit, MaxNodes, Offset, OneRel, OneType, RefPath,
                        Rels, Year, Types, name_query)
from graph import limits
from graph.model import Node
from graph.results import Fallback, Subgraph, Supporter

router = APIRouter(tags=["nodes"], responses=QUERY_ERRORS)


@router.get("/nodes/{ref:path}/neighbors", response_model=Subgraph,
            summary="The neighbourhood of a node, every edge with its evidence")
def neighbors(queries: QueriesDep, run: RunDep, ref: RefPath, depth: Depth = 1, type_: OneType = None,
              rel: OneRel = None, max_nodes: MaxNodes = limits.DEFAULT_SUBGRAPH_NODES,
              year: Year = None, include_publisher: IncludePublisher = False) -> Subgraph:
    return run(queries.neighbors, ref, depth, type_, rel, max_nodes, year, include_publisher)


@router.get("/nodes/{ref:path}/supporters", response_model=list[Supporter],
            summary="Who supports a node, directly or via one of its members (with the path)",
            responses={200: {"headers": {
                "X-Total-Count": {"schema": {"type": "integer"},
                                  "description": "supporters in all, before limit, offset and after"},
                "X-Next-After": {"schema": {"type": "string"},
                                 "description": "present when more supporters follow: pass it as `after` for the next page"}}}})
def supporters(queries: QueriesDep, run: RunDep, response: Response, ref: RefPath, type_: OneType = None,
               limit: Limit = limits.MAX_LIMIT, offset: Offset = 0, after: After = None) -> list[Supporter]:
    total, page, next_after = run(queries.supporters_window, ref, type_, limit, offset, after)
    response.headers["X-Total-Count"] = str(total)
    if type_ and not total:  # empty for this type: point at what does support it
        response.headers["Link"] = f'<related?type={type_}>; rel="related"'
    if next_after:
        response.headers["X-Next-After"] = next_after
    return page


@router.get("/nodes/{ref:path}/related", response_model=Fallback,
            summary="What supports or relates to a node when an answer about one type is empty",
            description="One line (`message`), its supporters of every type (directly or via its members, "
                        "with paths and evidence) and the nodes tied to it directly. `type` is the type "
                        "the empty answer asked for; `what` is `supporters` or `neighbors`.")
def related(queries: QueriesDep, run: RunDep, ref: RefPath, type_: OneType = None,
            what: Annotated[Literal["supporters", "neighbors"], Query(description="the empty question")] = "supporters",
            depth: Depth = 1) -> Fallback:
    return run(queries.related_fallback, ref, type_, what, depth)


@router.get("/nodes/{ref:path}", response_model=Node, summary="One node: names, type, attributes, sources")
def node(queries: QueriesDep, run: RunDep, ref: RefPath) -> Node:
    return run(queries.get, ref)


@router.get("/subgraph", response_model=Subgraph,
            summary="Every node within `depth` hops of a centre (either direction)")
def subgraph(queries: QueriesDep, run: RunDep,
             center: Annotated[str, name_query("the centre: id, name or alias")],
             depth: Depth = 2, type_: Types = None, rel: Rels = None,
             max_nodes: MaxNodes = limits.DEFAULT_SUBGRAPH_NODES, year: Year = None,
             include_publisher: IncludePublisher = False) -> Subgraph:
    return run(queries.subgraph, center, depth, type_ or [], rel or [], max_nodes, year, include_publisher)
