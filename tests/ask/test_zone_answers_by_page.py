"""Own supporters and two zones compared, read by page from the zone index (session 17).

With every zone of the bundled graph a hub of the index, the answers read by page equal the answers read
whole (the path of a node without an index), word for word; a zone's members, its peers' supporters and its
relations are never read whole; an answer longer than its page lists one page and says "at least", and the
scan's bound, when it stops an answer, is said.
"""

from __future__ import annotations

import pytest

from graph.ask import answer, compare_pages, own_supporters
from graph.memory import MemoryStore
from graph.queries import GraphQueries
from graph.schema import SUPPORT_EDGES_IN
from loaders.sources import build_bundled
from tests.support.zone_answers import FOUR, NoIndex, low_index, outcome, questions

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
    """The store, failing on any read of a hub's whole supporters, members or relations."""

    def __init__(self, store: MemoryStore):
        self._store = store
        self.hubs = {n.id for t in ("Zone", "Program") for n in store.nodes_of_type(t)
                     if store.profile_window(n.id, 1) is not None}

    def __getattr__(self, name):
        return getattr(self._store, name)

    def _check(self, ids, types) -> None:
        wide = not types or set(types) & {"LOCATED_IN", "MEASURES", "PARTNERS_WITH"}
        assert not (wide and self.hubs & set(ids)), f"a hub read whole: {sorted(self.hubs & set(ids))} {types}"

    def support_keys(self, target):
        assert target not in self.hubs, f"every supporter of hub {target} read"
        return self._store.support_keys(target)

    def edges(self, ids, direction="both", types=()):
        ids = list(ids)
        self._check(ids, types)
        return self._store.edges(ids, direction, types)

    def edge_keys(self, ids, direction="both", types=()):
        ids = list(ids)
        self._check(ids, types)
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
