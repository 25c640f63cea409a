"""Session 14: a fifth blind set of 30 questions (data/questions/session14.yaml), as a director preparing a
briefing on one zone asks them in a row, written before they were run and without reading graph/ask/, and
the mechanisms its wrong answers (and session 13's left-overs) led to. Memory store."""

from __future__ import annotations

from graph.ask import answer

HSC, ZSC = "zone-huairou-science-city", "zone-zhongguancun-science-city"
FSC, BDA = "zone-future-science-city", "zone-beijing-economic-technological-development-area"


# ---- a zone's indicators are said with their values and units ------------------------------------------

def test_a_zones_indicators_are_listed_with_value_unit_and_period(bundled):
    # was "怀柔科学城的指标：共 1 个 — 怀柔科学城首批重点支持项目数。": asked for the units, given a name alone
    got = answer(bundled, "怀柔科学城有什么指标，单位是什么")
    assert got.query == "indicators"
    assert "怀柔科学城首批重点支持项目数 30 个（2018）" in got.summary
    got = answer(bundled, "What are the indicators of the Zhongguancun National Innovation Demonstration Zone?")
    assert "5.5 trillion yuan" in got.summary and "up 13.0% year on year" in got.summary


# ---- two zones compared: by fields a ranking, by projects a decline, never a listing ---------------------

def test_two_zones_compared_by_fields_are_ranked(bundled):
    # was the two zones' fields listed one after the other, the first row a field, no "which"
    got = answer(bundled, "经开区和未来科学城，哪个聚焦的领域多")
    assert got.status == "answered" and got.query == "most_members"
    assert [i.node.id for i in got.items] == [BDA, FSC]
    assert got.summary.startswith("领域最多的是北京经济技术开发区（6 个）")


def test_two_zones_compared_by_projects_stay_declined_with_the_named_counts(bundled):
    # named projects are no totals (怀柔: 4 named, 30 in the first batch): session 11 keeps this a decline
    got = answer(bundled, "中关村科学城和怀柔科学城比，哪个落地的项目多")
    assert got.status == "not_understood"
    assert "怀柔科学城 4 个" in got.summary and "比不出哪个更多" in got.summary


def test_a_comparison_read_as_a_listing_is_declined(bundled):
    # "which gets more support" was answered with the paths between the two zones
    got = answer(bundled, "Between Huairou Science City and Zhongguancun Science City, which gets more support?")
    assert got.status == "not_understood" and not got.items
    assert "comparison" in got.summary
    # 多少 asks how many, not which has more
    assert answer(bundled, "怀柔科学城有多少个项目").status == "answered"
