"""Recall on unseen text (issue 18, session 6): institutions known by a short name from a public list
(loaders/text/institutions.yaml), a listed company opening a name, and short names two bodies share.
The sentences are written for these tests (none is from the corpus); the names asserted are what a
reader of the sentence would list."""

from __future__ import annotations

from tests.support.extracted import extracted_nodes


def _nodes(tmp_path, body: str, publisher: str = "广东省科学技术厅") -> set[tuple[str, str]]:
    return extracted_nodes(tmp_path, body, publisher)


def test_a_company_with_no_ending_is_found_by_the_list(tmp_path):
    nodes = _nodes(tmp_path, "全年引进腾讯、比亚迪等企业的研发总部,与一汽签署战略合作协议。")
    assert {("腾讯", "Institution"), ("比亚迪", "Institution"),
            ("中国第一汽车集团有限公司", "Institution")} <= nodes


def test_a_short_name_inside_another_word_is_no_company(tmp_path):
    nodes = _nodes(tmp_path, "北京东城区推进快手续办理,改革浪潮中百度量衡。")
    assert not {name for name, type_ in nodes if type_ == "Institution"} & {"京东", "快手", "百度"}


def test_a_listed_company_opening_a_kind_makes_it_one_thing(tmp_path):
    nodes = _nodes(tmp_path, "华为人工智能计算中心投入运营,华为(重庆)产业园开工建设。")
    assert ("华为人工智能计算中心", "Project") in nodes
    assert ("华为(重庆)产业园", "Zone") in nodes
    assert ("人工智能计算中心", "Project") not in nodes


def test_a_company_before_a_verb_opens_no_name(tmp_path):
    nodes = _nodes(tmp_path, "华为在渝千亿级项目有望落地。")
    assert ("华为技术有限公司", "Institution") in nodes
    assert not any(name.startswith("华为在") for name, _ in nodes)


def test_a_shared_short_name_counts_only_beside_its_group(tmp_path):
    hk = _nodes(tmp_path, "该项目由科大牵头,港大、中大、理大共同参与研发。")
    assert {"香港科技大学", "香港大学", "香港中文大学", "香港理工大学"} <= {n for n, _ in hk}
    alone = _nodes(tmp_path, "合肥的科大和中大校友会举办活动。")
    assert not {"香港科技大学", "香港中文大学"} & {n for n, _ in alone}


def _zones(nodes) -> set[str]:
    return {name for name, type_ in nodes if type_ == "Zone"}


def test_a_bare_high_tech_zone_in_its_committees_report_is_that_zone(tmp_path):
    body = "高新区规上工业企业203家,园区服务水平提升。全国169家高新区中排名上升。"
    zones = _zones(_nodes(tmp_path, body, publisher="珠海高新技术产业开发区管理委员会"))
    assert zones == {"珠海高新技术产业开发区"}


def test_a_bare_high_tech_zone_of_an_unknown_issuer_stays_unread(tmp_path):
    body = "高新区规上工业企业203家,园区服务水平提升。"
    assert not _zones(_nodes(tmp_path, body, publisher="科学技术部"))


def test_a_bare_science_city_in_its_districts_report_is_that_science_city(tmp_path):
    body = "区政府加快建设科学城,科学城新增企业120家。"
    zones = _zones(_nodes(tmp_path, body, publisher="北京市怀柔区科学技术委员会"))
    assert zones == {"怀柔科学城"}
    assert not _zones(_nodes(tmp_path, body, publisher="北京市东城区科学技术委员会"))
