"""Is the service up, on which backend, and how big is the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import RunDep, StoreDep, holder
from api.models import QUERY_ERRORS, Health

router = APIRouter(tags=["health"], responses={k: QUERY_ERRORS[k] for k in (500, 503, 504)})


@router.get("/health", response_model=Health, summary="Backend and graph counts (503 when the store is down)",
            description="The counts may be a few seconds old (they are cached: counting scans the embedded store).")
def health(request: Request, store: StoreDep, run: RunDep) -> Health:
    counts = run(holder(request).counts, store)
    return Health(backend=store.backend, nodes=counts.total_nodes, edges=counts.total_edges,
                  documents=counts.documents)
