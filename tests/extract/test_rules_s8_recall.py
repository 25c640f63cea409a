"""Recall on unseen text (issue 18, session 8): names of facilities read across the words of what they
do (loaders/text/facility_edges.py). The sentences are written for these tests (none is from the
corpus); the names asserted are what a reader of the sentence would list."""

from __future__ import annotations

from loaders.report_loader import extract_report
from tests.support.extracted import extracted_nodes


def _nodes(tmp_path, body: str, publisher: str = "北京市怀柔区人民政府") -> set[tuple[str, str]]:
    return extracted_nodes(tmp_path, body, publisher)


def test_a_facility_name_keeps_the_words_of_what_it_does(tmp_path):
    nodes = _nodes(tmp_path, "本批启动的项目包括:纳米薄膜与界面表征测试平台、海洋生态过程虚拟研究开发平台"
                             "和极地冰川交叉研究平台等。")
    assert {("纳米薄膜与界面表征测试平台", "Project"), ("海洋生态过程虚拟研究开发平台", "Project"),
            ("极地冰川交叉研究平台", "Project")} <= nodes
    assert not {n for n, t in nodes if t == "Project" and n in ("测试平台", "开发平台", "交叉研究平台")}


def test_a_clause_verb_still_ends_a_facility_name(tmp_path):
    nodes = _nodes(tmp_path, "今年启动建设深海极端环境探测实验研究设施,推进空间材料检测平台建设。"
                             "加快建设智能传感器中试验证平台。")
    assert {("深海极端环境探测实验研究设施", "Project"), ("空间材料检测平台", "Project"),
            ("智能传感器中试验证平台", "Project")} <= nodes
    assert not any(n.startswith(("启动", "建设", "推进", "加快")) for n, _ in nodes)


def test_a_cluster_named_by_its_industry_is_a_zone(tmp_path):
    nodes = _nodes(tmp_path, "今年,海洋装备产业集群成功入选全国中小企业特色产业集群;推动昌平合成材料产业集聚区建设;"
                             "光电、储能两大产业集群产值增长12%;形成3个千亿级产业集群,充分利用产业集聚区。")
    assert {("海洋装备产业集群", "Zone"), ("昌平合成材料产业集聚区", "Zone")} <= nodes
    zones = {n for n, t in nodes if t == "Zone"}
    assert not {z for z in zones if "特色" in z or "千亿级" in z or "两大" in z or "利用" in z}
    assert ("海洋装备", "Field") not in nodes  # a field inside a name is no mention of the field


def test_the_list_of_a_kind_names_none_of_it(tmp_path):
    nodes = _nodes(tmp_path, "滨江光电创新型产业集群成功入选科技部创新型产业集群名单。")
    assert ("滨江光电创新型产业集群", "Zone") in nodes
    assert not {n for n, t in nodes if t == "Zone" and n.startswith("科技部")}


def test_a_name_before_a_bare_level_stays_a_name(tmp_path):
    """clauses.LEVEL_AFTER declines a class compared with (国际四代光源|先进水平), not a name whose own level is
    spoken of (合肥先进光源|水平)."""
    nodes = _nodes(tmp_path, "合肥先进光源水平不断提升。同步辐射装置性能达到国际四代光源先进水平。")
    assert ("合肥先进光源", "Project") in nodes
    assert not {n for n, _ in nodes if "四代光源" in n}


def test_taiwans_central_bodies_are_read_by_their_short_names(tmp_path):
    nodes = _nodes(tmp_path, "經濟部與衛福部、陸委會共同辦理,並由數發部協助。", publisher="國家科學及技術委員會")
    assert {("经济部", "Institution"), ("卫生福利部", "Institution"), ("大陆委员会", "Institution"),
            ("数位发展部", "Institution")} <= nodes
    assert ("经济部", "Institution") not in _nodes(tmp_path, "各国家经济部门加强内部管理。")  # on word boundaries only


def _figures(tmp_path, body: str) -> set[tuple[float, str]]:
    path = tmp_path / "m.txt"
    path.write_text(f"title: 测试\npublisher: 北京市怀柔区人民政府\n---\n{body}", encoding="utf-8")
    return {(float(n.attrs["value"]), str(n.attrs["unit"])) for n in extract_report(path).nodes if n.type == "Metric"}


def test_counting_words_of_cases_doses_buildings_and_vehicles_are_units(tmp_path):
    figures = _figures(tmp_path, "全年办结信访案件318宗,拆除违建2150栋,累计接种疫苗30万剂次、收治病例870例,"
                                 "新增公交车65辆,查处违法案件92起,开行专列三列。")
    assert {(318, "宗"), (2150, "栋"), (30, "万剂次"), (870, "例"), (65, "辆"), (92, "起"), (3, "列")} <= figures


def test_a_round_amount_without_digits_is_a_figure_but_not_a_threshold_counted_or_a_header(tmp_path):
    assert (1000, "亿元") in _figures(tmp_path, "全区地区生产总值突破千亿元,同比增长6%。")
    assert not _figures(tmp_path, "首次突破两个千亿元大关。一起来,例如宗旨。")
    assert not _figures(tmp_path, "| 項目 | 數目 | 百萬元 |\n| 甲 | 12 | 30 |")


def test_a_districts_congress_and_government_by_their_relative_names(tmp_path):
    nodes = _nodes(tmp_path, "在区委领导、区人大监督下,区人民政府认真执行决议。", publisher="北京市大兴区科学技术委员会")
    assert {("北京市大兴区人民代表大会", "Institution"), ("北京市大兴区人民政府", "Institution")} <= nodes


def test_a_listed_verb_inside_a_word_does_not_cut_a_name(tmp_path):
    """研究 is a verb before a name (研究|设立…), but in 研究型 it is part of a word of the name."""
    nodes = _nodes(tmp_path, "新建康复中心暨滨河国际研究型医院,推进研究型大学建设。")
    assert ("滨河国际研究型医院", "Institution") in nodes
    assert not {n for n, _ in nodes if n.startswith("研究型")}


def test_airports_their_zones_and_a_plans_outline(tmp_path):
    nodes = _nodes(tmp_path, "加快天河机场临空经济区和双流机场建设,落实武汉市“十四五”规划纲要。")
    assert {("天河机场临空经济区", "Zone"), ("双流机场", "Project"), ("武汉市十四五规划纲要", "Policy")} <= nodes


def test_a_congress_session_keeps_the_city_before_its_district(tmp_path):
    nodes = _nodes(tmp_path, "——2023年1月6日在北京市顺义区第七届人民代表大会第二次会议上")
    assert ("北京市顺义区第七届人民代表大会第二次会议", "Event") in nodes
    assert ("顺义区第七届人民代表大会第二次会议", "Event") not in nodes


def test_names_inside_the_reports_own_title_stay_entities(tmp_path):
    path = tmp_path / "t.txt"
    title = "顺义区七届人大三次会议政府工作报告"
    path.write_text(f"title: {title}\npublisher: 北京市顺义区人民政府\n---\n{title}\n各位代表:现在向大会报告工作。",
                    encoding="utf-8")
    nodes = {(n.name_zh, n.type) for n in extract_report(path).nodes}
    assert ("顺义区七届人大三次会议", "Event") in nodes
    assert (title, "Policy") in nodes  # the Document, and a Policy too (own_title.py: the guideline's convention)


def test_a_congress_is_a_body_and_its_session_an_event(tmp_path):
    nodes = _nodes(tmp_path, "——2023年1月6日在顺义区第七届人民代表大会\n第二次会议上")
    assert ("顺义区第七届人民代表大会", "Institution") in nodes
    assert ("顺义区第七届人民代表大会", "Event") not in nodes
