"""The report's author in a picture (PNG/SVG exports, the briefing's picture): small and faded, as on the
network pages. Before: the briefing drew 北京市科学技术委员会 like any institution of the zone."""

from __future__ import annotations

import pytest

from viz.export.picture import CONTEXT_ALPHA, draw, generate_svg, picture_style
from viz.focus import focused_subgraph

PUBLISHER = "institution-beijing-municipal-science-technology-commission"


@pytest.mark.parametrize("zone", ["中关村科学城", "北京经济技术开发区"])
def test_the_author_is_drawn_small_and_faded(bundled, zone):
    sub = focused_subgraph(bundled, zone, depth=2).sub
    assert PUBLISHER in sub.context
    with picture_style():
        fig = draw(sub, "zh")
    ax = fig.axes[0]
    by_gid = {c.get_gid(): c for c in ax.collections if c.get_gid()}
    context = by_gid["nodes-context-Institution"]
    assert context.get_alpha() == CONTEXT_ALPHA and len(context.get_offsets()) == 1
    assert context.get_sizes()[0] < by_gid["nodes-center-Zone"].get_sizes()[0] / 4
    others = by_gid.get("nodes-node-Institution")
    if others is not None:  # the zone's own institutions stay full
        assert others.get_alpha() in (None, 1.0)
    labels = {t.get_text(): t.get_color() for t in ax.texts}
    assert labels["北京市科学技术委员会"] != "black"


def test_a_picture_with_the_author_included_draws_it_as_any_node(bundled):
    sub = bundled.subgraph("中关村科学城", 1, include_publisher=True)
    assert not sub.context
    svg = generate_svg(sub, lang="zh").decode()
    assert "nodes-context" not in svg
