"""The network page's HTML: offline, escaped, bilingual, with a legend; the cap and the physics switch."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from graph.model import Edge, Evidence, Node
from graph.results import Subgraph
from graph.schema import EDGE_TYPES, NODE_TYPES
from graph.settings import Settings
from tests.browser.graphs import generated_subgraph
from viz.pages import cap_subgraph, network_page
from viz.pages.common import RemoteReference, assert_offline, script_json

EVIL = "<img src=x onerror=alert(1)>"
CLOSER = "</script><script>alert(2)</script><!--"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def page_data(html: str) -> dict:
    """The JSON the page's script reads (window.INNOGRAPH = {...};)."""
    script = next(s for s in parse(html).scripts if s.startswith("window.INNOGRAPH = "))
    return json.loads(script[len("window.INNOGRAPH = "):].rstrip().rstrip(";"))


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("page"), page_physics_threshold=300, page_node_cap=2000)


@pytest.fixture(scope="module")
def evil_subgraph() -> Subgraph:
    nodes = [
        Node(id="zone-evil", type="Zone", name_zh="怀柔科学城", name_en="Huairou Science City", aliases=["HSC"]),
        Node(id="institution-evil", type="Institution", name_zh=EVIL, name_en=CLOSER, aliases=[EVIL]),
        Node(id="metric-x", type="Metric", name_zh="新增科技企业数", name_en="New technology firms",
             attrs={"value": 199, "unit": "家", "period": "2018"}),
    ]
    edges = [
        Edge(source="institution-evil", type="LOCATED_IN", target="zone-evil",
             evidence=[Evidence(doc="doc-1", quote=f"引文 {EVIL} {CLOSER}", start=0, end=5)]),
        Edge(source="metric-x", type="MEASURES", target="zone-evil",
             evidence=[Evidence(doc="doc-1", quote="新增科技企业199家。", start=6, end=16)]),
    ]
    return Subgraph(center="zone-evil", nodes=nodes, edges=edges)


@pytest.fixture(scope="module")
def evil_page(evil_subgraph, settings) -> str:
    return network_page(evil_subgraph, depth=1, settings=settings)


@pytest.fixture(scope="module")
def mini_page(settings) -> str:
    from pathlib import Path

    from graph.memory import MemoryStore
    from graph.queries import GraphQueries
    from loaders.sources import load_sources

    store = MemoryStore()
    load_sources(store, [Path(__file__).parent.parent / "fixtures" / "mini"])
    q = GraphQueries(store)
    return network_page(q.subgraph("怀柔科学城", 2), store.documents(), depth=2, settings=settings)


# ---- offline ---------------------------------------------------------------------

def test_no_attribute_refers_to_the_network(mini_page):
    for tag, attrs in parse(mini_page).tags:
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)


def test_everything_is_inlined(mini_page):
    tags = parse(mini_page).tags
    assert not [a for t, a in tags if t == "script" and "src" in a], "a script is loaded, not inlined"
    links = [a for t, a in tags if t == "link"]
    assert all(a.get("href", "").startswith("data:") for a in links), "a stylesheet or font is linked"
    assert "vis.Network" in mini_page and "vis-network" in mini_page  # vis-network is inlined
    assert "bootstrap" not in mini_page and "cdn.jsdelivr" not in mini_page and "cdnjs" not in mini_page
    assert "@import" not in mini_page and "@font-face" not in mini_page


def test_the_page_is_rendered_by_pyvis(monkeypatch, evil_subgraph, settings):
    from pyvis.network import Network

    calls = []
    real = Network.generate_html

    def spy(self, *args, **kwargs):
        calls.append(len(self.nodes))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Network, "generate_html", spy)
    network_page(evil_subgraph, settings=settings)
    assert calls == [3]


def test_assert_offline_refuses_remote_resources():
    for bad in ('<script src="https://cdn.example/x.js"></script>', "<link href='//cdn.example/x.css'>",
                '<img src=http://example.com/a.png>', "<style>@import 'https://x/y.css';</style>",
                '<div style="background:url(https://x/y.png)"></div>'):
        with pytest.raises(RemoteReference):
            assert_offline(bad)
    assert_offline('<a href="/view?center=x">x</a><!-- licence: https://example.com -->')


# ---- escaping ----------------------------------------------------------------------

def test_markup_in_names_is_never_markup(evil_page):
    assert EVIL not in evil_page
    assert "<img" not in evil_page.lower()
    assert "onerror=alert" in evil_page  # present, but only as escaped text / JSON


def test_scripts_cannot_be_closed_by_data(evil_page):
    tags = parse(evil_page)
    scripts = [a for t, a in tags.tags if t == "script"]
    assert len(scripts) == evil_page.lower().count("</script") == 3
    assert "<!--" not in "".join(tags.scripts)
    data = page_data(evil_page)
    assert data["page"]["meta"]["nodes"]["institution-evil"]["zh"] == EVIL
    assert data["page"]["meta"]["nodes"]["institution-evil"]["en"] == CLOSER


def test_script_json_escapes_closers():
    text = str(script_json({"a": "</script><!-- \u2028 &"}))
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 &"}


def test_title_and_heading_are_escaped(settings):
    sub = Subgraph(center="zone-x", nodes=[Node(id="zone-x", type="Zone", name_zh=EVIL, name_en="X")])
    html = network_page(sub, settings=settings)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert EVIL not in html


# ---- readable -------------------------------------------------------------------------

def test_legend_lists_each_type_with_its_colour_and_both_names(evil_page):
    tags = parse(evil_page).tags
    boxes = [a["data-type"] for t, a in tags if t == "input" and "data-type" in a]
    assert boxes == ["Zone", "Institution", "Metric"]
    for name in boxes:
        t = NODE_TYPES[name]
        assert t.zh in evil_page and t.en in evil_page and f'fill="{t.color}"' in evil_page
    options = page_data(evil_page)["options"]
    assert options["groups"]["Zone"]["color"]["background"] == NODE_TYPES["Zone"].color
    assert options["groups"]["Zone"]["shape"] == NODE_TYPES["Zone"].shape


def test_both_languages_are_present(mini_page):
    for text in ("怀柔科学城", "Huairou Science City", "北京纳米能源与系统研究所",
                 "Beijing Institute of Nanoenergy and Nanosystems", "类型", "Types", "搜索", "Find"):
        assert text in mini_page, text
    data = page_data(mini_page)
    assert data["page"]["meta"]["edgeTypes"]["SUPPORTS"]["pzh"] == EDGE_TYPES["SUPPORTS"].phrase_zh
    assert data["page"]["meta"]["edgeTypes"]["SUPPORTS"]["pen"] == EDGE_TYPES["SUPPORTS"].phrase_en


def test_nodes_sized_by_degree_shaped_by_type(evil_page):
    nodes = {n["id"]: n for n in page_data(evil_page)["nodes"]}
    assert nodes["zone-evil"]["value"] == 2 and nodes["metric-x"]["value"] == 1
    assert nodes["metric-x"]["shape"] == NODE_TYPES["Metric"].shape
    assert nodes["zone-evil"]["group"] == "Zone"
    assert nodes["zone-evil"]["label"] == "怀柔科学城"


def test_tooltips_carry_attributes_evidence_and_documents(evil_subgraph, settings):
    from graph.model import Document

    doc = Document(id="doc-1", title="自评报告", title_en="Self-assessment")
    meta = page_data(network_page(evil_subgraph, [doc], settings=settings))["page"]["meta"]
    # [key, value, the value on the English page where it differs]: 家 is a counting word, dropped in English
    assert meta["nodes"]["metric-x"]["at"][:3] == [["value", "199"], ["unit", "家", "—"], ["period", "2018"]]
    assert meta["edges"][1]["ev"] == [["doc-1", "新增科技企业199家。"]]
    assert meta["docs"]["doc-1"][:2] == ["自评报告", "Self-assessment"]


def test_search_keys_are_normalised(evil_page):
    keys = page_data(evil_page)["page"]["meta"]["nodes"]["zone-evil"]["k"]
    assert "huairou science city" in keys and "hsc" in keys and "怀柔科学城" in keys


# ---- fast on large subgraphs -------------------------------------------------------------

def test_small_pages_use_physics_large_ones_precomputed_positions(settings):
    uncentred = generated_subgraph(50, 80).model_copy(update={"center": None})
    small = page_data(network_page(uncentred, settings=settings))
    assert small["options"]["physics"]["enabled"] is True
    big = page_data(network_page(generated_subgraph(400, 900).model_copy(update={"center": None}),
                                 settings=settings))
    assert big["options"]["physics"] == {"enabled": False}
    assert big["options"]["edges"]["smooth"] is False
    assert all("x" in n and "y" in n for n in big["nodes"])
    assert big["page"]["physics"] is False


def test_over_the_cap_the_highest_degree_nodes_stay_and_the_page_says_so(tmp_path):
    settings = Settings(data_dir=tmp_path, page_node_cap=100, page_physics_threshold=50)
    sub = generated_subgraph(300, 700)
    html = network_page(sub, depth=2, settings=settings)
    data = page_data(html)
    assert len(data["nodes"]) == 100
    assert "zone-0" in {n["id"] for n in data["nodes"]}
    assert data["page"]["dropped"] == 200
    assert 'id="dropped">200<' in html
    hrefs = [a["href"] for t, a in parse(html).tags if t == "a" and "href" in a]
    assert "/view?center=zone-0&depth=1" in hrefs
    assert any("type=" in h for h in hrefs)


def test_cap_keeps_the_centre_and_the_best_connected():
    nodes = [Node(id=i, type="Institution", name_zh=i) for i in ("c", "hub", "a", "b", "d")]
    edges = [Edge(source="hub", type="PARTNERS_WITH", target=x) for x in ("a", "b", "d")]
    edges.append(Edge(source="a", type="PARTNERS_WITH", target="b"))
    sub = Subgraph(center="c", nodes=nodes, edges=edges)
    capped, dropped = cap_subgraph(sub, 3)
    assert [n.id for n in capped.nodes] == ["c", "hub", "a"] and dropped == 2
    assert [(e.source, e.target) for e in capped.edges] == [("hub", "a")]
    assert cap_subgraph(sub, 10) == (sub, 0)


def test_a_query_truncated_subgraph_is_reported(settings):
    sub = generated_subgraph(30, 40).model_copy(update={"truncated": True, "omitted": 17})
    html = network_page(sub, depth=2, settings=settings)
    assert "17" in html and "not fetched" in html


def test_a_centred_page_is_laid_out_around_its_centre_without_physics(settings):
    """A zone's (or any node's) page: the centre at (0, 0), rings around it, physics off."""
    data = page_data(network_page(generated_subgraph(120, 200), settings=settings))
    assert data["options"]["physics"] == {"enabled": False}
    assert data["page"]["centred"] is True
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes["zone-0"]["x"], nodes["zone-0"]["y"]) == (0, 0)
    others = [(n["x"] ** 2 + n["y"] ** 2) ** 0.5 for i, n in nodes.items() if i != "zone-0"]
    assert min(others) > 100  # nothing sits on the centre


def test_no_node_is_drawn_with_its_label_inside(settings):
    """A label that cannot be shown must leave a marker, not an empty box: every shape is a marker."""
    from viz.pages.network import LABEL_INSIDE

    data = page_data(network_page(generated_subgraph(60, 90), settings=settings))
    assert all(g["shape"] not in LABEL_INSIDE for g in data["options"]["groups"].values())
