"""The labels of an exported picture do not run into each other (session 13 noticed, session 14 fixed; the
briefing's fixed-size picture, session 18).

`innograph export 怀柔科学城 --lang en -o x.png` drew "Physical Science Laboratory (Huairou)", "Space Science
Laboratory (Huairou)" and "Huairou Science City Development Strategy Expert Group" over each other at its
foot, and the commission over an indicator: the layout (viz/radial.py) keeps names apart at the page's 14 px,
but the fixed 11 x 8 in figure drew its 1576 x 959 px at 0.56 px a layout px while the labels stayed 15 px.
Measured here with matplotlib's own renderer: every node label's drawn box, pairwise.
"""

from __future__ import annotations

import matplotlib.colors
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Annotation

from viz.brief.content import _picture_subgraph
from viz.export.picture import _DRAWING, draw, picture_style
from viz.focus import collapse_subgraph

ZONES = ["怀柔科学城", "中关村科学城", "未来科学城", "北京经济技术开发区", "三城一区"]


def label_boxes(sub, lang: str, to_scale: bool = True):
    sub = collapse_subgraph(sub).sub if sub.context else sub
    with _DRAWING, picture_style():
        fig = draw(sub, lang, to_scale=to_scale)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.axes[0].texts
                if isinstance(t, Annotation) and t.get_text()]  # not the arrows (empty annotations)


def overlapping(boxes) -> list[tuple[str, str]]:
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:] if box_a.overlaps(box_b)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("zone", ZONES)
def test_no_two_labels_of_a_zone_picture_overlap(bundled, zone, lang):
    boxes = label_boxes(bundled.subgraph(zone, 2, []), lang)
    assert len(boxes) >= 10
    assert overlapping(boxes) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("zone", ZONES)
def test_no_two_labels_of_a_briefings_page_one_picture_overlap(bundled, zone, lang):
    """The briefing's picture keeps the fixed size (readable at 17 cm), where the layout shrinks under names that
    do not: drawn below their nodes, the English page 1 ran 怀柔科学城's laboratories and its expert group into
    each other (7 pairs; 北京经济技术开发区 2, 未来科学城 1). A name now takes another side of its node when
    its place is taken (viz/export/label_places.py; session 18)."""
    sub, _depth = _picture_subgraph(bundled, bundled.profile(zone).zone.id)
    boxes = label_boxes(sub, lang, to_scale=False)
    assert len(boxes) == len(collapse_subgraph(sub).sub.nodes if sub.context else sub.nodes)
    assert overlapping(boxes) == []


@pytest.mark.parametrize("zone", ["怀柔科学城", "北京经济技术开发区"])
def test_each_name_of_the_briefings_picture_stays_beside_its_node(bundled, zone):
    """Moved to another side, a name is still read as its node's: its box is at most 28 pt (about three steps
    of 8 pt) from it."""
    sub, _depth = _picture_subgraph(bundled, bundled.profile(zone).zone.id)
    sub = collapse_subgraph(sub).sub if sub.context else sub
    with _DRAWING, picture_style():
        fig = draw(sub, "en", to_scale=False)
        renderer = FigureCanvasAgg(fig).get_renderer()
        far = []
        for t in fig.axes[0].texts:
            if isinstance(t, Annotation) and t.get_text():
                x, y = fig.axes[0].transData.transform(t.xy)
                box = t.get_window_extent(renderer)
                dx = max(box.x0 - x, 0, x - box.x1)
                dy = max(box.y0 - y, 0, y - box.y1)
                if max(dx, dy) > 28 * 120 / 72:  # points at the picture's 120 dpi
                    far.append(t.get_text())
    assert far == []


def test_a_name_moved_a_step_out_is_joined_to_its_node_by_a_line(bundled):
    """Huairou's expert group, its first supporter, has its name three steps above its dot (below, the
    laboratories' names and the key task's take the room): a thin line joins them, so the name is read as its
    node's, not the key task's beside it."""
    from viz.export.label_places import GAP, LEADER

    sub, _depth = _picture_subgraph(bundled, bundled.profile("怀柔科学城").zone.id)
    sub = collapse_subgraph(sub).sub if sub.context else sub
    with _DRAWING, picture_style():
        fig = draw(sub, "en", to_scale=False)
        texts = [t for t in fig.axes[0].texts if isinstance(t, Annotation)]
        moved = {t.xy for t in texts if t.get_text() and max(map(abs, t.xyann)) > GAP + 3
                 and t.get_fontweight() != "bold"}  # the centre's name is set below it, never moved
        leaders = {t.xy for t in texts if not t.get_text() and t.arrow_patch is not None
                   and t.arrow_patch.get_edgecolor()[:3] == matplotlib.colors.to_rgb(LEADER)}
    names = {t.xy: t.get_text() for t in texts if t.get_text()}
    assert any("Expert Group" in names[xy] for xy in moved), [names[xy] for xy in moved]
    assert leaders == moved
