"""Session 12: 30 new planner questions (data/questions/session12.yaml), written before they were run,
and the mechanisms their declines and the known defects led to. Memory store; the Neo4j parity of
`ask` is tests/ask/test_ask_neo4j.py."""

from __future__ import annotations

from graph.ask import answer
from graph.ask.gazetteer import Gazetteer, match_key
from graph.model import Node

CENTER = "program-building-beijing-into-a-national-science-and-technology-innovation-center"


# ---- a loose English name: words folded, never a figure (defect a) ---------------------------------

def test_a_loose_english_name_reads_the_programme_not_the_figure_about_it(bundled):
    got = answer(bundled, "Which policies support the construction of the national S&T innovation center?")
    assert got.status == "answered" and got.params["refs"] == [CENTER]
    assert {i.node.type for i in got.items} == {"Policy"} and got.count == 2


def test_a_metric_never_wins_a_loose_name():
    nodes = [Node(id="metric-x", type="Metric", name_zh="宣传报道条数", name_en="Media reports on the harbour bridge"),
             Node(id="project-x", type="Project", name_zh="港桥", name_en="Harbour bridge construction programme")]
    gaz = Gazetteer(nodes)
    assert [k for k, _ in gaz.closest(match_key("harbour bridge"))] == [match_key("Harbour bridge construction programme")]
    only_metric = Gazetteer(nodes[:1])
    assert only_metric.closest(match_key("harbour bridge")) == []


def test_loose_words_fold_s_and_t_and_building():
    gaz = Gazetteer([Node(id="program-c", type="Program", name_zh="中心建设",
                          name_en="Building a science and technology centre"),
                     Node(id="event-c", type="Event", name_zh="中心建设会议",
                          name_en="2018 S&T center construction annual meeting")])
    assert gaz.closest(match_key("construction of S&T center"))[0][0] == match_key("Building a science and technology centre")


# ---- 'X的政策有哪些', 主导产业, 由几个单位主办 (defects b, e) --------------------------------------------

def test_the_type_before_youxie_reads_a_zones_policies_as_its_supporters(bundled):
    got = answer(bundled, "中关村科学城的政策有哪些")
    assert got.status == "answered" and got.query == "supporters"
    assert [i.node.id for i in got.items] == ["policy-zhongguancun-science-city-plan"]
    plans = answer(bundled, "怀柔科学城的规划有哪些？")
    assert {i.node.id for i in plans.items} == {"policy-huairou-science-city-plan", "policy-huairou-science-city-science-plan"}


def test_the_type_before_youxie_still_lists_a_zones_members(bundled):
    got = answer(bundled, "怀柔科学城的项目有哪些")
    assert got.query == "members" and got.count == 4


def test_a_zones_leading_industries_are_its_fields(bundled):
    got = answer(bundled, "北京经济技术开发区的主导产业有哪些？")
    assert got.status == "answered" and got.query == "fields" and got.count == 6
    assert "field-autonomous-driving" in {i.node.id for i in got.items}


def test_how_many_bodies_hosted_an_event_is_a_count_of_its_hosts(bundled):
    got = answer(bundled, "京港科技创新合作论坛由几个单位主办？")
    assert got.status == "answered" and got.query == "hosts" and got.params["count"] and got.count == 1
    assert [i.node.id for i in got.items] == ["institution-beijing-municipal-science-technology-commission"]


# ---- a misspelt Chinese name (defect c) -----------------------------------------------------------

HSC = "zone-huairou-science-city"


def test_a_name_one_character_off_is_read_even_when_an_alias_cuts_it(bundled):
    # 怀柔 is an alias of the zone, so 怀柔科学成 was 怀柔 + an unknown 科学成
    for question in ("怀柔科学成有哪些项目？", "哪些计划支持怀柔科学成？"):
        got = answer(bundled, question)
        assert got.status == "answered" and got.params["refs"] == [HSC], question
        assert got.mentions[0].match == "fuzzy"


def test_a_name_cut_by_a_cue_word_is_read_whole():
    # 技术 is a cue word, so 北京经济技术开法区 was cut into 北京 + 经济 + 技术 + 开法区
    from graph.ask.gazetteer import Gazetteer
    from graph.ask.parser import parse
    gaz = Gazetteer([Node(id="zone-bda", type="Zone", name_zh="北京经济技术开发区", name_en="BDA"),
                     Node(id="region-bj", type="Region", name_zh="北京", name_en="Beijing")])
    p = parse("北京经济技术开法区聚焦哪些产业？", gaz)
    assert p.form.id == "fields" and [m.id for m in p.slots] == ["zone-bda"]


def test_one_character_off_is_not_two():
    gaz = Gazetteer([Node(id="zone-x", type="Zone", name_zh="怀柔科学城", name_en="X")])
    assert gaz.misspelt("怀柔科学成") == ["怀柔科学城"] and gaz.misspelt("怀柔科学城区") == ["怀柔科学城"]
    assert gaz.misspelt("怀柔科雪成") == [] and gaz.misspelt("科学城") == []


def test_an_unknown_name_suggests_names_that_fit_the_question(bundled):
    got = answer(bundled, "科学成有哪些项目")
    assert got.status == "unknown_entity"
    assert got.suggestions and all("脑科学" not in s for s in got.suggestions)
    assert any("怀柔科学城" in s for s in got.suggestions)


# ---- an empty graph (defect d) --------------------------------------------------------------------

def test_an_empty_graph_says_so_where_it_looked_and_how_to_build(tmp_path, monkeypatch):
    monkeypatch.delenv("INNOGRAPH_DATA_DIR", raising=False)  # the default data dir was read (set: session 13)
    from graph.memory import MemoryStore
    from graph.queries import GraphQueries
    store = MemoryStore(tmp_path / "graph.json")
    for question, words in (("哪些计划支持怀柔科学城？", ("图是空的", "make build", "INNOGRAPH_DATA_DIR=.data")),
                            ("Who supports HSC?", ("graph is empty", "make build", "INNOGRAPH_DATA_DIR=.data"))):
        got = answer(GraphQueries(store), question)
        assert got.status == "empty" and not got.items
        assert all(w in got.summary for w in words), got.summary
        assert str(tmp_path) in got.summary
        assert "怀柔科学城」的节点" not in got.summary and "no node named" not in got.summary


def test_no_suggestion_has_a_blank_year():
    """A graph with nodes but no dated document offers no "年出台了哪些政策？" (the year left blank)."""
    from graph.ask.gazetteer import gazetteer_for
    from graph.ask.parser import parse
    from graph.ask.suggest import not_understood
    from graph.memory import MemoryStore
    from graph.queries import GraphQueries
    from graph.store import Batch
    store = MemoryStore()
    store.write(Batch(nodes=[Node(id="zone-x", type="Zone", name_zh="某科学城", name_en="Some Science City")]))
    queries = GraphQueries(store)
    for question in ("你好", "hello there"):
        got = not_understood(queries, parse(question, gazetteer_for(store)))
        assert got["suggestions"], question
        assert not any(s.startswith("年") or "in ?" in s for s in got["suggestions"]), got["suggestions"]


# ---- yes / no about two named nodes -----------------------------------------------------------------

def test_a_yes_comes_with_the_edge_that_says_so(bundled):
    got = answer(bundled, "市科委支持北京智源人工智能研究院吗？")
    assert got.status == "answered" and got.query == "yes_no" and got.summary.startswith("是")
    assert got.evidence and all(q.relation == "SUPPORTS" for q in got.evidence)
    fund = answer(bundled, "Does the Beijing S&T Innovation Fund invest in the Baidu Ventures sub-fund?")
    assert fund.summary.startswith("Yes") and fund.evidence[0].relation == "INVESTS_IN"


def test_a_no_says_the_graph_records_none_and_what_it_does_record(bundled):
    got = answer(bundled, "北京生命科学研究所位于怀柔科学城吗？")
    assert got.summary.startswith("否") and "图中没有" in got.summary and "中关村科学城" in got.summary
    assert not got.items and [i.node.id for i in got.related] == ["zone-zhongguancun-science-city"]
    fsc = answer(bundled, "Does Future Science City focus on artificial intelligence?")
    assert fsc.summary.startswith("No") and {i.node.id for i in fsc.related} == {
        "field-hydrogen-energy", "field-smart-energy", "field-new-materials"}


def test_a_yes_through_a_member_zone_says_through_which(bundled):
    got = answer(bundled, "北京纳米能源与系统研究所位于三城一区吗")
    assert got.summary.startswith("是") and "经由怀柔科学城" in got.summary


def test_a_passive_yes_no_keeps_who_did_what(bundled):
    got = answer(bundled, "京港科技创新合作论坛是市科委主办的吗")
    assert got.summary.startswith("是：北京市科学技术委员会主办京港科技创新合作论坛")
    assert answer(bundled, "北京智源人工智能研究院是市科委支持的吗").summary.startswith("是")
    assert answer(bundled, "Is BAAI supported by BMSTC?").summary.startswith("Yes")
    # the active question the other way round is a no, and says which way the graph's edge runs
    reverse = answer(bundled, "北京智源人工智能研究院支持市科委吗")
    assert reverse.summary.startswith("否") and "北京市科学技术委员会 —SUPPORTS→ 北京智源人工智能研究院" in reverse.summary


def test_a_no_names_the_other_relation_the_two_do_have(bundled):
    got = answer(bundled, "Does BMSTC support Tianjin?")
    assert got.summary.startswith("No") and "PARTNERS_WITH" in got.summary


def test_a_yes_no_question_of_no_known_relation_is_left_to_the_forms(bundled):
    assert answer(bundled, "怀柔科学城和未来科学城有关系吗").query == "paths"
    assert answer(bundled, "Is Huairou Science City better than Future Science City?").status == "not_understood"


# ---- which zone has the most … ----------------------------------------------------------------------

def test_the_zone_with_the_most_fields_leads_with_every_count_said(bundled):
    got = answer(bundled, "哪个园区聚焦的领域最多？")
    assert got.query == "most_members" and got.items[0].node.id == "zone-beijing-economic-technological-development-area"
    assert got.items[0].value == 6 and "不是报告给出的总数" in got.summary
    assert "zone-three-science-cities-and-one-area" not in {i.node.id for i in got.items}  # a group of zones


def test_the_zone_with_the_most_institutions_counts_located_institutions(bundled):
    got = answer(bundled, "Which zone has the most institutions?")
    assert [(i.node.id, i.value) for i in got.items[:1]] == [("zone-zhongguancun-science-city", 2)]


def test_the_most_companies_per_zone_stays_declined(bundled):
    assert answer(bundled, "Which zone has the most companies?").status == "not_understood"
    assert answer(bundled, "哪个园区最好？").status == "not_understood"


# ---- a figure asked in the report's own words -------------------------------------------------------

def test_a_figure_is_found_by_the_words_of_the_quote_that_gives_it(bundled):
    # 落地 is not in the figure's name (怀柔科学城首批重点支持项目数) but in its quote (等30个项目落地)
    got = answer(bundled, "怀柔科学城首批落地了几个项目？")
    assert got.query == "figure" and "30" in got.summary
    # the words outside the zone's name must still be the figure's: another zone gets no 30
    other = answer(bundled, "未来科学城首批落地了几个项目？")
    assert "30" not in other.summary


# ---- a loose English name cut by a name and a year ----------------------------------------------------

def test_a_loose_english_name_is_read_across_the_name_and_year_inside_it(bundled):
    # Beijing (a region) and 2022 (a year) were read apart; 'winter olympics' named nothing
    got = answer(bundled, "Who supports the Beijing 2022 Winter Olympics?")
    assert got.status == "answered" and got.params["refs"] == ["event-beijing-2022-olympic-winter-games"]
    assert got.count == 2


def test_loose_words_fold_plurals():
    gaz = Gazetteer([Node(id="event-g", type="Event", name_zh="冬奥会", name_en="Beijing 2022 Olympic Winter Games")])
    assert gaz.closest(match_key("beijing 2022 winter olympics"))[0][0] == match_key("Beijing 2022 Olympic Winter Games")
    assert gaz.closest(match_key("2022")) == []


def test_a_yes_no_question_with_a_condition_the_graph_does_not_hold_is_declined(bundled):
    # a year the graph holds no document of, or a time no reading holds: not answered yes or no
    for question in ("Does BMSTC still support BAAI in 2025?", "2019年市科委支持北京智源人工智能研究院吗",
                     "市科委明年支持北京智源人工智能研究院吗", "Does BMSTC support BAAI next year?"):
        got = answer(bundled, question)
        assert got.status == "not_understood" and not got.summary.startswith(("是", "否", "Yes", "No")), question
    year = answer(bundled, "Does BMSTC still support BAAI in 2025?")
    assert "2018" in year.summary and year.suggestions == ["Does BMSTC still support BAAI?"]
    assert answer(bundled, "Did BMSTC support BAAI in 2018?").summary.startswith("Yes")
