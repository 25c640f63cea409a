"""Rules of session 17 (issue 18, s17-names): Institution recall on unseen Beijing report text and a planned area
misread as a plan (docs/extraction.md, "Institution recall (session 17)").

The sentences are written for these tests (other bodies, districts and divisions than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities


# --- the internal divisions a body lists after 设 (division_lists.py) ---------------------------------------------

def test_divisions_listed_after_a_body_are_bodies(analysis_of):
    analysis = analysis_of("北京市气象局设办公室、观测预报处(减灾处)、计划财务科、机关党委4个内设机构。")
    institutions = entities(analysis, "Institution")
    assert {"办公室", "观测预报处", "计划财务科", "机关党委"} <= institutions
    assert "北京市气象局" in institutions
    assert "北京市气象局设办公室" not in institutions


def test_divisions_joined_by_he_after_neishe(analysis_of):
    analysis = analysis_of("区文化局内设综合科、产业科和市场科,负责全区文化工作。")
    assert {"综合科", "产业科", "市场科"} <= entities(analysis, "Institution")


def test_rooms_after_she_are_no_divisions(analysis_of):
    analysis = analysis_of("新大楼设会议室、阅览室和档案室。")
    assert not {"会议室", "阅览室", "档案室"} & entities(analysis, "Institution")


def test_a_single_word_after_she_is_no_list(analysis_of):
    analysis = analysis_of("今年设立科技处理中心试点。")
    assert "科技处" not in entities(analysis, "Institution")


# --- a government body's whole name: place + body words + ending (placed_bodies.py) --------------------------------

def test_a_committee_office_opened_by_the_centre_is_one_body_with_the_committee_inside(analysis_of):
    analysis = analysis_of("该中心经中央机构编制委员会办公室批准设立。")
    institutions = entities(analysis, "Institution")
    assert {"中央机构编制委员会办公室", "中央机构编制委员会"} <= institutions
    assert "委员会办公室" not in institutions and "中央" not in institutions


def test_a_city_committee_office_keeps_its_city(analysis_of):
    analysis = analysis_of("经天津市机构编制委员会办公室同意,撤销原机构。")
    assert "天津市机构编制委员会办公室" in entities(analysis, "Institution")


def test_a_bureau_joining_two_remits_with_he_is_one_name(analysis_of):
    analysis = analysis_of("该中心已划归石景山区政府服务和数据管理局管理。")
    institutions = entities(analysis, "Institution")
    assert "石景山区政府服务和数据管理局" in institutions and "数据管理局" not in institutions


def test_two_bodies_joined_by_he_stay_two(analysis_of):
    analysis = analysis_of("西城区政府和区科委联合发文。")
    assert "西城区政府和区科委" not in entities(analysis, "Institution")


def test_a_district_centre_with_a_category_word_in_its_name(analysis_of):
    analysis = analysis_of("下设北京市通州区中小企业服务中心,负责企业服务。")
    assert "北京市通州区中小企业服务中心" in entities(analysis, "Institution")


def test_a_city_government_written_short_is_a_body(analysis_of):
    analysis = analysis_of("该实验室由科技部和上海市政府共同批准建设。")
    assert "上海市政府" in entities(analysis, "Institution")


def test_a_district_party_committee_in_a_title_is_a_body(analysis_of):
    analysis = analysis_of("密云区委副书记、区长介绍了全区情况。")
    assert "密云区委" in entities(analysis, "Institution")


def test_a_place_then_a_verb_is_no_body(analysis_of):
    analysis = analysis_of("北京市委托第三方开展评估。")
    assert not any(name.startswith("北京市委") for name in entities(analysis, "Institution"))


# --- a planned area is no plan (planned_areas.py) -------------------------------------------------------------------

def test_a_planned_area_is_no_policy(analysis_of):
    analysis = analysis_of("怀柔科学城规划面积100.9平方公里。")
    assert not entities(analysis, "Policy")
    assert "怀柔科学城" in entities(analysis, "Zone")


def test_a_plan_named_after_a_zone_stays_a_policy(analysis_of):
    analysis = analysis_of("市政府发布怀柔科学城规划。")
    assert "怀柔科学城规划" in entities(analysis, "Policy")


def test_a_ministries_category_is_no_body(analysis_of):
    analysis = analysis_of("积极对接中央部委和市级部门。")
    assert "中央部委" not in entities(analysis, "Institution")


def test_the_centre_opening_a_body_name_is_not_the_party_centre(extraction_of):
    extraction = extraction_of("该所经中央机构编制委员会办公室批准设立。")
    names = {n.name_zh for n in extraction.nodes}
    assert "中央机构编制委员会办公室" in names and "中国共产党中央委员会" not in names


def test_building_a_batch_of_centres_is_no_list_of_divisions(analysis_of):
    analysis = analysis_of("加快建设一批技术服务中心和成果转化中心。")
    assert not {"一批技术服务中心", "成果转化中心"} & entities(analysis, "Institution")


# --- a year's plan joining two remits with 和 (dated_plans.py) -----------------------------------------------------

def test_a_years_plan_joined_by_he_is_one_policy(analysis_of):
    analysis = analysis_of("现将西城区2022年国民经济和社会发展计划执行情况报告如下。")
    assert "国民经济和社会发展计划" in entities(analysis, "Policy")
    assert "社会发展计划" not in entities(analysis, "Program")


def test_two_plans_joined_by_he_without_a_year_are_not_joined(analysis_of):
    analysis = analysis_of("推进产业发展和社会发展规划编制。")
    assert "产业发展和社会发展规划" not in entities(analysis, "Policy")


# --- a division named in a person's title (division_lists.with_titled_divisions) -------------------------------------

def test_a_division_in_a_persons_title_is_a_body(analysis_of):
    analysis = analysis_of("天津市科技局成果转化处处长王明介绍情况。")
    assert "成果转化处" in entities(analysis, "Institution")


def test_a_body_heads_title_names_no_division(analysis_of):
    analysis = analysis_of("市科委主任出席会议并讲话。")
    assert not any(name.endswith(("处", "科", "室")) for name in entities(analysis, "Institution"))


# --- a portal named in 《》 is a medium (rules.yaml book_titles.periodical_ends) -----------------------------------

def test_a_portal_in_book_marks_is_an_institution_not_a_policy(analysis_of):
    analysis = analysis_of("为《上海市政府英文版门户网站》提供园区简介。")
    assert "上海市政府英文版门户网站" in entities(analysis, "Institution")
    assert not entities(analysis, "Policy")


def test_two_bodies_of_one_place_written_together_stay_two(analysis_of):
    # the lead's merge (session 17): once 江苏省委 is a body of its own (place_organs.py), its place opened a name
    # running over the second body, in a title's issuers: 江苏省委办公厅江苏省政府办公厅 as one Institution
    analysis = analysis_of("根据《中共江苏省委办公厅江苏省政府办公厅关于印发〈扬州市机构改革方案〉的通知》,组建市科学技术局。")
    institutions = entities(analysis, "Institution")
    assert "江苏省委办公厅江苏省政府办公厅" not in institutions and "江苏省委办公厅" in institutions
