"""Loaders keep what is valid, reject what is not (with file, line and reason), store all or nothing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph.errors import InvalidInput, LoadError
from graph.memory import MemoryStore
from loaders.evidence import locate
from loaders.sources import load_sources, read_sources

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_mini_yaml_loads_every_record(mini_store):
    counts = mini_store.counts()
    assert counts.total_nodes == 7 and counts.total_edges == 6 and counts.documents == 1


def test_evidence_is_the_whole_sentence_at_its_offsets():
    text = (MINI / "report.txt").read_text(encoding="utf-8")
    ev = locate(text, "mini", "整建制搬迁入驻")
    assert ev.quote == "聚焦怀柔科学城，支持北京纳米能源与系统研究所整建制搬迁入驻。"
    assert text[ev.start:ev.end] == ev.quote


def test_quote_that_occurs_twice_needs_an_occurrence():
    with pytest.raises(ValueError, match="occurs 2 times"):
        locate("甲支持乙。甲支持丙。", "d", "甲支持")
    assert locate("甲支持乙。甲支持丙。", "d", "甲支持", occurrence=2).quote == "甲支持丙。"


def test_malformed_yaml_names_file_and_line(tmp_path):
    bad = write(tmp_path / "bad.yaml", """\
        nodes:
          - type: Zone
            name_zh: 甲
           name_en: broken indentation
        """)
    result = read_sources([bad])
    assert len(result.rejected) == 1
    rejection = result.rejected[0]
    assert rejection.file == str(bad) and rejection.line == 4 and "malformed YAML" in rejection.reason


@pytest.mark.parametrize("row, reason", [
    ("{type: Planet, name_zh: 火星}", "unknown node type"),
    ("{type: Zone}", "needs a text 'name_zh'"),
    ("{type: Zone, name_zh: 甲, colour: red}", "unknown node field"),
    ("{type: Zone, name_zh: 甲, aliases: 乙}", "must be a list"),
])
def test_bad_node_rows_are_rejected_with_a_reason(tmp_path, row, reason):
    path = write(tmp_path / "n.yaml", f"nodes:\n  - {row}\n")
    result = read_sources([path])
    assert [r.line for r in result.rejected] == [2]
    assert reason in result.rejected[0].reason


@pytest.mark.parametrize("edge, reason", [
    ("{source: 甲, type: SUPPORTS, target: 无此节点}", "no node named '无此节点'"),
    ("{source: 甲, type: LIKES, target: 乙}", "unknown edge type"),
    ("{source: 甲, type: MEASURES, target: 乙}", "not in the schema"),
    ("{source: 甲, type: SUPPORTS, target: 乙, quote: 不在文中}", "quote needs a document"),
])
def test_bad_edges_are_rejected_with_a_reason(tmp_path, edge, reason):
    path = write(tmp_path / "e.yaml", f"""\
        nodes:
          - {{type: Program, name_zh: 甲}}
          - {{type: Zone, name_zh: 乙}}
        edges:
          - {edge}
        """)
    result = read_sources([path])
    assert len(result.rejected) == 1 and reason in result.rejected[0].reason
    assert result.rejected[0].line == 5


def test_a_failed_load_leaves_the_previous_graph_exactly(mini_store, tmp_path):
    before = sorted(e.model_dump_json() for e in mini_store.iter_edges())
    snapshot = mini_store.path.read_bytes()
    bad = write(tmp_path / "half.yaml", """\
        nodes:
          - {type: Zone, name_zh: 新区}
        edges:
          - {source: 新区, type: PART_OF, target: 不存在}
        """)
    with pytest.raises(LoadError, match="nothing was stored"):
        load_sources(mini_store, [bad])
    assert sorted(e.model_dump_json() for e in mini_store.iter_edges()) == before
    assert mini_store.path.read_bytes() == snapshot
    assert MemoryStore(mini_store.path).counts() == mini_store.counts()


def test_duplicates_merge_instead_of_doubling(mini_store, tmp_path):
    again = write(tmp_path / "again.yaml", """\
        nodes:
          - {type: Zone, name_zh: 怀柔科学城, aliases: [Huairou]}
          - {type: Institution, name_zh: 市科委}
        edges:
          - {source: 北京纳米能源与系统研究所, type: LOCATED_IN, target: Huairou}
        """)
    before = mini_store.counts()
    load_sources(mini_store, [again])
    assert mini_store.counts() == before
    zone = mini_store.get_nodes(["zone-huairou-science-city"])["zone-huairou-science-city"]
    assert "Huairou" in zone.aliases


def test_loading_the_same_files_twice_changes_nothing(mini_store):
    before = sorted(e.model_dump_json() for e in mini_store.iter_edges())
    load_sources(mini_store, [MINI])
    assert sorted(e.model_dump_json() for e in mini_store.iter_edges()) == before


def test_csv_pair_loads_and_links_to_the_existing_graph(mini_store, tmp_path):
    write(tmp_path / "nodes.csv", """\
        id,type,name_zh,name_en,aliases,attr.kind,attr.founded
        ,Institution,怀柔实验室,Huairou Laboratory,HL|怀柔实验室,research,2020
        """)
    write(tmp_path / "edges.csv", """\
        source,type,target,doc,quote,start,end
        怀柔实验室,LOCATED_IN,HSC,note,位于怀柔科学城,0,7
        """)
    result = load_sources(mini_store, [tmp_path])
    assert result.summary()["nodes"] == 1 and result.summary()["edges"] == 1
    lab = mini_store.get_nodes(["institution-huairou-laboratory"])["institution-huairou-laboratory"]
    assert lab.attrs == {"kind": "research", "founded": 2020}
    [edge] = mini_store.edges([lab.id], "out")
    assert edge.target == "zone-huairou-science-city" and edge.evidence[0].quote == "位于怀柔科学城"


@pytest.mark.parametrize("nodes_csv, reason", [
    ("id,type,name_zh,colour\n,Zone,甲,red\n", "unknown column(s) colour"),
    ("id,type,name_zh\n,Zone\n", "different number of fields"),
    ("", "empty file"),
])
def test_bad_csv_names_file_line_and_reason(tmp_path, nodes_csv, reason):
    (tmp_path / "nodes.csv").write_text(nodes_csv, encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,type,target\n", encoding="utf-8")
    result = read_sources([tmp_path])
    assert result.rejected and reason in result.rejected[0].reason
    assert result.rejected[0].file.endswith("nodes.csv")


def test_csv_that_is_not_utf8_is_rejected(tmp_path):
    (tmp_path / "nodes.csv").write_bytes("id,type,name_zh\n,Zone,怀柔\n".encode("gb18030"))
    (tmp_path / "edges.csv").write_text("source,type,target\n", encoding="utf-8")
    result = read_sources([tmp_path])
    assert "not UTF-8" in result.rejected[0].reason


def test_unknown_kind_of_path_is_a_clear_error(tmp_path):
    odd = tmp_path / "graph.bin"
    odd.write_bytes(b"\x00\x01")
    with pytest.raises(InvalidInput, match="not a YAML file"):
        read_sources([odd])
    with pytest.raises(InvalidInput, match="no such file"):
        read_sources([tmp_path / "missing.yaml"])


def test_an_id_of_another_type_in_the_graph_is_rejected(mini_store, tmp_path):
    clash = write(tmp_path / "clash.yaml", """\
        nodes:
          - {id: zone-huairou-science-city, type: Fund, name_zh: 假基金}
        """)
    with pytest.raises(LoadError) as info:
        load_sources(mini_store, [clash])
    assert "already a Zone, not a Fund" in str(info.value.rejections[0])
    assert "假基金" not in mini_store.get_nodes(["zone-huairou-science-city"])["zone-huairou-science-city"].aliases
