"""Rules of session 16 (issue 18, s16-dev14): causes of misses on Beijing report text that recur in dev14 and in
dev10 or dev12 (docs/extraction.md, "dev14, first untuned score (session 16)" and "Rules from dev14 (session 16)").

The sentences are written for these tests (other bodies, districts and centres than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities


# --- a public-service centre named by its city or district (rules.yaml suffixes, placed) ------------------------

def test_a_district_protection_centre_is_a_body(analysis_of):
    analysis = analysis_of("北京市海淀区知识产权保护中心负责专利快速预审。")
    assert "北京市海淀区知识产权保护中心" in entities(analysis, "Institution")


def test_a_district_data_centre_is_a_body(analysis_of):
    analysis = analysis_of("顺义区数据管理中心负责数据归集。")
    assert "顺义区数据管理中心" in entities(analysis, "Institution")


def test_a_service_centre_no_place_names_is_no_body(analysis_of):
    analysis = analysis_of("各街道设立便民服务中心,方便群众办事。")
    assert not any(name.endswith("服务中心") for name in entities(analysis, "Institution"))


def test_centres_of_a_kind_are_no_bodies(analysis_of):
    analysis = analysis_of("推动建设一批数据管理中心和服务中心。")
    assert not any(name.endswith("中心") for name in entities(analysis, "Institution"))


# --- the issuer's bare office opening a clause (own_offices.py) --------------------------------------------------

def test_a_bare_office_opening_a_clause_is_a_body(analysis_of):
    analysis = analysis_of("区科委高度重视,办公室作为信息公开工作机构,负责日常工作。")
    assert "办公室" in entities(analysis, "Institution")


def test_an_office_room_is_no_body(analysis_of):
    analysis = analysis_of("今年压减经费,办公室用房面积减少120平方米。")
    assert "办公室" not in entities(analysis, "Institution")


def test_an_office_inside_a_longer_name_stays_in_it(analysis_of):
    analysis = analysis_of("区政府办公室印发通知。")
    institutions = entities(analysis, "Institution")
    assert "区政府办公室" in institutions and "办公室" not in institutions
