"""Structure rules of session 12 (issue 18, s12-table): what the blind dev7 split showed.

The sentences and pages are written for these tests; the dev7 documents that showed each cause are
named in docs/extraction.md, "Structure fixes from dev7 (session 12)".
"""

from __future__ import annotations

import pytest

from loaders.report_loader import extract_report
from loaders.text import cell_table
from loaders.text.reading import read_report

MENU = "首页 | 新闻中心 | 政务公开 | 联系我们\n"
FOOTER = "版权所有:某某市统计局 | 网站地图 | 联系我们\n"
NOTE = "注:本表数据为初步统计数,各区合计数与全市数据因四舍五入存在差异,请以年鉴数据为准。\n"


def _flattened(rows: list[tuple[str, str, str]]) -> str:
    """A table the way some statistics sites store it: one cell per line, rows parted by a bare bar."""
    out = "|\n项 目 |\n产值(万元) |\n增长(%) |\n|\n"
    for name, value, growth in rows:
        out += f"{name} |\n{value} |\n{growth} |\n|\n"
    return out


ROWS = [("密云区", "223952", "-5.4"), ("顺义区", "853935", "28.4"), ("平谷区", "112520", "-44.9"),
        ("北京经济技术开发区", "2824855", "33.6")]


def test_a_table_stored_one_cell_per_line_is_read_with_its_page(write_report):
    body = read_report(write_report(MENU + _flattened(ROWS) + NOTE + FOOTER)).body.text
    assert "密云区" in body and "北京经济技术开发区" in body and "2824855" in body
    assert "首页" not in body and "版权所有" not in body  # the menu and the footer are still cut


def test_its_districts_and_zones_are_found(analysis_of):
    found = {(m.name, m.type) for m in analysis_of(MENU + _flattened(ROWS) + NOTE).mentions if not m.nested}
    assert {("密云区", "District"), ("顺义区", "District"), ("平谷区", "District"),
            ("北京经济技术开发区", "Zone")} <= found


def test_a_menu_stored_one_item_per_line_is_no_table(write_report):
    menu = "".join(f"{item} |\n" for item in ("首页", "新闻中心", "政务公开", "办事服务", "互动交流", "联系我们"))
    body = read_report(write_report(menu + NOTE)).body.text
    assert body.startswith("注:") and "新闻中心" not in body


def test_a_pager_or_a_column_of_names_alone_is_no_table():
    pager = ["1 |", "2 |", "3 |", "4 |", "5 |", "下一页 |", "尾页 |"]
    names = ["新闻中心 |", "政务公开 |", "办事服务 |", "互动交流 |", "专题专栏 |"]
    assert cell_table.runs(pager) == {} and cell_table.runs(names) == {}


def test_a_table_run_ends_at_a_furniture_line():
    lines = _flattened(ROWS).splitlines() + ["", "网站地图 |", "联系我们 |"]
    runs = cell_table.runs(lines)
    assert runs and max(runs) == len(lines) - 4  # the last bar of the table; the blank and footer lines are out


def test_beijing_functional_areas_are_zones_not_the_capital(analysis_of):
    found = {(m.name, m.type) for m in analysis_of(
        "首都功能核心区和城市功能拓展区工业增长较快,城市发展新区、生态涵养发展区保持平稳。").mentions if not m.nested}
    assert {("首都功能核心区", "Zone"), ("城市功能拓展区", "Zone"), ("城市发展新区", "Zone"),
            ("生态涵养发展区", "Zone")} <= found


def _emitted(extract_text, body):
    """(name, type) of the entities the extractor reports with a mention of their own (as the corpus scores)."""
    x = extract_text(body)
    return {(n.name_zh, n.type) for n in x.nodes if n.type != "Document" and x.spans.get(n.id)}


@pytest.fixture
def extract_text(write_report):
    return lambda body: extract_report(write_report(body), None, None, 0.0)


def test_a_place_inside_a_name_is_no_mention_of_the_place(extract_text):
    found = _emitted(extract_text, "北京怀柔综合性国家科学中心建设全速推进,光源项目吹响了怀柔科学城项目复工的号角。")
    assert ("北京怀柔综合性国家科学中心", "Zone") in found and ("怀柔科学城", "Zone") in found
    assert not {n for n, t in found if t in ("Region", "District")}  # neither 北京市 nor 怀柔区


def test_a_place_before_a_known_name_says_where_it_is(extract_text):
    found = _emitted(extract_text, "位于昌平区未来科学城的智能工厂落成启用。")
    assert ("昌平区", "District") in found


def test_a_place_opening_a_name_inside_a_title_is_no_mention(extract_text):
    found = _emitted(extract_text, "会议审议了《关于加快推进北京经济技术开发区高质量发展的实施意见》。")
    assert ("北京经济技术开发区", "Zone") in found and ("北京市", "Region") not in found


def test_as_planned_is_no_programme(analysis_of):
    found = {(m.name, m.type) for m in analysis_of("预计能够按计划完成年度建设目标,其余装置按规划推进。").mentions}
    assert not {n for n, t in found if t in ("Program", "Policy")}
    kept = {m.name for m in analysis_of("实施国家重点研发计划,编制北京城市总体规划。").mentions}
    assert "国家重点研发计划" in kept


def test_a_place_heading_a_name_not_read_is_not_the_place(analysis_of):
    found = {(m.name, m.type) for m in analysis_of("作者:王明 来源:中国科学报 发布时间:2020/6/2\n"
                                                   "本届赛事包括世界乒乓球职业大联盟中国大满贯、城市马拉松等项目。").mentions}
    assert ("中国", "Region") not in found


def test_a_place_before_a_generic_word_or_a_title_is_still_the_place(analysis_of):
    found = {(m.name, m.type) for m in analysis_of("企业积极开拓中国市场、欧洲市场。\n通州区区长\n"
                                                   "各位代表:现在我代表区政府作工作报告,请予审议。").mentions}
    assert {("中国", "Region"), ("通州区", "District")} <= found


def _suffix_names(analysis_of, body):
    return {m.name for m in analysis_of(body).mentions if not m.nested}


def test_a_common_noun_or_a_description_is_no_name(analysis_of):
    found = _suffix_names(analysis_of, "今年已有土建工程完工8个。疫情打乱了正常工程建设周期。严格落实分区规划。")
    assert not {"土建工程", "正常工程", "分区规划"} & found


def test_a_report_the_dictionary_knows_keeps_its_name(analysis_of):
    found = {(m.name, m.type) for m in analysis_of("2024年施政报告指出,将继续支持创新科技发展。").mentions}
    assert ("施政报告", "Policy") in found


def test_an_ordinal_count_opens_no_name(analysis_of):
    found = _suffix_names(analysis_of, "园区召开第二次理事会。双方共建的第三批联合研究平台陆续开工。")
    assert not any(n.startswith("第") or n.endswith(("理事会", "研究平台")) for n in found)


def test_a_known_zones_generic_facilities_are_a_category(analysis_of):
    found = _suffix_names(analysis_of, "将进一步壮大中关村科学城重大科技研发平台集群。支持清华大学人工智能研究院建设。"
                                       "举办北京亦庄创新发布会。")
    assert not any(n.endswith("研发平台") for n in found)
    assert {"清华大学人工智能研究院", "北京亦庄创新发布会"} <= found


def test_a_goal_is_no_zone(analysis_of):
    found = _suffix_names(analysis_of, "持续深化宜居宜业和谐美丽示范区建设。全力打造成果转化示范区。"
                                       "建设城市更新示范区。支持深圳建设中国特色社会主义先行示范区。")
    assert not {"宜居宜业和谐美丽示范区", "成果转化示范区"} & found
    assert "城市更新示范区" in found


def test_two_names_of_one_ending_written_together_are_two(analysis_of):
    found = _suffix_names(analysis_of, "双方共建分子模拟研究平台介观材料与过程仿真研究平台,年内投入使用。")
    assert "介观材料与过程仿真研究平台" in found and "过程仿真研究平台" not in found


def test_a_body_its_verb_and_its_object_are_not_one_name(analysis_of):
    found = {(m.name, m.type) for m in analysis_of("5月8日,北京市人民政府新闻办公室召开新闻发布会,介绍有关情况。").mentions
             if not m.nested}
    assert ("北京市人民政府新闻办公室", "Institution") in found
    assert not any(n.endswith("发布会") for n, _ in found)


def test_a_session_name_broken_after_its_ordinal_is_one_name(analysis_of):
    found = {m.name.replace("\n", "") for m in analysis_of("——2024年1月9日 在北京市门头沟区第十七届\n人民代表大会第三次会议上\n"
                                                           "各位代表:现在,我代表区政府,向大会报告政府工作,请予审议。").mentions
             if m.type == "Event" and not m.nested}
    assert found == {"北京市门头沟区第十七届人民代表大会第三次会议"}


def test_a_host_city_and_year_before_an_event_are_its_name(analysis_of):
    found = {m.name for m in analysis_of("圆满完成北京2022年冬奥会服务保障任务。").mentions
             if m.type == "Event" and not m.nested}
    assert found == {"北京2022年冬奥会"}
