"""Precision rules of session 11 (issue 18, s10-junk): junk of dev5 and dev6 a user of `innograph extract` would see.

The sentences are written for these tests; the documents that showed each class are named in
docs/extraction.md, "Precision (session 11)".
"""

from __future__ import annotations


def _typed(analysis_of, body):
    return {(m.name, m.type) for m in analysis_of(body).mentions if not m.nested}


def test_a_domain_opening_a_statistic_is_no_field(analysis_of):
    found = _typed(analysis_of, "全区数字经济营业收入年均增长12%,高精尖产业总产值突破5000亿元,社会消费品零售额实现200亿元。")
    assert not {("数字经济", "Field"), ("高精尖产业", "Field"), ("消费品", "Field")} & found


def test_the_same_domain_named_on_its_own_is_still_a_field(analysis_of):
    found = _typed(analysis_of, "重点发展数字经济和高精尖产业,战新产业产值增长10%。")
    assert {("数字经济", "Field"), ("高精尖产业", "Field")} <= found


def test_a_field_made_of_two_halves_of_two_words_is_none(analysis_of):
    found = _typed(analysis_of, "强化学科、基地和团队建设。支持化学、物理等基础学科。")
    assert ("化学", "Field") in found  # the second sentence names it
    assert [m for m in analysis_of("强化学科、基地和团队建设。").mentions if m.name == "化学"] == []
