"""Session 17: a planner's blind set (data/questions/session17.yaml), one test per mechanism, in phrasings of
our own besides the set's. Memory store, the bundled 2018 graph (one report)."""

from __future__ import annotations

from graph.ask import answer

HSC = "zone-huairou-science-city"
ZSC = "zone-zhongguancun-science-city"
FSC = "zone-future-science-city"
BMSTC = "institution-beijing-municipal-science-technology-commission"
TURNOVER = "metric-turnover-of-technology-contracts-in-beijing-2018"


def _ids(got) -> set[str]:
    return {i.node.id for i in got.items}


# ---- a place the graph does not hold ----------------------------------------------------------------------

def test_another_citys_figure_is_declined_not_answered_with_beijings(bundled):
    # was: "Turnover of technology contracts in Beijing (2018): 4957.8 …" for Shanghai
    for question in ("What is Shanghai's technology contract turnover?", "上海的技术合同成交额是多少",
                     "How much did patents granted grow in Guangzhou?", "杭州2018年专利授权量增长了多少"):
        got = answer(bundled, question)
        assert got.status == "not_understood", question
        assert "4957.8" not in got.summary and "20.76" not in got.summary and not got.items, question


def test_the_decline_names_the_place_and_offers_the_question_without_it(bundled):
    got = answer(bundled, "上海的技术合同成交额是多少")
    assert "图中没有「上海」" in got.summary
    assert got.suggestions == ["技术合同成交额是多少"]
    assert "4957.8" in answer(bundled, got.suggestions[0]).summary  # the try is answered: Beijing's, as such
    got = answer(bundled, "What is Shanghai's technology contract turnover?")
    assert "'Shanghai'" in got.summary and got.suggestions == ["What is technology contract turnover?"]


def test_a_place_joined_to_a_graph_name_gets_questions_about_that_name(bundled):
    got = answer(bundled, "Which universities in Shanghai partner with Future Science City?")
    assert got.status == "not_understood" and not got.items
    assert any("Future Science City" in s for s in got.suggestions)


def test_places_the_graph_holds_are_not_declined_as_elsewhere(bundled):
    assert answer(bundled, "深圳有哪些活动").status == "answered"  # 高交会
    got = answer(bundled, "天津的技术合同成交额是多少")  # declined by figure_elsewhere: the figure is Beijing's
    assert "计的是北京市，不是天津市" in got.summary
    assert answer(bundled, "2018年技术合同成交额是多少").items[0].node.id == TURNOVER


# ---- leaving the commission out of a ranking --------------------------------------------------------------

def test_leaving_out_the_commission_ranks_without_it(bundled):
    # was declined: the commission was a name the ranking left unused
    for question in ("Which zone has the most supporters, leaving out the commission?",
                     "Which zone has the most supporters, not counting BMSTC?",
                     "不算市科委，哪个园区的支持者最多"):
        got = answer(bundled, question)
        assert got.status == "answered" and got.query == "most_supported", question
        assert got.items[0].node.id == HSC and BMSTC not in _ids(got), question


# ---- a ranking by a narrow word counts what the word says ------------------------------------------------

def test_ranking_zones_by_research_institutes_counts_only_research_institutes(bundled):
    # was: "机构最多的是中关村科学城（2 个）。各园区：…未来科学城 1…": 未来科学城's 1 is its central SOEs
    got = answer(bundled, "哪个园区的研究机构最多")
    assert got.items[0].node.id == ZSC and FSC not in _ids(got)
    assert got.summary.startswith("科研机构最多的是中关村科学城（2 个）")
    got = answer(bundled, "Which zone has the most institutes?")
    assert got.items[0].node.id == ZSC and FSC not in _ids(got) and "research institutes" in got.summary
    got = answer(bundled, "哪个园区的机构最多")  # the broad word still counts every institution
    assert FSC in _ids(got) and got.summary.startswith("机构最多的是中关村科学城")


# ---- foreign or domestic: a mark the graph does not hold --------------------------------------------------

def test_international_partners_are_declined_not_answered_with_every_relation(bundled):
    # was: every direct relation of Beijing (27 rows: ministries, figures, parks), 'international' dropped
    got = answer(bundled, "Who are Beijing's international partners?")
    assert got.status == "not_understood" and not got.items
    assert got.suggestions == ["Who are Beijing's partners?"]
    assert answer(bundled, got.suggestions[0]).query == "partners"
    got = answer(bundled, "北京有哪些国外合作伙伴")
    assert got.status == "not_understood" and got.suggestions == ["北京有哪些合作伙伴"]


def test_international_inside_a_name_is_part_of_the_name(bundled):
    got = answer(bundled, "What fields does the Beijing International Academic Exchange Season cover?")
    assert got.status == "answered" and got.count == 4
    assert answer(bundled, "首届中国国际进口博览会是什么时候举办的").status == "answered"


# ---- what a programme or body does ------------------------------------------------------------------------

def test_what_a_programme_does_is_what_the_graph_records_of_it(bundled):
    # were declined: 是做什么的 / "What does X do?" were no form's words
    got = answer(bundled, "科技创新券是做什么的")
    assert got.query == "about" and {"policy-administrative-measures-for-funds-of-technological-innovation-vouchers-"
                                     "in-the-capital-city"} <= _ids(got)
    got = answer(bundled, "What does the Star Innovation Spaces program do?")
    assert got.query == "about" and "metric-star-innovation-spaces-cultivated-in-beijing-2018" in _ids(got)
    assert answer(bundled, "服务包的作用是什么").query == "about"
    assert answer(bundled, "What is the Happy Coder Program for?").query == "about"
    # doing something for a zone stays did_for
    assert answer(bundled, "What did the commission do for Huairou Science City?").query == "did_for"


# ---- an amount of money ----------------------------------------------------------------------------------

def test_funding_asked_as_an_amount_is_declined_as_money(bundled):
    # was: "Nothing in the graph answers this (number of supporters …, type Fund)": read as a count
    for question in ("How much funding did the E-Town receive in 2018?", "经开区拿到了多少资金支持",
                     "怀柔科学城获得了多少经费", "How much funding did Huairou Science City get?"):
        got = answer(bundled, question)
        assert got.status == "not_understood" and not got.items, question
        assert "不记金额" in got.summary or "no such sum" in got.summary, question
        assert "支持" in got.suggestions[0] or "support" in got.suggestions[0], question
    assert "4957.8" in answer(bundled, "全市技术合同成交额是多少钱").summary  # a sum in yuan the report gives


# ---- the fields' everyday verbs: 搞, 做 -------------------------------------------------------------------

def test_which_zone_is_doing_a_field_is_who_focuses_on_it(bundled):
    # was declined: 在搞 was no form's word
    got = answer(bundled, "哪个园区在搞生物医药")
    assert got.query == "field_actors" and _ids(got) == {"zone-beijing-economic-technological-development-area"}
    assert _ids(answer(bundled, "哪些机构在搞人工智能")) == {"institution-beijing-academy-of-artificial-intelligence"}


def test_whether_a_zone_does_a_field_is_a_yes_or_no(bundled):
    # was declined: the 没 of 有没有 counted as a word left unread
    got = answer(bundled, "未来科学城有没有做人工智能")
    assert got.query == "yes_no" and got.summary.startswith("否") and "氢能" in got.summary
    assert answer(bundled, "经开区有没有搞生物医药").summary.startswith("是")
    assert answer(bundled, "市科委有没有支持怀柔科学城").summary.startswith("是")


# ---- phrasings a planner uses ----------------------------------------------------------------------------

def test_put_on_is_hosting_and_finds_the_event_by_its_loose_name(bundled):
    got = answer(bundled, "Who put on the transnational technology transfer conference?")
    assert got.query == "hosts" and _ids(got) == {BMSTC}


def test_a_count_of_a_groups_science_cities(bundled):
    got = answer(bundled, "三城一区里一共有几个科学城")
    assert got.count == 3 and _ids(got) == {HSC, ZSC, FSC}


def test_whom_a_programme_reaches_is_what_it_supports(bundled):
    got = answer(bundled, "Which companies did the service packages reach?")
    assert got.query == "supported" and _ids(got) == {"institution-kyland-technology", "institution-onespace",
                                                      "institution-times-lingyu-technology"}


def test_what_a_zone_is_strong_in_is_its_fields(bundled):
    got = answer(bundled, "What fields is Zhongguancun Sci City strong in?")
    assert got.query == "fields" and {"field-frontier-new-materials", "field-carbon-based-integrated-circuits"} <= _ids(got)
    assert "field-new-materials" not in _ids(got)
    assert answer(bundled, "What is Huairou good at?").query == "fields"


def test_a_count_of_what_a_fund_invested_in_is_no_money_question(bundled):
    # 投资了多少家 / 多少支 counts; 投资了多少钱 asks a sum
    assert "6 支" in answer(bundled, "北京市科技创新基金投资了多少支子基金").summary
    assert "不记金额" in answer(bundled, "北京市科技创新基金投资了多少钱").summary
    assert "不记金额" not in answer(bundled, "北京市科技创新基金投资了多少家公司").summary


# ---- 资金 is money ---------------------------------------------------------------------------------------

def test_a_zones_funding_sources_are_its_funds_and_it_has_none(bundled):
    # were: its five supporters as money sources (资金来源), and the report that names it ("come from")
    for question in ("怀柔科学城的资金来源是什么", "谁给怀柔科学城提供资金", "Where does Huairou Science City's funding come from?"):
        got = answer(bundled, question)
        assert got.query == "supporters" and got.status == "empty" and not got.items, question
        assert {"policy-huairou-science-city-plan", BMSTC} <= {i.node.id for i in got.related}, question
    got = answer(bundled, "Where does the Baidu Ventures sub-fund's money come from?")
    assert "fund-beijing-science-and-technology-innovation-fund" in _ids(got)


def test_money_ranked_is_declined(bundled):
    # was (with 资金 a fund word): the seven sub-fund managers tied, each "1 fund"
    got = answer(bundled, "哪个机构获得的资金最多")
    assert got.status == "not_understood" and "不记金额" in got.summary
