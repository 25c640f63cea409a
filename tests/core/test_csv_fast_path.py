"""The CSV loader's chunked fast path keeps and rejects exactly what the one-row path does.

The reference is the same loader with its fast path switched off (every row handed to
`make_node` / `make_edge`). Generated files mix ordinary rows with every kind of row the
fast path must hand back (names as ends, quotes, repeated ids, padded ids, blank lines,
rows of another width, cells spanning lines, non-finite numbers, unknown types,
disallowed patterns); chunks of three rows put those rows on every chunk boundary.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.memory import MemoryStore
from loaders import csv_chunks, csv_loader
from loaders.csv_loader import load_csv
from loaders.sources import load_sources, read_sources
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
IDS = ["a", "b", "c", "d", " a", "e f"]
NODE_TYPES = ["Institution", "Zone", "Program", "Fund", "Nope"]
EDGE_TYPES = ["LOCATED_IN", "SUPPORTS", "PARTNERS_WITH", "INVESTS_IN", "NOPE"]
CELL = st.sampled_from(["", "1", "2.5", "inf", "x", "甲\n乙"])

NODE_ROW = st.one_of(
    st.tuples(st.sampled_from(IDS + [""]), st.sampled_from(NODE_TYPES), st.sampled_from(["甲", "乙", "", "丙 丁"]),
              st.sampled_from(["", "A", "甲"]), st.sampled_from(["", "甲|x", " y | "]), CELL).map(list),
    st.just([]), st.just(["a", "Zone"]))
EDGE_ROW = st.one_of(
    st.tuples(st.sampled_from(IDS + ["甲", "乙", "zone-x", "nowhere"]), st.sampled_from(EDGE_TYPES),
              st.sampled_from(IDS + ["甲", "zone-x"]), st.sampled_from(["", "引文"]), CELL).map(list),
    st.just([]), st.just(["a", "SUPPORTS"]))


def write(path: Path, header: list[str], rows: list[list[str]], crlf: bool) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    for row in rows:
        if row:
            writer.writerow(row)
        else:
            buf.write("\r\n" if crlf else "\n")
    path.write_text(buf.getvalue(), encoding="utf-8")


def outcome(result) -> tuple:
    store = MemoryStore()
    store.write(result.kept) if not result.rejected else None
    return ([str(r) for r in result.rejected], [n.model_dump() for n in result.kept.nodes],
            [e.model_dump() for e in result.kept.edges],
            [e.model_dump() for e in store.iter_edges()], [n.model_dump() for n in store.iter_nodes()])


def one_row_at_a_time(monkeypatch) -> None:
    def hand_back(header, *args):
        chunk, lines = args[-2], args[-1]
        return ((lines(i), row) for i, row in enumerate(chunk))

    monkeypatch.setattr(csv_loader, "take_nodes", hand_back)
    monkeypatch.setattr(csv_chunks.EdgeChunks, "take", lambda self, chunk, lines: hand_back(None, chunk, lines))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nodes=st.lists(NODE_ROW, max_size=14), edges=st.lists(EDGE_ROW, max_size=14), crlf=st.booleans(),
       with_store=st.booleans())
def test_the_fast_path_keeps_and_rejects_as_one_row_at_a_time(tmp_path, monkeypatch, nodes, edges, crlf,
                                                              with_store):
    monkeypatch.setattr(csv_loader, "CHUNK_ROWS", 3)
    write(tmp_path / "nodes.csv", ["id", "type", "name_zh", "name_en", "aliases", "attr.v"], nodes, crlf)
    write(tmp_path / "edges.csv", ["source", "type", "target", "quote", "attr.w"], edges, crlf)
    store = MemoryStore()
    if with_store:  # ends may also be nodes already stored
        load_sources(store, [MINI])
    fast = outcome(load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv", store))
    with monkeypatch.context() as m:
        one_row_at_a_time(m)
        slow = outcome(load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv", store))
    assert fast == slow


def test_an_edges_file_that_is_not_utf8_is_rejected_by_name(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_loader, "CHUNK_ROWS", 4)
    (tmp_path / "nodes.csv").write_text("id,type,name_zh\na,Zone,甲\nb,Zone,乙\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_bytes("source,type,target\na,PARTNERS_WITH,b\n".encode() + b"b,PART_OF,\xff\n")
    result = load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv")
    [rejected] = result.rejected
    assert rejected.file.endswith("edges.csv") and rejected.reason.startswith("not UTF-8 text")
    assert len(result.kept.nodes) == 2


@pytest.mark.parametrize("chunk", [1, 2, 50_000])
def test_line_numbers_count_cells_that_span_lines(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(csv_loader, "CHUNK_ROWS", chunk)
    (tmp_path / "nodes.csv").write_text('id,type,name_zh\na,Zone,"甲\n乙"\n\nb,Nope,乙\nc,Zone\n', encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,type,target\n", encoding="utf-8")
    result = load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv")
    assert [(r.line, r.reason.split(" ")[0]) for r in result.rejected] == [(5, "type:"), (6, "row")]


def test_an_id_with_outer_spaces_is_looked_up_as_make_edge_looks_it_up(tmp_path, monkeypatch):
    """Found by the property test: ids 'a' and ' a'; make_edge strips an end before resolving it."""
    write(tmp_path / "nodes.csv", ["id", "type", "name_zh"], [["a", "Program", "甲"], [" a", "Zone", "乙"]], False)
    write(tmp_path / "edges.csv", ["source", "type", "target"], [["a", "SUPPORTS", " a"], [" a", "PART_OF", "a"]], False)
    fast = outcome(load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv"))
    with monkeypatch.context() as m:
        one_row_at_a_time(m)
        slow = outcome(load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv"))
    assert fast == slow


def test_naming_both_files_of_a_pair_reads_the_pair_once(tmp_path):
    """`innograph load nodes.csv edges.csv`: each file stands for the whole pair, so the pair was read twice
    (the 100k benchmark load took twice the time and memory; s13-check)."""
    write(tmp_path / "nodes.csv", ["id", "type", "name_zh"], [["a", "Program", "甲"], ["b", "Zone", "乙"]], False)
    write(tmp_path / "edges.csv", ["source", "type", "target"], [["a", "SUPPORTS", "b"]], False)
    result = read_sources([tmp_path / "nodes.csv", tmp_path / "edges.csv", tmp_path])
    assert (len(result.kept.nodes), len(result.kept.edges)) == (2, 1)
