"""The HTTP API: `create_app(settings, store)` builds one FastAPI app.

Routes live under /api/v1, one router per resource (api/routes/); OpenAPI is at
/openapi.json and /docs, whose Swagger UI comes from /docs-assets (the
fastapi-offline package's copy), so it works offline; there is no /redoc (ReDoc
fetches its logo from its CDN). The store comes through a dependency
(api/deps.py) so tests can swap it; the app opens the embedded store at startup
(GraphHolder.open_early), Neo4j on the first request that needs it, and closes
it on shutdown (a store passed in stays the caller's to close). Every 4xx/5xx
has one JSON shape (api/errors.py). Writes (POST /api/v1/sources, and its preview) exist only
when an admin token is set; CORS only when origins are configured.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api import errors, pages
from api.deps import GraphHolder
from api.hosts import AllowedHosts
from api.routes import analytics, ask, export, health, nodes, paths, preview, search, sources, zones
from graph import limits
from graph.settings import Settings, get_settings
from graph.store import GraphStore

API_PREFIX = "/api/v1"
#: Where Swagger UI's files are served from (nothing of /docs comes from a CDN).
DOCS_ASSETS = "/docs-assets"
QUERY_ROUTERS = (health, search, nodes, zones, paths, analytics, export, ask)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or get_settings()
    graph = GraphHolder(settings, store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph.open_early()  # uvicorn runs this before it listens: no request waits for the snapshot
        yield
        graph.close()

    # FastAPI whose /docs loads Swagger UI from DOCS_ASSETS instead of a CDN (an offline intranet).
    app = FastAPIOffline(title="innograph", version=_version(), lifespan=lifespan,
                         description=_description(settings), static_url=DOCS_ASSETS, redoc_url=None,
                         swagger_ui_parameters={"validatorUrl": None})
    app.state.graph = graph
    errors.add_private_root(settings.data_dir)
    errors.install(app)

    api = APIRouter(prefix=API_PREFIX)
    for module in QUERY_ROUTERS:
        api.include_router(module.router)
    if settings.admin_token:
        api.include_router(sources.router)
        api.include_router(preview.router)
    app.include_router(api)
    app.include_router(pages.router)

    # The last added is the outermost: CORS (so errors carry its headers too), CatchAll, the body cap.
    app.add_middleware(errors.BodyLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(errors.CatchAll)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(AllowedHosts, allowed=settings.allowed_hosts)  # outermost: before anything runs
    return app


def _version() -> str:
    try:
        return version("innograph")
    except PackageNotFoundError:
        return "0"


def _description(settings: Settings) -> str:
    return (
        "A knowledge graph of a city's innovation ecosystem: zones, institutions, programs, funds, "
        "policies, with the evidence of every edge. `{ref}` and name parameters take an id, a Chinese "
        "or English name, or an alias.\n\n"
        f"Limits: depth ≤ {limits.MAX_DEPTH}, max_hops ≤ {limits.MAX_HOPS}, limit ≤ {limits.MAX_LIMIT}, "
        f"subgraph nodes ≤ {limits.MAX_SUBGRAPH_NODES}, query time ≤ {settings.query_timeout:g} s, "
        f"request body ≤ {settings.max_upload_bytes} bytes.\n\n"
        "Every error is `{\"error\": {\"status\", \"code\", \"message\", \"suggestions\"}}`."
    )
