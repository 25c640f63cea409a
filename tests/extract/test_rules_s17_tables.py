"""Rules of session 17 (issue 18, s17-dev15): lists and tables that say their items' kind and number once, next to
the run of items (docs/extraction.md, "dev15, first untuned score (session 17)" and "Rules for lists and tables
(session 17)").

The sentences are written for these tests (other bodies, divisions and projects than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities


# --- a body's divisions closed by their count (counted_item_lists.py) ------------------------------------------

def test_divisions_closed_by_their_count_are_bodies(analysis_of):
    analysis = analysis_of("北京市园林绿化局核定行政编制60人,共设办公室(信访处)、规划处、造林处、资金管理处4个内设机构。")
    institutions = entities(analysis, "Institution")
    assert {"办公室", "信访处", "规划处", "造林处", "资金管理处"} <= set(institutions)
    assert "共设办公室" not in institutions


def test_the_count_of_the_divisions_is_no_metric(analysis_of):
    analysis = analysis_of("北京市园林绿化局共设办公室(人事处、宣传处)、规划处、财务处3个内设机构。")
    assert "3个" not in entities(analysis, "Metric")
    assert {"人事处", "宣传处"} <= set(entities(analysis, "Institution"))


def test_divisions_announced_by_their_count_are_bodies(analysis_of):
    analysis = analysis_of("研究所内设5个职能科室,分别为综合科、人事科、财务科、科研管理科和成果转化科。")
    assert {"综合科", "人事科", "财务科", "科研管理科", "成果转化科"} <= set(entities(analysis, "Institution"))


def test_divisions_after_a_setting_up_verb_are_bodies(analysis_of):
    analysis = analysis_of("该局另设机关党委、机关工会(团委)、老干部处。")
    assert {"机关党委", "机关工会", "团委", "老干部处"} <= set(entities(analysis, "Institution"))


def test_a_count_that_is_not_the_number_of_items_reads_no_divisions(analysis_of):
    analysis = analysis_of("区财政局设立预算科、国库科3个内设机构。")
    institutions = entities(analysis, "Institution")
    assert "预算科" not in institutions and "国库科" not in institutions


# --- projects closed by 等N个…项目 --------------------------------------------------------------------------------

def test_projects_before_a_group_count_are_projects(analysis_of):
    analysis = analysis_of("今年安排城市绿心森林公园、张家湾设计小镇展示中心等6个城市副中心重大项目。")
    projects = entities(analysis, "Project")
    assert {"城市绿心森林公园", "张家湾设计小镇展示中心"} <= set(projects)
    assert "城市副中心重大项目" not in entities(analysis, "Program")


def test_a_projects_phase_in_brackets_stays_in_its_name(analysis_of):
    analysis = analysis_of("安排亦庄新城滨河森林公园(二期)、首都机场综合保税区(三期)(北京部分)等3个园林绿化重点项目。")
    projects = entities(analysis, "Project")
    assert {"亦庄新城滨河森林公园(二期)", "首都机场综合保税区(三期)(北京部分)"} <= set(projects)


def test_a_run_of_activities_before_a_count_is_no_project(analysis_of):
    analysis = analysis_of("全年推进道路建设、管网改造等3个重大项目。")
    projects = entities(analysis, "Project")
    assert "道路建设" not in projects and "管网改造" not in projects


# --- a final accounts or budget title is the page, no Policy (report_titles.yaml) ---------------------------------

def test_a_final_accounts_title_line_is_no_policy(analysis_of):
    analysis = analysis_of("北京市园林绿化局2022年度部门决算\n\n目 录\n\n第一部分 2022年度部门决算报表\n")
    assert not any(name.endswith("部门决算") for name in entities(analysis, "Policy"))


def test_a_work_summary_title_line_stays_a_policy(analysis_of):
    analysis = analysis_of("北京市园林绿化局2022年工作总结\n\n2022年,我局深入推进各项工作。\n")
    assert "北京市园林绿化局工作总结" in entities(analysis, "Policy") or \
        any(name.endswith("工作总结") for name in entities(analysis, "Policy"))


# --- a table's header row is document, not navigation (page.py COLUMN_HEADS) ---------------------------------------

TABLE_PAGE = """首页 > 政务公开 > 重点任务

2022年度区政府重点任务完成情况汇总表

日期: 2023-01-06 09:30      来源: 北京西城

分享:
字号:   大   中   小

序号

任务名称

年度任务及目标

全年完成情况

1

数字经济发展

全面推动数字经济发展,全年新增数字经济企业120家,培育一批应用场景。
围绕数字经济标杆城市建设,推进数据要素市场培育,全年完成情况良好,各项指标均达到预期。
"""


def test_the_source_line_above_a_tables_header_row_is_read(analysis_of):
    analysis = analysis_of(TABLE_PAGE)
    assert "北京西城" in entities(analysis, "Institution")
