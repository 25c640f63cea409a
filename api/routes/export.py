"""Subgraph exports as a download, in every format of `viz.export.registry.FORMATS`.

Each format there has a name, a media type, a suffix and `render(subgraph,
documents) -> bytes`. The list is read once, at import, so OpenAPI lists the
formats as an enum. Pictures are drawn one at a time by viz/export/picture.py itself.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import QueriesDep, RunDep
from api.models import QUERY_ERRORS, Depth, IncludePublisher, MaxNodes, Rels, Types, name_query
from graph import limits
from graph.queries import GraphQueries
from viz.export.registry import FORMATS, Format

FormatName = Literal[tuple(FORMATS)]  # type: ignore[valid-type]

router = APIRouter(tags=["export"], responses=QUERY_ERRORS)


@router.get("/export", response_class=Response, summary="A subgraph as a file to download",
            description="Formats: " + "; ".join(f"`{n}`: {f.description}" for n, f in FORMATS.items()),
            responses={200: {"description": "the file (Content-Disposition names it)",
                             "content": {f.media_type: {} for f in FORMATS.values()}}})
def export(queries: QueriesDep, run: RunDep,
           center: Annotated[str, name_query("the centre: id, name or alias")],
           depth: Depth = 2, type_: Types = None, rel: Rels = None,
           max_nodes: MaxNodes = limits.DEFAULT_SUBGRAPH_NODES,
           format_: Annotated[FormatName, Query(alias="format", description="file format")] = "json",
           include_publisher: IncludePublisher = False,
           lang: Annotated[Literal["zh", "en"], Query(description="a picture's labels (png, svg)")] = "zh",
           ) -> Response:
    fmt = FORMATS[format_]
    content, center_id = run(_render, queries, fmt, center, depth, type_ or [], rel or [], max_nodes,
                             include_publisher, lang)
    filename = f"{_safe(center_id)}-depth{depth}{fmt.suffix}"
    return Response(content, media_type=fmt.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _render(queries: GraphQueries, fmt: Format, center: str, depth: int, types: list[str],
            rels: list[str], max_nodes: int, include_publisher: bool = False,
            lang: str = "zh") -> tuple[bytes, str]:
    sub = queries.subgraph(center, depth, types, rels, max_nodes, include_publisher=include_publisher)
    return fmt.render(sub, queries.store.documents(), lang), sub.center or "subgraph"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "subgraph"
