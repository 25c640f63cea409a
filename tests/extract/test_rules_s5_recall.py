"""Recall on unseen text (issue 18, session 5): zones and programmes known by name from public lists
(loaders/text/zones.yaml, programs.yaml), more endings of zones, and counted lists that are no names.
The sentences are written for these tests (none is from the corpus); the names asserted
are what a reader of the sentence would list."""

from __future__ import annotations

from tests.support.extracted import extracted_nodes


def _nodes(tmp_path, body: str, publisher: str = "广东省科学技术厅") -> set[tuple[str, str]]:
    return extracted_nodes(tmp_path, body, publisher)


def _zones(nodes) -> set[str]:
    return {name for name, type_ in nodes if type_ == "Zone"}


def test_a_zone_with_no_ending_is_found_by_the_list(tmp_path):
    zones = _zones(_nodes(tmp_path, "支持横琴、前海加快发展,推动光谷和张江的企业开展合作。"))
    assert {"横琴粤澳深度合作区", "前海深港现代服务业合作区", "东湖国家自主创新示范区",
            "张江国家自主创新示范区"} <= zones


def test_a_listed_name_inside_another_word_is_no_zone(tmp_path):
    nodes = _nodes(tmp_path, "目前海外市场需求回升,南沙群岛周边海域天气良好。")
    assert not _zones(nodes)


def test_listed_names_written_together_each_count(tmp_path):
    nodes = _nodes(tmp_path, "高水平建设横琴前海南沙三大平台。")
    assert {"横琴粤澳深度合作区", "前海深港现代服务业合作区", "广州南沙粤港澳全面合作示范区"} <= _zones(nodes)
    assert not any("平台" in name for name, _ in nodes)  # a count of the three, not a platform's name
    assert ("海南省", "Region") not in nodes  # 前海|南沙 is read across, not 海南


def test_a_longer_name_around_a_listed_one_wins(tmp_path):
    zones = _zones(_nodes(tmp_path, "加快建设中关村科学城和中关村朝阳园,服务北京城市副中心。",
                          publisher="北京市科学技术委员会"))
    assert {"中关村科学城", "中关村朝阳园", "北京城市副中心"} <= zones
    assert "中关村国家自主创新示范区" not in zones


def test_more_endings_of_zones(tmp_path):
    zones = _zones(_nodes(tmp_path, "推进苏州工业园区、郑洛新国家自创区和西安高新区建设,"
                                    "规划建设滨江新城和临空经济合作区。"))
    assert {"苏州工业园区", "郑洛新国家自创区", "西安高新区", "滨江新城", "临空经济合作区"} <= zones


def test_a_count_of_named_items_is_no_name(tmp_path):
    nodes = _nodes(tmp_path, "全面实施科技创新五大工程。")
    assert not any(name.endswith("五大工程") for name, _ in nodes)


def test_a_programme_of_generic_words_is_found_by_the_list(tmp_path):
    nodes = _nodes(tmp_path, "牵头承担国家重点研发计划课题3项,获国家自然科学基金资助。")
    assert ("国家重点研发计划", "Program") in nodes and ("国家自然科学基金", "Fund") in nodes


def test_a_listed_programme_in_traditional_script(tmp_path):
    nodes = _nodes(tmp_path, "創新及科技基金轄下的企業支援計劃及投資研發現金回贈計劃反應理想。",
                   publisher="創新科技署")
    assert {("企业支援计划", "Program"), ("投资研发现金回赠计划", "Program"), ("创新及科技基金", "Fund")} <= nodes


def test_computing_centres_and_systems_are_projects_a_kind_of_system_is_not(tmp_path):
    nodes = _nodes(tmp_path, "建成成都智算中心和天府人工智能超算中心,推广国产移动操作系统和欧拉操作系统。",
                   publisher="四川省科学技术厅")
    projects = {name for name, type_ in nodes if type_ == "Project"}
    assert {"成都智算中心", "天府人工智能超算中心", "欧拉操作系统"} <= projects
    assert "国产移动操作系统" not in projects


def test_a_publisher_opening_with_a_city_short_name_gives_its_city(tmp_path):
    nodes = _nodes(tmp_path, "高新区营业收入增速全市第一,在全省排名第二。", publisher="珠海高新技术产业开发区管理委员会")
    assert {("珠海市", "Region"), ("广东省", "Region")} <= nodes
    nodes = _nodes(tmp_path, "高新区营业收入增速全市第一。", publisher="某某高新技术产业开发区管理委员会")
    assert not any(type_ == "Region" for _, type_ in nodes)  # no city known: 全市 is no mention


def test_party_schools_working_committees_and_forums_of_talks(tmp_path):
    nodes = _nodes(tmp_path, "邀请江北高新区党工委介绍经验,联手市委党校举办政企恳谈会。", publisher="宁波市科学技术局")
    assert {("江北高新区党工委", "Institution"), ("市委党校", "Institution"), ("政企恳谈会", "Event")} <= nodes
    assert not any(name.startswith(("邀请", "联手")) for name, _ in nodes)


def test_prefecture_level_cities_are_places_that_open_names(tmp_path):
    nodes = _nodes(tmp_path, "湖州、宣城两市与本溪制药创新型产业集群开展合作,长治久安。", publisher="浙江省科学技术厅")
    assert {("湖州市", "Region"), ("宣城市", "Region"), ("本溪制药创新型产业集群", "Zone")} <= nodes
    assert ("本溪市", "Region") not in nodes  # a city that only opens a name is no mention
    assert ("长治市", "Region") not in nodes  # listed with 市 only: 长治 is also a word
