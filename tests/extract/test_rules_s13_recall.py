"""Recall rules of session 13 (issue 18, s13-dev8): causes the blind dev8 split shared with dev5-dev7.

The sentences are written for these tests; the documents that showed each cause are named in
docs/extraction.md, "Recall (session 13)".
"""

from __future__ import annotations

from loaders.text.context import Context
from tests.extract.conftest import analysis_under


def _relative(analysis, surface: str):
    return [m for m in analysis.mentions if analysis.report.body.text[m.start:m.end] == surface]


# --- the place a page is about (page_place.py) ---------------------------------------------------------

REPOST_ON_A_DISTRICT = ("通州区召开科技工作会议。会上,区委要求各部门加快推进重点项目建设。"
                        "今年以来,通州区新增高新技术企业120家,全区研发投入持续增长。")


def test_a_repost_about_one_district_reads_its_relative_names(tmp_path):
    analysis = analysis_under(tmp_path, REPOST_ON_A_DISTRICT, "某某资讯网 (转载)")
    committee = _relative(analysis, "区委")
    assert committee and "通州区" in committee[0].name and committee[0].type == "Institution"
    district = _relative(analysis, "全区")
    assert district and district[0].type == "District" and "通州" in district[0].name


def test_a_page_naming_two_districts_alike_keeps_no_district(tmp_path):
    text = "通州区和顺义区联合举办活动。会上,区委要求加快建设。通州区、顺义区企业参加。"
    analysis = analysis_under(tmp_path, text, "某某资讯网 (转载)")
    assert not [m for m in _relative(analysis, "区委") if "通州" in m.name or "顺义" in m.name]


def test_a_medium_on_one_city_reads_the_whole_city(tmp_path):
    text = "上海张江科学城今年新增企业300家。上海张江的产值居全市首位,占全市的两成。"
    analysis = analysis_under(tmp_path, text, "某某日报")
    whole = _relative(analysis, "全市")
    assert whole and whole[0].type == "Region" and whole[0].name == "上海市"


def test_a_page_naming_two_cities_keeps_no_city(tmp_path):
    text = "上海和深圳的科创企业在会上签约。上海、深圳两地企业的产值居全市前列。"
    analysis = analysis_under(tmp_path, text, "某某日报")
    assert not [m for m in _relative(analysis, "全市") if m.name in ("上海市", "深圳市")]


def test_a_traditional_byline_names_its_district():
    context = Context.of("北京市懷柔區人民政府辦公室")
    assert (context.city, context.district) == ("北京市", "怀柔区")


# --- a domain written as its industry (field_forms.py) ---------------------------------------------------

def _forms(analysis, name: str) -> set[str]:
    """Every alias the mentions of the field `name` carry."""
    return {a for m in analysis.mentions if m.type == "Field" and m.name == name for a in m.aliases}


def test_a_field_written_as_its_industry_carries_that_spelling(analysis_of):
    analysis = analysis_of("全区重点发展医药健康产业,加快打造科技服务业。")
    assert "医药健康产业" in _forms(analysis, "医药健康")
    assert "科技服务业" in _forms(analysis, "科技服务")
    traditional = analysis_of("全區重點發展微電子産業,加快打造科技服務業。")
    assert {"微電子産業", "微电子产业"} & _forms(traditional, "微电子")
    assert {"科技服務業", "科技服务业"} & _forms(traditional, "科技服务")


def test_a_field_before_another_word_of_ye_keeps_its_name_only(analysis_of):
    analysis = analysis_of("推动人工智能业务拓展,集成电路产业园开工建设,人工智能产业规模扩大。")
    forms = _forms(analysis, "人工智能")
    assert "人工智能业" not in forms and "人工智能产业" in forms  # 业务 is another word
    assert not [m for m in analysis.mentions if m.type == "Field" and "集成电路产业" in m.aliases and not m.nested]


# --- a body opening a body's name or a policy's title (opening_bodies.py) ---------------------------------

def _institutions(analysis) -> set[str]:
    """The Institutions the report keeps as entities (nested ones only when marked titled)."""
    return {m.name for m in analysis.mentions if m.type == "Institution" and (not m.nested or m.titled)}


def test_a_university_opening_its_institute_is_a_body_of_its_own(analysis_of):
    found = _institutions(analysis_of("南方理工大学未来城市研究院与企业签约。西湖师范大學教育研究院成立。"))
    assert {"南方理工大学未来城市研究院", "南方理工大学", "西湖师范大学"} <= found


def test_a_party_committee_opening_a_resolution_is_a_body_of_its_own(analysis_of):
    found = _institutions(analysis_of("本方案依据《中共杭州市西湖区委关于加快建设创新强区的决定》制定。"))
    assert "中共杭州市西湖区委" in found


def test_a_word_that_goes_on_after_daxue_opens_nothing(analysis_of):
    found = _institutions(analysis_of("南方大学生创业服务中心开业,南方大学城管理委员会召开会议。"))
    assert not {"南方大学"} & found


# --- university towns and higher-education parks (rules.yaml) ---------------------------------------------

def test_a_university_town_and_a_higher_education_park_are_zones(analysis_of):
    found = {(m.name, m.type) for m in analysis_of("加快建设南湖大学城,西山高教园区新入驻三所高校。").mentions}
    assert {("南湖大学城", "Zone"), ("西山高教园区", "Zone")} <= found


def test_a_bare_university_town_is_no_name(analysis_of):
    found = {m.name for m in analysis_of("推动大学城建设,促进高校和大学城联动发展。").mentions}
    assert "大学城" not in found


# --- domains closed by their count, and the first domain after a verb (lists.py) --------------------------

def _fields(analysis) -> set[str]:
    return {m.name for m in analysis.mentions if m.type == "Field" and not m.nested}


def test_domains_closed_by_their_count_are_fields(analysis_of):
    found = _fields(analysis_of("全区将大力发展高端智能制造、海洋牧场和森林康养3个特色产业。"))
    assert {"高端智能制造", "海洋牧场", "森林康养"} <= found and "发展高端智能制造" not in found


def test_a_count_that_is_no_count_of_the_items_types_nothing(analysis_of):
    found = _fields(analysis_of("东部、西部和北部划分为四个产业功能区,全区培育海洋牧场和森林康养3个特色产业。"))
    assert not {"东部", "西部", "北部", "海洋牧场", "森林康养"} & found


def test_two_known_domains_written_together_stay_two(analysis_of):
    found = _fields(analysis_of("培育新能源新材料和生命科学2个支柱产业。"))
    assert {"新能源", "新材料", "生命科学"} <= found and "新能源新材料" not in found


def test_a_known_domain_after_a_verb_starts_the_first_item(analysis_of):
    found = _fields(analysis_of("重点发展高端智能制造、海洋牧场和森林康养等产业。"))
    assert {"高端智能制造", "海洋牧场", "森林康养"} <= found and "重点发展高端智能制造" not in found


# --- an ellipsis ends a name (boundaries.py) ---------------------------------------------------------------

def test_a_name_does_not_reach_back_over_an_ellipsis(analysis_of):
    analysis = analysis_of("区块链、量子信息、人工智能……前沿技术加快布局,生物医药……战略新兴产业风起云涌。")
    assert {"区块链", "人工智能", "生物医药"} <= _fields(analysis)
    assert not [m for m in analysis.mentions if "..." in analysis.report.body.text[m.start:m.end]
                or "…" in analysis.report.body.text[m.start:m.end]]


# --- Beijing's programme of the S&T innovation centre, under its two names (programs.yaml) -----------------

def test_the_innovation_centre_programme_is_read_under_both_names(analysis_of):
    analysis = analysis_of("全力推进全国科技创新中心建设。二〇二一年起,加快国际科技创新中心建设。")
    programs = [m for m in analysis.mentions if m.type == "Program"]
    assert {analysis.report.body.text[m.start:m.end] for m in programs} >= {"全国科技创新中心建设", "国际科技创新中心建设"}
    assert {m.name for m in programs} == {"全国科技创新中心建设"}


def test_the_centre_as_a_goal_is_no_programme(analysis_of):
    analysis = analysis_of("加快建设全国科技创新中心,打造国际科技创新中心核心区。")
    assert not [m for m in analysis.mentions if m.type == "Program"]
