"""Precision (issue 18, session 5): guessed names that are kinds of things or broken spans are
declined, the named things beside them stay. Each sentence is of a kind the development documents
(dev, dev2) show; the names asserted are what a reader of the sentence would list."""

from __future__ import annotations

from loaders.text.extract import analyse
from loaders.text.reading import read_report

from .conftest import analysis_under, names, names_but_metrics


def _analysis(tmp_path, body: str, publisher: str = "浙江省科学技术厅", name: str = "r"):
    return analysis_under(tmp_path, body, publisher, name)


_all = names_but_metrics


def test_a_counted_kind_is_no_name_but_the_named_one_is(tmp_path):
    a = _analysis(tmp_path, "全省布局建设了18家国家制造业创新中心,其中国家动力电池创新中心落户杭州。"
                            "推进横琴前海南沙三大平台建设。")
    got = _all(a)
    assert "国家动力电池创新中心" in got
    assert not {"国家制造业创新中心", "横琴前海南沙三大平台"} & got


def test_related_and_companion_kinds_are_no_names(tmp_path):
    a = _analysis(tmp_path, "资助大学成立生命健康科技相关主题研究院,建设文化创意和配套设施,细化落实方案和举措。"
                            "组织实施空气质量达标关键技术及路径研究。")
    got = _all(a)
    assert not {"生命健康科技相关主题研究院", "文化创意和配套设施", "方案和举措"} & got
    assert "空气质量达标关键技术及路径研究" in got  # a specific first part: one study


def test_a_bureau_joined_by_ji_stays_one_name(tmp_path):
    a = _analysis(tmp_path, "创新及科技局今日推出创新及科技支援计划的新安排。", publisher="创新及科技局")
    assert {"创新及科技局", "创新及科技支援计划"} <= _all(a)


def test_addressees_opened_by_ge_are_kinds(tmp_path):
    a = _analysis(tmp_path, "各镇政府、街道(地区)办事处,各委、办、局:\n现将海淀区科学技术和信息化局的方案印发给你们。")
    got = _all(a)
    assert "街道(地区)办事处" not in got
    assert "海淀区科学技术和信息化局" in got


def test_strategies_and_spirits_are_slogans(tmp_path):
    a = _analysis(tmp_path, "扎实打造新发展格局战略支点,深入贯彻对浙江工作重要指示精神、省委十四届三次全会精神。")
    got = _all(a)
    assert not {"新发展格局战略", "浙江工作重要指示精神"} & got


def test_a_broken_span_is_no_name(tmp_path):
    a = _analysis(tmp_path, "和平区、东丽区通过天津市雏鹰企业评价入库数分别居滨海新区、中心城区前列。"
                            "坚持把服务国家和首都发展大局摆在首位,为“十三五”科技工作开好局。"
                            "创新及科技局局长讲解施政报告。力争5年内有 家特色小镇获省级认定。", publisher="天津市科学技术局")
    got = _all(a)
    assert not [n for n in got if "分别" in n or n.endswith(("大局", "开好局", "局局")) or n.startswith("家")]
    assert {"滨海新区", "创新及科技局"} <= got
    assert "创新及科技局" in names(a.mentions, "Institution")


def _figures(tmp_path, body: str) -> list:
    return [m for m in _analysis(tmp_path, body).mentions if m.type == "Metric"]


def test_the_parts_of_the_text_and_a_listed_count_are_no_indicators(tmp_path):
    got = _figures(tmp_path, "今年的预算案在以下四个方面提出多项措施,拨款5,000万元推动发展。"
                             "提出实施五项重大工程(创新中心建设工程、智能制造工程、工业强基工程、绿色制造工程、高端装备创新工程),"
                             "共建成3项重大工程。")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in got] == [(5000, "万元"), (3, "项")]


def test_a_count_repeated_before_the_same_noun_is_one_indicator(tmp_path):
    got = _figures(tmp_path, "工信部公布45个国家先进制造业集群名单。这45个国家先进制造业集群包括深圳市新一代信息通信集群。"
                             "另有45个城市参与评选。")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in got] == [(45, "个"), (45, "个")]


def test_a_gap_in_points_describes_the_rate_before_it(tmp_path):
    got = _figures(tmp_path, "高新技术产业增加值率达54.7%,高于规上工业18.3个百分点;研发投入强度提高0.2个百分点。")
    assert [(m.attrs["value"], m.attrs.get("gap_pts")) for m in got] == [(54.7, 18.3), (0.2, None)]


def test_a_year_after_a_verb_and_a_place_before_an_ending_are_no_shared_ending(tmp_path):
    a = _analysis(tmp_path, "圆满完成2024中关村论坛、中非合作论坛北京峰会等重大活动。推进市委、市政府办公厅的工作。",
                  publisher="北京市海淀区人民政府")
    got = names(a.mentions, "Event")
    assert {"中关村论坛", "中非合作论坛北京峰会"} <= got
    assert not [n for n in got if n.startswith("2024") or n.startswith("中关村论坛北京")]
    assert "国家科技创新2030-重大项目" in _all(_analysis(tmp_path, "启动国家科技创新2030-重大项目。"))


def test_a_field_is_read_with_the_words_that_make_it_the_domain_named(tmp_path):
    a = _analysis(tmp_path, "支援Web3、生命健康科技、人工智能和量子科技等前沿科技领域;"
                            "生物医药及高端医疗器械领域5个;扶持人工智能科技企业。")
    got = names(a.mentions, "Field")
    assert {"生命健康科技", "高端医疗器械", "生物医药", "人工智能"} <= got
    assert not {"生命健康", "医疗器械", "人工智能科技"} & got


def test_a_graph_place_inside_a_longer_name_is_no_mention_of_the_place(tmp_path, bundled_store):
    """Warm mode: 北京 (a node of the bundled graph) opening 北京雁栖湖应用数学研究院 is nested, as cold."""
    path = tmp_path / "r.txt"
    path.write_text("title: 测试\npublisher: 北京市怀柔区科学技术委员会\n---\n服务北京雁栖湖应用数学研究院建设。",
                    encoding="utf-8")
    a = analyse(read_report(path), bundled_store)
    assert "北京雁栖湖应用数学研究院" in names(a.mentions, "Institution")
    assert not [m for m in a.mentions if m.type == "Region" and not m.nested]


def test_a_domain_s_centre_is_a_kind_a_named_centre_or_lab_is_not(tmp_path):
    a = _analysis(tmp_path, "加快打造具有全球影响力的产业科技创新中心。推进制造业创新中心建设,"
                            "建成国家集成电路创新中心,筹建物质科学实验室。")
    got = _all(a)
    assert not {"产业科技创新中心", "制造业创新中心"} & got
    assert {"国家集成电路创新中心", "物质科学实验室"} <= got
