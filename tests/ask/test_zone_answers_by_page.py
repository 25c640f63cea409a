"""Zone answers read by page from the zone index: own supporters and two zones compared (session 17); supporters,
shared supporters, the zones ranked by supporters, members and the story (session 18).

With every zone of the bundled graph a hub of the index, the answers read by page equal the answers read
whole (the path of a node without an index), word for word; a zone's members, its peers' supporters and its
relations are never read whole; an answer longer than its page lists one page and says "at least", and the
scan's bound, when it stops an answer, is said.
"""

from __future__ import annotations

import pytest

from graph.ask import answer, compare_pages, own_supporters, run, zone_rows
from graph.memory import MemoryStore
from graph.queries import GraphQueries
from graph.schema import SUPPORT_EDGES_IN
from loaders.sources import build_bundled
from tests.support.zone_answers import FOUR, NoIndex, low_index, more_questions, outcome, questions

HUAIROU_OWN = {"institution-huairou-science-city-development-strategy-expert-group", "policy-huairou-science-city-plan",
               "policy-huairou-science-city-science-plan"}


@pytest.fixture
def indexed(monkeypatch) -> MemoryStore:
    low_index(monkeypatch)
    store = MemoryStore()
    build_bundled(store)
    assert all(store.profile_window(z, 1) is not None for z in FOUR)  # every zone answers from the index
    return store


def test_answers_by_page_equal_the_answers_read_whole(indexed):
    for question in questions(indexed):
        assert outcome(indexed, question) == outcome(NoIndex(indexed), question), question


class Guard:
    """The store, failing on any read of a hub's whole supporters, members or relations (its edges in of a type
    that grows with it, or of every type; out: of every type)."""

    def __init__(self, store: MemoryStore):
        self._store = store
        self.hubs = {n.id for t in ("Zone", "Program") for n in store.nodes_of_type(t)
                     if store.profile_window(n.id, 1) is not None}

    def __getattr__(self, name):
        return getattr(self._store, name)

    def _check(self, ids, types, direction="both") -> None:
        wide = not types or (direction != "out" and set(types) & {"LOCATED_IN", "MEASURES", "PARTNERS_WITH"})
        assert not (wide and self.hubs & set(ids)), f"a hub read whole: {sorted(self.hubs & set(ids))} {types}"

    def support_keys(self, target):
        assert target not in self.hubs, f"every supporter of hub {target} read"
        return self._store.support_keys(target)

    def edges(self, ids, direction="both", types=()):
        ids = list(ids)
        self._check(ids, types, direction)
        return self._store.edges(ids, direction, types)

    def edge_keys(self, ids, direction="both", types=()):
        ids = list(ids)
        self._check(ids, types, direction)
        return self._store.edge_keys(ids, direction, types)


def test_no_answer_reads_a_zone_or_its_peers_whole(indexed):
    guarded = Guard(indexed)
    got = answer(GraphQueries(guarded), "怀柔科学城有哪些独有的支持者")
    assert {i.node.id for i in got.items} == HUAIROU_OWN
    got = answer(GraphQueries(guarded), "怀柔科学城与未来科学城有什么区别？")
    assert got.query == "compare" and "project-physical-science-laboratory-huairou" in {i.node.id for i in got.items}
    guarded._store = NoIndex(indexed)  # the path of a node without an index reads whole: the guard says so
    for question in ("怀柔科学城有哪些独有的支持者", "怀柔科学城与未来科学城有什么区别？"):
        with pytest.raises(AssertionError, match="read"):
            answer(GraphQueries(guarded), question)


def test_an_answer_longer_than_its_page_lists_one_page_and_says_at_least(indexed, monkeypatch):
    monkeypatch.setattr(own_supporters, "PAGE", 2)
    monkeypatch.setattr(own_supporters, "CHUNK", 2)
    got = answer(GraphQueries(indexed), "怀柔科学城有哪些独有的支持者")
    assert got.count == 2 and got.truncated and {i.node.id for i in got.items} < HUAIROU_OWN
    assert "至少 2 个" in got.summary and any(n.startswith("只列出前 2 个") for n in got.notes)
    whole = answer(GraphQueries(indexed), "Which supporters does only Huairou Science City have?")
    assert whole.summary.startswith("supporters of Huairou Science City (怀柔科学城) that support none of its peers: at least 2")


def test_the_scan_bound_stops_an_answer_and_is_said(indexed, monkeypatch):
    monkeypatch.setattr(own_supporters, "CHUNK", 1)
    monkeypatch.setattr(own_supporters, "SCAN_BOUND", 1)  # the first supporter in the index's order is shared
    got = answer(GraphQueries(indexed), "Which supporters does only Huairou Science City have?")
    assert got.truncated and got.count < len(HUAIROU_OWN)
    assert any(n.startswith("only the first 1 of the ") and n.endswith("the rest were not") for n in got.notes)


def test_a_node_with_too_many_peers_is_declined_and_says_why(indexed, monkeypatch):
    monkeypatch.setattr(own_supporters, "MAX_PEERS", 2)
    got = answer(GraphQueries(indexed), "怀柔科学城有哪些独有的支持者")
    assert got.status == "not_understood" and "超过 2 个" in got.summary and not got.items


def test_two_zones_compared_by_a_page_give_whole_counts_and_a_floor_for_what_they_share(indexed, monkeypatch):
    whole = answer(GraphQueries(NoIndex(indexed)), "怀柔科学城与未来科学城有什么区别？")
    monkeypatch.setattr(compare_pages, "PAGE", 1)
    got = answer(GraphQueries(indexed), "怀柔科学城与未来科学城有什么区别？")
    members = [part for part in got.summary.split("。") if part.startswith("成员")][0]
    whole_members = [part for part in whole.summary.split("。") if part.startswith("成员")][0]
    assert members.split("；")[0] == whole_members.split("；")[0]  # "成员：怀柔科学城 N 个、未来科学城 M 个": whole counts
    assert "共有至少" in members and "（各列出前 1 个中的比较结果）" in got.summary
    supporters = [i for i in got.items if i.edges[0].type in SUPPORT_EDGES_IN]
    assert {i.node.id for i in supporters} >= {"policy-huairou-science-city-plan", "policy-future-science-city-plan"}


# ---- session 18: supporters, shared supporters, most supported, members, the story ---------------------------

def test_more_answers_by_page_equal_the_answers_read_whole(indexed):
    for question in more_questions(indexed):
        assert outcome(indexed, question) == outcome(NoIndex(indexed), question), question


def test_the_other_zone_answers_read_no_zone_whole(indexed):
    guarded = Guard(indexed)
    for question in more_questions(indexed):
        answer(GraphQueries(guarded), question)
    guarded._store = NoIndex(indexed)
    for question in ("谁支持怀柔科学城？", "怀柔科学城包括哪些？", "介绍一下怀柔科学城", "哪个园区最受支持？",
                     "怀柔科学城和未来科学城共同的支持者有哪些？"):
        with pytest.raises(AssertionError, match="read"):
            answer(GraphQueries(guarded), question)


@pytest.fixture
def small_pages(indexed, monkeypatch) -> MemoryStore:
    """Pages of two rows (and the one more that says whether more follow)."""
    monkeypatch.setattr(zone_rows, "PAGE", 2)
    monkeypatch.setattr(zone_rows, "CHUNK", 2)
    monkeypatch.setattr(run, "MAX_ITEMS", 2)
    return indexed


def test_supporters_by_page_keep_the_whole_count(small_pages):
    got = answer(GraphQueries(small_pages), "谁支持怀柔科学城？")
    assert got.count == 5 and len(got.items) == 2 and got.truncated
    assert "共 5 个" in got.summary and "只列出前 2 条" in got.notes
    got = answer(GraphQueries(small_pages), "哪些机构和项目支持怀柔科学城？")  # three types: three counters
    whole = answer(GraphQueries(NoIndex(small_pages)), "哪些机构和项目支持怀柔科学城？")
    assert got.count == whole.count == 3 and got.summary == whole.summary
    assert [i.node.id for i in got.items] == [i.node.id for i in whole.items]  # the three types' pages in one order


def test_a_supporter_left_out_by_name_makes_the_count_at_least(small_pages):
    got = answer(GraphQueries(small_pages), "怀柔科学城除了市科委还有谁支持？")
    assert got.query == "supporters" and "institution-beijing-municipal-science-and-technology-commission" not in {
        i.node.id for i in got.items}
    assert got.truncated and "至少 3 个" in got.summary  # 市科委 not on the page (3 read): the whole count is not known


def test_members_past_the_page_are_at_least_and_the_parts_come_first(small_pages):
    got = answer(GraphQueries(small_pages), "三城一区包括哪些？")  # 4 zones and the 13 things located in them
    assert got.truncated and "至少 3 个" in got.summary
    assert [i.node.type for i in got.items] == ["Zone", "Zone"]
    assert got.notes[-1] == "按成员索引的顺序只读了三城一区的 4 个直接成员中的前 4 个；其所含园区、地区的成员各读一页"
    got = answer(GraphQueries(small_pages), "怀柔科学城包括哪些？")
    assert "共 5 个" in got.summary and got.notes[-1] == "按成员索引的顺序只读了怀柔科学城的 5 个直接成员中的前 3 个"
    got = answer(GraphQueries(small_pages), "怀柔科学城包括哪些机构？")  # one institution: every member read to find it
    assert "共 1 个" in got.summary and not got.truncated
    whole = answer(GraphQueries(NoIndex(small_pages)), "三城一区包括哪些？")
    assert whole.count == 17 and "共 17 个" in whole.summary
    assert answer(GraphQueries(small_pages), "三城一区有多少个成员？").summary.endswith("：至少 3 个。")  # a count too
    assert answer(GraphQueries(small_pages), "怀柔科学城有多少个支持者？").summary.endswith("：5 个。")  # the counters'


def test_a_story_past_the_page_says_at_least_and_whose_rows_it_sources(small_pages):
    got = answer(GraphQueries(small_pages), "Tell me about Huairou Science City")
    assert got.query == "about" and got.truncated and "Direct relations of Huairou Science City (怀柔科学城): at least 3" in got.summary
    assert any(n.startswith("Source of the 2 rows listed") for n in got.notes)
    assert ("read in the index's order, the first 3 of each kind of relation of Huairou Science City (怀柔科学城): "
            "members 5 in all") in got.notes


def test_shared_supporters_stop_at_the_page(small_pages, monkeypatch):
    whole = answer(GraphQueries(NoIndex(small_pages)), "怀柔科学城和未来科学城共同的支持者有哪些？")
    monkeypatch.setattr(zone_rows, "PAGE", 0)
    monkeypatch.setattr(run, "MAX_ITEMS", 1)
    got = answer(GraphQueries(small_pages), "怀柔科学城和未来科学城共同的支持者有哪些？")
    assert got.query == "common_supporters" and whole.count == 2 and len(got.items) == 1 and "至少 1 个" in got.summary
    row = next(i for i in whole.items if i.node.id == got.items[0].node.id)  # a row of the whole answer, its paths
    assert got.items[0].edges == row.edges  # to both zones
    assert got.notes[-1].startswith("按支持者索引的顺序，只比较了") and got.notes[-1].endswith("个支持者中的前 2 个")
