"""A table read by its header (issue 18, session 18, s18-tables; loaders/text/table_reader.py): the column a cell stands
under says what the cell holds (docs/extraction.md, "Tables read by their header (session 18)").

The tables are written for these tests (other bodies, tasks and projects than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities

INTRO = "为贯彻落实全市科技创新工作部署,现将本区2024年科技创新重点任务分工如下,请各单位认真抓好落实。\n"


# --- rows with their cells parted by bars, tabs or spaces --------------------------------------------------------

def test_bodies_under_a_unit_column_of_a_barred_table_are_bodies(analysis_of):
    analysis = analysis_of(INTRO + "序号 | 任务名称 | 牵头单位 | 配合单位 | 完成时限\n"
                                   "1 | 建设区级概念验证平台 | 成果转化科 | 区财政局、规划科 | 2024年12月\n"
                                   "2 | 开展科技企业梯度培育 | 企业服务科 | 区市场监管局 | 2024年10月\n")
    assert {"成果转化科", "规划科", "企业服务科", "区财政局", "区市场监管局"} <= set(entities(analysis, "Institution"))


def test_a_project_column_types_its_cells_as_projects(analysis_of):
    analysis = analysis_of(INTRO + "项目名称\t实施单位\t预算资金(万元)\n"
                                   "智能网联汽车测试场二期工程\t区交通科\t1200\n"
                                   "北部科创走廊公共服务平台\t区科技服务中心\t300\n")
    assert {"智能网联汽车测试场二期工程", "北部科创走廊公共服务平台"} <= set(entities(analysis, "Project"))
    assert {"区交通科", "区科技服务中心"} <= set(entities(analysis, "Institution"))


def test_a_task_column_types_nothing(analysis_of):
    analysis = analysis_of(INTRO + "序号 | 任务名称 | 责任单位\n"
                                   "1 | 健全知识产权服务中心 | 知识产权科\n")
    assert "知识产权科" in entities(analysis, "Institution")
    assert "健全知识产权服务中心" not in entities(analysis, "Institution")


# --- one cell a line under a header written one cell a line ------------------------------------------------------

FLAT = (INTRO + "\n序号\n\n重点任务\n\n工作措施\n\n责任\n\n单位\n\n完成\n\n时限\n\n1\n\n"
        "推进中试基地建设\n\n围绕医药健康领域建设两个中试基地,形成覆盖研发、中试、生产的服务链条。\n\n"
        "产业促进科\n\n2024年底\n\n2\n\n完善科技金融服务\n\n设立区级科技成果转化基金,引导社会资本投向早期项目。\n\n"
        "金融服务办、财务科\n\n2024年9月\n")


def test_a_unit_cell_of_a_flattened_table_is_read(analysis_of):
    institutions = set(entities(analysis_of(FLAT), "Institution"))
    assert {"产业促进科", "金融服务办", "财务科"} <= institutions


def test_the_same_units_outside_a_table_are_no_bodies(analysis_of):
    analysis = analysis_of(INTRO + "本年度产业促进科\n\n围绕医药健康领域建设两个中试基地,形成覆盖研发、中试、生产的服务链条。\n\n"
                                   "产业促进科\n\n金融服务办、财务科\n")
    assert "金融服务办" not in entities(analysis, "Institution")


def test_a_pdf_cell_opened_by_including_is_the_body_alone(analysis_of):
    analysis = analysis_of(INTRO + "序号 重点任务 牵头部门 主责单位 协办单位 时限 1 推进新型储能示范应用 市发展改革委 各区政府"
                                   " (含天竺综合保税区管委会) 市城市管理委 年底前\n")
    institutions = set(entities(analysis, "Institution"))
    assert "天竺综合保税区管委会" in institutions
    assert "含天竺综合保税区管委会" not in institutions
    assert "各区政府" not in institutions


# --- a column head written before its cell, as a field -----------------------------------------------------------

def test_a_unit_label_opens_a_run_of_bodies(analysis_of):
    analysis = analysis_of(INTRO + "3.建成区级人工智能算力服务平台。\n牵头领导:副区长\n主要责任单位:数据管理科、区信息中心\n完成时限:2024年12月\n")
    assert {"数据管理科", "区信息中心"} <= set(entities(analysis, "Institution"))


def test_a_groups_and_a_verbs_under_a_label_are_no_bodies(analysis_of):
    analysis = analysis_of(INTRO + "第12项任务“实施科技型中小企业成长计划”,主责单位是区科信局、有关街道办事处,配合单位:各镇政府。\n")
    institutions = set(entities(analysis, "Institution"))
    assert "区科信局" in institutions
    assert not {"有关街道办事处", "各镇政府"} & institutions


# --- a form: each label cell beside its value --------------------------------------------------------------------

def test_a_forms_label_cells_type_their_neighbours(analysis_of):
    analysis = analysis_of(INTRO + "项目名称 | 区级科技创新券兑付项目 | 主管部门 | 区科信局\n"
                                   "实施单位 | 区科技成果转化服务中心 | 项目负责人 | 张明\n")
    assert "区级科技创新券兑付项目" in entities(analysis, "Project")
    assert {"区科信局", "区科技成果转化服务中心"} <= set(entities(analysis, "Institution"))
