"""Rules of session 15 (issue 18, s15-cities): causes of misses and junk on other cities' report text (dev11).

The sentences are written for these tests (other cities' bureaus, Hong Kong and Taiwan forms); the documents that
showed each cause are named in docs/extraction.md, "Rules from other cities (session 15)".
"""

from __future__ import annotations

from tests.support.extracted import names, typed


# --- an amount before a name (amount_leads.py) -------------------------------------------------------------

def test_an_amount_before_a_fund_is_its_size_not_its_name(analysis_of):
    analysis = analysis_of("市政府出资设立50亿元天使投资引导基金,支持种子期科技企业。")
    assert "天使投资引导基金" in names(analysis, "Fund")
    assert not any(name.startswith("50亿元") for name in names(analysis, "Fund"))
    assert "50亿元" in names(analysis, "Metric")


def test_an_amount_in_traditional_script_before_a_fund_is_cut_too(analysis_of):
    analysis = analysis_of("特區政府向五億元創新發展基金注資,資助本地初創企業。")
    funds = names(analysis, "Fund")
    assert "创新发展基金" in funds and not any(name.startswith("五亿元") for name in funds)  # the body is read Simplified


def test_a_fund_without_an_amount_keeps_its_name(analysis_of):
    analysis = analysis_of("市科技局设立的科技成果转化基金首期规模10亿元。")
    assert "科技成果转化基金" in names(analysis, "Fund")


# --- a title line naming a body's report (report_titles.py) -------------------------------------------------

def test_a_bureau_and_a_year_and_a_summary_in_a_title_line_is_a_policy(analysis_of):
    analysis = analysis_of("武汉市科学技术局2021年工作总结\n2021年,市科技局围绕中心工作,推动创新发展。")
    assert "武汉市科学技术局2021年工作总结" in names(analysis, "Policy")
    assert "武汉市科学技术局" in names(analysis, "Institution")


def test_two_reports_joined_in_one_title_line_are_one_policy(analysis_of):
    analysis = analysis_of("天津市科学技术局2022年工作总结和2023年工作安排\n一、2022年工作情况")
    assert "天津市科学技术局2022年工作总结和2023年工作安排" in names(analysis, "Policy")


def test_a_department_evaluation_report_without_a_year_is_a_policy(analysis_of):
    analysis = analysis_of("成都市科学技术局部门整体绩效自评报告\n一、部门基本情况")
    assert "成都市科学技术局部门整体绩效自评报告" in names(analysis, "Policy")


def test_a_report_kind_in_running_prose_is_not_read_as_a_title(analysis_of):
    analysis = analysis_of("会议听取了市科学技术局2021年工作总结,并对下一步工作提出要求。")
    assert not any(name.endswith("工作总结") for name in names(analysis, "Policy"))


def test_a_title_line_that_says_more_than_a_report_is_left_alone(analysis_of):
    analysis = analysis_of("杭州市科学技术局2021年工作总结获市领导肯定\n正文。")
    assert not any("获市领导肯定" in name for name in names(analysis, "Policy"))


# --- determiners, quantifiers, pronouns and prepositions inside a read name (determiner_spans.py) -------------

def test_a_company_head_after_more_and_local_is_a_category_not_a_name(analysis_of):
    analysis = analysis_of("新措施將吸引更多本地科技公司參與研發,並支援所有本港初創企業。")
    assert not any("科技公司" in name or "初创企业" in name for name in names(analysis, "Institution"))


def test_a_pronoun_and_a_verb_before_a_university_are_not_its_name(analysis_of):
    analysis = analysis_of("計劃資助他們招聘本地大學畢業生從事研發工作。")
    assert not names(analysis, "Institution")


def test_a_scheme_after_a_preposition_is_no_programme(analysis_of):
    analysis = analysis_of("本地企業將可透過計劃申請配對資助。")
    assert not names(analysis, "Program")


def test_a_counted_scheme_after_above_is_no_programme(analysis_of):
    analysis = analysis_of("上述兩項人才計劃將於明年推出。")
    assert not any("计划" in name for name in names(analysis, "Program"))


def test_a_policy_after_a_determiner_keeps_its_own_name(analysis_of):
    analysis = analysis_of("行政長官上月發表新一份施政報告,提出多項創科措施。")
    assert "施政报告" in names(analysis, "Policy")  # the body is read Simplified


def test_a_body_after_an_adverb_keeps_its_own_name(analysis_of):
    analysis = analysis_of("目前武汉市科技局负责统筹全市科技创新工作。")
    assert "武汉市科技局" in names(analysis, "Institution")


def test_a_name_with_no_determiner_is_left_as_read(analysis_of):
    analysis = analysis_of("香港科技大学与本地企业合作开展研究。")
    assert "香港科技大学" in names(analysis, "Institution")


# --- facilities and centres named only by generic words (generic_kinds.py) -------------------------------------

def test_a_platform_named_only_by_generic_words_is_a_kind(analysis_of):
    analysis = analysis_of("第三节 建设共性技术研发平台\n第四节 布局大型科研基础设施")
    assert not names(analysis, "Project")


def test_a_centre_named_only_by_generic_words_is_no_body(analysis_of):
    analysis = analysis_of("支持高校建设前沿交叉研究中心,完善科研服务体系。")
    assert "前沿交叉研究中心" not in names(analysis, "Institution") | names(analysis, "Project")


def test_a_platform_with_a_subject_before_its_kind_is_kept(analysis_of):
    analysis = analysis_of("建成深圳合成生物研究平台和光明科学城大科学装置。")
    assert "深圳合成生物研究平台" in names(analysis, "Project")


def test_a_county_kind_word_alone_is_no_district(analysis_of):
    analysis = analysis_of("各区县(自治县)人民政府要抓好落实。")
    assert "自治县" not in names(analysis, "District")


def test_basic_research_is_an_activity_not_a_field(analysis_of):
    analysis = analysis_of("加大基础研究投入,支持人工智能和生物医药发展。")
    assert "基础研究" not in names(analysis, "Field") and "人工智能" in names(analysis, "Field")


# --- a page of no known city gets none of the graph's relative aliases (gazetteer.add_store) ---------------------

def test_a_page_of_unknown_city_does_not_resolve_relative_names_to_the_graphs_city(tmp_path):
    """A pasted excerpt (no header) that names no city: the bundled Beijing graph must not claim its 市委 / 市政府."""
    from benchmarks.eval_corpus import bundled_nodes
    from graph.memory import MemoryStore
    from graph.store import Batch
    from loaders.text.extract import analyse
    from loaders.text.reading import read_report
    nodes, edges = bundled_nodes()
    store = MemoryStore()
    store.write(Batch(nodes=list(nodes), edges=list(edges)))
    path = tmp_path / "excerpt.txt"
    path.write_text("2022年,市科技局在市委、市政府的坚强领导下,加快建设科技创新中心,全市研发投入持续增长。\n",
                    encoding="utf-8")
    analysis = analyse(read_report(path), store)
    body = analysis.report.body.text
    resolved = {body[m.start:m.end]: m.node_id for m in analysis.mentions if m.node_id}
    assert not any(surface in ("市委", "市政府", "科技创新中心") for surface in resolved), resolved
