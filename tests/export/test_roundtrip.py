"""Every readable format: export, read back, and get the same nodes, edges and attributes.

Read back twice: by our own parse_* (the records exactly), and by the reader a
user would use (networkx's read_graphml / read_gexf / node_link_graph, the csv
module, and the project's own CSV loader), checking Chinese, types and colours.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
from lxml import etree

from graph.schema import EDGE_TYPES, NODE_TYPES
from loaders.sources import read_sources
from viz.export import csvpair, gexf, graphml, nodelink


def by_id(nodes):
    return {n.id: n for n in nodes}


def by_key(edges):
    return {e.key: e for e in edges}


def assert_same(sub, back):
    assert by_id(back.nodes) == by_id(sub.nodes)
    assert by_key(back.edges) == by_key(sub.edges)


# ---- exact round trips through our own parsers --------------------------------

@pytest.mark.parametrize("generate, parse", [
    (nodelink.generate_json, nodelink.parse_json),
    (graphml.generate_graphml, graphml.parse_graphml),
    (gexf.generate_gexf, gexf.parse_gexf),
], ids=["json", "graphml", "gexf"])
def test_round_trip_is_exact(sample, generate, parse):
    sub, docs = sample
    back, back_docs = parse(generate(sub, docs))
    assert_same(sub, back)
    assert back.center == sub.center
    if generate is not gexf.generate_gexf:
        assert back_docs == docs


@pytest.mark.parametrize("write, read, suffix", [
    (nodelink.write_json, nodelink.read_json, ".json"),
    (graphml.write_graphml, graphml.read_graphml, ".graphml"),
    (gexf.write_gexf, gexf.read_gexf, ".gexf"),
], ids=["json", "graphml", "gexf"])
def test_files_round_trip(tmp_path, awkward, write, read, suffix):
    sub, docs = awkward
    path = tmp_path / f"sub{suffix}"
    write(sub, path, docs)
    assert_same(sub, read(path)[0])


# ---- what Gephi, Cytoscape and networkx users see ------------------------------

def test_graphml_reads_in_networkx_with_typed_columns(tmp_path, awkward):
    sub, docs = awkward
    path = tmp_path / "sub.graphml"
    graphml.write_graphml(sub, path, docs)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.is_directed()
    assert set(g.nodes) == {n.id for n in sub.nodes}
    zone = g.nodes["zone-awkward"]
    assert zone["name_zh"] == "怪名科学城<script>alert('x')</script>"
    assert zone["type_zh"] == "园区" and zone["type_en"] == "Zone"
    assert zone["color"] == NODE_TYPES["Zone"].color and zone["r"] == 0xD6
    assert zone["center"] is True
    assert json.loads(zone["aliases"]) == ["怪名", "AW*City*"]
    assert zone["attr.area_km2"] == 100.5 and zone["attr.founded"] == 2017 and zone["attr.open"] is True
    assert json.loads(zone["attr.tags"]) == ["科学", "城"]
    assert "attr.note" not in zone  # None is left out, never written as "None"
    edges = {(s, d["relation"], t): d for s, t, d in g.edges(data=True)}
    located = edges[("institution-lab", "LOCATED_IN", "zone-awkward")]
    assert located["label"] == EDGE_TYPES["LOCATED_IN"].zh
    assert located["quote"] == "实验室<落户>怪名科学城。"
    assert located["evidence_count"] == 2
    assert json.loads(located["evidence"])[1]["quote"] == "第二句：'单引号' 与 \"双引号\"\\反斜杠。"


def test_graphml_declares_one_type_per_column(bundled_sub):
    sub, docs = bundled_sub
    root = etree.fromstring(graphml.generate_graphml(sub, docs).encode("utf-8"))
    keys = root.findall(f"{{{graphml.NS}}}key")
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))
    assert {k.get("attr.type") for k in keys} <= {"string", "long", "double", "boolean"}
    text = etree.tostring(root, encoding="unicode")
    assert ">None<" not in text and "怀柔科学城" in text


def test_gexf_reads_in_networkx_with_viz_colours(tmp_path, bundled_sub):
    sub, docs = bundled_sub
    path = tmp_path / "sub.gexf"
    gexf.write_gexf(sub, path, docs)
    g = nx.read_gexf(path)
    assert set(g.nodes) == {n.id for n in sub.nodes}
    assert g.number_of_edges() == len(sub.edges)
    center = g.nodes[sub.center]
    assert center["label"] == "怀柔科学城" and center["name_en"] == "Huairou Science City"
    rgb = NODE_TYPES["Zone"].color.lstrip("#")
    assert center["viz"]["color"] == {"r": int(rgb[0:2], 16), "g": int(rgb[2:4], 16),
                                      "b": int(rgb[4:6], 16), "a": 1.0}
    assert center["viz"]["size"] > g.nodes[next(n for n in g if n != sub.center)]["viz"]["size"]
    for _, _, data in g.edges(data=True):
        assert data["relation"] in EDGE_TYPES and data["label"] == EDGE_TYPES[data["relation"]].zh


def test_xml_writers_escape_markup_and_drop_unstorable_characters(awkward):
    sub, docs = awkward
    bad = sub.model_copy(deep=True)
    bad.nodes[0].name_zh = "控制\x01字符\x1f"
    for generate in (graphml.generate_graphml, gexf.generate_gexf):
        text = generate(bad, docs)
        root = etree.fromstring(text.encode("utf-8"))  # well-formed XML
        assert "<script>" not in text and "&lt;script&gt;" in text
        assert "控制\ufffd字符\ufffd" in etree.tostring(root, encoding="unicode")


def test_node_link_json_reads_in_networkx(awkward):
    sub, docs = awkward
    g = nx.node_link_graph(json.loads(nodelink.generate_json(sub, docs)), edges="links")
    assert g.is_directed() and g.is_multigraph()
    assert g.nodes["fund-emoji"]["name_zh"] == "表情基金😀"
    assert g.number_of_edges() == len(sub.edges)


# ---- the CSV pair re-loads with the project's own loader ------------------------

def csv_value(value):
    """What the CSV loader gives back for an attribute value (text; numbers read as numbers)."""
    text = csvpair._cell(value)
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def csv_expected(sub):
    nodes = {n.id: n.model_copy(update={"attrs": {k: csv_value(v) for k, v in n.attrs.items() if v is not None}})
             for n in sub.nodes}
    edges = {e.key: e.model_copy(update={"attrs": {k: csv_value(v) for k, v in e.attrs.items() if v is not None}})
             for e in sub.edges}
    return nodes, edges


def test_csv_pair_reloads_with_the_loader(tmp_path, sample):
    sub, docs = sample
    folder = tmp_path / "pair"
    csvpair.write_csv(sub, folder, docs)
    result = read_sources([folder])
    assert not result.rejected, [str(r) for r in result.rejected]
    back, _ = csvpair.read_csv(folder)
    nodes, edges = csv_expected(sub)
    assert by_id(back.nodes) == nodes
    assert by_key(back.edges) == edges


def test_csv_columns_are_the_loaders(awkward):
    sub, docs = awkward
    files = csvpair.generate_csv(sub, docs)
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"])))
    assert list(nodes[0])[:6] == ["name_zh", "name_en", "type", "id", "aliases", "sources"]  # names first
    assert all(c.startswith("attr.") for c in list(nodes[0])[6:])
    assert list(edges[0])[:7] == ["source", "type", "target", "quote", "doc", "start", "end"]
    zone = next(r for r in nodes if r["id"] == "zone-awkward")
    assert zone["aliases"] == "怪名|AW*City*" and zone["attr.tags"] == '["科学", "城"]'
    assert "attr.note" not in zone  # an attribute that is only ever null gets no column
    # one row per piece of evidence; the loader merges them back into one edge
    assert sum(1 for r in edges if r["source"] == "institution-lab") == 2
    focus = next(r for r in edges if r["type"] == "FOCUSES_ON")
    assert (focus["doc"], focus["quote"], focus["start"], focus["end"]) == ("", "", "", "")


def test_csv_zip_holds_the_pair_and_reloads(tmp_path, mini_sub):
    sub, docs = mini_sub
    path = tmp_path / "sub.zip"
    csvpair.write_csv(sub, path, docs)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        assert archive.read("nodes.csv").startswith(b"\xef\xbb\xbfname_zh,name_en,")  # the mark spreadsheets need
        assert all(i.external_attr >> 16 == 0o644 for i in archive.infolist())  # readable once unzipped
    back, _ = csvpair.read_csv(path)
    assert_same(sub, back)
