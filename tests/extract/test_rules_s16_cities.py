"""Rules of session 16 (issue 18, s16-dev13): causes of misses and junk on other cities' report text (dev13).

The sentences are written for these tests (made-up reports of other cities, Hong Kong, Macau and Taiwan); the
documents that showed each cause are named in docs/extraction.md, "Rules from other cities (session 16)".
"""

from __future__ import annotations

from tests.support.extracted import extracted_nodes, names


# --- names in 「」 read as names in “” (entities.QUOTE) --------------------------------------------------------

HK = "創新科技署 (香港特別行政區政府)"


def test_a_programme_in_corner_brackets_is_read_whole_as_in_double_quotes(tmp_path):
    nodes = extracted_nodes(tmp_path, "政府會推出「大學 2+計劃」,資助初創企業。", HK)
    assert ("大学 2+计划", "Program") in nodes
    assert ("2+计划", "Program") not in nodes


def test_an_office_in_corner_brackets_keeps_the_verb_inside_its_name(tmp_path):
    nodes = extracted_nodes(tmp_path, "署方將於年內成立「推動產學合作辦公室」,統籌相關工作。", HK)
    assert ("推动产学合作办公室", "Institution") in nodes
    assert ("产学合作办公室", "Institution") not in nodes


def test_a_figure_inside_corner_brackets_stays_no_indicator(analysis_of):
    analysis = analysis_of("政府會推行「3+1研發計劃」,資助本地大學。")
    assert not any(m.type == "Metric" and m.attrs.get("value") == 3 for m in analysis.mentions)


def test_corner_brackets_around_a_slogan_name_nothing(analysis_of):
    analysis = analysis_of("我們會堅持「創新為先」,推動產業發展。")
    assert not any("创新为先" in analysis.report.body.text[m.start:m.end] for m in analysis.mentions
                   if not m.nested)


# --- a known or complete body opening a branch's name (opening_known.py) ---------------------------------------

def test_a_known_academy_opening_a_branch_is_an_entity_of_its_own(tmp_path):
    nodes = extracted_nodes(tmp_path, "中科院声学研究所东海研究中心落户江北新区。", "南京市科学技术局")
    assert ("中科院声学研究所东海研究中心", "Institution") in nodes
    assert ("中国科学院", "Institution") in nodes
    assert ("中科院声学研究所", "Institution") in nodes


def test_a_university_known_by_its_short_name_opening_its_centre_is_read(tmp_path):
    nodes = extracted_nodes(tmp_path, "复旦宁波研究中心正式揭牌运行。", "宁波市科学技术局")
    assert ("复旦大学", "Institution") in nodes


def test_a_complete_research_name_opening_a_city_centre_is_read(tmp_path):
    nodes = extracted_nodes(tmp_path, "新引进中国电子科学研究院苏州研究中心。", "苏州市科学技术局")
    assert ("中国电子科学研究院苏州研究中心", "Institution") in nodes
    assert ("中国电子科学研究院", "Institution") in nodes


def test_an_academy_in_an_institutes_official_name_stays_inside_it(tmp_path):
    nodes = extracted_nodes(tmp_path, "中国科学院深圳先进技术研究院牵头组建创新联合体。", "深圳市科技创新局")
    assert ("中国科学院", "Institution") not in nodes
    assert ("中国科学院深圳先进技术研究院", "Institution") in nodes


# --- a level word before a kind of lab or facility names none (generic_kinds.yaml) -----------------------------

def test_national_labs_as_a_kind_are_no_project(tmp_path):
    nodes = extracted_nodes(tmp_path, "全力支持国家实验室建设,新增省级重点实验室12家。", "武汉市科学技术局")
    assert not any(type_ == "Project" and name in ("国家实验室", "省级重点实验室") for name, type_ in nodes)


def test_national_large_facilities_as_a_kind_are_no_project(tmp_path):
    nodes = extracted_nodes(tmp_path, "在建的国家重大科技基础设施达到9个。", "合肥市科学技术局")
    assert ("国家重大科技基础设施", "Project") not in nodes


def test_a_national_lab_named_by_its_field_stays_a_project(tmp_path):
    nodes = extracted_nodes(tmp_path, "加快推进量子信息国家实验室建设。", "合肥市科学技术局")
    assert any(type_ == "Project" and name.endswith("量子信息国家实验室") for name, type_ in nodes)


# --- a central government is no party centre (rules.yaml 中央政府, opening_known.without_level_openers) ----------

def test_a_central_government_is_read_as_a_government_not_as_the_party_centre(tmp_path):
    nodes = extracted_nodes(tmp_path, "113 年中央政府科技預算持續成長,由各部會執行。", "行政院主計總處 (臺灣)")
    assert ("中央政府", "Institution") in nodes
    assert ("中国共产党中央委员会", "Institution") not in nodes


def test_the_party_centre_is_still_read_beside_it(tmp_path):
    nodes = extracted_nodes(tmp_path, "在党中央的坚强领导下,中央政府加大投入。", "南京市科学技术局")
    assert {("中国共产党中央委员会", "Institution"), ("中央政府", "Institution")} <= nodes


# --- the province's development commission by its relative name (rules.yaml relative_names) -------------------

def test_the_provinces_development_commission_is_the_publishers_province(tmp_path):
    nodes = extracted_nodes(tmp_path, "该装置获省发改委批复立项。", "南京市科学技术局")
    assert ("江苏省发展和改革委员会", "Institution") in nodes


# --- a bare rate in brackets right after an amount is its share (indicators.attribute_of) ----------------------

def _values(analysis) -> set:
    return {m.attrs.get("value") for m in analysis.mentions if m.type == "Metric"}


def test_a_share_in_brackets_after_an_amount_is_no_indicator(analysis_of):
    analysis = analysis_of("科研经费分为基础研究52.4亿元(31%)与应用研究88.1亿元（52%）两类。")
    assert {52.4, 88.1} <= _values(analysis)
    assert not {31, 52} & _values(analysis)


def test_a_rate_in_brackets_with_no_amount_before_it_stays_an_indicator(analysis_of):
    analysis = analysis_of("全市新产品产值率(46.5%)居全省首位。")
    assert 46.5 in _values(analysis)


# --- R&D institutes, survey teams, one counted body (rules.yaml suffixes, determiner_spans.yaml) -----------------

def test_an_rnd_institute_is_a_body_without_the_count_before_it(tmp_path):
    nodes = extracted_nodes(tmp_path, "政府打算设立一所生物材料研发院,支援产业。", HK)
    assert ("生物材料研发院", "Institution") in nodes
    assert ("一所生物材料研发院", "Institution") not in nodes


def test_a_statistics_survey_team_is_a_body(tmp_path):
    nodes = extracted_nodes(tmp_path, "1.居民收入增长6%。(数据提供单位:国家统计局长沙调查队)", "长沙市人民政府")
    assert any(type_ == "Institution" and name.endswith("长沙调查队") for name, type_ in nodes)


# --- a title line naming a report with a kind of the title reader is kept as a Policy (own_title._policy_ends) ---

def test_a_work_summary_and_outline_title_is_a_policy(tmp_path):
    path = tmp_path / "r.txt"
    title = "长沙市科学技术局2022年工作总结和2023年工作思路"
    path.write_text(f"title: {title}\npublisher: 长沙市科学技术局\n---\n{title}\n一、2022年主要工作\n全市科技工作稳步推进。",
                    encoding="utf-8")
    from loaders.report_loader import extract_report
    assert (title, "Policy") in {(n.name_zh, n.type) for n in extract_report(path).nodes}
