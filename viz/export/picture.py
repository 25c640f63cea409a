"""Pictures of a subgraph: PNG and SVG with matplotlib, Chinese labels, a legend of node types.

Nodes take their type's colour and marker from graph/schema.py; the centre is drawn
larger with a dark ring. Labels are drawn with the CJK font viz/fonts.py finds
(InvalidInput names Debian's fonts-noto-cjk when there is none) and never parsed
as mathtext, so a `$` in a name stays a `$`. The SVG keeps text as text
(svg.fonttype "none"): the Chinese names are searchable and selectable in it.
Everything happens on a private Figure inside an rc_context (no pyplot), under a
lock, because rcParams are process-wide: two threads draw one after the other.
"""

from __future__ import annotations

import io
import math
import threading
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from graph.model import Document, Node
from graph.results import Subgraph
from graph.schema import EDGE_TYPES, NODE_TYPES
from viz.fonts import font_families
from viz.focus import collapse_subgraph
from viz.export.label_places import place_labels
from viz.layout import layout_positions
from viz.radial import MAX_NODES as RADIAL_MAX_NODES
from viz.radial import FONT, LABEL_WIDTH, centred_positions, text_width

MARKERS = {"star": "*", "square": "s", "box": "s", "diamond": "D", "triangle": "^", "triangleDown": "v",
           "ellipse": "o", "hexagon": "h", "dot": "o"}
LABEL_ALL_UP_TO = 120   #: above this many nodes only the best connected are labelled
LABELS_WHEN_MANY = 80
EDGE_LABELS_UP_TO = 40  #: above this many edges the relation names are left off
DPI = 120
MARGIN = 0.08       #: the axes' margin, a share of the layout's extent on each side
MIN_SIDE, MAX_SIDE = 4.0, 30.0  #: inches of a picture drawn to the layout's scale (`to_scale`)
CONTEXT_ALPHA = 0.4  #: the report's author, drawn as context
CONTEXT_TEXT = "#8a8a8a"
#: rc_context changes matplotlib's process-wide rcParams: one picture at a time.
_DRAWING = threading.RLock()


def label(node: Node, lang: str = "zh") -> str:
    """The name drawn for a node: Chinese first, or English first with lang="en"."""
    if lang == "en" and node.name_en:
        return node.name_en
    return node.name_zh


def wrapped(text: str, width: float = LABEL_WIDTH) -> str:
    """A label broken into lines as the page wraps it (viz/radial.py sizes each node's box for that): one
    line each, English at spaces, Chinese anywhere. Drawn on one line, the long English names of a
    briefing's picture ran into each other ("… Commission" over "Serving the development of …")."""
    if text_width(text) <= width:
        return text
    if " " not in text:
        return "\n".join(_even_lines(text, width))
    lines, line = [], ""
    for token in (text.split(" ") if " " in text else list(text)):
        joined = f"{line} {token}" if line and " " in text else line + token
        if line and text_width(joined) > width:
            lines.append(line)
            line = token
        else:
            line = joined
    return "\n".join(lines + [line])


def _even_lines(text: str, width: float) -> list[str]:
    """A name without spaces (Chinese) in as few lines as fit, of about equal length, as the pages break
    them (viz/assets/network.js `balanced`): filled line by line, the picture left one character alone
    ("怀柔科学城首批重点支持项" / "目") or cut a word ("…石墨" / "烯等领域专项"). Each break goes after a list
    mark (、，) or beside a quote when one is within two characters of the even cut, never inside “…”."""
    count = math.ceil(text_width(text) / width)
    lines, rest = [], text
    while count > 1:
        at = _break_at(rest, math.ceil(len(rest) / count))
        lines.append(rest[:at])
        rest, count = rest[at:], count - 1
    return lines + [rest]


def _break_at(text: str, middle: int) -> int:
    def fits(at: int) -> bool:
        return 0 < at < len(text) and (text[at - 1] in "、，,”」" or text[at] in "“「")

    for d in range(3):
        for at in (middle - d, middle + d):
            if fits(at):
                return at
    at = middle
    while at > 1 and text[:at].rfind("“") > text[:at].rfind("”"):  # inside a quoted term
        at -= 1
    return at


def positions(sub: Subgraph, context: set[str] = frozenset()) -> dict[str, tuple[float, float]]:
    """The network pages' layout (viz/radial.py around a centre, else viz/layout.py), so a zone looks
    the same on a page and in a picture."""
    if len(sub.nodes) <= 1:
        return {n.id: (0.0, 0.0) for n in sub.nodes}
    if sub.center and len(sub.nodes) <= RADIAL_MAX_NODES:
        return {k: (float(x), float(y)) for k, (x, y) in centred_positions(sub, context).items()}
    return {k: (float(x), float(y)) for k, (x, y) in layout_positions(sub).items()}


def draw(sub: Subgraph, lang: str = "zh", title: str | None = None, to_scale: bool = True) -> Figure:
    """The picture as a matplotlib Figure (call inside `picture_style()`).

    `to_scale`: the figure of a centred subgraph is as large as its layout (viz/radial.py) at the labels'
    size (`scaled_size`), so the labels the layout kept apart stay apart. Without it (a briefing's page-1 picture, which must stay readable
    at 17 cm) the figure is 8-14 in whatever the layout's extent, and long labels may touch."""
    n = max(len(sub.nodes), 1)
    fontsize = 9 if n <= 40 else 7
    context = set(sub.context) - {sub.center}  # the report's author: small and faded, as on the pages
    pos = positions(sub, context)
    if to_scale and sub.center and len(sub.nodes) <= RADIAL_MAX_NODES:  # the radial layout's pixels
        fig = Figure(figsize=scaled_size(pos, fontsize), dpi=DPI)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    else:
        side = min(14.0, max(8.0, math.sqrt(n) * 1.4))
        fig = Figure(figsize=(side + 3.0, side), dpi=DPI)
        ax = fig.subplots()
    ax.set_axis_off()
    _draw_edges(ax, sub, pos, lang)
    _draw_nodes(ax, sub, pos, context)
    labels = _draw_labels(ax, sub, pos, lang, fontsize=fontsize, context=context)
    _legend(ax, sub, lang)
    ax.set_title(title if title is not None else _title(sub, lang), fontsize=14, parse_math=False)
    ax.margins(MARGIN)
    FigureCanvasAgg(fig)
    ax.autoscale_view()  # the axes' final limits (margins included), so the names are measured where drawn
    place_labels(fig, labels, pos, fixed={sub.center} if sub.center else set())  # viz/export/label_places.py
    return fig


def scaled_size(pos: dict[str, tuple[float, float]], fontsize: float) -> tuple[float, float]:
    """(width, height) in inches of axes that draw one layout pixel as `fontsize` / FONT picture pixels,
    the same in x and y. The layout (viz/radial.py) places names apart for the page's 14 px font; a fixed
    11 x 8 in figure drew Huairou's 1576 x 959 px layout at 0.56 px a layout px (and x and y at different
    scales) while its labels stayed 15 px, so "Physical Science Laboratory (Huairou)" ran into "Space
    Science Laboratory (Huairou)" (session 13, 14 reviews). At least MIN_SIDE, at most MAX_SIDE a side
    (past it both shrink alike, and the labels of a very large graph may touch again)."""
    xs, ys = [p[0] for p in pos.values()] or [0.0], [p[1] for p in pos.values()] or [0.0]
    scale = fontsize * DPI / 72 / FONT / DPI  # inches per layout px
    width = (max(xs) - min(xs)) * (1 + 2 * MARGIN) * scale
    height = (max(ys) - min(ys)) * (1 + 2 * MARGIN) * scale
    shrink = min(1.0, MAX_SIDE / max(width, height, 1e-9))
    return max(MIN_SIDE, width * shrink), max(MIN_SIDE, height * shrink)


def picture_style() -> matplotlib.rc_context:
    return matplotlib.rc_context({"font.family": font_families(), "svg.fonttype": "none",
                                  "svg.hashsalt": "innograph", "axes.unicode_minus": False})


def generate_png(sub: Subgraph, documents: list[Document] = (), lang: str = "zh",
                 title: str | None = None, to_scale: bool = True) -> bytes:
    return _render(sub, "png", lang, title, documents, to_scale)


def generate_svg(sub: Subgraph, documents: list[Document] = (), lang: str = "zh",
                 title: str | None = None) -> bytes:
    return _render(sub, "svg", lang, title, documents)


def write_png(sub: Subgraph, path: Path, documents: list[Document] = (), lang: str = "zh") -> None:
    Path(path).write_bytes(generate_png(sub, documents, lang))


def write_svg(sub: Subgraph, path: Path, documents: list[Document] = (), lang: str = "zh") -> None:
    Path(path).write_bytes(generate_svg(sub, documents, lang))


def _render(sub: Subgraph, fmt: str, lang: str, title: str | None, documents=(), to_scale: bool = True) -> bytes:
    if getattr(sub, "context", None):  # the walk took the report's publisher as context: draw it so,
        sub = collapse_subgraph(sub).sub  # tied to the centre only (include_publisher: as it is)
    with _DRAWING, picture_style():
        fig = draw(sub, lang, title, to_scale)
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": "innograph"}
        fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=metadata, facecolor="white")
    return buffer.getvalue()


def _draw_edges(ax, sub: Subgraph, pos, lang: str) -> None:
    pairs = {(e.source, e.target) for e in sub.edges}
    for e in sub.edges:
        if e.source not in pos or e.target not in pos:
            continue
        bend = 0.15 if (e.target, e.source) in pairs else 0.05
        ax.annotate("", xy=pos[e.target], xytext=pos[e.source], zorder=1,
                    arrowprops=dict(arrowstyle="-|>", color="#9a9a9a", lw=0.8, shrinkA=9, shrinkB=9,
                                    mutation_scale=10, connectionstyle=f"arc3,rad={bend}"))
    if len(sub.edges) <= EDGE_LABELS_UP_TO:
        for e in sub.edges:
            if e.source in pos and e.target in pos:
                (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
                t = EDGE_TYPES[e.type]
                ax.text((x1 + x2) / 2, (y1 + y2) / 2, t.zh if lang == "zh" else t.en, fontsize=6,
                        color="#666666", ha="center", va="center", zorder=2, parse_math=False)


def _draw_nodes(ax, sub: Subgraph, pos, context: set[str] = frozenset()) -> None:
    """Each type in its colour and shape, the centre large; `context` (the report's author) small and
    faded: in the briefing it was drawn like any institution of the zone."""
    for type_name, t in NODE_TYPES.items():
        nodes = [n for n in sub.nodes if n.type == type_name and n.id in pos]
        for role in ("node", "center", "context"):
            group = [n for n in nodes if _role(n.id, sub.center, context) == role]
            if not group:
                continue
            xs, ys = zip(*(pos[n.id] for n in group))
            marker = MARKERS.get(t.shape, "o")
            size = {"center": 520, "node": 150, "context": 70}[role] * (2.0 if marker == "*" else 1.0)
            ax.scatter(xs, ys, s=size, c=t.color, marker=marker, alpha=CONTEXT_ALPHA if role == "context" else 1.0,
                       edgecolors="#222222" if role == "center" else "white",
                       linewidths=2.0 if role == "center" else 0.8, zorder=3, gid=f"nodes-{role}-{type_name}")


def _role(node_id: str, center: str | None, context: set[str]) -> str:
    return "center" if node_id == center else "context" if node_id in context else "node"


def _draw_labels(ax, sub: Subgraph, pos, lang: str, fontsize: int,
                 context: set[str] = frozenset()) -> list[tuple[Annotation, str]]:
    """Each node's name below it; returned with its node's id, the centre first, then the best connected
    (the order in which viz/export/label_places.py gives them their places)."""
    degree: dict[str, int] = {}
    for e in sub.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    shown = [n for n in sub.nodes if n.id in pos]
    if len(shown) > LABEL_ALL_UP_TO:
        top = sorted(shown, key=lambda n: (n.id != sub.center, -degree.get(n.id, 0), n.id))
        shown = top[:LABELS_WHEN_MANY]
    shown.sort(key=lambda n: (n.id != sub.center, n.id in context, -degree.get(n.id, 0)))
    drawn = []
    for n in shown:
        x, y = pos[n.id]
        center = n.id == sub.center
        text = label(n, lang) if center else wrapped(label(n, lang))
        drawn.append((ax.annotate(text, (x, y), xytext=(0, -11 if not center else -16), textcoords="offset points",
                                  ha="center", va="top", fontsize=fontsize + (3 if center else 0),
                                  fontweight="bold" if center else "normal", zorder=4, parse_math=False,
                                  color=CONTEXT_TEXT if n.id in context else "black",
                                  bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.7)), n.id))
    return drawn


def _legend(ax, sub: Subgraph, lang: str) -> None:
    present = [t for name, t in NODE_TYPES.items() if any(n.type == name for n in sub.nodes)]
    handles = [Line2D([], [], linestyle="", marker=MARKERS.get(t.shape, "o"),
                      markersize=14 if MARKERS.get(t.shape) == "*" else 10,
                      markerfacecolor=t.color, markeredgecolor="white",
                      label=f"{t.zh} {t.en}" if lang == "zh" else f"{t.en} {t.zh}") for t in present]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  title="图例 Legend" if lang == "zh" else "Legend 图例", fontsize=9)


def _title(sub: Subgraph, lang: str) -> str:
    center = next((n for n in sub.nodes if n.id == sub.center), None)
    if lang == "en":
        head = f"{label(center, 'en')}: " if center else ""
        head = head[:1].upper() + head[1:]  # a title: "Three science cities and one area: …" (session 17)
        return f"{head}{len(sub.nodes)} nodes, {len(sub.edges)} relations"
    head = f"{center.name_zh}：" if center else ""
    return f"{head}{len(sub.nodes)} 个节点，{len(sub.edges)} 条关系"
