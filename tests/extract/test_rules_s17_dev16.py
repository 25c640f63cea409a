"""Rules of session 17 (issue 18, s17-dev16): causes of misses on Beijing report prose that recur in dev16 and in
dev12 or dev14 (docs/extraction.md, "dev16, first untuned score (session 17)" and "Rules from dev16 (session 17)").

The sentences are written for these tests (other places, bodies and years than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities, names


# --- a place's leading bodies written with the place's name (place_organs.py) -----------------------------------

def test_a_district_party_committee_in_a_title_is_a_body(analysis_of):
    analysis = analysis_of("密云区委副书记、区长出席会议并讲话。")
    assert "密云区委" in entities(analysis, "Institution")
    assert "密云区" not in entities(analysis, "District")  # the place only prefixes the committee's name


def test_the_city_party_committee_opening_its_department_is_a_body(analysis_of):
    analysis = analysis_of("天津市委宣传部召开专题会议。")
    assert "天津市委" in entities(analysis, "Institution")


def test_the_city_government_after_a_conjunction_is_a_body(analysis_of):
    analysis = analysis_of("该中心由科技部和北京市政府共同组建。")
    assert "北京市政府" in entities(analysis, "Institution")
    assert "北京市" not in entities(analysis, "Region")


def test_a_district_congress_and_cppcc_are_bodies(analysis_of):
    analysis = analysis_of("顺义区人大代表和顺义区政协委员视察了园区。")
    institutions = entities(analysis, "Institution")
    assert {"顺义区人大", "顺义区政协"} <= institutions


def test_entrusted_by_a_district_is_no_committee(analysis_of):
    analysis = analysis_of("受大兴区委托,第三方机构开展评估。")
    assert not any(name.endswith("委") for name in entities(analysis, "Institution"))


def test_a_committee_written_in_full_is_read_once(analysis_of):
    analysis = analysis_of("中共北京市东城区委印发实施意见。")
    institutions = entities(analysis, "Institution")
    assert "中共北京市东城区委" in institutions and "东城区委" not in institutions


def test_a_member_of_a_district_committee_is_no_body_name(analysis_of):
    analysis = analysis_of("延庆区委员会办公室发布通知。")
    assert "延庆区委" not in names(analysis, "Institution")


# --- a plan's fixed name across its 和 (plan_joins.py) ------------------------------------------------------------

def test_the_yearly_plan_after_a_year_is_read_whole(analysis_of):
    analysis = analysis_of("会议审查了2025年国民经济和社会发展计划草案。")
    assert "国民经济和社会发展计划" in entities(analysis, "Policy")
    assert "社会发展计划" not in entities(analysis, "Program")


def test_the_yearly_plan_after_a_district_is_read_whole(analysis_of):
    analysis = analysis_of("关于房山区国民经济和社会发展计划执行情况的报告已印发。")
    assert "国民经济和社会发展计划" in entities(analysis, "Policy")


def test_the_yearly_plan_in_traditional_script_is_read_whole(analysis_of):
    analysis = analysis_of("大會審議了國民經濟和社會發展計劃的報告。")
    assert "国民经济和社会发展计划" in names(analysis, "Policy")  # the body is read in Simplified


# --- a standing committee's gazette named after its term (gazettes.py) --------------------------------------------

def test_a_district_gazette_and_its_committee_are_read(analysis_of):
    analysis = analysis_of("本报告全文刊登于区十七届人大常委会公报2023年第2号。")
    institutions = entities(analysis, "Institution")
    assert {"区十七届人大常委会公报", "区十七届人大常委会"} <= institutions


def test_the_gazette_section_of_a_menu_is_no_name(analysis_of):
    analysis = analysis_of("首页 > 人大资料 > 人大常委会公报 > 正文")
    assert not any(name.endswith("公报") for name in entities(analysis, "Institution"))
