"""Where a picture's node names go: below the node, or on another side when that place is taken (session 18).

The layout (viz/radial.py) keeps names apart at the pages' scale, and an exported PNG/SVG is drawn to that
scale. A briefing's page-1 picture cannot be: it must stay readable at 17 cm, so it is drawn 11 x 8 in and
the layout shrinks under names that do not. Each name drawn below its node, the English page 1 of three zones'
briefings ran names into each other (怀柔科学城: 7 pairs, the laboratories and the zone's first supporter, its
expert group, among them; 北京经济技术开发区 2; 未来科学城 1; session 18 review). So, as the pages do with a name
that would run past the canvas (viz/assets/network.js), each name takes the first place beside its node that
meets no name placed before it and no other node: below, above, right, left, the four corners, the same a
step and two steps further out, then below or above shifted sideways; the centre first, then the best connected. A name with no free place keeps the one it overlaps least; a name moved a step or more out is joined to
its node by a thin line.
"""

from __future__ import annotations

from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

GAP = 8  #: points between a node and its name on the side


def _places(gap: float) -> list[tuple[tuple[float, float], str, str]]:
    return [((0, -gap - 3), "center", "top"), ((0, gap + 1), "center", "bottom"), ((gap + 2, 0), "left", "center"),
            ((-gap - 2, 0), "right", "center"), ((gap, -gap), "left", "top"), ((-gap, -gap), "right", "top"),
            ((gap, gap), "left", "bottom"), ((-gap, gap), "right", "bottom")]


#: (dx, dy) in points, horizontal and vertical alignment: beside the node, then a step further out, then
#: below or above and shifted sideways; the first is where every name used to go
PLACES = (_places(GAP) + _places(2 * GAP) + _places(3 * GAP)
          + [((dx, dy), "center", va) for dx in (-3 * GAP, 3 * GAP) for dy, va in ((-11, "top"), (9, "bottom"))])
LEADER = "#b0b0b0"  #: the line from a node to its name moved a step or more out
NODE_BOX = 5  #: pixels each side of a node's centre that no other node's name may cover


def place_labels(fig, labels: list[tuple[Annotation, str]], node_points: dict[str, tuple[float, float]],
                 fixed: set[str] = frozenset()) -> int:
    """Move each (annotation, node id) of `labels`, in the order given, to its first free place; the
    names of `fixed` (the centre) stay where they are drawn. Returns how many names still overlap one.
    `node_points` are the nodes' data coordinates (the annotations' anchors)."""
    renderer = fig.canvas.get_renderer()
    ax = labels[0][0].axes if labels else None
    if ax is None:
        return 0
    to_pixels = ax.transData.transform
    nodes = {k: _box_around(to_pixels(p)) for k, p in node_points.items()}
    placed: list[Bbox] = []
    crowded = 0
    for text, node_id in labels:
        others = [box for k, box in nodes.items() if k != node_id]
        if node_id in fixed:
            placed.append(text.get_window_extent(renderer))
            continue
        best, best_cost = None, None
        for offset, ha, va in PLACES:
            _move(text, offset, ha, va)
            box = text.get_window_extent(renderer)
            cost = sum(_area(box, b) for b in placed) + sum(_area(box, b) for b in others)
            if best_cost is None or cost < best_cost:
                best, best_cost = (offset, ha, va, box), cost
            if cost == 0:
                break
        offset, ha, va, box = best
        _move(text, offset, ha, va)
        if max(abs(offset[0]), abs(offset[1])) > GAP + 3:  # a step or more out: a thin line says whose name it is
            ax.annotate("", xy=text.xy, xytext=offset, textcoords="offset points", zorder=3,
                        arrowprops=dict(arrowstyle="-", color=LEADER, lw=0.6, shrinkA=0, shrinkB=4))
        crowded += best_cost > 0
        placed.append(box)
    return crowded


def _move(text: Annotation, offset: tuple[float, float], ha: str, va: str) -> None:
    text.xyann = offset
    text.set_horizontalalignment(ha)
    text.set_verticalalignment(va)


def _box_around(point) -> Bbox:
    x, y = point
    return Bbox.from_extents(x - NODE_BOX, y - NODE_BOX, x + NODE_BOX, y + NODE_BOX)


def _area(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0
