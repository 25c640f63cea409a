"""Loading reports: records, evidence offsets, merging into a graph, years, bad input."""

from __future__ import annotations

import time

import pytest

from graph.errors import LoadError
from graph.memory import MemoryStore
from graph.schema import pattern_error
from loaders.report_loader import extract_report, load_report
from loaders.sources import load_sources, read_sources

from .conftest import FIXTURES, REPORT

MINI = REPORT.parent.parent.parent / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def bundled():
    started = time.perf_counter()
    extraction = extract_report(REPORT)
    return extraction, time.perf_counter() - started


def test_whole_report_is_fast_and_rich(bundled):
    extraction, seconds = bundled
    assert seconds < 5
    assert len(extraction.nodes) > 150 and len(extraction.edges) > 150


def test_document_record(bundled):
    doc = bundled[0].document
    assert doc.id == "bjstc-2018-self-assessment" and doc.year == 2018
    assert doc.title == "北京市科学技术委员会关于2018年度绩效管理的自查报告"
    assert doc.publisher == "北京市科学技术委员会" and doc.date == "2019-01-15"


def test_evidence_quotes_the_original_text(bundled):
    extraction, _ = bundled
    original = REPORT.read_text(encoding="utf-8")
    for edge in extraction.edges:
        for ev in edge.evidence:
            assert original[ev.start:ev.end] == ev.quote and ev.doc == "bjstc-2018-self-assessment"


def test_records_carry_provenance(bundled):
    extraction, _ = bundled
    types = {n.id: n.type for n in extraction.nodes}
    for node in extraction.nodes:
        assert node.attrs["extracted"] is True and node.attrs["year"] == 2018
        assert 0 < node.attrs["confidence"] <= 1 and node.sources == ["bjstc-2018-self-assessment"]
    for edge in extraction.edges:
        assert edge.attrs["extracted"] is True and edge.attrs["year"] == 2018
        assert pattern_error(types[edge.source], edge.type, types[edge.target]) is None


def test_traditional_report_offsets():
    extraction = extract_report(FIXTURES / "beijing-2019-traditional.txt")
    original = (FIXTURES / "beijing-2019-traditional.txt").read_text(encoding="utf-8")
    quotes = [ev for e in extraction.edges for ev in e.evidence]
    assert quotes and all(original[ev.start:ev.end] == ev.quote for ev in quotes)
    assert any("懷柔科學城" in ev.quote for ev in quotes)  # the original script, not the Simplified view
    spans = [s for spans in extraction.spans.values() for s in spans]
    assert any(original[a:b] == "懷柔科學城" for a, b in spans)
    names = {n.name_zh for n in extraction.nodes}
    assert "怀柔科学城" in names  # node names are Simplified


def test_reload_is_idempotent():
    store = MemoryStore()
    store.write(load_report(REPORT).kept)
    first = store.counts()
    store.write(load_report(REPORT, store=store).kept)
    assert store.counts() == first
    evidence = sum(len(e.evidence) for e in store.iter_edges())
    store.write(load_report(REPORT, store=store).kept)
    assert sum(len(e.evidence) for e in store.iter_edges()) == evidence


def test_mentions_merge_into_known_nodes(tmp_path):
    store = MemoryStore()
    load_sources(store, [MINI])
    before = {n.id for n in store.iter_nodes()}
    path = tmp_path / "r2019.txt"
    path.write_text("title: 2019年报告\npublisher: 北京市科学技术委员会\nyear: 2019\n---\n"
                    "聚焦怀柔科学城,支持BINN建设。市科委与河北加强合作。", encoding="utf-8")
    result = load_sources(store, [path])
    by_name = {n.name_zh: n for n in store.iter_nodes()}
    assert by_name["怀柔科学城"].id in before and by_name["河北省"].id in before
    assert by_name["北京市科学技术委员会"].id in before
    assert "2019年报告" not in by_name and len([n for n in store.iter_nodes() if n.name_zh == "怀柔科学城"]) == 1
    assert "r2019" in by_name["怀柔科学城"].sources  # the known node now cites the new report
    assert not by_name["怀柔科学城"].attrs.get("extracted")  # curated attributes are left alone
    assert result.summary()["documents"] == 1


def test_year_option_and_confidence_filter():
    low = extract_report(REPORT, year=2019, min_confidence=0.0)
    high = extract_report(REPORT, min_confidence=0.6)
    assert low.document.year == 2019 and all(n.attrs["year"] == 2019 for n in low.nodes)
    assert 0 < len(high.edges) < len(low.edges) and len(high.nodes) < len(low.nodes)
    assert all(e.attrs["confidence"] >= 0.6 for e in high.edges)


def test_nothing_recognisable_is_a_rejection(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("title: 随笔\n---\n今天天气很好,我们去公园散步,看见了很多花。", encoding="utf-8")
    result = load_report(path)
    assert not result.kept.nodes and "no entities recognised" in result.rejected[0].reason
    with pytest.raises(LoadError, match="rejected"):
        load_sources(MemoryStore(), [path])


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"\x00\x01\x02binary", "binary"),
                                              (b"\x80\xff\xfd\xff\xff", "cannot decode")])
def test_bad_files_through_the_loader(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    store = MemoryStore()
    with pytest.raises(LoadError, match=message):
        load_sources(store, [path])
    assert store.counts().total_nodes == 0


def test_read_sources_dispatches_reports():
    result = read_sources([FIXTURES / "hangzhou-2021.html", FIXTURES / "shenzhen-2020.txt"])
    assert {d.id for d in result.kept.documents} == {"hangzhou-2021", "shenzhen-2020"}
    assert {d.year for d in result.kept.documents} == {2021, 2020}


def test_preview_json(bundled):
    data = bundled[0].to_json()
    assert data["document"]["id"] == "bjstc-2018-self-assessment"
    assert data["summary"]["nodes"] == len(data["nodes"]) and data["mentions"]
    original = REPORT.read_text(encoding="utf-8")
    assert all(original[m["start"]:m["end"]] == m["text"] for m in data["mentions"])
