"""Reading questions on the seven-node fixture: names, skeletons, forms, types, counts, years."""

from __future__ import annotations

import pytest

from graph.ask.gazetteer import Gazetteer, gazetteer_for, match_key
from graph.ask.parser import parse
from graph.model import Node
from graph.store import Batch

HSC = "zone-huairou-science-city"
BMSTC = "institution-beijing-municipal-science-technology-commission"
FUND = "fund-beijing-science-and-technology-innovation-fund"
HEBEI = "region-hebei"


def read(store, question):
    return parse(question, gazetteer_for(store))


@pytest.mark.parametrize("text, key", [
    ("懷柔科學城", "怀柔科学城"),
    ("ＨＳＣ", "hsc"),
    ("Beijing Municipal Science & Technology Commission", "beijing municipal science and technology commission"),
    ("“科技冬奥” 专项", "科技冬奥专项"),
    ("Hebei's partners?", "hebei partners"),
    ("who supports 怀柔科学城？", "who supports怀柔科学城"),
])
def test_match_key_folds_width_script_case_and_punctuation(text, key):
    assert match_key(text) == key


@pytest.mark.parametrize("question", ["谁支持懷柔科學城", "Who supports ＨＳＣ?", "who supports huairou science city",
                                      "哪些计划支持“怀柔科学城”？"])
def test_names_are_found_in_any_width_script_or_case(mini_store, question):
    assert [m.ids for m in read(mini_store, question).mentions] == [(HSC,)]


def test_the_longest_name_wins_over_the_alias_inside_it(mini_store):
    p = read(mini_store, "怀柔科学城科学规划支持什么")
    assert [m.text for m in p.mentions] == ["怀柔科学城科学规划"]


def test_latin_names_match_whole_words_only(mini_store):
    gaz = gazetteer_for(mini_store)
    assert [s.key for s in gaz.find("who supports hsc")] == ["hsc"]
    assert gaz.find("who supports hscx") == []
    assert gaz.find("xbinn") == []


def test_a_name_that_is_an_everyday_word_counts_only_in_capitals():
    gaz = Gazetteer([Node(id="i-most", type="Institution", name_zh="科学技术部", aliases=["MOST"])])
    everyday = frozenset({"most"})
    assert gaz.find("which are the most connected", everyday) == []
    assert [s.ids for s in gaz.find("what does most support", everyday, frozenset({"MOST"}))] == [("i-most",)]


def test_the_cover_prefers_most_characters_then_fewest_names():
    gaz = Gazetteer([Node(id="r-bj", type="Region", name_zh="北京市"),
                     Node(id="i-kw", type="Institution", name_zh="科委"),
                     Node(id="i-skw", type="Institution", name_zh="市科委")])
    assert [s.key for s in gaz.find("北京市科委")] == ["北京市", "科委"]  # not 市科委 alone


def test_no_name_is_read_across_a_clause_mark():
    """'除了北京，市科委还和哪些地区合作？' (session 14): with 北京市科委 an alias of the commission, the comma's
    two sides read as that one name and the question lost its 'besides Beijing'."""
    gaz = Gazetteer([Node(id="r-bj", type="Region", name_zh="北京"),
                     Node(id="i-kw", type="Institution", name_zh="北京市科学技术委员会", aliases=["北京市科委", "市科委"])])
    p = parse("除了北京，市科委还和哪些地区合作？", gaz)
    assert [m.text for m in p.mentions] == ["市科委"] and p.excluded == ["r-bj"]
    assert [m.text for m in parse("北京市科委和哪些地区合作？", gaz).mentions] == ["北京市科委"]
    assert match_key("北京，市科委") == "北京市科委"  # a name's own key keeps no mark


@pytest.mark.parametrize("question, form, refs, types", [
    ("哪些计划支持怀柔科学城？", "supporters", [HSC], ["Program"]),
    ("Which funds support HSC?", "supporters", [HSC], ["Fund"]),
    ("市科委支持了哪些机构", "supported", [BMSTC], ["Institution"]),
    ("What does BMSTC support?", "supported", [BMSTC], []),
    ("市科技创新基金投资了哪些子基金", "investments", [FUND], ["Fund"]),
    ("Which sub-funds does fund 市科技创新基金 invest in?", "investments", [FUND], ["Fund"]),
    ("谁与河北合作", "partners", [HEBEI], []),
    ("怀柔科学城有哪些机构", "members", [HSC], ["Institution"]),
    ("怀柔科学城和河北有什么关系", "paths", [HSC, HEBEI], []),
    ("How is Hebei related to HSC?", "paths", [HEBEI, HSC], []),
    ("Tell me about BINN", "about", ["institution-beijing-institute-of-nanoenergy-and-nanosystems"], []),
])
def test_forms_slots_and_type_filters(mini_store, question, form, refs, types):
    p = read(mini_store, question)
    assert (p.form.id, [m.id for m in p.slots], p.types) == (form, refs, types)


def test_word_order_tells_who_supports_whom(mini_store):
    assert read(mini_store, "谁支持北京纳米能源与系统研究所").form.id == "supporters"
    assert read(mini_store, "市科委支持了谁").form.id == "supported"
    assert read(mini_store, "哪些机构受到市科委的支持").form.id == "supported"
    assert read(mini_store, "Who is supported by BMSTC?").form.id == "supported"
    assert read(mini_store, "BINN is supported by which institutions?").form.id == "supporters"


def test_a_type_word_naming_the_names_own_type_describes_it(mini_store):
    assert read(mini_store, "Who invests in the fund 中科创星子基金?").types == []
    assert read(mini_store, "Who funds BINN?").types == []  # a verb here, not "funds"


def test_counts_and_years(mini_store):
    p = read(mini_store, "怀柔科学城有多少个机构？")
    assert (p.form.id, p.count, p.types) == ("members", True, ["Institution"])
    assert read(mini_store, "哪几个机构在怀柔科学城").count is False
    p = read(mini_store, "What was new in 2018?")
    assert (p.form.id, p.year) == ("new_in_year", 2018)


def test_an_unknown_name_is_kept_whole_and_a_misspelt_one_is_matched(mini_store):
    p = read(mini_store, "谁支持火星科学城")
    assert (p.form.id, [m.kind for m in p.slots], p.slots[0].text) == ("supporters", ["unknown"], "火星科学城")
    p = read(mini_store, "who supports mars science city")
    assert (p.form.id, p.slots[0].kind, p.slots[0].text) == ("supporters", "unknown", "mars science city")
    p = read(mini_store, "Who supports Huairou Sciense City?")
    assert (p.slots[0].kind, p.slots[0].id) == ("fuzzy", HSC)


def test_a_stray_word_does_not_displace_a_good_reading(mini_store):
    p = read(mini_store, "请问一下怀柔科学城的重点领域是什么")
    assert (p.form.id, [m.id for m in p.slots]) == ("fields", [HSC])


def test_an_ambiguous_name_takes_the_type_the_form_wants(mini_store):
    mini_store.write(Batch(nodes=[Node(id="program-hsc", type="Program", name_zh="HSC计划", aliases=["HSC"])]))
    p = read(mini_store, "What is located in HSC?")
    assert p.slots[0].id == HSC and set(p.slots[0].ids) == {HSC, "program-hsc"}
    p = read(mini_store, "What does the program HSC include?")
    assert p.slots[0].id == "program-hsc"


def test_the_gazetteer_is_cached_per_store_and_rebuilt_when_the_graph_changes(mini_store, monkeypatch):
    import graph.ask.gazetteer as gz

    first = gazetteer_for(mini_store)
    assert gazetteer_for(mini_store) is first
    mini_store.write(Batch(nodes=[Node(id="zone-x", type="Zone", name_zh="新园区")]))
    monkeypatch.setattr(gz, "REVALIDATE_SECONDS", 0.0)
    again = gazetteer_for(mini_store)
    assert again is not first and "新园区" in again.names
    gz.forget(mini_store)
    assert gazetteer_for(mini_store) is not again
