"""The interactive network page of a subgraph: pyvis + vis-network, inlined, bilingual, offline.

pyvis builds the node and edge lists and renders the page through its own
`generate_html()`, but with this package's template (viz/assets/network.html.j2)
instead of pyvis's, which always adds bootstrap from a CDN. vis-network comes
from pyvis's bundled copy and is inlined; the page's own script and style are
in viz/assets. Nothing on the page is fetched.

A page with a centre (a zone's view, a node's) is laid out by viz/radial.py: the
centre in the middle, rings around it, no physics, and the page opens centred on
it. Other pages start from the positions of viz/layout.py (cached); small ones (up
to settings.page_physics_threshold nodes) let vis-network's physics polish them
for a few steps and switch it off once stable; larger ones keep them as they are,
with no physics, so they are usable at once. Which labels show is decided in the
browser (viz/assets/network.js) by importance, at every zoom, so none collide.
`context` nodes (the report's publisher, see viz/focus.py; on the whole graph also
the city the report covers) are drawn small and muted, with `note` saying what was
collapsed. A page without a centre (the whole graph) is laid out around its zones
(viz/layout.py's `middle`, the context nodes held outside as its `outer`) and drawn
without physics (whose gravity pulls each node to the middle by its degree, which put
北京市 back in the centre): the zones are what a planner reads the map for.
Past settings.page_node_cap the highest-degree nodes are kept (the centre
always) and the page says how many were left out and how to narrow it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlencode

from graph.model import Document, Edge, Node
from graph.results import Subgraph
from graph.schema import EDGE_TYPES, NODE_TYPES
from graph.settings import Settings, get_settings
from graph.text import normalize
from viz import attr_names
from viz.layout import layout_positions
from viz.radial import MAX_NODES as RADIAL_MAX_NODES
from viz.radial import centred_positions
from viz.pages.common import FONT_FACE, assert_offline, display_name, environment, headline_en, vis_network_js

TEMPLATE = "network.html.j2"
#: edges drawn with their relation's name (none: at a page's zoom they were 6 px grey words crossing the
#: node names; the relation is in each edge's tooltip and in the side panel)
EDGE_LABELS_UP_TO = 0
SPREAD = 45.0             #: pixels per sqrt(node) of the precomputed layout's radius
STABILIZATION_ITERATIONS = 150  #: physics steps before a small page is shown (it starts from a layout)
LABEL_INSIDE = {"box", "ellipse", "circle", "database", "text"}  #: vis-network shapes that hold their label
INSIDE_FONT = "#ffffff"
OUTSIDE_FONT = "#2b2d42"
ATTR_FIRST = ("value", "unit", "period", "kind", "year", "qualifier")
MAX_ATTRS = 8
ZONE_LABEL_WIDTH = 240    #: a zone's name wraps past this (北京经济技术开发区 at 24 px: 216)
CROWDED = 150             #: above this many nodes a page draws its nodes smaller


def network_page(sub: Subgraph, documents: Sequence[Document] = (), *, depth: int | None = None,
                 types: Sequence[str] = (), embed: bool = False,
                 settings: Settings | None = None, context: Sequence[str] = (),
                 note: dict[str, str] | None = None, middle: Sequence[str] = ()) -> str:
    """One self-contained HTML page drawing `sub` (no network access needed to view it). `middle`: the
    nodes a page without a centre is laid out around (the whole graph's zones, viz/focus.py)."""
    settings = settings or get_settings()
    shown, dropped = cap_subgraph(sub, settings.page_node_cap)
    degrees = degree_counts(shown)
    centred = bool(shown.center) and 1 < len(shown.nodes) <= RADIAL_MAX_NODES
    kept = {n.id for n in shown.nodes}
    middle = [] if shown.center else [i for i in middle if i in kept]
    # a map laid out around its zones is drawn as laid out: physics pulls each node to the middle by its
    # degree, which put the context hub (北京市) back in the centre
    physics = not centred and not middle and len(shown.nodes) <= settings.page_physics_threshold
    if centred:
        positions = {i: (x, -y) for i, (x, y) in centred_positions(shown, set(context)).items()}
    else:  # small pages start from the Python layout too, so physics only has to polish it
        positions = _scaled(layout_positions(shown, middle, context), len(shown.nodes)) if len(shown.nodes) > 1 else {}
    net = _pyvis_network(shown, degrees, positions, physics, set(context))
    page = {
        "meta": _meta(shown, degrees, documents),
        "center": shown.center,
        "depth": depth,
        "types": list(types),
        "embed": embed,
        "physics": physics,
        "dropped": dropped,
        "query_omitted": sub.omitted if sub.truncated else 0,
        "cap": settings.page_node_cap,
        "n_nodes": len(shown.nodes),
        "n_edges": len(shown.edges),
        "type_counts": _type_counts(shown),
        "title_zh": _title(shown, "zh"),
        "title_en": _title(shown, "en"),
        "narrow": _narrow_links(shown, depth, types) if dropped or sub.truncated else [],
        "centred": centred,
        "context": [i for i in context if i in positions or len(shown.nodes) == 1],
        "note_zh": (note or {}).get("zh", ""),
        "note_en": (note or {}).get("en", ""),
    }
    env = environment().overlay()
    env.globals = {**environment().globals, "page": page, "vis_js": vis_network_js()}
    net.templateEnv = env
    return assert_offline(net.generate_html())


def cap_subgraph(sub: Subgraph, cap: int) -> tuple[Subgraph, int]:
    """`sub` with at most `cap` nodes: the centre and the highest-degree others (ties by id)."""
    if len(sub.nodes) <= cap:
        return sub, 0
    degrees = degree_counts(sub)
    ranked = sorted(sub.nodes, key=lambda n: (n.id != sub.center, -degrees[n.id], n.id))
    keep = {n.id for n in ranked[:max(cap, 1)]}
    nodes = [n for n in sub.nodes if n.id in keep]
    edges = [e for e in sub.edges if e.source in keep and e.target in keep]
    capped = sub.model_copy(update={"nodes": nodes, "edges": edges})
    return capped, len(sub.nodes) - len(nodes)


def degree_counts(sub: Subgraph) -> Counter:
    counts: Counter = Counter({n.id: 0 for n in sub.nodes})
    for e in sub.edges:
        counts[e.source] += 1
        counts[e.target] += 1
    return counts


# ---- pyvis ----------------------------------------------------------------------

class _IdList(list):
    """pyvis keeps node ids in a list and tests membership on every add: make that O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item) -> bool:
        return item in self._members


def _pyvis_network(sub: Subgraph, degrees: Counter, positions: dict, physics: bool, context: set[str]):
    from pyvis.network import Network  # imports IPython: only when a page is drawn

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.node_ids = _IdList()
    net.path = TEMPLATE
    for node in sub.nodes:
        extra = {}
        if node.id in positions:
            extra["x"], extra["y"] = positions[node.id]
        value = degrees[node.id]
        if node.id == sub.center:
            extra.update(borderWidth=4, borderWidthSelected=5, shadow=True, widthConstraint={"maximum": 300})
            value = max(degrees.values())  # the centre is the largest node of its page
        elif node.type == "Zone":  # a zone's name on one line, even at the largest label size (24 px x 9 characters)
            extra["widthConstraint"] = {"maximum": ZONE_LABEL_WIDTH}
        if node.id in context:  # the publisher, drawn once as context: small and muted
            extra.update(opacity=0.55, font={"size": 12, "color": "#6c7280"})
            value = min(degrees.values())
        net.add_node(node.id, label=_label(display_name(node, "zh")), shape=NODE_TYPES[node.type].shape,
                     group=node.type, value=value, **extra)
    labelled = len(sub.edges) <= EDGE_LABELS_UP_TO
    between: Counter = Counter()
    for i, edge in enumerate(sub.edges):
        extra = {}
        pair = frozenset((edge.source, edge.target))
        if between[pair]:  # a second relation between the same two nodes: bend it
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * between[pair]}
        between[pair] += 1
        if labelled:
            extra["label"] = EDGE_TYPES[edge.type].zh
        net.add_edge(edge.source, edge.target, id=f"e{i}", **extra)
    net.options = _options(len(sub.nodes), physics, labelled)
    return net


def _options(n: int, physics: bool, edge_labels: bool) -> dict:
    font = {"face": FONT_FACE, "size": 14, "color": OUTSIDE_FONT, "strokeWidth": 3, "strokeColor": "#ffffff"}
    options = {
        "autoResize": True,
        "nodes": {
            "font": font,
            "borderWidth": 1.5,
            # a crowded page draws smaller nodes, so fewer of them stand where a name would go
            "scaling": {**({"min": 10, "max": 36} if n <= CROWDED else {"min": 6, "max": 20}),
                        "label": {"enabled": True, "min": 13, "max": 24, "drawThreshold": 7, "maxVisible": 30}},
            "widthConstraint": {"maximum": 170},
        },
        "edges": {
            "color": {"color": "#aab0bc", "highlight": "#2b2d42", "hover": "#4a4e69", "inherit": False},
            "width": 1,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "smooth": {"enabled": True, "type": "continuous"} if n <= 200 else False,
            "font": {**font, "size": 10, "color": "#6c7280", "align": "middle"} if edge_labels else {},
        },
        "groups": {name: _group(t.color, t.shape) for name, t in NODE_TYPES.items()},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": n > 500,
                        "hideEdgesOnZoom": n > 1000, "keyboard": False, "multiselect": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},  # positions come from viz/layout.py
    }
    if physics:
        options["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 20,
                              "fit": True},
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def _group(color: str, shape: str) -> dict:
    border = _darker(color)
    shade = {"background": color, "border": border}
    group = {"shape": shape, "color": {**shade, "highlight": shade, "hover": shade}}
    if shape in LABEL_INSIDE:
        group["font"] = {"color": INSIDE_FONT, "strokeWidth": 0}
    return group


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _scaled(positions: dict, n: int) -> dict:
    radius = SPREAD * max(n, 1) ** 0.5
    return {i: (round(x * radius, 1), round(-y * radius, 1)) for i, (x, y) in positions.items()}


def _label(text: str, width: int = 36) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- what the page's script reads -------------------------------------------------

def _meta(sub: Subgraph, degrees: Counter, documents: Sequence[Document]) -> dict:
    used_docs = {ev.doc for e in sub.edges for ev in e.evidence}
    return {
        "nodes": {n.id: _node_meta(n, degrees[n.id]) for n in sub.nodes},
        "edges": [_edge_meta(e) for e in sub.edges],
        "docs": {d.id: [d.title, d.title_en or d.title, d.date] for d in documents if d.id in used_docs},
        "nodeTypes": {name: {"zh": t.zh, "en": t.en, "color": t.color, "shape": t.shape,
                             "font": INSIDE_FONT if t.shape in LABEL_INSIDE else OUTSIDE_FONT}
                      for name, t in NODE_TYPES.items()},
        "edgeTypes": {name: {"zh": t.zh, "en": t.en, "pzh": t.phrase_zh, "pen": t.phrase_en}
                      for name, t in EDGE_TYPES.items()},
        "attrNames": attr_names.table(),
    }


def _node_meta(node: Node, degree: int) -> dict:
    keys = sorted({normalize(name) for name in (*node.names, node.id)} - {""})
    return {"t": node.type, "zh": node.name_zh, "en": node.name_en, "al": node.aliases,
            "at": _attrs(node.attrs), "d": degree, "k": keys}


def _edge_meta(edge: Edge) -> dict:
    return {"s": edge.source, "t": edge.target, "ty": edge.type, "at": _attrs(edge.attrs),
            "ev": [[ev.doc, ev.quote] for ev in edge.evidence]}


def _attrs(attrs: dict) -> list[list[str]]:
    """[key, value, value in English]: the third where the English page says it otherwise (a kind's
    words, a unit in English or dropped, a hedge in words, yes/no): the panel showed "research", "个",
    "近" and "True" as the data keeps them."""
    first = [k for k in ATTR_FIRST if k in attrs]
    rest = sorted(k for k in attrs if k not in ATTR_FIRST)
    return [[k, *_both(k, attrs[k], attrs)] for k in (first + rest)[:MAX_ATTRS]]


def _both(key: str, value, attrs: dict) -> list[str]:
    from viz.attr_names import QUALIFIERS_EN, UNITS_EN, attr_value

    if isinstance(value, bool):
        return ["是" if value else "否", "yes" if value else "no"]
    zh, en = attr_value(key, value, "zh"), attr_value(key, value, "en")
    if zh is not None:
        return [zh, en]
    if key == "unit" and isinstance(value, str):
        return [value, UNITS_EN.get(value, "").strip() or "—"]
    if key == "qualifier" and isinstance(value, str):
        return [value, QUALIFIERS_EN.get(value, value).strip()]
    return [_short(value)]


def _short(value, width: int = 120) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _type_counts(sub: Subgraph) -> list[tuple[str, int]]:
    counts = Counter(n.type for n in sub.nodes)
    return [(t, counts[t]) for t in NODE_TYPES if counts[t]]


def _narrow_links(sub: Subgraph, depth: int | None, types: Sequence[str]) -> list[dict]:
    """Links to the same centre with a smaller depth or one type: what to do when a page is capped."""
    if not sub.center:
        return []
    links = []
    if depth and depth > 1:
        query = urlencode({"center": sub.center, "depth": depth - 1, "type": list(types)}, doseq=True)
        links.append({"zh": f"深度 {depth - 1}", "en": f"depth {depth - 1}", "href": f"/view?{query}"})
    for name, _ in sorted(_type_counts(sub), key=lambda tc: -tc[1])[:4]:
        if list(types) == [name]:
            continue
        query = urlencode({"center": sub.center, **({"depth": depth} if depth else {}), "type": name})
        t = NODE_TYPES[name]
        links.append({"zh": f"只看{t.zh}", "en": f"only {t.en}", "href": f"/view?{query}"})
    return links


def _title(sub: Subgraph, lang: str) -> str:
    center = next((n for n in sub.nodes if n.id == sub.center), None)
    if center is None:
        return "创新网络" if lang == "zh" else "Innovation network"
    return display_name(center, lang) if lang == "zh" else headline_en(display_name(center, lang))
