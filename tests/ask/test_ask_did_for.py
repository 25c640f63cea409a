"""Session 15: "what did the commission do for X" (form did_for), an event's year, a node's source report.
Memory store, the bundled 2018 graph."""

from __future__ import annotations

from graph.ask import answer

HSC, BDA = "zone-huairou-science-city", "zone-beijing-economic-technological-development-area"
BMSTC = "institution-beijing-municipal-science-technology-commission"
BINN = "institution-beijing-institute-of-nanoenergy-and-nanosystems"
KEY_TASK = "program-serving-the-development-of-the-three-science-cities-and-one-area-key-task-of-2018"
SCIENCE_PLAN = "policy-huairou-science-city-science-plan"


def _ids(got) -> set[str]:
    return {i.node.id for i in got.items}


# ---- what a body did for a zone -----------------------------------------------------------------------------

def test_what_the_commission_did_for_a_zone_is_what_it_supports_in_it_and_for_it(bundled):
    # session 4 answered this with the commission's 25 indicators; session 15 declined it
    got = answer(bundled, "What did the commission do for Huairou Science City?")
    assert got.query == "did_for" and got.status == "answered"
    assert _ids(got) == {BINN, "institution-huairou-science-city-development-strategy-expert-group", KEY_TASK,
                         "project-first-batch-of-key-supported-projects-in-huairou-science-city",
                         "project-physical-science-laboratory-huairou", "project-space-science-laboratory-huairou",
                         SCIENCE_PLAN, HSC}
    assert not any(i.node.type == "Indicator" for i in got.items)


def test_each_did_for_row_carries_its_evidence(bundled):
    got = answer(bundled, "What did the commission do for Huairou Science City?")
    rows = {i.node.id: i for i in got.items}
    # in the zone: the edge from the commission, then the hop into the zone
    assert [e.type for e in rows[BINN].edges] == ["SUPPORTS", "LOCATED_IN"]
    assert rows[BINN].edges[0].source == BMSTC and rows[BINN].edges[1].target == HSC
    # led by the commission and supporting the zone: both edges
    assert [e.type for e in rows[SCIENCE_PLAN].edges] == ["LED_BY", "SUPPORTS"]
    assert rows[SCIENCE_PLAN].edges[1].target == HSC
    # its own support of the zone: the row is the zone, last, with the one edge
    assert got.items[-1].node.id == HSC
    assert [(e.source, e.type, e.target) for e in got.items[-1].edges] == [(BMSTC, "SUPPORTS", HSC)]


def test_did_for_keeps_to_the_zone_asked(bundled):
    got = answer(bundled, "市科委为经开区做了什么")
    assert got.query == "did_for"
    assert _ids(got) == {"project-autonomous-driving-test-site-yizhuang",
                         "project-technology-innovation-service-platforms-bda", KEY_TASK, BDA}
    assert got.summary.startswith("北京市科学技术委员会为北京经济技术开发区做的")
    # a year does not turn it into "what was new in 2018"
    assert answer(bundled, "2018年市科委为未来科学城做了什么").query == "did_for"


def test_a_body_that_did_nothing_for_the_zone_says_so(bundled):
    got = answer(bundled, "北京智源人工智能研究院为怀柔科学城做了什么")
    assert got.query == "did_for" and got.status == "empty" and not got.items
    assert got.summary.startswith("图中没有北京智源人工智能研究院为怀柔科学城做的")
    en = answer(bundled, "What did BAAI do for E-Town?")
    assert en.status == "empty" and not en.items and en.summary.startswith("Nothing in the graph answers this")


def test_the_commission_stays_context_in_other_listings(bundled):
    # the author is the subject only when named as such; elsewhere it is still listed last
    got = answer(bundled, "Who supports Huairou Science City?")
    assert got.query == "supporters" and got.items[-1].node.id == BMSTC


# ---- an event's year, with the sentence naming it ---------------------------------------------------------

ITALY = "event-9th-china-italy-innovation-cooperation-week"


def test_an_events_year_is_answered_from_its_attrs_with_the_evidence(bundled):
    # was declined: the year is in the node's attrs, which no form read
    got = answer(bundled, "第九届中意创新合作周是哪一年办的")
    assert got.status == "answered" and got.query == "year"
    assert got.summary.startswith("第九届中意创新合作周：2018 年")
    assert [i.node.id for i in got.items] == [ITALY]
    assert got.evidence and "第九届中意创新合作周" in got.evidence[0].quote
    en = answer(bundled, "When was the Beijing-Tel Aviv Innovation Conference held?")
    assert en.status == "answered" and "2018" in en.summary and en.evidence


def test_a_node_without_a_year_is_declined_not_given_the_reports_year(bundled):
    for question in ("怀柔科学城是哪一年成立的", "When was Huairou Science City founded?"):
        got = answer(bundled, question)
        assert got.status == "not_understood" and not got.items and "2018" not in got.summary


def test_a_listing_with_a_year_word_is_left_to_the_forms(bundled):
    assert answer(bundled, "哪一年出台了哪些政策").query != "year"
    assert answer(bundled, "2018年举办了哪些活动").query == "new_in_year"


# ---- a node's source report ---------------------------------------------------------------------------------

def test_a_nodes_source_report_is_named_with_its_publisher_and_year(bundled):
    got = answer(bundled, "怀柔科学城科学规划的出处是哪份报告")
    assert got.status == "answered" and got.query == "source"
    assert "《北京市科学技术委员会关于2018年度绩效管理的自查报告》（北京市科学技术委员会，2018）" in got.summary
    assert got.evidence and any("怀柔科学城科学规划" in q.quote for q in got.evidence)
    en = answer(bundled, "Which report mentions the Huairou Science City Science Plan?")
    assert en.query == "source" and "self-assessment report on 2018 performance management" in en.summary


def test_what_a_body_issued_or_a_zones_funding_is_no_source_question(bundled):
    # found probing: 什么文件 / 来源 alone read these as "which report names X"
    assert answer(bundled, "市科委发布了什么文件").query == "issued"
    assert answer(bundled, "怀柔科学城的资金来源是什么").query == "supporters"
    assert answer(bundled, "哪份报告提到了怀柔科学城科学规划").query == "source"


def test_what_a_body_did_in_a_zone_is_did_for(bundled):
    assert answer(bundled, "市科委在怀柔科学城做了什么").query == "did_for"
    assert answer(bundled, "市科委在经开区支持了哪些项目").count == 2  # supported_in stays what lies there


def test_a_question_about_what_a_body_did_in_a_place_is_suggested_only_of_a_place(bundled):
    # after a decline naming two nodes, "What did Beijing do for CB Insights?" was offered: it finds nothing
    # (a body does things for a zone, district or region, not for a rating agency)
    got = answer(bundled, "How was Beijing rated in the CB Insights report?")
    assert got.status == "not_understood" and got.suggestions
    assert not any("do for" in s or "support in" in s for s in got.suggestions)
    offered = answer(bundled, "What did the commission achieve in Huairou Science City?").suggestions
    assert any(s.startswith("What did ") and s.endswith(" do for Huairou Science City?") for s in offered)


def test_the_summary_names_the_direct_support_as_such_not_the_zone_as_a_thing_done(bundled):
    # the last row is the zone itself (the commission's own SUPPORTS edge to it); the summary read
    # "…；未来科学城规划；未来科学城。", as if the zone were one more thing the commission did
    zh = answer(bundled, "市科委为未来科学城做了什么").summary
    assert zh.endswith("；对未来科学城的直接支持。") and "；未来科学城。" not in zh
    en = answer(bundled, "What did the commission do for Huairou Science City?").summary
    assert en.endswith("its direct support of Huairou Science City.")
