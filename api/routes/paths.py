"""Shortest relationship paths between two nodes, with the evidence of every hop."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import QueriesDep, RunDep
from api.models import QUERY_ERRORS, IncludePublisher, MaxHops, name_query
from graph import limits
from graph.results import Path

router = APIRouter(tags=["paths"], responses=QUERY_ERRORS)


@router.get("/paths", response_model=list[Path],
            summary=f"Every shortest path (at most {limits.MAX_PATHS}), edges taken in either direction")
def paths(queries: QueriesDep, run: RunDep,
          source: Annotated[str, name_query("one end: id, name or alias")],
          target: Annotated[str, name_query("the other end: id, name or alias")],
          max_hops: MaxHops = 4, include_publisher: IncludePublisher = False,
          through_hubs: Annotated[bool, Query(description=(
              f"read the edges of hubs the search must pass beyond (more than {limits.PATH_EXPAND_EDGES:,} "
              "edges a level); without it such a search declines with 422 search_bounded, naming the hub"))]
          = False) -> list[Path]:
    return run(queries.paths, source, target, max_hops, include_publisher, through_hubs)
