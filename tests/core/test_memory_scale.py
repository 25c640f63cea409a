"""The compact structures of the memory store answer exactly as the plain definitions do.

Each structure is checked against the simplest thing that could define it: substring
search against a scan of every name, shortest paths against networkx on the undirected
graph, edge order against a networkx MultiDiGraph fed the same writes, name keys against
`graph.text.normalize`. Small hub and block sizes make the generated graphs use the
hub and multi-block layouts.
"""

from __future__ import annotations

from array import array

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graph.memory as memory
from graph.memory import columns as memory_columns, names as memory_names
from graph.errors import LoadError, StoreUnavailable
from graph.memory import MemoryStore, normalize_all
from graph.memory.bulk import EdgeTable
from graph.model import Edge, Evidence, Node
from graph.store import Batch
from graph.text import normalize
from loaders.csv_loader import load_csv

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NAME = st.text(alphabet="科学城怀柔區园ABab Ｂ-0１\u3000\t", min_size=1, max_size=7)
IDS = [f"n{i}" for i in range(8)]


@pytest.fixture
def small_layout(monkeypatch):
    """Hubs from the fourth edge, four names per block: every layout appears in small graphs."""
    monkeypatch.setattr(memory_columns, "HUB", 3)
    monkeypatch.setattr(memory_names, "BLOCK_BITS", 2)


def brute_search(store: MemoryStore, key: str, types=(), limit=20, offset=0) -> list[str]:
    """The documented ranking, by a scan of every name of every node."""
    best: dict[str, tuple] = {}
    for node in store.iter_nodes():
        for name in map(normalize, node.names):
            if key in name:
                rank = (0 if name == key else 1 if name.startswith(key) else 2, len(name))
                best[node.id] = min(best.get(node.id, rank), rank)
    hits = sorted(best, key=lambda i: (best[i], i))
    if types:
        kinds = {n.id: n.type for n in store.iter_nodes()}
        hits = [i for i in hits if kinds[i] in types]
    return hits[offset: offset + limit]


@SETTINGS
@given(names=st.lists(st.lists(NAME, min_size=1, max_size=3), min_size=1, max_size=30),
       keys=st.lists(NAME, max_size=6))
def test_search_equals_a_scan_of_every_name(small_layout, names, keys):
    store = MemoryStore()
    nodes = [Node(id=f"x{i}", type="Zone" if i % 2 else "Fund", name_zh=n[0], aliases=n[1:])
             for i, n in enumerate(names)]
    store.write(Batch(nodes=nodes[: len(nodes) // 2]))
    store.write(Batch(nodes=nodes[len(nodes) // 2:]))  # a second write fills a block begun by the first
    probes = {normalize(k) for k in keys} | {normalize(n)[a:b] for ns in names for n in ns
                                             for a, b in ((0, 1), (0, 2), (1, 3))}
    for key in sorted(probes):
        for types, limit, offset in (((), 1000, 0), (("Zone",), 2, 1)):
            got = [n.id for n in store.search(key, types, limit, offset)]
            assert got == brute_search(store, key, types, limit, offset), key


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["懷柔科學城", "ＨＳＣ", " a\n b ", "Ⅻ区", "ﬁ", "A\u00a0B", "\x1c", "干部", "乾隆", "頭髮"]), max_size=12))
def test_names_are_normalised_exactly_as_one_at_a_time(names):
    assert normalize_all(names) == [normalize(n) for n in names]


def test_a_hub_finds_its_duplicates_on_the_smaller_side(small_layout):
    store = MemoryStore()
    zone = Node(id="z", type="Zone", name_zh="园")
    firms = [Node(id=f"f{i}", type="Institution", name_zh=f"企业{i}") for i in range(10)]
    ev = Evidence(doc="d", quote="q", start=0, end=1)
    located = [Edge(source=f.id, target="z", type="LOCATED_IN") for f in firms]
    store.write(Batch(nodes=[zone, *firms], edges=located))
    store.write(Batch(edges=[Edge(source="f3", target="z", type="LOCATED_IN", evidence=[ev], attrs={"a": 1}),
                             Edge(source="z", target="f3", type="SUPPORTS")]))
    assert store.counts().edges == {"LOCATED_IN": 10, "SUPPORTS": 1}
    assert store.degrees(["z", "f3"]) == {"z": 11, "f3": 2}
    [merged] = [e for e in store.edges(["f3"], "out") if e.type == "LOCATED_IN"]
    assert merged.evidence == [ev] and merged.attrs == {"a": 1}
    assert [e.key for e in store.edges(["z"], "out", ["SUPPORTS"])] == [("z", "SUPPORTS", "f3")]
    assert len(store.edges(["z"], "in", ["LOCATED_IN"])) == 10
    assert store.edges(["z"], "in", ["SUPPORTS", "NO_SUCH_TYPE"]) == []


@st.composite
def graphs(draw):
    edges = draw(st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS),
                                    st.sampled_from(["PARTNERS_WITH", "SUPPORTS", "PART_OF"])), max_size=30))
    return [Edge(source=s, target=t, type=k) for s, t, k in edges]


@SETTINGS
@given(first=graphs(), second=graphs())
def test_paths_and_edge_order_match_networkx(small_layout, first, second):
    store = MemoryStore()
    g = nx.MultiDiGraph()
    nodes = [Node(id=i, type="Institution", name_zh=i) for i in IDS]
    g.add_nodes_from(IDS)
    for batch in (first, second):
        store.write(Batch(nodes=nodes, edges=batch))
        for e in batch:
            g.add_edge(e.source, e.target, key=e.type)
    assert [e.key for e in store.iter_edges()] == [(s, k, t) for s, t, k in g.edges(keys=True)]
    assert store.degrees(IDS) == dict(g.degree(IDS))
    undirected = g.to_undirected(as_view=True)
    for a in IDS[:4]:
        for b in IDS:
            for hops in (1, 2, 6):
                want = []
                if a == b:
                    want = [[a]]
                elif nx.has_path(undirected, a, b) and nx.shortest_path_length(undirected, a, b) <= hops:
                    want = sorted(nx.all_shortest_paths(undirected, a, b))
                assert store.shortest_node_paths(a, b, hops) == want
                assert store.shortest_node_paths(a, b, hops, 3) == want[:3]


@pytest.fixture
def saved(tmp_path) -> MemoryStore:
    store = MemoryStore(tmp_path / "graph.json")
    store.write(Batch(nodes=[Node(id="z", type="Zone", name_zh="怀柔科学城", aliases=["HSC"], attrs={"y": [1, 2]}),
                             Node(id="f", type="Fund", name_zh="基金", attrs={"x": -0.0, "t": True})],
                      edges=[Edge(source="f", target="z", type="INVESTS_IN", attrs={"n": 1.0},
                                  evidence=[Evidence(doc="d", quote="投资", start=3, end=5)])]))
    return store


def dump(store: MemoryStore) -> tuple:
    return ([n.model_dump_json() for n in store.iter_nodes()], [e.model_dump_json() for e in store.iter_edges()],
            store.lookup("hsc"), [n.id for n in store.search("柔")])


def test_the_snapshot_reopens_to_the_same_answers(saved):
    assert dump(MemoryStore(saved.path)) == dump(saved)
    assert saved.path.read_bytes().startswith(memory.MAGIC)


@pytest.mark.parametrize("damage", [
    lambda b: b[:-7],                                   # cut short
    lambda b: b[:-30] + bytes([b[-30] ^ 0xFF]) + b[-29:],  # one byte flipped
    lambda b: b.replace(b'"version":%d' % memory.SNAPSHOT_VERSION, b'"version":9', 1),
    lambda b: b + b"\0",
    lambda b: b"",
])
def test_a_damaged_snapshot_is_a_clear_error(saved, damage):
    saved.path.write_bytes(damage(saved.path.read_bytes()))
    with pytest.raises(StoreUnavailable, match="cannot be read"):
        MemoryStore(saved.path)


def test_a_version_1_snapshot_still_opens(tmp_path):
    import orjson

    node = Node(id="z", type="Zone", name_zh="园", aliases=["Y"])
    path = tmp_path / "graph.json"
    path.write_bytes(orjson.dumps({"version": 1, "documents": [], "nodes": [node.model_dump()], "edges": []}))
    assert MemoryStore(path).lookup("y") == ["z"]


def test_a_failed_write_into_an_empty_store_leaves_it_empty():
    store = MemoryStore()
    with pytest.raises(LoadError, match=r"unknown node\(s\): b, c"):
        store.write(Batch(nodes=[Node(id="a", type="Zone", name_zh="甲")],
                          edges=[Edge(source="a", target="b", type="PART_OF"),
                                 Edge(source="c", target="a", type="PART_OF")]))
    assert store.counts().total_nodes == 0 and store.lookup("甲") == []


def test_compact_csv_rows_write_the_same_graph_as_records(tmp_path):
    (tmp_path / "nodes.csv").write_text(
        "id,type,name_zh,name_en,aliases,attr.size\n"
        "z,Zone,怀柔科学城,Huairou Science City,HSC|怀柔,\n"
        "f,Institution,北京甲公司,Firm A,,12\n"
        "g,Institution,北京乙公司,,,nan-ish\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text(
        "source,type,target,attr.w\n"
        "f,LOCATED_IN,z,1.5\n"
        "北京乙公司,LOCATED_IN,HSC,\n"
        "f,PARTNERS_WITH,g,\n", encoding="utf-8")
    result = load_csv(tmp_path / "nodes.csv", tmp_path / "edges.csv")
    assert not result.rejected
    by_rows, by_records = MemoryStore(), MemoryStore()
    by_rows.write(result.kept)
    by_records.write(Batch(nodes=list(result.kept.nodes), edges=list(result.kept.edges)))
    assert dump(by_rows) == dump(by_records)
    assert by_rows.get_nodes(["f"])["f"].attrs == {"size": 12}
    assert [e.attrs for e in by_rows.edges(["f"], "out", ["LOCATED_IN"])] == [{"w": 1.5}]


class ColumnEdges(list):
    """Edges that also offer themselves as an EdgeTable, as a CSV load's EdgeRows does."""

    def columns(self) -> EdgeTable:
        ids = sorted({end for e in self for end in (e.source, e.target)}, reverse=True)
        types = sorted({e.type for e in self})
        return EdgeTable(ids=ids, src=array("i", [ids.index(e.source) for e in self]),
                         dst=array("i", [ids.index(e.target) for e in self]), type_names=types,
                         types=bytes(types.index(e.type) for e in self), attr_values=[{}, *(e.attrs for e in self)],
                         attrs=array("i", range(1, len(self) + 1)),
                         evidence={r: e.evidence for r, e in enumerate(self) if e.evidence})


@SETTINGS
@given(edges=st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS),
                                st.sampled_from(["PARTNERS_WITH", "SUPPORTS", "PART_OF"]),
                                st.sampled_from([{}, {"w": 1}, {"w": 2, "k": "x"}]),
                                st.sampled_from([(), ("d", 0, 2), ("e", 1, 3)])), max_size=40),
       later=graphs())
def test_edges_written_as_columns_equal_edges_written_one_by_one(small_layout, tmp_path, edges, later):
    nodes = [Node(id=i, type="Institution", name_zh=i) for i in IDS]
    records = [Edge(source=s, target=t, type=k, attrs=a,
                    evidence=[Evidence(doc=ev[0], quote="引文", start=ev[1], end=ev[2])] if ev else [])
               for s, t, k, a, ev in edges]
    (tmp_path / "a.snapshot").unlink(missing_ok=True)  # tmp_path outlives one example
    by_columns, by_rows = MemoryStore(tmp_path / "a.snapshot"), MemoryStore()
    by_columns.write(Batch(nodes=nodes, edges=ColumnEdges(records)))
    by_rows.write(Batch(nodes=nodes, edges=records))
    assert dump(by_columns) == dump(by_rows)
    assert by_columns.degrees(IDS) == by_rows.degrees(IDS) and by_columns.counts() == by_rows.counts()
    for direction in ("out", "in", "both"):
        assert by_columns.edges(IDS, direction, ["SUPPORTS"]) == by_rows.edges(IDS, direction, ["SUPPORTS"])
    assert dump(MemoryStore(by_columns.path)) == dump(by_rows)
    for store in (by_columns, by_rows):  # the packed adjacency takes later writes like any other
        store.write(Batch(nodes=nodes, edges=later))
    assert dump(by_columns) == dump(by_rows)


def test_columns_naming_an_unknown_node_are_refused_by_name():
    store = MemoryStore()
    edges = ColumnEdges([Edge(source="a", target="b", type="PART_OF")])
    with pytest.raises(LoadError, match=r"unknown node\(s\): b"):
        store.write(Batch(nodes=[Node(id="a", type="Zone", name_zh="甲")], edges=edges))
    assert store.counts().total_nodes == 0


def test_an_answer_is_computed_once_for_callers_at_the_same_time_and_forgotten_by_a_write():
    import threading
    import time

    store = MemoryStore()
    store.write(Batch(nodes=[Node(id="z", type="Zone", name_zh="园")]))
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.2)  # long enough for every caller to arrive while it runs
        return len(calls)

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(store.memo(("k",), compute))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [1] * 8 and len(calls) == 1
    store.write(Batch(nodes=[Node(id="y", type="Zone", name_zh="区")]))
    assert store.memo(("k",), compute) == 2
