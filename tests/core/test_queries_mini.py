"""Queries on the seven-node fixture: names, supporters with paths, limits, suggestions."""

from __future__ import annotations

import pytest

from graph.errors import Ambiguous, InvalidInput, LimitExceeded, NotFound
from graph.model import Node
from graph.store import Batch


@pytest.mark.parametrize("ref", ["zone-huairou-science-city", "怀柔科学城", "Huairou Science City",
                                 "huairou science city", "HSC", "怀柔", "懷柔科學城", "ＨＳＣ"])
def test_names_resolve_through_aliases_case_width_and_script(mini, ref):
    assert mini.resolve(ref).id == "zone-huairou-science-city"


def test_unknown_name_suggests_close_names(mini):
    with pytest.raises(NotFound) as info:
        mini.resolve("怀柔科学")
    assert any("怀柔科学城" in s for s in info.value.suggestions)


def test_ambiguous_name_lists_candidates(mini_store, mini):
    mini_store.write(Batch(nodes=[Node(id="program-hsc", type="Program", name_zh="HSC计划", aliases=["HSC"])]))
    with pytest.raises(Ambiguous) as info:
        mini.resolve("HSC")
    assert len(info.value.suggestions) == 2


def test_search_matches_chinese_substrings_and_english_case_insensitively(mini):
    assert [n.id for n in mini.search("怀柔")][:1] == ["zone-huairou-science-city"]
    assert {n.type for n in mini.search("huairou")} == {"Zone", "Program"}
    assert [n.type for n in mini.search("huairou", "Program")] == ["Program"]
    with pytest.raises(InvalidInput, match="unknown node type"):
        mini.search("huairou", "Planet")


def test_supporters_come_direct_and_via_members_each_with_its_path(mini):
    items = mini.supporters("怀柔科学城")
    direct = [s for s in items if s.via is None]
    via = [s for s in items if s.via is not None]
    assert [s.node.name_zh for s in direct] == ["怀柔科学城科学规划"]
    assert [(s.node.name_zh, s.via.name_zh) for s in via] == [("北京市科学技术委员会", "北京纳米能源与系统研究所")]
    hop1, hop2 = via[0].path
    assert (hop1.type, hop2.type) == ("SUPPORTS", "LOCATED_IN")
    assert all(e.evidence for e in via[0].path)
    assert [s.node.type for s in mini.supporters("怀柔科学城", "Program")] == ["Program"]


def test_zone_profile_lists_members_and_supporters(mini):
    profile = mini.zone("HSC")
    assert [m.node.name_zh for m in profile.members] == ["北京纳米能源与系统研究所"]
    assert len(profile.supporters) == 2


def test_neighbors_respect_depth_type_and_relation(mini):
    one = mini.neighbors("市科委", depth=1)
    assert {n.name_zh for n in one.nodes} == {"北京市科学技术委员会", "北京纳米能源与系统研究所",
                                              "怀柔科学城科学规划", "河北省"}
    two = mini.neighbors("市科委", depth=2, type_="Zone")
    assert {n.type for n in two.nodes} == {"Zone", "Institution"}
    only = mini.neighbors("市科委", depth=1, rel="PARTNERS_WITH")
    assert [e.type for e in only.edges] == ["PARTNERS_WITH"]


@pytest.mark.parametrize("call, limit", [
    (lambda q: q.neighbors("HSC", depth=4), "depth"),
    (lambda q: q.paths("HSC", "河北", max_hops=7), "max_hops"),
    (lambda q: q.search("怀柔", limit=1001), "limit"),
    (lambda q: q.subgraph("HSC", max_nodes=10**6), "max_nodes"),
])
def test_limits_are_errors_that_name_the_limit(mini, call, limit):
    with pytest.raises(LimitExceeded, match=limit):
        call(mini)


def test_subgraph_over_the_cap_says_how_many_were_left_out(mini):
    sub = mini.subgraph("市科委", depth=2, max_nodes=3)
    assert len(sub.nodes) == 3 and sub.truncated and sub.omitted > 0


def test_paths_carry_evidence_on_every_hop(mini):
    paths = mini.paths("河北", "怀柔科学城")
    assert paths and all(len(p.edges) == 3 for p in paths)
    for p in paths:
        assert p.nodes[0].name_zh == "河北省" and p.nodes[-1].name_zh == "怀柔科学城"
        assert all(e.evidence for e in p.edges)
    assert mini.paths("河北", "怀柔科学城", max_hops=2) == []


def test_rank_and_bridges(mini):
    top = mini.rank("degree", limit=1)[0]
    assert top.node.name_zh == "北京市科学技术委员会" and top.score == 3
    assert mini.rank("betweenness", "Institution", limit=1)[0].node.name_zh == "北京市科学技术委员会"
    assert mini.bridges() == []  # one zone only
    with pytest.raises(InvalidInput):
        mini.rank("popularity")


def test_merging_in_an_english_name_does_not_also_make_it_an_alias():
    from graph.model import Node as N

    merged = N(id="z", type="Zone", name_zh="园").merged(N(id="z", type="Zone", name_zh="园", name_en="Park"))
    assert merged.name_en == "Park" and "Park" not in merged.aliases


def test_year_filter_walks_only_that_years_evidence(mini):
    assert len(mini.neighbors("市科委", depth=1, year=2018).nodes) == 4
    with pytest.raises(NotFound) as info:
        mini.neighbors("市科委", year=2019)
    assert info.value.suggestions == ["2018"]
