"""Year-to-year differences between reports."""

from __future__ import annotations

import pytest

from graph.errors import InvalidInput
from graph.memory import MemoryStore
from loaders.diff import diff
from loaders.sources import load_sources

HEADER = "title: 报告\npublisher: 北京市科学技术委员会\nyear: {year}\n---\n"


@pytest.fixture
def store(tmp_path):
    store = MemoryStore()
    for year, body in ((2018, "聚焦怀柔科学城,支持北京纳米能源与系统研究所建设。举办北京国际学术交流季。"),
                       (2019, "聚焦怀柔科学城,支持北京量子信息科学研究院建设。举办北京国际学术交流季。")):
        path = tmp_path / f"report-{year}.txt"
        path.write_text(HEADER.format(year=year) + body, encoding="utf-8")
        load_sources(store, [path])
    return store


def test_nodes_and_edges_appear_and_disappear(store):
    d = diff(store, 2018, 2019)
    added, removed = {n.name_zh for n in d.nodes_added}, {n.name_zh for n in d.nodes_removed}
    assert added == {"北京量子信息科学研究院", "量子信息"} and removed == {"北京纳米能源与系统研究所"}
    names = {n.id: n.name_zh for n in store.iter_nodes()}
    assert ("北京市科学技术委员会", "SUPPORTS", "北京量子信息科学研究院") in \
        {(names[e.source], e.type, names[e.target]) for e in d.edges_added}
    changed = {(names[e.source], e.type, names[e.target]) for e in d.edges_added + d.edges_removed}
    assert ("北京市科学技术委员会", "SUPPORTS", "怀柔科学城") not in changed  # in both years
    back = diff(store, 2019, 2018)
    assert {n.name_zh for n in back.nodes_added} == removed


def test_diff_of_records_and_json(store):
    from graph.store import Batch
    batch = Batch(nodes=list(store.iter_nodes()), edges=list(store.iter_edges()), documents=store.documents())
    added = diff(batch, 2018, 2019).to_json()["nodes"]["added"]
    assert {n["name_zh"] for n in added} == {"北京量子信息科学研究院", "量子信息"}


def test_unknown_year_is_a_clear_error(store):
    with pytest.raises(InvalidInput, match="no document of 2017.*2018, 2019"):
        diff(store, 2017, 2019)
