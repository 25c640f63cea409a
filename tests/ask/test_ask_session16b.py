"""Session 16b: what a director asks first about the zones (data/questions/session16b.yaml), one test per
mechanism. Memory store, the bundled 2018 graph (one report, bjstc-2018-self-assessment)."""

from __future__ import annotations

from graph.ask import answer

HSC = "zone-huairou-science-city"
BMSTC = "institution-beijing-municipal-science-technology-commission"
BINN = "institution-beijing-institute-of-nanoenergy-and-nanosystems"
DOC = "bjstc-2018-self-assessment"


def _ids(got) -> set[str]:
    return {i.node.id for i in got.items}


# ---- a zone's story without a year -------------------------------------------------------------------------

def test_a_zones_story_without_a_year_is_what_every_report_records_of_it(bundled):
    # was declined: 'story' is neither a name in the graph nor a question it can read
    got = answer(bundled, "What is the E-Town's story?")
    assert got.status == "answered"
    assert {"project-autonomous-driving-test-site-yizhuang", "project-technology-innovation-service-platforms-bda",
            "policy-beijing-economic-technological-development-area-bda-plan"} <= _ids(got)
    assert BINN not in _ids(got)
    assert got.items[-1].node.id == BMSTC  # the commission's own support: one row, last
    assert got.summary.startswith("In the report's words: “升级经济技术开发区") and "(2018)" in got.summary
    # session 17: one report gives every row, so one note names it by its title, not its id once per row
    assert got.notes[-1] == (f"Source of all {len(got.items)} rows: “Beijing Municipal Science & Technology Commission: "
                             "self-assessment report on 2018 performance management” (2018)")
    assert not any(DOC in n for n in got.notes)


def test_a_chinese_overview_of_a_zone_names_each_rows_report_and_year(bundled):
    got = answer(bundled, "讲讲怀柔科学城")
    assert got.status == "answered" and {BINN, "project-physical-science-laboratory-huairou"} <= _ids(got)
    assert got.items[-1].node.id == BMSTC
    assert got.summary.startswith("报告写道：「突破怀柔科学城") and "图中不评价进展或成效；图中各报告（2018 年）" in got.summary
    assert got.notes[-1] == f"出处（全部 {len(got.items)} 条）：《北京市科学技术委员会关于2018年度绩效管理的自查报告》（2018 年）"


def test_rows_from_two_reports_are_noted_once_per_report_naming_its_rows(bundled):
    from graph.ask.story import sources
    got = answer(bundled, "讲讲怀柔科学城")
    first, *rest = got.items
    moved = first.model_copy(update={"edges": [e.model_copy(update={"evidence": [
        ev.model_copy(update={"doc": "daxing-note-2023"}) for ev in e.evidence]}) for e in first.edges]})
    notes = sources(bundled, [moved, *rest], "zh")
    assert len(notes) == 2
    assert notes[0] == f"《daxing-note-2023》：{first.node.name_zh}"  # a report the graph does not hold: its id
    assert notes[1].startswith("《北京市科学技术委员会关于2018年度绩效管理的自查报告》（2018 年）：")
    assert notes[1].count("、") == len(rest) - 1


def test_progress_without_a_year_is_still_a_question_about_change(bundled):
    got = answer(bundled, "未来科学城的建设进展如何")  # a judgement of progress: declined (change.py)
    assert got.status == "not_understood" and "没有可比较的另一年" in got.summary


def test_a_story_in_a_year_without_a_report_says_the_years_held_and_offers_the_question_in_one(bundled):
    # was "图中只有 2018 年的报告，没有可比较的另一年" (a comparison of years, never asked)
    got = answer(bundled, "怀柔科学城2020年有哪些进展")
    assert got.status == "not_understood"
    assert "只有 2018 年的报告" in got.summary and "没有 2020 年的" in got.summary
    assert got.suggestions == ["怀柔科学城2018年有哪些进展"]
    en = answer(bundled, "What is the story of Future Science City in 2020?")
    assert en.status == "not_understood" and "reports of 2018 only" in en.summary
    assert en.suggestions == ["What is the story of Future Science City in 2018?"]
    # and the offered question is answered
    assert answer(bundled, got.suggestions[0]).status == "answered"


# ---- funds that get funding ---------------------------------------------------------------------------------

SUB_FUNDS = {f"fund-{n}-sub-fund" for n in ("casstar", "legend-capital", "huagai-capital", "lenovo-capital",
                                            "baidu-ventures", "guoxin-hongtai")}


def test_which_funds_get_funding_is_the_funds_a_fund_goes_to(bundled):
    # was every fund (8): the innovation fund and 市杰出青年基金 too, which nothing funds
    for question in ("Which funds get funding?", "哪些基金获得了基金投资"):
        got = answer(bundled, question)
        assert got.status == "answered" and got.count == 6 and _ids(got) == SUB_FUNDS, question
        assert all(i.relation == "INVESTS_IN" for i in got.items)
    assert answer(bundled, "Which funds are there?").count == 8  # a listing of funds is still every fund


# ---- two zones compared ---------------------------------------------------------------------------------------

def test_two_zones_compared_side_by_side_with_what_they_share_and_what_only_one_has(bundled):
    # was declined ("I could not read this question", naming both zones)
    got = answer(bundled, "Compare Huairou and Future Science City")
    assert got.status == "answered" and got.query == "compare"
    assert {BINN, "institution-central-state-owned-enterprises-in-future-science-city",
            "field-hydrogen-energy", "field-space-science"} <= _ids(got)
    assert "Supporters: Huairou Science City (怀柔科学城) 5, Future Science City (未来科学城) 3; shared 2" in got.summary
    assert "Members: Huairou Science City (怀柔科学城) 5, Future Science City (未来科学城) 3; shared 0" in got.summary
    assert "Indicators: Huairou Science City (怀柔科学城) 1, Future Science City (未来科学城) 0" in got.summary
    assert "does not judge which is better" in got.summary
    assert got.items[-1].node.id == BMSTC  # the commission, shared, last
    shared = next(i for i in got.items if i.node.id == BMSTC)
    assert {e.target for e in shared.edges} == {HSC, "zone-future-science-city"}  # its edge to each zone


def test_a_chinese_comparison_is_not_two_lists_of_members(bundled):
    # was read by the members form for each zone: no supporters, fields or indicators
    got = answer(bundled, "中关村科学城与经开区有什么不同")
    assert got.query == "compare"
    assert {"policy-zhongguancun-science-city-plan", "policy-beijing-economic-technological-development-area-bda-plan",
            "field-integrated-circuits", "institution-beijing-graphene-institute"} <= _ids(got)
    assert "领域：中关村科学城 2 个、北京经济技术开发区 6 个；共有 0 个（无）" in got.summary


def test_which_zone_is_better_is_declined_as_an_opinion_offering_the_comparison(bundled):
    got = answer(bundled, "Which is better, Huairou or the E-Town?")
    assert got.status == "not_understood" and "cannot say" in got.summary
    assert answer(bundled, got.suggestions[0]).query == "compare"
    assert answer(bundled, "怀柔科学城和未来科学城有什么共同点？").query != "compare"  # in common: its own form


# ---- mine (integrator, session 16) ---------------------------------------------------------------------------

def test_each_zones_story_opens_with_its_own_sentence_of_the_report(bundled):
    """The four stories read alike with the names changed; the report gives each zone one sentence of its own,
    which its page and briefing open with (graph/zone_story.py): the answer opens with it too."""
    verbs = {"讲讲怀柔科学城": "突破怀柔科学城", "介绍一下中关村科学城": "聚焦中关村科学城",
             "Tell me about Future Science City": "搞活未来科学城", "What is the E-Town's story?": "升级经济技术开发区"}
    for question, opening in verbs.items():
        got = answer(bundled, question)
        assert got.status == "answered", question
        assert got.summary.startswith(("报告写道：「" + opening, "In the report's words: “" + opening)), got.summary[:80]


def test_two_names_of_one_zone_are_said_to_be_one_zone_not_offered_as_a_pair(bundled):
    """"经开区和亦庄比较一下" offered "北京经济技术开发区和北京经济技术开发区有什么关系？" (a zone with itself)."""
    for question, said in (("经开区和亦庄比较一下", "「经开区」与「亦庄」是同一个名称的不同写法，都指北京经济技术开发区"),
                           ("Compare E-Town and BDA", "'E-Town' and 'BDA' are two names of one node")):
        got = answer(bundled, question)
        assert got.status != "answered" and said in got.summary, got.summary
        assert not any(s.count("北京经济技术开发区") + s.count("Beijing Economic-Technological") > 1
                       for s in got.suggestions), got.suggestions


# ---- session 17: what the review found in ask's answers -----------------------------------------------------

PLAN_ORDER = ["zone-zhongguancun-science-city", "zone-huairou-science-city", "zone-future-science-city",
              "zone-beijing-economic-technological-development-area"]


def test_the_plans_members_come_in_the_plans_own_order_each_zones_members_after_it(bundled):
    # was by id: 北京经济技术开发区 first, 中关村科学城 fourth
    got = answer(bundled, "三城一区有哪些成员？")
    assert [i.node.id for i in got.items[:4]] == PLAN_ORDER and all(i.via is None for i in got.items[:4])
    vias = [i.via.id for i in got.items[4:]]
    assert vias == sorted(vias, key=PLAN_ORDER.index)


def test_the_plan_asked_for_by_a_mixed_english_name_is_not_read_as_a_field_filter(bundled):
    # "three cities and one area" matched "three cities and one" and read "area" as the type Field: an empty answer
    got = answer(bundled, "Which zones make up the three cities and one area?")
    assert got.status == "answered" and [i.node.id for i in got.items] == PLAN_ORDER


def test_which_zone_develops_better_is_an_opinion_offering_the_comparison(bundled):
    # was "没能理解这个问题" (s17-ask9's blind set): 更好 after a verb (发展得更好) was no comparison word
    got = answer(bundled, "怀柔科学城和经开区哪个发展得更好")
    assert got.status == "not_understood" and "孰优孰劣" in got.summary
    assert got.suggestions == ["怀柔科学城和北京经济技术开发区比较一下"]
