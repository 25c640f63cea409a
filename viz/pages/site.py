"""The pages around the network page: browse (/), a node's page (/nodes/{ref}), the error page.

Rendered with Jinja (autoescaped) from viz/assets; bilingual, with the same
style and language switch as the network page, and offline like it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from graph import limits
from graph.ask import MAX_CHARS, Answer
from graph.model import Document, Edge, Evidence, Node
from graph.results import Bridge, Stats, Subgraph
from graph.schema import EDGE_TYPES
from viz.pages.common import display_name, render
from viz.pages.compare_table import compare_table

_LABEL_ID = re.compile(r"\((\w+), ([^()]+)\)$")


def view_href(node_id: str, depth: int | None = None, embed: bool = False) -> str:
    params: dict = {"center": node_id}
    if depth:
        params["depth"] = depth
    if embed:
        params["embed"] = 1
    return "/view?" + urlencode(params)


def node_href(node_id: str) -> str:
    return "/nodes/" + quote(node_id, safe="")


def page_href(node: Node) -> str:
    """A node's own page: a zone's is its zone page (/zones/…), every other node's its node page."""
    return ("/zones/" if node.type == "Zone" else "/nodes/") + quote(node.id, safe="")


def phrase(edge: Edge, names: dict[str, Node], lang: str, link: bool = True) -> Markup:
    """The relation in words ("{s} 支持 {t}"), each name escaped and linked to its page."""
    et = EDGE_TYPES[edge.type]
    template = (et.phrase_zh if lang == "zh" else et.phrase_en) or f"{{s}} {edge.type} {{t}}"
    out = []
    for part in re.split(r"(\{s\}|\{t\})", template):
        if part in ("{s}", "{t}"):
            node_id = edge.source if part == "{s}" else edge.target
            node = names.get(node_id)
            text = escape(display_name(node, lang) if node else node_id)
            href = page_href(node) if node else node_href(node_id)
            out.append(Markup('<a href="{}">{}</a>').format(href, text) if link else text)
        else:
            out.append(escape(part))
    return Markup("").join(out)


def browse_page(zones: Sequence[Node], stats: Stats, bridges: Sequence[Bridge], top: int = 12,
                groups=None, context: Sequence[Bridge] = (), publisher_en: dict[str, str] | None = None) -> str:
    """The home page: the zones (headline and others, see viz/pages/home.py), counts, bridges, questions.

    `context` are the reports' publishers that would bridge zones: named under the table, not in it,
    so that with a second report the note says whose ties are left out instead of "the publisher".
    `publisher_en`: a document's publisher (a Chinese name) -> its node's English name: the English page said
    "published by 北京市科学技术委员会" (session 18)."""
    from viz.pages.home import EXAMPLE_QUESTIONS, ZoneGroups
    from viz.pages.zone import brief_href, zone_href

    return render("browse.html.j2", zones=zones, stats=stats, bridges=list(bridges)[:top],
                  n_bridges=len(bridges), view_href=view_href, node_href=node_href, zone_href=zone_href,
                  brief_href=brief_href, ask_href=ask_href, examples=EXAMPLE_QUESTIONS,
                  groups=groups or ZoneGroups(None, list(zones), []), context=list(context),
                  publisher_en=publisher_en or {},
                  max_depth=limits.MAX_DEPTH, question="", max_question=MAX_CHARS)


def search_page(q: str, hits: Sequence[Node], more: bool = False, suggestions: Sequence[Node] = ()) -> str:
    """The nodes a text finds (name, part of a name, English, alias), each linked to its own page and
    its network. Why a page of its own: the search boxes sent any text to /view, so a part of a name
    ("中关村", two zones begin with it) gave "404 no node named '中关村'"."""
    return render("search.html.j2", q=q, hits=list(hits), more=more, suggestions=list(suggestions),
                  page_href=page_href, view_href=view_href)


def ask_href(question: str) -> str:
    return "/ask?" + urlencode({"q": question})


def ask_page(question: str, answer: Answer | None, documents: Sequence[Document] = ()) -> str:
    """The question box and, once asked, the answer: reading, rows with evidence and the report each
    sentence is from (with a second report loaded, a quote alone did not say which one), suggestions."""
    from viz.pages.zone import FirstTime, indicator

    return render("ask.html.j2", question=question, answer=answer, node_href=node_href, page_href=page_href,
                  first_time=FirstTime(),  # each sentence quoted once a table, as on the zone page
                  figure=indicator,  # an indicator in a comparison with its figure, not its name alone
                  ask_href=ask_href, distinct_evidence=distinct_evidence, nodes_by_id=nodes_by_id,
                  docs={d.id: d for d in documents}, max_question=MAX_CHARS, compare_table=compare_table)


def nodes_by_id(answer: Answer) -> dict[str, Node]:
    """The answer's nodes by id: an evidence line names its ends in the page's language (it read
    "北京市科学技术委员会 / Beijing Municipal … — partners with → 河北省 / Hebei" on the English page)."""
    return {n.id: n for n in answer.nodes}


def distinct_evidence(item) -> list[Evidence]:
    """The first evidence of each edge of an answer row, each sentence once: a row reached via a member rests
    on two edges, often on one sentence, which the page printed twice in one cell (未来科学城's fields)."""
    first: dict[str, Evidence] = {}
    for ev in (ev for e in item.edges for ev in e.evidence[:1]):
        first.setdefault(ev.quote, ev)
    return list(first.values())


def node_page(node: Node, sub: Subgraph, documents: Sequence[Document] = ()) -> str:
    """A node's names, attributes and every edge with its evidence, and a small network."""
    names = {n.id: n for n in sub.nodes}
    names[node.id] = node
    edges = [e for e in sub.edges if node.id in (e.source, e.target)]
    edges.sort(key=lambda e: (e.type, e.source != node.id, e.target if e.source == node.id else e.source))
    docs = {d.id: d for d in documents}
    from viz.pages.zone import FirstTime, indicator

    # an indicator's figure beside the relation that ties it here: the fund's page said "Sub-funds with investment
    # decisions … measures Beijing Science and Technology Innovation Fund", and not how many (6) (session 17)
    figures = {n.id: indicator(n) for n in names.values()
               if n.type == "Metric" and n.id != node.id and (n.attrs or {}).get("value") is not None}
    return render("node.html.j2", node=node, edges=edges, names=names, docs=docs, phrase=phrase, figures=figures,
                  first_time=FirstTime(),  # one sentence often states every relation of a node: quoted once
                  view_href=view_href, node_href=node_href, truncated=sub.truncated,
                  sources=[docs.get(s) or s for s in node.sources])


def error_page(status: int, message: str, suggestions: Sequence[str] = (), title_zh: str = "",
               title_en: str = "", lead: tuple[str, str] = ("您是否要找：", "Did you mean:")) -> str:
    """A friendly page for a request that cannot be answered; suggestions become links, under `lead`
    (zh, en): "did you mean" for names, "to build it" for an empty graph."""
    links = []
    for text in suggestions:
        match = _LABEL_ID.search(text)
        links.append({"text": text, "href": view_href(match.group(2)) if match else None})
    return render("error.html.j2", status=status, message=message, suggestions=links, lead=lead,
                  title_zh=title_zh or _TITLES.get(status, ("出错了", ""))[0],
                  title_en=title_en or _TITLES.get(status, ("", "Something went wrong"))[1])


def upload_page(enabled: bool, limit: int, low: float) -> str:
    """/upload: preview a report, uncheck what is wrong, load the rest (viz/assets/upload.js); without an
    admin token it says how to enable uploads instead of showing a form that could only fail."""
    from graph.schema import NODE_TYPES

    limit_text = f"{limit / (1 << 20):g} MB" if limit >= 1 << 20 else f"{limit / 1024:g} KB"
    config = {"api": "/api/v1", "limit": limit, "limit_text": limit_text, "low": low,
              "node_types": {k: {"zh": t.zh, "en": t.en} for k, t in NODE_TYPES.items()},
              "edge_types": {k: {"zh": t.zh, "en": t.en} for k, t in EDGE_TYPES.items()}}
    return render("upload.html.j2", enabled=enabled, config=config, limit_text=limit_text, low=low)


_TITLES = {
    404: ("未找到", "Not found"),
    409: ("名称有歧义", "Ambiguous name"),
    422: ("请求无效", "Invalid request"),
    503: ("图谱暂不可用", "The graph is unavailable"),
    504: ("查询超时", "The query took too long"),
}

__all__ = ["browse_page", "error_page", "upload_page", "node_page", "page_href", "phrase", "view_href", "node_href"]
