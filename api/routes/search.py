"""Find nodes by Chinese or English name or alias."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from api.deps import QueriesDep, RunDep
from api.models import QUERY_ERRORS, Limit, Offset, OneType, name_query
from graph.model import Node

router = APIRouter(tags=["search"], responses=QUERY_ERRORS)


@router.get("/search", response_model=list[Node],
            summary="Nodes whose Chinese or English name or alias contains the text")
def search(queries: QueriesDep, run: RunDep,
           text: Annotated[str, name_query("text to look for (Traditional script and full width are folded)",
                                           alias="q")],
           type_: OneType = None, limit: Limit = 20, offset: Offset = 0) -> list[Node]:
    return run(queries.search, text, type_, limit, offset)
