"""The zones (三城一区 and others) and a zone's profile."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import QueriesDep, RunDep
from api.models import QUERY_ERRORS, RefPath
from graph.empty import check_not_empty
from graph.model import Node
from graph.results import ZoneProfile

router = APIRouter(tags=["zones"], responses=QUERY_ERRORS)


@router.get("/zones", response_model=list[Node], summary="Every zone, ordered by id")
def zones(queries: QueriesDep, run: RunDep) -> list[Node]:
    found = run(queries.zones)
    if not found:  # an empty graph says so (graph/empty.py), a graph without zones answers []
        run(check_not_empty, queries.store)
    return found


@router.get("/zones/{ref:path}", response_model=ZoneProfile,
            summary="A zone's profile: parents, members, supporters (with the path), fields, metrics, partners")
def zone(queries: QueriesDep, run: RunDep, ref: RefPath) -> ZoneProfile:
    return run(queries.zone, ref)
