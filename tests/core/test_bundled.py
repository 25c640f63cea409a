"""The bundled 2018 graph says what the report says, and every edge quotes it verbatim."""

from __future__ import annotations

import pytest

from loaders.sources import BUNDLED_DIR

REPORT = BUNDLED_DIR.parent / "reports" / "bjstc-2018-self-assessment.txt"

ZONES = {
    "中关村科学城": {"北京生命科学研究所", "北京石墨烯研究院"},
    "怀柔科学城": {"北京纳米能源与系统研究所", "可穿戴自供能系统开发及应用"},
    "未来科学城": {"氢能技术协同创新平台"},
    "北京经济技术开发区": {"自动驾驶测试场地"},
}


def test_every_edge_has_evidence_quoted_verbatim_at_its_offsets(bundled_store):
    text = REPORT.read_text(encoding="utf-8")
    edges = list(bundled_store.iter_edges())
    assert len(edges) > 300
    for edge in edges:
        assert edge.evidence, edge.key
        for ev in edge.evidence:
            assert ev.doc == "bjstc-2018-self-assessment"
            assert text[ev.start:ev.end] == ev.quote, edge.key


def test_the_graph_names_what_the_report_names(bundled):
    stats = bundled.stats()
    assert stats.nodes > 250
    for type_ in ("Zone", "District", "Institution", "Program", "Project", "Fund", "Policy",
                  "Event", "Region", "Field", "Metric"):
        assert stats.nodes_by_type.get(type_, 0) > 0, type_
    assert {z.name_zh for z in bundled.zones()} >= set(ZONES) | {"三城一区"}


@pytest.mark.parametrize("zone, members", ZONES.items())
def test_each_zone_has_the_members_the_report_gives(bundled, zone, members):
    profile = bundled.zone(zone)
    assert members <= {m.node.name_zh for m in profile.members}
    assert all(m.edge.evidence for m in profile.members)


@pytest.mark.parametrize("zone", list(ZONES))
def test_the_commission_supports_every_zone_directly(bundled, zone):
    direct = {s.node.name_zh for s in bundled.supporters(zone) if s.via is None}
    assert "北京市科学技术委员会" in direct


def test_huairou_supporters_include_the_plan_and_member_support(bundled):
    items = bundled.supporters("怀柔科学城")
    assert "怀柔科学城科学规划" in {s.node.name_zh for s in items if s.via is None}
    via = {(s.node.name_zh, p.via.name_zh) for s in items for p in s.paths if p.via}
    assert ("北京市科学技术委员会", "北京纳米能源与系统研究所") in via


@pytest.mark.parametrize("zone", ["怀柔科学城", "中关村科学城", "未来科学城", "北京经济技术开发区"])
def test_the_report_author_is_one_supporter_with_its_paths_grouped(bundled, zone):
    """It supports the zone and several of its members: one row, direct path first, then by member."""
    items = bundled.supporters(zone)
    assert len({s.node.id for s in items}) == len(items)
    [author] = [s for s in items if s.node.name_zh == "北京市科学技术委员会"]
    assert author.path_count == len(author.paths) > 1 and author.paths[0].via is None
    assert (author.via, author.path) == (author.paths[0].via, author.paths[0].edges)
    members = [p.via.id for p in author.paths[1:]]
    assert members == sorted(members) and all(len(p.edges) == 2 and p.edges[0].evidence for p in author.paths[1:])


def test_the_innovation_fund_invests_in_six_sub_funds(bundled):
    fund = bundled.resolve("市科技创新基金")
    subs = bundled.store.edges([fund.id], "out", ["INVESTS_IN"])
    assert len(subs) == 6


def test_the_commission_partners_with_hebei(bundled):
    partners = bundled.neighbors("河北", rel="PARTNERS_WITH")
    assert "北京市科学技术委员会" in {n.name_zh for n in partners.nodes}


@pytest.mark.parametrize("alias, name", [
    ("经开区", "北京经济技术开发区"), ("经济技术开发区", "北京经济技术开发区"), ("亦庄", "北京经济技术开发区"),
    ("E-Town", "北京经济技术开发区"), ("e-town", "北京经济技术开发区"), ("BDA", "北京经济技术开发区"),
    ("市科委", "北京市科学技术委员会"), ("BMSTC", "北京市科学技术委员会"),
    ("HSC", "怀柔科学城"), ("Huairou Science City", "怀柔科学城"),
    ("BAQIS", "北京量子信息科学研究院"), ("Beijing Academy of Artificial Intelligence", "北京智源人工智能研究院"),
])
def test_aliases_find_their_node(bundled, alias, name):
    assert bundled.resolve(alias).name_zh == name


def test_official_english_names(bundled):
    assert bundled.resolve("怀柔科学城").name_en == "Huairou Science City"
    assert bundled.resolve("北京纳米能源与系统研究所").name_en.startswith("Beijing Institute of Nanoenergy and Nanosystems")


def test_bridges_link_zones_and_leave_the_report_author_out_unless_asked(bundled):
    bridges = {b.node.name_zh: {z.name_zh for z in b.zones} for b in bundled.bridges(include_publisher=True)}
    assert {"中关村科学城", "怀柔科学城"} <= bridges["北京市科学技术委员会"]
    assert "北京市科学技术委员会" not in {b.node.name_zh for b in bundled.bridges()}


def test_indicators_carry_value_unit_and_period(bundled):
    metrics = bundled.store.nodes_of_type("Metric")
    with_value = [m for m in metrics if isinstance(m.attrs.get("value"), (int, float))]
    assert len(with_value) >= len(metrics) - 1
    assert all(m.attrs.get("unit") and m.attrs.get("period") for m in with_value)


def test_ids_are_stable_across_rebuilds(bundled_store):
    from graph.memory import MemoryStore
    from loaders.sources import build_bundled

    again = MemoryStore()
    build_bundled(again)
    assert sorted(n.id for n in again.iter_nodes()) == sorted(n.id for n in bundled_store.iter_nodes())


@pytest.mark.parametrize("zone, verb", [("中关村科学城", "聚焦中关村科学城"), ("怀柔科学城", "突破怀柔科学城"),
                                        ("未来科学城", "搞活未来科学城"), ("北京经济技术开发区", "升级经济技术开发区")])
def test_a_program_of_the_report_supports_each_zone_with_the_zone_sentence(bundled, zone, verb):
    """The report's key task 着力服务“三城一区”发展 names each zone in its own sentence."""
    [program] = bundled.supporters(zone, "Program")
    quotes = [ev.quote for ev in program.path[0].evidence]
    assert program.node.name_zh == "着力服务“三城一区”发展" and program.via is None
    assert verb in quotes[0] and quotes[1] == "2.着力服务“三城一区”发展。"


@pytest.mark.parametrize("zone", ["中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"])
def test_a_zone_neighbourhood_reaches_nothing_through_the_report_author(bundled, zone):
    """Every node of `neighbors ZONE --depth 2` is within two hops without passing the commission."""
    import networkx as nx

    from graph.publisher import publisher_ids

    [author] = publisher_ids(bundled.store)
    g = nx.Graph((e.source, e.target) for e in bundled.store.iter_edges())
    center = bundled.resolve(zone).id
    sub = bundled.neighbors(zone, depth=2)
    without = nx.single_source_shortest_path_length(g.subgraph(set(g) - {author}), center, cutoff=2)
    assert {n.id for n in sub.nodes} - {author} == set(without) and sub.context == [author]
    everything = bundled.neighbors(zone, depth=2, include_publisher=True)
    assert len(everything.nodes) > 2 * len(sub.nodes)
