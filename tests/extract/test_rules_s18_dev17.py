"""Rules of session 18 (issue 18, s18-dev17): mechanisms behind misses on Beijing report prose pooled from dev17,
dev12, dev14 and dev16 (docs/extraction.md, "dev17, first untuned score (session 18)" and "Rules from dev17
(session 18)").

The sentences are written for these tests (other places, bodies, subjects and years than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities, names


# --- a document named by its title is a Policy (titled_documents.py) ----------------------------------------------

def test_a_reply_named_in_prose_is_a_policy_without_the_body_before_it(analysis_of):
    analysis = analysis_of("各区认真贯彻市政府关于加快发展科技服务业的批复,取得积极进展。")
    assert "关于加快发展科技服务业的批复" in entities(analysis, "Policy")
    assert "市政府" in entities(analysis, "Institution")


def test_a_resolution_passed_names_the_report_it_approves(analysis_of):
    analysis = analysis_of("会议表决通过了关于区科协第五届委员会工作报告的决议。")
    policies = entities(analysis, "Policy")
    assert "关于区科协第五届委员会工作报告的决议" in policies


def test_opinions_named_with_enumerated_aims_are_one_policy(analysis_of):
    analysis = analysis_of("区委、区政府出台关于发展数字经济、建设智慧城市的意见。")
    assert "关于发展数字经济、建设智慧城市的意见" in entities(analysis, "Policy")


def test_a_report_in_book_marks_is_a_policy_without_its_leading_year(analysis_of):
    analysis = analysis_of("研究院发布了《2019年首都科技创新发展报告》,引起关注。")
    assert "首都科技创新发展报告" in {m.name for m in analysis.mentions if m.type == "Policy"}


def test_a_notice_issuing_a_document_is_not_a_policy(analysis_of):
    analysis = analysis_of("区政府办公室关于印发区级科技计划管理办法的通知已下发。")
    assert not any(name.startswith("关于") for name in names(analysis, "Policy"))


def test_the_opinions_a_notice_carries_are_not_read_as_its_title(analysis_of):
    analysis = analysis_of("现将关于支持企业研发的意见的通知转发给你们。")
    assert "关于支持企业研发的意见" not in names(analysis, "Policy")


def test_a_short_name_given_to_a_report_stays_a_document(analysis_of):
    analysis = analysis_of("中心发布《2020年度区域创新能力评价报告》(以下简称《报告》)。")
    assert "报告" not in names(analysis, "Policy")


# --- a word that only leads into a name is cut off (leading_words.py) ----------------------------------------------

def test_at_the_meeting_is_not_part_of_the_association(analysis_of):
    analysis = analysis_of("会上区科协第三届委员会主席作了发言。")
    institutions = entities(analysis, "Institution")
    assert "区科协第三届委员会" in institutions
    assert not any(name.startswith("会上") for name in institutions)


def test_former_is_not_part_of_a_committee(analysis_of):
    analysis = analysis_of("原通州区科学技术委员会的职责划入新组建的部门。")
    institutions = entities(analysis, "Institution")
    assert "通州区科学技术委员会" in institutions
    assert not any(name.startswith("原") for name in institutions)


def test_entrusted_by_a_district_government_reads_the_government(analysis_of):
    analysis = analysis_of("受朝阳区人民政府委托,我向大会报告计划执行情况。")
    institutions = entities(analysis, "Institution")
    assert "朝阳区人民政府" in institutions and "受朝阳区人民政府" not in institutions


def test_a_name_that_opens_with_the_same_character_is_kept_whole(analysis_of):
    analysis = analysis_of("原子能科学研究院建成新实验平台。")
    assert "原子能科学研究院" in entities(analysis, "Institution")


# --- 我国 is the issuer's country (own_country.py) ----------------------------------------------------------------

def test_our_country_in_a_mainland_report_is_china(analysis_of):
    analysis = analysis_of("近年来,我国研发投入强度持续提高,区内企业贡献突出。")
    assert "我国" in entities(analysis, "Region")


def test_our_country_on_a_taiwan_page_is_not_china(analysis_of):
    analysis = analysis_of("行政院核定計畫,推動我國半導體產業與臺灣科研機構合作。")
    assert not (names(analysis, "Region") & {"我國", "我国"})


# --- a level + “两会” is an Event (level_sessions.py) -------------------------------------------------------------

def test_the_city_sessions_by_their_nickname_are_an_event(analysis_of):
    analysis = analysis_of("区科委认真贯彻落实区委全会和市“两会”精神,部署全年工作。")
    assert "市“两会”" in entities(analysis, "Event")


def test_a_province_opening_the_nickname_only_prefixes_it(analysis_of):
    analysis = analysis_of("会议传达了浙江省“两会”精神。")
    assert "浙江省“两会”" in entities(analysis, "Event")
    assert "浙江省" not in entities(analysis, "Region")


def test_the_nickname_alone_is_no_event(analysis_of):
    analysis = analysis_of("今年“两会”期间,代表们提出建议。")
    assert not names(analysis, "Event")


# --- a known place run on by a town's ending is the town (town_names.py) ------------------------------------------

def test_a_town_named_like_a_province_is_not_the_province(analysis_of):
    analysis = analysis_of("专家组走访了延庆区山西村和房山区河南乡的示范基地。")
    regions = names(analysis, "Region")
    assert not regions & {"山西", "山西省", "河南", "河南省"}
    assert {"延庆区", "房山区"} <= entities(analysis, "District")
