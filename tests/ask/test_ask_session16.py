"""Session 16: a director's questions on one zone's story (data/questions/session16.yaml), one test per
mechanism fixed. Memory store, the bundled 2018 graph."""

from __future__ import annotations

from graph.ask import answer

HSC = "zone-huairou-science-city"


def _ids(got) -> set[str]:
    return {i.node.id for i in got.items}


# ---- "funding" is money: a fund, not every supporter ------------------------------------------------------

def test_does_a_zone_get_funding_is_no_when_no_fund_supports_it(bundled):
    # was "Yes: supporters of Huairou Science City: 5 — …" (plans, the key task, the commission: none a fund)
    got = answer(bundled, "Does Huairou Science City get any funding?")
    assert got.query == "supporters" and got.params["types"] == ["Fund"]
    assert got.status == "empty" and got.summary.startswith("No:")
    # its supporters are still said, as related, not as the answer
    assert "institution-beijing-municipal-science-technology-commission" in {i.node.id for i in got.related}


def test_funding_of_a_fund_still_lists_funds(bundled):
    got = answer(bundled, "Which funding does the Beijing S&T Innovation Fund invest in?")
    assert got.status == "answered" and all(i.node.type == "Fund" for i in got.items)


def test_who_funds_a_zone_is_still_its_supporters(bundled):
    # the verb is no filter: who funds X is who supports it (a type word before a name is a verb)
    got = answer(bundled, "Who funds Huairou Science City?")
    assert got.query == "supporters" and got.params["types"] == [] and HSC not in _ids(got) and got.count == 5


# ---- a name that opens with a zone's name, written with the zone's other names --------------------------------

FSC_PLAN = "policy-future-science-city-plan"
BMSTC = "institution-beijing-municipal-science-technology-commission"
CHANGPING = "district-changping-district"


def test_a_zone_alias_before_the_rest_of_a_name_names_the_whole_node(bundled):
    # 未来科技城 is an alias of 未来科学城: its plan is 未来科学城规划, not "the zone, type Policy"
    for question, node in (("未来科技城规划是谁牵头编制的", FSC_PLAN),
                           ("经开区规划是什么", "policy-beijing-economic-technological-development-area-bda-plan"),
                           ("Who drew up the E-Town plan?", "policy-beijing-economic-technological-development-area-bda-plan"),
                           ("未来科技城央企和哪些大学合作", "institution-central-state-owned-enterprises-in-future-science-city")):
        got = answer(bundled, question)
        assert got.params["refs"] == [node], question


def test_place_variants_never_take_a_name_another_node_holds(bundled):
    from graph.ask import place_names
    from graph.ask.gazetteer import match_key
    nodes = list(bundled.store.iter_nodes())
    held = {match_key(n): node.id for node in nodes for n in node.names}
    for key, node_id in place_names.variants(nodes, match_key):
        assert held.get(key, node_id) == node_id, key


def test_who_led_a_plan_written_after_it_is_its_supporters_not_its_relations(bundled):
    # was the plan's five direct relations (the zone it supports and its parent plan among them)
    got = answer(bundled, "未来科学城规划是谁牵头编制的")
    assert got.query == "supporters"
    assert {BMSTC, CHANGPING} <= _ids(got) and "zone-future-science-city" not in _ids(got)


# ---- "X还有谁在支持": 在 before the verb ------------------------------------------------------------------------

def test_who_else_is_supporting_a_zone_is_its_supporters_not_its_members(bundled):
    got = answer(bundled, "经开区除了市科委还有谁在支持")
    assert got.query == "supporters" and BMSTC not in _ids(got)
    assert _ids(got) == {"policy-beijing-economic-technological-development-area-bda-plan",
                         "program-serving-the-development-of-the-three-science-cities-and-one-area-key-task-of-2018"}
    got = answer(bundled, "怀柔科学城还有哪些单位在支持")  # with a type word: was its one member institute
    assert got.query == "supporters" and _ids(got) == {BMSTC, "institution-huairou-science-city-development-strategy-expert-group"}


# ---- the indicator word first, the name at the end; "Huairou" -------------------------------------------------

def test_what_indicators_do_we_have_for_huairou(bundled):
    got = answer(bundled, "What indicators do we have for Huairou?")
    assert got.query == "indicators" and _ids(got) == {"metric-projects-in-the-first-batch-supported-in-huairou-science-city-2018"}


# ---- lead is not support -----------------------------------------------------------------------------------

def test_what_the_commission_leads_is_its_led_by_rows_not_all_it_supports(bundled):
    # was "北京市科学技术委员会支持的计划/专项、项目/平台的数量：32 个" (the Huairou labs among them)
    got = answer(bundled, "市科委牵头了多少个项目")
    assert got.query == "supported" and got.count == 17
    assert all(i.relation == "LED_BY" for i in got.items)
    assert "project-physical-science-laboratory-huairou" not in _ids(got)
    assert "牵头" in got.interpretation and "（其中计划/专项 8 个、项目/平台 9 个）" in got.summary


def test_support_and_lead_together_keep_every_row(bundled):
    got = answer(bundled, "How many projects are led or supported by the commission?")
    assert got.count == answer(bundled, "市科委支持了多少个项目").count == 32
    assert {i.relation for i in got.items} == {"LED_BY", "SUPPORTS"}


def test_which_projects_does_the_commission_lead_in_english(bundled):
    got = answer(bundled, "Which projects does the commission lead?")
    assert got.count == 17 and all(i.relation == "LED_BY" for i in got.items)


# ---- conferences: a kind of event, not every event, and not the press conferences' figure -------------------

AWARD = "event-beijing-science-and-technology-award-conference-and-national-s-t-innovation-center-construction-work-conference"


def test_how_many_conferences_counts_the_conference_events_not_press_conferences(bundled):
    # was "Press conferences held by BMSTC (2018): over 30 times" (a narrower figure)
    got = answer(bundled, "How many conferences were held in 2018?")
    assert got.query == "new_in_year" and got.count == 7
    assert {AWARD, "event-beijing-tel-aviv-innovation-conference",
            "event-china-beijing-transnational-technology-transfer-conference"} <= _ids(got)
    assert not {"event-national-science-and-technology-week-and-beijing-science-and-technology-week",
                "event-china-beijing-international-high-tech-expo", "event-beijing-2022-olympic-winter-games"} & _ids(got)
    assert "Beijing-Tel Aviv Innovation Conference" in got.summary  # a typed year question names its rows
    assert "Olympic" not in got.summary  # the events of other years left out are conferences too, or not said


def test_press_conferences_still_get_their_figure(bundled):
    got = answer(bundled, "How many press conferences were held in 2018?")
    assert got.query == "figure" and "30" in got.summary


def test_a_figure_whose_head_noun_is_the_one_counted_still_answers(bundled):
    # the name's opening decides; "Serving Party members" is a figure of party members, "autonomous regions" is
    # the end of a list
    assert "564" in answer(bundled, "How many Party members of BMSTC reported to communities?").summary
    assert answer(bundled, "How many regions does the BMSTC cooperate with?").query == "figure"


def test_the_commissions_meetings_are_its_conferences_and_forums(bundled):
    got = answer(bundled, "Which meetings did the commission host?")
    assert got.count == 5 and "event-9th-china-italy-innovation-cooperation-week" not in _ids(got)
    assert answer(bundled, "Which events did the commission host?").count == 9
    # Chinese 会议 stays every event it hosted (report.yaml's held want, count 9)
    assert answer(bundled, "市科委主办了哪些会议？").count == 9


# ---- a zone's story in a year the graph holds ----------------------------------------------------------------

def test_a_zones_progress_in_the_reports_year_is_what_the_report_records_of_it(bundled):
    # was declined as a question about change ("没有可比较的另一年")
    got = answer(bundled, "怀柔科学城2018年有哪些进展？")
    assert got.status == "answered" and got.query == "about"
    assert {"project-physical-science-laboratory-huairou", "project-space-science-laboratory-huairou",
            "institution-beijing-institute-of-nanoenergy-and-nanosystems"} <= _ids(got)
    assert got.summary.startswith("报告写道：「突破怀柔科学城")  # its own sentence first, as its page opens
    assert "」图中不评价进展或成效；2018 年的报告写到怀柔科学城" in got.summary


def test_a_zones_story_in_english(bundled):
    got = answer(bundled, "Tell me the E-Town's story in 2018")
    assert got.status == "answered" and "project-autonomous-driving-test-site-yizhuang" in _ids(got)
    assert got.summary.startswith("In the report's words: “升级经济技术开发区")
    assert "” The graph does not judge progress" in got.summary


def test_progress_without_a_held_year_is_still_declined(bundled):
    for question in ("怀柔科学城有哪些进展", "怀柔科学城2017年有哪些进展", "怀柔科学城2020年有哪些进展"):
        assert answer(bundled, question).status == "not_understood", question


# ---- declines a director would not accept: now read ---------------------------------------------------------

def test_what_the_commission_did_in_a_zone_with_an_adverb_is_did_for(bundled):
    got = answer(bundled, "市科委在怀柔科学城具体做了哪些事")
    assert got.query == "did_for" and got.count == 8


def test_overlap_words_ask_what_two_zones_share(bundled):
    got = answer(bundled, "中关村科学城和未来科学城的重点领域有交集吗？")  # 前沿新材料 is not 新材料
    assert got.query == "common" and got.count == 0 and got.summary.startswith("否")
    got = answer(bundled, "怀柔科学城和未来科学城的支持者有重合吗")  # not "does A support B"
    assert got.query == "common_supporters" and got.summary.startswith("是")
    assert _ids(got) == {BMSTC, "program-serving-the-development-of-the-three-science-cities-and-one-area-key-task-of-2018"}


def test_a_misspelt_name_after_a_type_word_is_still_found(bundled):
    got = answer(bundled, "what are the focus areas of Futrue Science City")
    assert got.query == "fields" and got.params["refs"] == ["zone-future-science-city"] and got.count == 3


def test_facilities_are_the_projects_named_as_labs_platforms_or_sites(bundled):
    got = answer(bundled, "What facilities are there in Yizhuang?")
    assert _ids(got) == {"project-autonomous-driving-test-site-yizhuang", "project-technology-innovation-service-platforms-bda"}
    got = answer(bundled, "怀柔科学城有哪些设施")  # the labs; not the wearable-systems research project
    assert _ids(got) == {"project-physical-science-laboratory-huairou", "project-space-science-laboratory-huairou"}


def test_which_zones_get_funding_is_the_zones_a_fund_goes_to_none(bundled):
    # was every node of type Fund or Zone (16) once funding was a Fund type word; every zone (8) before
    got = answer(bundled, "Which zones get funding?")
    assert got.query == "funded" and got.status == "empty" and got.count == 0
    assert got.summary.startswith("None: no node of type Zone") and "Lenovo Capital sub-fund" in got.summary


def test_who_leads_a_zone_is_who_leads_it_none_not_every_supporter(bundled):
    # listed the 5 supporters (two plans, the key task …) as its leaders; nothing in the graph leads a zone
    for question in ("Who leads Huairou Science City?", "怀柔科学城由谁牵头"):
        got = answer(bundled, question)
        assert got.status == "empty" and got.count == 0, question
        assert "institution-beijing-municipal-science-technology-commission" in {i.node.id for i in got.related}
    # what does lead something is still said; 牵头编制 (who drew a plan up) keeps the planning team
    assert _ids(answer(bundled, "市杰出青年基金由谁牵头？")) == {BMSTC}
    assert answer(bundled, "谁牵头编制未来科学城规划？").count == 3


# ---- the supporters only one zone has ------------------------------------------------------------------------

def test_the_supporters_only_a_zone_has_are_those_of_none_of_its_peers(bundled):
    # was declined; "怀柔科学城有哪些独有的支持者" was its five members
    own = {"institution-huairou-science-city-development-strategy-expert-group", "policy-huairou-science-city-plan",
           "policy-huairou-science-city-science-plan"}
    for question in ("Which supporters does only Huairou Science City have, that the other three zones don't?",
                     "怀柔科学城有哪些独有的支持者"):
        got = answer(bundled, question)
        assert got.query == "own_supporters" and _ids(got) == own, question
        assert any("中关村科学城" in n or "Zhongguancun Science City" in n for n in got.notes)  # the peers are said
    assert _ids(answer(bundled, "Which supporters are unique to the E-Town?")) == {
        "policy-beijing-economic-technological-development-area-bda-plan"}
    assert answer(bundled, "哪些计划只支持未来科学城").count == 0  # the key task supports all four


def test_get_support_from_is_the_second_name_supporting_the_first(bundled):
    # was "whether E-Town supports the commission": No
    got = answer(bundled, "Does E-Town get support from the commission?")
    assert got.query == "yes_no" and got.summary.startswith("Yes")
    assert got.params["refs"][0] == "institution-beijing-municipal-science-technology-commission"


def test_rows_all_through_a_member_say_so(bundled):
    # "未来科学城的合作伙伴：共 2 个 — …" read as the zone's own partners; both partner with its central SOEs
    got = answer(bundled, "未来科学城的合作伙伴有哪些")
    assert "（均经由未来科学城央企）" in got.summary
