"""Rules of session 15 (issue 18, s15-recall2): misses of the blind dev10 split whose cause recurs in dev8 or dev9.

The sentences are written for these tests; the documents that showed each cause are named in
docs/extraction.md, "Recall from dev10 (session 15)".
"""

from __future__ import annotations

from tests.support.extracted import spans, typed


# --- a domain named before 领域 (domain_heads.py) ------------------------------------------------------------

def test_a_domain_after_a_preposition_and_before_the_word_domain_is_a_field(analysis_of):
    analysis = analysis_of("我们在跨境电商领域制定了首个地方标准。")
    assert "Field" in typed(analysis, "跨境电商")


def test_a_broad_word_after_a_modifier_before_the_word_domain_is_a_field(analysis_of):
    analysis = analysis_of("园区企业正向高端材料领域转型。")
    assert "Field" in typed(analysis, "高端材料")


def test_categories_and_broad_words_before_the_word_domain_are_no_field(analysis_of):
    analysis = analysis_of("深化重点领域改革,在科技领域和前沿领域取得进展。")
    assert spans(analysis, "Field") == []


def test_the_items_of_a_list_closed_by_deng_are_read_by_the_list_not_as_one_domain(analysis_of):
    analysis = analysis_of("聚焦集成电路、新材料等领域。")
    fields = spans(analysis, "Field")
    assert "集成电路" in fields and "新材料" in fields
    assert all("、" not in f for f in fields)


# --- a known programme inside a 《》 title (extract._inside_titles) -----------------------------------------

def test_a_known_programme_inside_a_title_is_an_entity_of_its_own(extraction_of):
    x = extraction_of("会议审议了《天津加强国家重点研发计划管理的若干措施》。")
    assert "国家重点研发计划" in {n.name_zh for n in x.nodes if n.type == "Program"}


def test_a_programme_read_only_by_its_ending_inside_a_title_stays_part_of_it(extraction_of):
    x = extraction_of("会议审议了《社区科普示范行动计划实施方案》。")
    programs = {n.name_zh for n in x.nodes if n.type == "Program"}
    assert "社区科普示范行动计划" not in programs


# --- the bare 人大 and 政协 in a delegate's suggestion or a proposal (proposal_bodies.py) -----------------------

def test_the_congress_and_the_cppcc_named_in_suggestions_and_proposals_are_bodies(analysis_of):
    analysis = analysis_of("本年度共办理人大代表建议18件、政协委员提案9件。")
    assert "Institution" in typed(analysis, "人大")
    assert "Institution" in typed(analysis, "政协")


def test_a_member_alone_and_a_school_are_no_body(analysis_of):
    analysis = analysis_of("请各位政协委员提出意见,人大附中的学生参加了活动。")
    assert spans(analysis, "Institution") == []


def test_the_national_cppcc_is_not_read_as_the_citys(analysis_of):
    analysis = analysis_of("共接收全国政协提案5件。")
    assert "政协" not in {analysis.report.body.text[m.start:m.end] for m in analysis.mentions}


# --- named observance days (named_days.py) and open days (rules.yaml Event endings) ---------------------------

def test_a_named_observance_day_after_its_date_in_quotes_is_an_event(analysis_of):
    analysis = analysis_of("在“5·30”全国科技工作者日期间举办了座谈。")
    assert "Event" in typed(analysis, "全国科技工作者日")


def test_papers_holidays_and_daily_words_are_no_named_day(analysis_of):
    analysis = analysis_of("中国青年日报报道,国际儿童节日当天全国各地每日开放。")
    assert spans(analysis, "Event") == []


def test_a_bodys_named_open_day_activity_is_an_event(analysis_of):
    analysis = analysis_of("市科协举办了科普场馆公众开放日活动。")
    assert "Event" in typed(analysis, "科普场馆公众开放日活动")
