"""A centred layout: the centre in the middle, one ring per hop, labels sized in before placing.

Why: force layouts put the best connected node in the middle, which around a zone
is the report's publisher, not the zone; and they leave labels to chance. Here the
centre sits at (0, 0); its neighbours form the first ring, grouped by what they are
to the centre (members, parents, supporters, partners, fields, indicators, then the
publisher as context); each farther node sits on the next ring inside its parent's
sector. Rings are ellipses as wide as a page is (ASPECT), and each ring's radius is
the smallest at which no node's box (its shape and the label below it, estimated for
both languages) meets another's. Positions are pixels with y up, as viz/layout.py's;
the same subgraph gives the same positions everywhere (page, PNG/SVG, briefing).
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from graph.results import Subgraph
from graph.schema import NODE_TYPES

Positions = dict[str, tuple[float, float]]

ASPECT = 1.45          #: width / height of each ring (a page is wider than tall)
FONT = 14.0            #: label font size on the page, px
LABEL_WIDTH = 170.0    #: the page wraps labels at this width (vis-network widthConstraint)
PAD = 8.0              #: clear space between two nodes' boxes, px
MIN_RADIUS = 150.0     #: the first ring's smallest height radius
MAX_NODES = 600        #: above this the pairwise checks cost too much: use viz/layout.py
_ROLE = {("in", "LOCATED_IN"): 0, ("in", "PART_OF"): 0, ("out", "PART_OF"): 1, ("out", "LOCATED_IN"): 1,
         ("in", "SUPPORTS"): 2, ("in", "INVESTS_IN"): 2, ("out", "LED_BY"): 2,
         ("in", "PARTNERS_WITH"): 3, ("out", "PARTNERS_WITH"): 3}
_TYPE_ORDER = {name: i for i, name in enumerate(NODE_TYPES)}


def text_width(text: str, size: float = FONT) -> float:
    """Rendered width of `text` in px: CJK and full-width characters are square, the rest narrower."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.56 for ch in text)


def label_box(names: list[str], size: float = FONT) -> tuple[float, float]:
    """(width, height) of the widest of a node's labels, wrapped at LABEL_WIDTH as the page does."""
    width = max((text_width(n, size) for n in names if n), default=0.0)
    lines = max(1, math.ceil(width / LABEL_WIDTH))
    return min(width, LABEL_WIDTH), lines * size * 1.25


def centred_positions(sub: Subgraph, context: set[str] = frozenset()) -> Positions:
    """Positions (px, y up) with `sub.center` at (0, 0); `context` nodes go last on the first ring."""
    ids = [n.id for n in sub.nodes]
    if sub.center not in ids or len(ids) <= 1:
        return {i: (0.0, 0.0) for i in ids}
    nodes = {n.id: n for n in sub.nodes}
    adjacent: dict[str, dict[str, int]] = {i: {} for i in ids}
    for e in sub.edges:
        if e.source in adjacent and e.target in adjacent and e.source != e.target:
            adjacent[e.source].setdefault(e.target, _ROLE.get(("out", e.type), 5))
            adjacent[e.target].setdefault(e.source, _ROLE.get(("in", e.type), 5))
    degree = {i: len(adjacent[i]) for i in ids}

    def order(parent: str, child: str) -> tuple:
        node = nodes[child]
        return (child in context, adjacent[child].get(parent, 5) if parent == sub.center else 0,
                node.type == "Metric", _TYPE_ORDER.get(node.type, 99), -degree[child], node.name_zh, child)

    children, hop = _tree(sub.center, adjacent, order)
    loose = sorted((i for i in ids if i not in hop), key=lambda i: order(sub.center, i))
    rings: dict[int, list[str]] = {}
    angles = _angles(sub.center, children, loose)
    for node_id in angles:
        rings.setdefault(hop.get(node_id, max(hop.values()) + 1), []).append(node_id)
    size = _node_sizes(degree, sub.center)
    boxes = {i: label_box([nodes[i].name_zh, nodes[i].name_en]) for i in ids}
    placed = {sub.center: (0.0, 0.0)}
    radius = 0.0
    for k in sorted(rings):
        if k == 0:
            continue
        radius = _fit_ring(rings[k], angles, placed, boxes, size, max(MIN_RADIUS, radius * 1.25 + 60))
        for i in rings[k]:
            placed[i] = (ASPECT * radius * math.cos(angles[i]), radius * math.sin(angles[i]))
    return {i: (round(x, 1), round(y, 1)) for i, (x, y) in placed.items()}


def _tree(center: str, adjacent, order) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Breadth-first tree from the centre: each node's children in `order`, and each node's hop."""
    hop, children = {center: 0}, {center: []}
    queue = deque([center])
    while queue:
        node = queue.popleft()
        for nxt in sorted(adjacent[node], key=lambda c: order(node, c)):
            if nxt not in hop:
                hop[nxt] = hop[node] + 1
                children[node].append(nxt)
                children[nxt] = []
                queue.append(nxt)
    return children, hop


def _angles(center: str, children: dict[str, list[str]], loose: list[str]) -> dict[str, float]:
    """Each node's angle: sectors in proportion to the leaves below, anticlockwise from the top."""
    weight: dict[str, int] = {}

    def leaves(node: str) -> int:
        weight[node] = max(1, sum(leaves(c) for c in children.get(node, [])))
        return weight[node]

    total = leaves(center) - (0 if children[center] else 1) + len(loose)
    angles: dict[str, float] = {}

    def spread(node: str, start: float, span: float) -> None:
        for child in children.get(node, []):
            share = span * weight[child] / max(1, sum(weight[c] for c in children[node]))
            angles[child] = start + share / 2
            spread(child, start, share)
            start += share

    top_share = 2 * math.pi * (total - len(loose)) / max(total, 1)
    spread(center, math.pi / 2, top_share)
    step = (2 * math.pi - top_share) / max(len(loose), 1)
    for i, node in enumerate(loose):
        angles[node] = math.pi / 2 + top_share + step * (i + 0.5)
    return angles


def _node_sizes(degree: dict[str, int], center: str) -> dict[str, float]:
    """The radius vis-network gives a node (scaling 10..36 px by degree), the centre the largest."""
    low, high = min(degree.values()), max(degree.values())
    return {i: 36.0 if i == center else 10.0 + 26.0 * (d - low) / max(high - low, 1) for i, d in degree.items()}


def _boxes(ids, xy: np.ndarray, boxes, size) -> np.ndarray:
    """[left, top, right, bottom] in screen px (y down) of each node's shape and label together."""
    w = np.array([max(boxes[i][0], 2 * size[i]) for i in ids])
    h = np.array([boxes[i][1] for i in ids])
    r = np.array([size[i] for i in ids])
    x, y = xy[:, 0], -xy[:, 1]
    return np.stack([x - w / 2, y - r, x + w / 2, y + r + 4 + h], axis=1)


def _overlaps(a: np.ndarray, b: np.ndarray, same: bool) -> bool:
    hit = ((a[:, None, 0] < b[None, :, 2] + PAD) & (b[None, :, 0] < a[:, None, 2] + PAD)
           & (a[:, None, 1] < b[None, :, 3] + PAD) & (b[None, :, 1] < a[:, None, 3] + PAD))
    if same:
        np.fill_diagonal(hit, False)
    return bool(hit.any())


def _fit_ring(ring: list[str], angles, placed: Positions, boxes, size, start: float) -> float:
    """The smallest radius from `start` (growing 6 % a step) at which the ring's boxes meet nothing."""
    inner_ids = list(placed)
    inner = _boxes(inner_ids, np.array([placed[i] for i in inner_ids]), boxes, size)
    theta = np.array([angles[i] for i in ring])
    radius = start
    for _ in range(120):
        xy = np.stack([ASPECT * radius * np.cos(theta), radius * np.sin(theta)], axis=1)
        mine = _boxes(ring, xy, boxes, size)
        if not _overlaps(mine, mine, True) and not _overlaps(mine, inner, False):
            break
        radius *= 1.06
    return radius
