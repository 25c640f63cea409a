"""PNG and SVG pictures: Chinese drawn with a CJK font, text kept as text in SVG, a legend."""

from __future__ import annotations

import io
import warnings

import pytest
from lxml import etree
from matplotlib import font_manager
from matplotlib.image import imread

from graph.errors import InvalidInput
from graph.schema import NODE_TYPES
from viz import fonts
from viz.export import picture

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def drawn(name: str, texts: list[str]) -> bool:
    """The name is one text, or consecutive texts (a label wrapped as the page wraps it: Chinese anywhere,
    English at spaces)."""
    for i in range(len(texts)):
        for j in range(i + 1, min(i + 8, len(texts)) + 1):
            if name in ("".join(texts[i:j]), " ".join(texts[i:j])):
                return True
    return False


def test_the_cjk_font_is_noto_sans_cjk_sc_and_has_every_glyph_of_the_labels(bundled):
    font = fonts.cjk_font()
    assert font.name == "Noto Sans CJK SC"
    everything = bundled.whole_graph()
    labels = "".join(picture.label(n, "zh") for n in everything.nodes)
    labels += "".join(t.zh + t.en for t in NODE_TYPES.values()) + "图例节点关系个条："
    assert fonts.missing_glyphs(labels) == set()
    # and the face matplotlib draws with is that font's Simplified Chinese face
    path = font_manager.findfont(font_manager.FontProperties(family=fonts.font_families()))
    assert font_manager.get_font(path).family_name == "Noto Sans CJK SC"


def test_png_is_drawn_without_missing_glyphs(bundled_sub):
    sub, docs = bundled_sub
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        data = picture.generate_png(sub, docs)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = imread(io.BytesIO(data), format="png")
    height, width = image.shape[:2]
    assert width > 1000 and height > 800
    assert image[..., :3].std() > 0.05  # not a blank page


def test_svg_keeps_chinese_names_and_the_legend_as_text(bundled):
    sub = bundled.subgraph("怀柔科学城", depth=1)
    data = picture.generate_svg(sub)
    texts = svg_texts(data)
    for node in sub.nodes:
        assert drawn(node.name_zh, texts), node.name_zh
    present = {n.type for n in sub.nodes}
    for type_name in present:
        t = NODE_TYPES[type_name]
        assert f"{t.zh} {t.en}" in texts
    assert "图例 Legend" in texts
    assert b"Noto Sans CJK SC" in data  # the font the viewer is asked for


def test_english_picture_labels_in_english(bundled):
    sub = bundled.subgraph("怀柔科学城", depth=1)
    texts = svg_texts(picture.generate_svg(sub, lang="en"))
    assert "Huairou Science City" in texts and "Legend 图例" in texts


def test_markup_and_dollars_in_names_stay_text(awkward):
    sub, docs = awkward
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the emoji has no glyph in a CJK font: drawn as a box
        data = picture.generate_svg(sub, docs)
        picture.generate_png(sub, docs)
    texts = svg_texts(data)  # parses: the markup was escaped
    assert drawn("怪名科学城<script>alert('x')</script>", texts)
    assert drawn("[实验室](http://example.invalid) **粗体** $x^2$", texts)  # no mathtext
    assert b"<script" not in data


def test_no_cjk_font_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(fonts, "_pick", lambda: None)
    monkeypatch.setattr(fonts, "_add_fontconfig_fonts", lambda: False)
    fonts.cjk_font.cache_clear()
    try:
        with pytest.raises(InvalidInput, match="fonts-noto-cjk"):
            fonts.cjk_font()
    finally:
        fonts.cjk_font.cache_clear()


def test_a_font_cache_that_predates_the_fonts_is_refreshed_from_fontconfig(monkeypatch):
    calls = []
    real_pick = fonts._pick
    monkeypatch.setattr(fonts, "_pick", lambda: real_pick() if calls else None)
    monkeypatch.setattr(fonts, "_add_fontconfig_fonts", lambda: calls.append(1) or True)
    fonts.cjk_font.cache_clear()
    try:
        assert fonts.cjk_font().name == "Noto Sans CJK SC"
        assert calls == [1]
    finally:
        fonts.cjk_font.cache_clear()


def test_long_labels_are_wrapped_as_the_layout_sized_them(bundled):
    """The layout (viz/radial.py) leaves each node a box as wide as the page's wrapped label; a picture that
    drew the English names on one line ran them into each other at the bottom of a briefing's picture."""
    from viz.radial import LABEL_WIDTH, text_width

    for node in bundled.whole_graph().nodes:
        for text in (node.name_zh, node.name_en):
            lines = picture.wrapped(text).split("\n")
            assert all(text_width(line) <= LABEL_WIDTH or len(line.split(" ")) == 1 for line in lines), text
            assert (" " if " " in text else "").join(lines) == text  # nothing lost or added


@pytest.mark.parametrize(("name", "lines"), [
    ("怀柔科学城首批重点支持项目", ["怀柔科学城首批", "重点支持项目"]),  # was "…重点支持项" / "目"
    ("可穿戴自供能系统开发及应用", ["可穿戴自供能系", "统开发及应用"]),  # was "…开发及应" / "用"
    ("物质科学、生命科学、石墨烯等领域专项", ["物质科学、生命科学、", "石墨烯等领域专项"]),  # was "…石墨" / "烯…"
    ("着力服务“三城一区”发展", ["着力服务“三城一区”发展"]),  # fits: one line
    ("中关村科学城", ["中关村科学城"]),
])
def test_chinese_labels_break_into_even_lines_as_the_pages_do(name, lines):
    """Session 13 review: the PNG/SVG exports filled a line and left one character on the next, which the
    pages stopped doing in session 12 (viz/assets/network.js `balanced`)."""
    assert picture.wrapped(name).split("\n") == lines
