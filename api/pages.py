"""The HTML pages: `/` (browse), `/search` (what the search boxes send), `/view` (the network page),
`/graph` (all of it), `/zones/{ref}` (a zone's page), `/nodes/{ref}` (a node's page), `/upload`
(preview and load a report, with the admin token).

create_app mounts this router when the module exists. The pages use the same
store, query pool and time budget as the JSON API (api/deps.py). A request the
graph cannot answer (unknown name, bad depth, unknown type, timeout) gets a
friendly HTML page with the error's status and suggestions as links, never a
traceback and never the JSON error shape.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import QueriesDep, RunDep, SettingsDep
from api.errors import SERVER_MESSAGES, scrub
from graph import limits
from graph.errors import Ambiguous, EmptyGraph, InnographError, InvalidInput, NotFound
from viz.focus import Focus, focused_subgraph, publisher_ids, whole_focus
from viz.pages import network_page
from viz.pages.home import in_home_order, zone_groups
from viz.pages.site import (ask_page, browse_page, error_page, node_href, node_page, page_href,
                             search_page, upload_page)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

DEFAULT_DEPTH = 2
SEARCH_PAGE = 100  #: nodes one search page lists
MAX_SEARCH_CHARS = 200  #: as the API's search text (api/models.py)


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _error(exc: InnographError) -> HTMLResponse:
    message = SERVER_MESSAGES.get(exc.status, exc.message) if exc.status >= 500 else exc.message
    suggestions = [scrub(s) for s in exc.suggestions]
    if isinstance(exc, EmptyGraph):  # not "not found ... did you mean": nothing is stored at all
        return _html(error_page(exc.status, scrub(exc.located()), suggestions, "图谱是空的", "The graph is empty",
                                lead=("建图方法：", "To build it:")), exc.status)
    return _html(error_page(exc.status, scrub(message), suggestions), exc.status)


def _depth(text: str | None) -> int:
    if text is None or not text.strip():
        return DEFAULT_DEPTH
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"depth must be a whole number from 1 to {limits.MAX_DEPTH} (got {text!r})") from None


def _year(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    if not text.strip().isdigit():
        raise InvalidInput(f"year must be a year such as 2018 (got {text!r})")
    return int(text)


@router.get("/")
def browse(queries: QueriesDep, run: RunDep) -> HTMLResponse:
    """The zones, counts by type, a search box and the nodes that bridge zones."""
    try:
        zones = run(queries.zones)
        groups = run(zone_groups, queries, zones)
        stats = run(queries.stats)
        bridges = run(queries.bridges, True)  # the publishers too, to name them as context
        publishers = run(publisher_ids, queries)
        named = run(queries.store.get_nodes, sorted(publishers))  # the publishers' English names
    except InnographError as exc:
        return _error(exc)
    context = [b for b in bridges if b.node.id in publishers]  # a report's author: context, not a bridge
    bridges = [b.model_copy(update={"zones": in_home_order(groups, b.zones)})
               for b in bridges if b.node.id not in publishers]
    publisher_en = {n.name_zh: n.name_en for n in named.values() if n.name_en}
    return _html(browse_page(zones, stats, bridges, groups=groups, context=context, publisher_en=publisher_en))


@router.get("/search")
def search(queries: QueriesDep, run: RunDep, q: str | None = None) -> Response:
    """What the search boxes send: a text that names one node opens its page; any other lists the
    nodes it finds (at most SEARCH_PAGE), or says none does with close names."""
    from fastapi.responses import RedirectResponse

    text = (q or "").strip()
    if not text:
        return _html(search_page("", []))
    try:
        try:
            return RedirectResponse(page_href(run(queries.resolve, text)), status_code=303)
        except (NotFound, Ambiguous) as exc:
            if isinstance(exc, EmptyGraph):
                raise
        if len(text) > MAX_SEARCH_CHARS:
            raise InvalidInput(f"search text must be at most {MAX_SEARCH_CHARS} characters")
        hits = run(queries.search, text, None, SEARCH_PAGE + 1)
        close = [] if hits else run(queries.close_nodes, text)
    except InnographError as exc:
        return _error(exc)
    return _html(search_page(text, hits[:SEARCH_PAGE], len(hits) > SEARCH_PAGE, close))


@router.get("/ask")
def ask(queries: QueriesDep, run: RunDep, q: str | None = None) -> HTMLResponse:
    """The question box; with `q`, the answer (the reading, rows with evidence, suggestions)."""
    from graph.ask import answer

    if q is None or not q.strip():
        return _html(ask_page("", None))
    try:
        found = run(answer, queries, q)
    except InnographError as exc:
        return _error(exc)
    return _html(ask_page(q, found, queries.store.documents()))


@router.get("/view")
def view(queries: QueriesDep, run: RunDep, settings: SettingsDep,
         center: str | None = None, depth: str | None = None,
         type_: Annotated[list[str] | None, Query(alias="type")] = None,
         embed: str | None = None, year: str | None = None,
         include_publisher: str | None = None) -> HTMLResponse:
    """The interactive network around `center` (id, name or alias), `depth` hops, optionally some
    types, optionally only the relations a year's documents state. The report's publisher is drawn
    once as context (viz/focus.py) unless `include_publisher=1` walks through it like any node."""
    types = [t for t in (type_ or []) if t.strip()]
    try:
        if not center or not center.strip():
            raise InvalidInput("give a centre: /view?center=<name or id>, e.g. /view?center=怀柔科学城")
        hops = _depth(depth)
        in_year = _year(year)
        if (include_publisher or "").strip().lower() in ("1", "true", "yes"):
            sub = run(queries.subgraph, center, hops, types, [], limits.MAX_SUBGRAPH_NODES, in_year,
                      include_publisher=True)
            found = Focus(sub)
        else:
            found = run(focused_subgraph, queries, center, hops, types, [], limits.MAX_SUBGRAPH_NODES, in_year)
        documents = run(queries.store.documents)
    except InnographError as exc:
        return _error(exc)
    embedded = (embed or "").strip().lower() in ("1", "true", "yes")
    return _html(network_page(found.sub, documents, depth=hops, types=types, embed=embedded, settings=settings,
                              context=found.context, note=found.notes()))


@router.get("/graph")
def whole(queries: QueriesDep, run: RunDep, settings: SettingsDep) -> HTMLResponse:
    """The whole graph on one page, its labels shown by importance; the publisher drawn once as context."""
    try:
        found = run(whole_focus, queries)
        documents = run(queries.store.documents)
    except InnographError as exc:
        return _error(exc)
    return _html(network_page(found.sub, documents, settings=settings, context=found.context,
                              note=found.notes(), middle=found.middle))


@router.get("/zones/{ref:path}")
def zone(queries: QueriesDep, run: RunDep, ref: str) -> Response:
    """A zone's page: members, supporters with their paths, partners, fields, indicators, its network,
    the briefing and every export. Another kind of node is sent to its node page."""
    from fastapi.responses import RedirectResponse

    from viz.member_partners import member_partners
    from viz.pages.zone import zone_page
    from graph.zone_story import located_in

    try:
        found = run(queries.get, ref)
        if found.type != "Zone":
            return RedirectResponse(node_href(found.id), status_code=303)
        profile = run(queries.profile, found.id)
        documents = run(queries.store.documents)
        publishers = run(publisher_ids, queries)
        via_partners = run(member_partners, queries.store, profile)
        located = run(located_in, queries.store, profile)
    except InnographError as exc:
        return _error(exc)
    return _html(zone_page(profile, documents, publishers, via_partners, located))


@router.get("/nodes/{ref:path}")
def node(queries: QueriesDep, run: RunDep, ref: str) -> HTMLResponse:
    """A node's names, attributes and every relation with its evidence, with a small network."""
    try:
        found = run(queries.get, ref)
        sub = run(queries.subgraph, found.id, 1, [], [], limits.MAX_SUBGRAPH_NODES)
        documents = run(queries.store.documents)
    except InnographError as exc:
        return _error(exc)
    return _html(node_page(found, sub, documents))


@router.get("/upload")
def upload(settings: SettingsDep) -> HTMLResponse:
    """Bring a report into the graph without a terminal: preview, uncheck, load (the admin routes,
    POST /api/v1/sources/preview and /sources). The token is typed into the page, never sent here."""
    from api.models import LOW_CONFIDENCE

    return _html(upload_page(bool(settings.admin_token), settings.max_upload_bytes, LOW_CONFIDENCE))


@router.get("/brief/{ref:path}")
def brief(queries: QueriesDep, run: RunDep, ref: str, format: str = "html", lang: str = "zh") -> Response:
    """A briefing on a node: HTML in the browser, `?format=docx` (or md) as a download; `?lang=en`."""
    from urllib.parse import quote

    from viz.brief import render_brief

    try:
        data, media_type, filename = run(render_brief, queries, ref, format, lang)
    except InnographError as exc:
        return _error(exc)
    headers = {"Cache-Control": "no-store"}
    if not media_type.startswith("text/html"):
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers=headers)
