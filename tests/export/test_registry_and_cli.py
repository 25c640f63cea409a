"""The format table, and what `innograph export` / `innograph brief` do with good and bad requests."""

from __future__ import annotations

import json
import zipfile

import networkx as nx
import pytest

from graph.errors import InvalidInput, LimitExceeded, NotFound
from viz.export import registry
from viz.export.cli_support import export_subgraph, write_brief

ALL_FORMATS = ["json", "graphml", "gexf", "csv", "cypher", "png", "svg"]


def test_every_format_is_registered_and_renders(mini_sub):
    sub, docs = mini_sub
    assert list(registry.FORMATS) == ALL_FORMATS
    magic = {"json": b"{", "graphml": b"<?xml", "gexf": b"<?xml", "csv": b"PK\x03\x04",
             "cypher": b"// innograph", "png": b"\x89PNG", "svg": b"<?xml"}
    for name, spec in registry.FORMATS.items():
        data = spec.render(sub, docs)
        assert isinstance(data, bytes) and data.startswith(magic[name]), name
        assert spec.suffix.startswith(".") and "/" in spec.media_type


def test_unknown_format_lists_the_formats():
    with pytest.raises(InvalidInput) as exc:
        registry.get_format("pdf")
    assert "pdf" in exc.value.message
    for name in ALL_FORMATS:
        assert name in exc.value.message
    assert registry.get_format(" GraphML ").name == "graphml"


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_export_writes_each_format(tmp_path, mini, fmt):
    out = tmp_path / f"hsc{registry.FORMATS[fmt].suffix}"
    written = export_subgraph(mini, "怀柔科学城", False, 2, None, fmt, out)
    assert out.is_file() and out.stat().st_size == written.bytes > 0
    assert (written.nodes, written.edges) == (4, 4)
    assert str(out) in written.message()
    assert not list(tmp_path.glob(".*tmp*"))  # no temporary file left behind


def test_export_whole_graph_and_type_filter(tmp_path, mini):
    out = tmp_path / "all.json"
    written = export_subgraph(mini, None, True, 2, None, "json", out)
    assert written.nodes == 7 and written.edges == 6
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {d["id"] for d in data["graph"]["documents"]} == {"mini-report"}
    out = tmp_path / "institutions.graphml"
    export_subgraph(mini, "怀柔科学城", False, 2, ["Institution"], None, out)  # format from the suffix
    g = nx.read_graphml(out)
    assert {d["type"] for _, d in g.nodes(data=True)} == {"Zone", "Institution"}


def test_csv_export_to_a_folder_and_to_a_zip(tmp_path, mini):
    export_subgraph(mini, "HSC", False, 1, None, "csv", tmp_path / "pair")
    assert sorted(p.name for p in (tmp_path / "pair").iterdir()) == ["edges.csv", "nodes.csv"]
    export_subgraph(mini, "HSC", False, 1, None, "csv", tmp_path / "pair.zip")
    assert zipfile.is_zipfile(tmp_path / "pair.zip")
    with pytest.raises(InvalidInput, match=r"folder .* or a zip of the pair \(-o .*pair\.zip\)"):
        export_subgraph(mini, "HSC", False, 1, None, "csv", tmp_path / "pair.csv")


@pytest.mark.parametrize("name, all_, error, words", [
    ("怀柔科学城", False, InvalidInput, ["unknown export format", "graphml", "svg"]),
    (None, False, InvalidInput, ["NAME or --all"]),
    ("怀柔科学城", True, InvalidInput, ["NAME or --all"]),
])
def test_bad_export_requests(tmp_path, mini, name, all_, error, words):
    fmt = "pdf" if words[0] == "unknown export format" else "json"
    with pytest.raises(error) as exc:
        export_subgraph(mini, name, all_, 2, None, fmt, tmp_path / "x.out")
    for w in words:
        assert w in exc.value.message


def test_unknown_and_ambiguous_names_and_limits(tmp_path, mini):
    with pytest.raises(NotFound) as exc:
        export_subgraph(mini, "怀柔科学", False, 2, None, "json", tmp_path / "x.json")
    assert any("怀柔科学城" in s for s in exc.value.suggestions)
    with pytest.raises(LimitExceeded):
        export_subgraph(mini, "HSC", False, 9, None, "json", tmp_path / "x.json")
    with pytest.raises(InvalidInput, match="unknown node type"):
        export_subgraph(mini, "HSC", False, 2, ["Nope"], "json", tmp_path / "x.json")


def test_unwritable_paths_are_clear_errors(tmp_path, mini):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cases = {
        tmp_path / "missing" / "x.graphml": "does not exist",
        blocker / "x.graphml": "is not a folder",
        tmp_path: "it is a folder",
    }
    for path, words in cases.items():
        with pytest.raises(InvalidInput) as exc:
            export_subgraph(mini, "HSC", False, 2, None, "graphml", path)
        assert words in exc.value.message and str(path) in exc.value.message
    with pytest.raises(InvalidInput, match="cannot tell the format"):
        export_subgraph(mini, "HSC", False, 2, None, None, tmp_path / "x.unknown")


@pytest.mark.parametrize("fmt", [None, "csv"])
def test_a_csv_file_name_says_how_to_get_the_pair(tmp_path, mini, fmt):
    """`-o x.csv` (with or without --format csv) names the two ways that work, ready to type."""
    with pytest.raises(InvalidInput) as exc:
        export_subgraph(mini, "HSC", False, 2, None, fmt, tmp_path / "x.csv")
    assert "nodes.csv and edges.csv" in exc.value.message
    assert f"-o {tmp_path / 'x'} --format csv" in exc.value.message and f"-o {tmp_path / 'x.zip'}" in exc.value.message
    assert not (tmp_path / "x.csv").exists()


def test_write_brief_in_each_format(tmp_path, mini):
    md = write_brief(mini, "怀柔科学城", tmp_path / "b.md")
    assert (tmp_path / "b.png").read_bytes().startswith(b"\x89PNG")
    assert "](b.png)" in (tmp_path / "b.md").read_text(encoding="utf-8")
    assert md.extra == (tmp_path / "b.png",)
    write_brief(mini, "HSC", tmp_path / "b.html", "en")
    assert "Briefing: Huairou Science City" in (tmp_path / "b.html").read_text(encoding="utf-8")
    write_brief(mini, "HSC", tmp_path / "b.docx", "zh")
    assert zipfile.is_zipfile(tmp_path / "b.docx")


def test_bad_brief_requests(tmp_path, mini):
    with pytest.raises(InvalidInput, match=r"\.md, \.html or \.docx"):
        write_brief(mini, "HSC", tmp_path / "b.pdf")
    with pytest.raises(InvalidInput, match="unknown language 'fr'; languages: zh, en"):
        write_brief(mini, "HSC", tmp_path / "b.md", "fr")
    with pytest.raises(InvalidInput, match="does not exist"):
        write_brief(mini, "HSC", tmp_path / "no" / "b.docx")
    with pytest.raises(NotFound):
        write_brief(mini, "没有这个园区", tmp_path / "b.docx")
    assert not (tmp_path / "b.docx").exists()


def test_a_zone_pictures_counts_are_the_network_pages_and_a_data_file_says_why_it_holds_more(tmp_path, bundled):
    """`innograph export 三城一区 -o x.png` said "42 nodes, 56 edges" of a picture (and a page) that draws 50:
    the report's author is drawn tied to the zone only, its 6 other relations left out. The picture's message
    now counts what it draws; a data file keeps every relation and says what the page leaves out (session 18)."""
    from viz.focus import focused_subgraph

    page = focused_subgraph(bundled, "三城一区", 2)
    drawn = export_subgraph(bundled, "三城一区", False, 2, [], None, tmp_path / "x.png")
    data = export_subgraph(bundled, "三城一区", False, 2, [], None, tmp_path / "x.json")
    assert (drawn.nodes, drawn.edges) == (len(page.sub.nodes), len(page.sub.edges))
    assert f"its {page.hidden_edges} other relations left out" in drawn.message()
    assert data.edges == len(page.sub.edges) + page.hidden_edges == len(json.loads((tmp_path / "x.json")
                                                                                    .read_text())["links"])
    assert f"the network page draws {len(page.sub.edges)} of them" in data.message()
