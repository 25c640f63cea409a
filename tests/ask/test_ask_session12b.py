"""Session 12b: a blind set of 30 questions (data/questions/session12b.yaml), written before they were
run and without reading graph/ask/, and the mechanisms its wrong answers led to. Memory store."""

from __future__ import annotations

from graph.ask import answer


# ---- a time after the reports: no forecast, never the report's year as if it were the next ------------

def test_next_year_is_declined_not_answered_with_the_reports_figure(bundled):
    got = answer(bundled, "明年全市技术合同成交额能到多少？")
    assert got.status == "not_understood" and "4957.8" not in got.summary
    assert "2018" in got.summary and got.suggestions == ["2018年全市技术合同成交额能到多少？"]
    assert answer(bundled, "What will the technology contract turnover be by next year?").status == "not_understood"


def test_future_science_city_is_a_name_not_the_future(bundled):
    got = answer(bundled, "未来科学城聚焦哪些领域？")
    assert got.status == "answered" and got.count == 3
    assert answer(bundled, "全市技术合同成交额是多少？").summary.startswith("全市技术合同成交额：4957.8 亿元")


# ---- a negation: the graph lists what is, it does not subtract --------------------------------------

def test_a_negated_listing_is_declined_not_answered_with_the_opposite(bundled):
    got = answer(bundled, "中关村科学城没有布局哪些领域？")
    assert got.status == "not_understood" and not SUB_FUNDS & {i.node.id for i in got.items}
    assert "否定" in got.summary and "中关村科学城聚焦哪些领域？" in got.suggestions
    en = answer(bundled, "Which zones do not focus on artificial intelligence?")
    assert en.status == "not_understood" and "negates" in en.summary


def test_a_yes_no_question_asked_as_a_or_not_a_is_no_negation(bundled):
    got = answer(bundled, "怀柔科学城有没有基金？")
    assert "否定" not in got.summary and got.related  # none of that type, then what does relate
    assert "否定" not in answer(bundled, "北京生命科学研究所是不是位于怀柔科学城？").summary


# ---- a place that "hosts" what is no event: where it lies ------------------------------------------

def test_a_zone_that_hosts_a_project_is_where_the_project_lies(bundled):
    got = answer(bundled, "Which zone hosts the autonomous driving test site?")
    assert got.status == "answered" and got.query == "location"
    assert [i.node.id for i in got.items] == ["zone-beijing-economic-technological-development-area"]


def test_an_events_hosts_are_still_its_hosts(bundled):
    got = answer(bundled, "Who hosted the Beijing-Tel Aviv Innovation Conference?")
    assert got.query == "hosts" and [i.node.id for i in got.items] == ["institution-beijing-municipal-science-technology-commission"]


# ---- the report itself: answered from the documents the graph was built from -----------------------

BMSTC = "institution-beijing-municipal-science-technology-commission"


def test_who_wrote_the_report_is_its_publisher_from_the_documents(bundled):
    got = answer(bundled, "这份报告是谁写的？")
    assert got.status == "answered" and got.query == "report"
    assert [i.node.id for i in got.items] == [BMSTC]
    assert "自查报告" in got.summary and "2018" in got.summary


def test_the_year_of_this_report_is_the_year_it_covers(bundled):
    got = answer(bundled, "Which year does this report cover?")
    assert got.status == "answered" and "covering 2018" in got.summary
    assert "Beijing Municipal Science & Technology Commission" in got.summary


def test_a_question_naming_a_node_is_not_about_the_report_itself(bundled):
    got = answer(bundled, "这份报告里市科委支持了哪些园区？")
    assert got.query != "report"


# ---- names joined by 和/and: one answer per name, never the first alone ------------------------------

def test_two_joined_zones_get_the_fields_of_each(bundled):
    got = answer(bundled, "怀柔科学城和未来科学城分别聚焦哪些领域？")
    assert got.status == "answered" and got.count == 5
    assert got.params["refs"] == ["zone-huairou-science-city", "zone-future-science-city"]
    assert "物质科学" in got.summary and "氢能" in got.summary
    assert not any("未用于本查询" in n for n in got.notes)


def test_a_joined_name_with_nothing_of_the_type_says_so_beside_the_other(bundled):
    got = answer(bundled, "Which programs support Huairou Science City and Hebei?")
    assert got.status == "answered" and got.count == 1
    assert "Nothing in the graph answers this (supporters of Hebei" in got.summary


# ---- which AND how many: the rows and their number, the report's figure beside them -----------------

SUB_FUNDS = {"fund-casstar-sub-fund", "fund-legend-capital-sub-fund", "fund-huagai-capital-sub-fund",
             "fund-lenovo-capital-sub-fund", "fund-baidu-ventures-sub-fund", "fund-guoxin-hongtai-sub-fund"}


def test_which_and_how_many_lists_the_rows_and_says_the_figure(bundled):
    got = answer(bundled, "市科技创新基金投了哪些子基金？一共几支？")
    assert got.status == "answered" and got.count == 6 and {i.node.id for i in got.items} == SUB_FUNDS
    assert "百度风投子基金" in got.summary and "报告另给出：市科技创新基金已决策投资子基金数：6 支" in got.summary


def test_how_many_alone_still_gets_the_reports_figure(bundled):
    got = answer(bundled, "市科技创新基金投了几支子基金？")
    assert got.query == "figure" and got.summary.startswith("市科技创新基金已决策投资子基金数：6 支") and not SUB_FUNDS & {i.node.id for i in got.items}


# ---- two figures compared: both given, which is higher worked out; never one alone ------------------

def test_two_growth_rates_compared_are_both_given_with_the_higher(bundled):
    got = answer(bundled, "专利授权量和发明专利授权量，哪个增长更快？")
    assert got.status == "answered" and got.count == 2
    assert "20.76" in got.summary and "5.24" in got.summary
    assert got.summary.endswith("专利授权量同比增长（20.76%）高于发明专利授权量同比增长（5.24%）。")


def test_figures_in_different_units_are_given_but_not_ranked(bundled):
    got = answer(bundled, "中关村上市公司总数和全市高新技术企业累计数哪个更多？")
    assert "333" in got.summary and "2.5" in got.summary and "不直接比较" in got.summary


def test_a_comparison_with_one_figure_only_is_declined(bundled):
    got = answer(bundled, "全市技术合同成交额和北京市的GDP相比哪个增长更快？")
    assert got.status == "not_understood" and "4957.8" not in got.summary and "比较两个数字" in got.summary
    assert got.suggestions == ["全市技术合同成交额是多少？"]


# ---- "has X got": a colloquial phrasing of the members form ------------------------------------------

def test_has_huairou_got_reads_the_loose_name_and_its_members(bundled):
    got = answer(bundled, "What projects has Huairou got?")
    assert got.status == "answered" and got.query == "members" and got.count == 4
    assert got.params["refs"] == ["zone-huairou-science-city"]


def test_which_grew_faster_is_a_figure_comparison_in_english(bundled):
    got = answer(bundled, "Which grew faster, patents granted or invention patents granted?")
    assert got.status == "answered" and got.count == 2
    assert "(20.76%) is higher than" in got.summary and "5.24" in got.summary


# ---- a why-question: the premise checked against the graph, the why never answered ----------------

def test_a_wrong_premise_is_said_to_be_wrong_with_what_the_graph_holds(bundled):
    got = answer(bundled, "为什么北京石墨烯研究院位于怀柔科学城？")
    assert got.status == "not_understood" and got.summary.startswith("问题的前提与图不符")
    assert "中关村科学城" in got.summary


def test_a_true_premise_is_confirmed_but_no_reason_is_made_up(bundled):
    got = answer(bundled, "Why does BMSTC support Hebei?")
    assert got.status == "not_understood" and got.summary.startswith("The graph records it")
    assert "holds no reasons" in got.summary and got.evidence


def test_a_premise_no_reading_holds_is_declined_saying_it_has_no_ground(bundled):
    # session 13 (graph/ask/unheld.py): a cancellation is no relation the graph holds; the decline says so
    got = answer(bundled, "为什么市科委取消了怀柔科学城的基金？")
    assert got.status == "not_understood" and "问题的前提在图中没有依据" in got.summary and not got.items
