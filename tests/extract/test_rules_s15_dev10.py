"""Rules of session 15 (issue 18, s15-dev10): causes that the blind dev10 split shares with dev8 or dev9.

The sentences are written for these tests; the documents that showed each cause are named in
docs/extraction.md, "Rules from dev10 (session 15)".
"""

from __future__ import annotations

from tests.support.extracted import spans, typed


# --- a party congress or plenum named by a relative body and its numbers (party_sessions.py) -------------

def test_a_district_party_congress_with_its_number_is_an_event_and_no_figure(analysis_of):
    analysis = analysis_of("全区上下认真落实区十二次党代会部署,经济运行稳中向好。")
    assert "Event" in typed(analysis, "区十二次党代会")
    assert spans(analysis, "Metric") == []


def test_a_city_committee_plenum_with_its_numbers_is_an_event(analysis_of):
    analysis = analysis_of("会议传达学习了市委十二届三次全会精神。")
    assert "Event" in typed(analysis, "市委十二届三次全会")


def test_a_known_place_before_the_body_word_is_part_of_the_name(analysis_of):
    analysis = analysis_of("天津市第十一次党代会提出了新的目标。")
    assert "Event" in typed(analysis, "天津市第十一次党代会")
    assert "Region" not in typed(analysis, "天津市")


def test_a_number_of_meetings_after_a_city_word_is_not_a_session(analysis_of):
    analysis = analysis_of("全年召开城市更新专题会议三次,研究部署重点工作。")
    assert spans(analysis, "Event") == []


# --- 常委会 after a congress and 及其 (standing_committees.py) -------------------------------------------

def test_the_standing_committee_after_a_congress_and_its_is_a_body(analysis_of):
    analysis = analysis_of("在县人大及其常委会的监督支持下,各项工作稳步推进。")
    assert "Institution" in typed(analysis, "常委会")


def test_a_committee_of_no_congress_is_not_read(analysis_of):
    analysis = analysis_of("村委会及其常委会成员参加了培训。")
    assert "Institution" not in typed(analysis, "常委会")


# --- a guessed name holding a predicate with only a suffix after it (inner_predicates.py) ---------------

def test_a_body_an_adverb_and_a_bare_suffix_are_no_programme(analysis_of):
    analysis = analysis_of("市政协多次专题协商科技成果转化工作。")
    assert spans(analysis, "Program") == []
    assert "Institution" in typed(analysis, "市政协")


def test_a_category_a_verb_and_a_bare_suffix_are_no_programme(analysis_of):
    analysis = analysis_of("科研院所开展专题研讨,形成一批成果。")
    assert spans(analysis, "Program") == []


def test_a_programme_whose_words_include_a_verb_keeps_its_name(analysis_of):
    analysis = analysis_of("市里实施智能制造提升行动,支持企业技术改造。")
    assert "Program" in typed(analysis, "智能制造提升行动")


# --- body endings the suffix grammar lacked (rules.yaml: 联合体, 组委会) -----------------------------------

def test_a_named_consortium_of_societies_is_a_body(analysis_of):
    analysis = analysis_of("市科协指导成立了北京新能源汽车产业联合体,吸收会员单位40家。")
    assert "Institution" in typed(analysis, "北京新能源汽车产业联合体")


def test_a_fairs_organising_committee_is_a_body(analysis_of):
    analysis = analysis_of("今年首次设立科博会组委会,统筹展会筹办工作。")
    assert "Institution" in typed(analysis, "科博会组委会")
