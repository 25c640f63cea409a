"""Counts, rankings and the nodes that tie zones together."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Response

from api.deps import QueriesDep, RunDep
from api.models import QUERY_ERRORS, IncludePublisher, Limit, OneType
from graph.rank_apart import apart_ids
from graph.results import Bridge, Ranked, Stats

router = APIRouter(tags=["analytics"], responses=QUERY_ERRORS)


@router.get("/stats", response_model=Stats, summary="Node and edge counts by type, and the source documents")
def stats(queries: QueriesDep, run: RunDep) -> Stats:
    return run(queries.stats)


@router.get("/rank", response_model=list[Ranked], summary="The most connected nodes, overall or within a type",
            description="The report's author and the city it is named after (北京市, with its city-wide "
                        "indicators) are context: they are ranked apart, their ids are in the X-Ranked-Apart "
                        "header (comma-separated), and include_publisher=true ranks them too.")
def rank(queries: QueriesDep, run: RunDep, response: Response,
         by: Annotated[Literal["degree", "betweenness"], Query(description="the score")] = "degree",
         type_: OneType = None, limit: Limit = 20, include_publisher: IncludePublisher = False) -> list[Ranked]:
    items = run(queries.rank, by, type_, limit, include_publisher)
    response.headers["X-Ranked-Apart"] = ",".join(quote(i, safe="") for i in sorted(apart_ids(queries.store, include_publisher)))
    return items


@router.get("/bridges", response_model=list[Bridge], summary="Nodes tied directly to more than one zone")
def bridges(queries: QueriesDep, run: RunDep, include_publisher: IncludePublisher = False) -> list[Bridge]:
    return run(queries.bridges, include_publisher)
