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


# ---- session 13's left-overs -----------------------------------------------------------------------------

def test_what_a_body_works_on_is_its_fields_not_its_partners(bundled):
    # "does X work" was a partners cue whatever followed: "What does BAAI work on?" gave "no partners"
    got = answer(bundled, "What does BAAI work on?")
    assert got.query == "fields" and [i.node.id for i in got.items] == ["field-artificial-intelligence"]
    assert answer(bundled, "Does BAAI work with BMSTC?").query == "yes_no"


def test_who_runs_a_programme_is_who_leads_it_not_who_hosted_it(bundled):
    # "runs" was a hosts cue: "who hosted the Happy Coder Program: nothing"; only an event is hosted
    got = answer(bundled, "Who runs the Happy Coder Program?")
    assert got.status == "answered" and got.query == "supporters"
    assert [i.node.id for i in got.items] == ["institution-beijing-municipal-science-technology-commission"]
    assert answer(bundled, "Who ran the Beijing-Tel Aviv Innovation Conference?").query == "hosts"
    assert answer(bundled, "Which zone hosts the autonomous driving test site?").query == "location"


def test_what_two_bodies_take_part_in_is_answered_for_each(bundled):
    # was declined: what X takes part in was no form (the other side of participants)
    got = answer(bundled, "北大与清华都参与了什么")
    assert got.query == "takes_part" and got.status == "answered"
    assert got.params["refs"] == ["institution-peking-university", "institution-tsinghua-university"]
    assert {i.node.id for i in got.items} == {"program-building-beijing-into-a-national-science-and-technology-innovation-center"}
    assert answer(bundled, "What did Tsinghua University take part in?").count == 1
    assert answer(bundled, "市科委参与了哪些活动").count == 9  # the events it hosted; was "none"


def test_events_of_a_year_are_those_of_their_own_year(bundled):
    # "去年有哪些活动" listed the 2017 party congress and the 2022 Games: the 2018 report names them
    got = answer(bundled, "去年有哪些活动")
    ids = {i.node.id for i in got.items}
    assert got.count == 18 and "event-beijing-2022-olympic-winter-games" not in ids
    assert "北京冬奥会（2022）" in got.summary and "未列出" in got.summary
    got = answer(bundled, "Which events were held in 2022?")
    assert got.status == "answered" and [i.node.id for i in got.items] == ["event-beijing-2022-olympic-winter-games"]
    assert "no document from 2022" in got.summary


def test_a_field_is_one_row_with_every_edge_that_ties_it(bundled):
    # 经开区's fields came twice each in the rows (directly and through its platform); the summary said 6
    got = answer(bundled, "北京经济技术开发区的重点领域是什么")
    assert got.count == len(got.items) == 6
    ic = next(i for i in got.items if i.node.id == "field-integrated-circuits")
    assert ic.via is None and ic.value == 2 and len(ic.edges) == 3  # the zone's edge, the platform's and its hop
    assert got.link.endswith("depth=2")
    zsc = answer(bundled, "What fields is Zhongguancun Science City strong in?")
    assert "2 direct; 2 more through" in zsc.summary


# ---- a director's phrasings that were declined ------------------------------------------------------------

def test_a_follow_up_that_names_its_zone_and_asks_is_answered(bundled):
    # "X呢，有哪些项目": 呢 stood between the name and 有哪些; a lone "那经开区呢" still asks nothing
    got = answer(bundled, "未来科学城呢，有哪些项目？")
    assert got.query == "members" and got.count == 2
    assert answer(bundled, "那经开区呢？").status == "not_understood"


def test_fields_a_zone_puts_its_effort_into(bundled):
    got = answer(bundled, "怀柔科学城主要在哪些领域发力？")
    assert got.query == "fields" and {i.node.id for i in got.items} == {
        "field-physical-sciences-matter-science", "field-space-science"}


def test_rnd_institutions_are_research_institutions(bundled):
    got = answer(bundled, "中关村科学城里有哪些研发机构")
    assert {i.node.id for i in got.items} == {"institution-beijing-graphene-institute",
                                               "institution-national-institute-of-biological-sciences-beijing"}


def test_an_english_ranking_names_what_it_counts_in_words(bundled):
    got = answer(bundled, "Between Huairou Science City and Future Science City, which one has more fields?")
    assert got.summary.startswith("First by number of fields: Future Science City (3).")


def test_a_count_asked_of_each_zone_is_each_zones_count(bundled):
    # was "图中所有计划/专项、项目/平台、园区的数量：54 个": one count over every node of both types
    got = answer(bundled, "各园区分别有多少个项目")
    assert got.query == "most_members" and got.items[0].node.id == HSC and got.items[0].value == 4
    assert "各园区：怀柔科学城 4；" in got.summary
    assert answer(bundled, "How many projects does each zone have?").query == "most_members"
    assert answer(bundled, "一共有多少个园区").summary == "图中所有园区的数量：8 个。"  # one type: still the count
