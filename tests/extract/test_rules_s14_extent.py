"""A report's contents and numbered headings are read; figures of different measures are kept apart
(session 14, issue 18 recall).

The texts are written for these tests; the documents that showed each cause are named in
docs/extraction.md, "Contents and figures (session 14)".
"""

from __future__ import annotations

from loaders.text import contents


def _names(analysis) -> set[str]:
    body = analysis.report.body.text
    return {body[m.start:m.end] for m in analysis.mentions}


def _metrics(analysis) -> list[tuple[float, str]]:
    return sorted((m.attrs["value"], m.attrs["unit"]) for m in analysis.mentions if m.type == "Metric")


NOTICE = ("各区人民政府,市政府各委、办、局:\n"
          "现将《某市科技创新发展规划》印发给你们,请结合实际认真贯彻落实,确保各项任务按期完成。\n"
          "某市人民政府\n"
          "2030年1月5日\n")


# --- a table of contents is document, not navigation (contents.py, page.py) ----------------------------

def test_a_contents_after_a_circular_is_read_whole(analysis_of):
    toc = "\n".join(["目 录", "第一章 发展基础", "第一节 现实基础", "第二节 面临形势", "第二章 重点任务",
                     "第一节 建设雄安新区科技创新平台", "第二节 发展人工智能产业", "第三节 培育生物医药产业",
                     "第三章 保障措施", "第一节 加强组织领导"])
    names = _names(analysis_of(NOTICE + toc + "\n"))
    assert {"人工智能", "生物医药"} <= names


def test_a_contents_with_a_short_caption_above_the_prose_keeps_the_title(analysis_of):
    text = ("深圳科技创新发展规划(2030年-2040年)\n目 录\n前 言\n一、发展成效\n二、重点方向\n"
            "(一)集成电路产业\n(二)生物医药产业\n三、保障措施\n前 言\n"
            "本规划依据国家有关要求编制,是今后十年全市科技创新工作的行动纲领,由深圳市科技创新局组织实施。\n")
    body = analysis_of(text).report.body.text
    assert body.startswith("深圳科技创新发展规划") and "(一)集成电路产业" in body


def test_a_contents_line_with_a_dot_leader_is_an_entry():
    assert contents.is_entry("第二章 总体要求……………………12")
    assert contents.is_entry("(三)发展目标")
    assert contents.is_entry("3.2 建设国家实验室")


def test_navigation_lines_are_no_entries():
    for line in ("首页", "当前位置:首页 > 政务公开", "1. 相关新闻 2024-05-06", "分享到:", "网站地图 | 联系我们",
                 "一、本规划自发布之日起施行。"):
        assert not contents.is_entry(line)


def test_a_menu_above_the_prose_still_ends_the_document(analysis_of):
    text = ("首页\n新闻\n政务\n互动\n"
            "市科委召开科技创新工作会议,部署全年重点任务,人工智能、集成电路等领域取得积极进展,会议由市科委主任主持。\n")
    body = analysis_of(text).report.body.text
    assert not body.startswith(("首页", "新闻", "政务", "互动"))


def test_two_numbered_lines_are_not_a_contents():
    assert contents.runs(["一、总则", "二、附则", "正文在此"]) == {}


def test_a_count_in_a_contents_heading_is_no_indicator(analysis_of):
    toc = "\n".join(["目 录", "第一章 形势与定位", "第一节 发挥三个主导产业引擎作用", "第二节 提升五个重点产业发展质量",
                     "第二章 组织实施"])
    assert _metrics(analysis_of(NOTICE + toc + "\n")) == []


# --- one value, several measures (metrics.py) ----------------------------------------------------------

def test_two_incomes_of_one_amount_are_two_indicators(analysis_of):
    analysis = analysis_of("本年支出合计580.5万元,其中:基本支出580.5万元,占支出合计的100%。")
    assert _metrics(analysis).count((580.5, "万元")) == 2


def test_zero_figures_of_different_measures_are_each_an_indicator(analysis_of):
    analysis = analysis_of("项目支出0万元,占支出合计的0%;经营支出0万元,占支出合计的0%;对附属单位补助支出0万元。")
    assert _metrics(analysis).count((0, "万元")) == 3


def test_a_figure_restated_with_its_measure_is_still_one_indicator(analysis_of):
    analysis = analysis_of("2029年,市科技局承担督查任务37项。\n截至年底,督查任务37项已全部办结。")
    assert _metrics(analysis).count((37, "项")) == 1


def test_a_head_count_restated_in_another_counter_is_one_indicator(analysis_of):
    analysis = analysis_of("中心成立于2005年,核定事业编制35名。\n(二)人员构成情况\n行政编制0人;事业编制35人,实有人数31人。")
    assert _metrics(analysis).count((35, "名")) + _metrics(analysis).count((35, "人")) == 1


# --- a count of the dates just listed (counted_dates.py) ------------------------------------------------

def test_a_count_of_the_years_just_listed_is_no_indicator(analysis_of):
    analysis = analysis_of("2019年、2021年和2023年,国务院领导三次到中关村调研,提出明确要求。全年举办科普讲座12次。")
    assert _metrics(analysis) == [(12, "次")]


def test_a_count_of_occasions_without_listed_dates_stays_an_indicator(analysis_of):
    analysis = analysis_of("2023年,市科委两次组织专家评审,共评出优秀项目20项。")
    assert (2, "次") in _metrics(analysis)


# --- a plan's period belongs to its name (policy_periods.py, own_title.py) ------------------------------

def test_a_plans_bracketed_period_is_part_of_its_name(analysis_of):
    analysis = analysis_of("天津滨海新区科技创新发展规划(2025年-2035年)\n本规划明确了新区科技创新的发展目标和重点任务,由区科技局负责组织实施。\n")
    assert "天津滨海新区科技创新发展规划(2025年-2035年)" in {m.name for m in analysis.mentions if m.type == "Policy"}


# --- a project named only by qualities (quality_names.py) ----------------------------------------------

def test_a_project_named_only_by_qualities_is_no_project(analysis_of):
    analysis = analysis_of("(二)加强前瞻性战略性科技攻关,勇担重任。\n全市组织实施上海市量子计算科技攻关,取得积极进展。")
    projects = {m.name for m in analysis.mentions if m.type == "Project"}
    assert "前瞻性战略性科技攻关" not in projects and "上海市量子计算科技攻关" in projects
