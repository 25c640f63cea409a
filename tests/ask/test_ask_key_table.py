"""A large store's names read by key from its key table (session 18).

A store of more than WHOLE_MAX_NODES nodes (here the bundled graph, with the bound lowered to 0) answers a
question without listing its nodes once its key table is written, and gives the answer the whole gazetteer
gives, word for word, for exact, misspelt, loose English and unknown names; the table follows the graph
(a node written later is found), and a small store keeps none.
"""

from __future__ import annotations

import pytest

from graph.ask import answer, gazetteer
from graph.ask.stored_gazetteer import StoredGazetteer
from graph.memory import MemoryStore
from graph.model import Node
from graph.queries import GraphQueries
from graph.store import Batch
from loaders.sources import build_bundled

QUESTIONS = (
    "哪些计划支持怀柔科学城？",                       # a zone's supporters
    "科技冬奥专项包括哪些项目？",                     # a named program
    "怀柔科学成有哪些机构？",                         # a Chinese name one character off
    "北京经济技术开法区有哪些企业",                   # cut by an alias, read whole again
    "Which programs support Huairou Science City?",   # an English name
    "What does Huairu Science City focus on?",        # an English name misspelt
    "Who supports Huairou?",                          # the name holding every word
    "Waht does BMSTC support?",                       # a slipped question word, a name's abbreviation
    "量子引力研究院有哪些合作伙伴？",                 # an unknown name, with the closest names suggested
    "除了北京，市科委还和哪些地区合作",               # no name across a clause break
)


class NoWholeRead:
    """The store, failing on any read of every node."""

    def __init__(self, store: MemoryStore):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def iter_nodes(self):
        raise AssertionError("every node read")


@pytest.fixture
def saved(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer, "WHOLE_MAX_NODES", 0)
    path = tmp_path / "graph.json"
    store = MemoryStore(path)
    build_bundled(store)
    store.save()
    store.close()
    return path


def _answers(store, questions=QUESTIONS) -> list[dict]:
    return [answer(GraphQueries(store), q).model_dump() for q in questions]


def test_a_large_store_answers_from_its_key_table_without_reading_every_node(saved):
    whole = MemoryStore(saved, lazy=True)
    gazetteer._CACHE[whole] = (gazetteer.Gazetteer(list(whole.iter_nodes())), gazetteer._signature(whole), 1e18)
    expected = _answers(whole)
    assert expected[0]["query"] == "supporters" and expected[2]["query"] == "members"
    assert expected[8]["status"] == "unknown_entity" and expected[8]["suggestions"]

    first = MemoryStore(saved, lazy=True)  # the first question on this graph writes the table
    assert _answers(first) == expected
    assert saved.with_name("graph.json.askkeys").is_file()

    later = NoWholeRead(MemoryStore(saved, lazy=True))  # a later process reads it by key
    assert _answers(later) == expected
    assert isinstance(gazetteer.gazetteer_for(later), StoredGazetteer)


def test_the_key_table_follows_the_graph(saved):
    gazetteer.build_key_table(MemoryStore(saved, lazy=True))
    store = MemoryStore(saved)
    store.write(Batch(nodes=[Node(id="institution-test-lab", type="Institution", name_zh="量子引力研究院",
                                  name_en="Quantum Gravity Institute")]))
    store.close()
    # the first question after the write reads every node once and writes the table again
    got = answer(GraphQueries(MemoryStore(saved, lazy=True)), "介绍一下量子引力研究院")
    assert [m.node.id for m in got.mentions] == ["institution-test-lab"]
    later = NoWholeRead(MemoryStore(saved, lazy=True))
    got = answer(GraphQueries(later), "Tell me about the Quantum Gravity Institute")
    assert [m.node.id for m in got.mentions] == ["institution-test-lab"]


def test_a_small_store_keeps_no_key_table(tmp_path):
    store = MemoryStore(tmp_path / "graph.json")
    build_bundled(store)
    store.save()
    assert store.counts().total_nodes <= gazetteer.WHOLE_MAX_NODES
    assert answer(GraphQueries(store), "哪些计划支持怀柔科学城？").query == "supporters"
    assert gazetteer.key_table_path(store) is None
    assert not (tmp_path / "graph.json.askkeys").exists()
