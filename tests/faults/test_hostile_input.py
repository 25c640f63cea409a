"""Files of every quality: a clear error or a correct load, never a traceback, never half a load."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InnographError
from graph.memory import MemoryStore
from loaders.sources import load_sources

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

names = st.text(alphabet=string.ascii_letters + "怀柔科学城中关村基金计划<>&'\"`{}\\;\x00\n", max_size=30)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), names,
                    st.binary(max_size=20).map(lambda b: b.decode("latin-1")))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(names, inner, max_size=4)), max_leaves=12)
node_rows = st.fixed_dictionaries(
    {"type": st.one_of(st.sampled_from(["Zone", "Institution", "Fund", "Planet"]), values),
     "name_zh": st.one_of(names, values)},
    optional={"name_en": values, "aliases": values, "attrs": values, "id": values, "colour": values})
edge_rows = st.fixed_dictionaries(
    {"source": st.one_of(st.sampled_from(["怀柔科学城", "市科委", "HSC"]), values),
     "type": st.one_of(st.sampled_from(["SUPPORTS", "LOCATED_IN", "LIKES"]), values),
     "target": st.one_of(st.sampled_from(["怀柔科学城", "河北", "BINN"]), values)},
    optional={"quote": values, "occurrence": values, "evidence": values})
documents = st.fixed_dictionaries({"nodes": st.lists(node_rows, max_size=5),
                                   "edges": st.lists(edge_rows, max_size=5)})


@pytest.fixture(scope="module")
def mini_snapshot(tmp_path_factory) -> bytes:
    store = MemoryStore(tmp_path_factory.mktemp("mini") / "graph.json")
    load_sources(store, [MINI])
    return store.path.read_bytes()


def fresh_store(tmp: Path, mini_snapshot: bytes) -> MemoryStore:
    (tmp / "graph.json").write_bytes(mini_snapshot)
    return MemoryStore(tmp / "graph.json")


def snapshot(store: MemoryStore) -> tuple:
    return (sorted(n.model_dump_json() for n in store.iter_nodes()),
            sorted(e.model_dump_json() for e in store.iter_edges()))


def load_or_explain(store: MemoryStore, path: Path) -> bool:
    """True if the load went in; False if it failed with the project's own clear error."""
    before = snapshot(store)
    try:
        load_sources(store, [path])
        return True
    except InnographError as exc:
        assert exc.message
        assert snapshot(store) == before, "a failed load changed the graph"
        assert MemoryStore(store.path).counts() == store.counts()
        return False


@SETTINGS
@given(doc=documents)
def test_generated_yaml_loads_cleanly_or_is_refused_whole(tmp_path_factory, mini_snapshot, doc):
    tmp = tmp_path_factory.mktemp("y")
    store = fresh_store(tmp, mini_snapshot)
    path = tmp / "gen.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    load_or_explain(store, path)


@SETTINGS
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_as_yaml_never_raise_a_traceback(tmp_path_factory, mini_snapshot, raw):
    tmp = tmp_path_factory.mktemp("b")
    store = fresh_store(tmp, mini_snapshot)
    path = tmp / "junk.yaml"
    path.write_bytes(raw)
    load_or_explain(store, path)


csv_cells = st.text(alphabet=string.printable + "怀柔科学城，、\"|", max_size=25)


@SETTINGS
@given(header=st.lists(st.sampled_from(["id", "type", "name_zh", "name_en", "aliases", "attr.x", "bogus"]),
                       min_size=0, max_size=6),
       rows=st.lists(st.lists(csv_cells, max_size=7), max_size=6),
       edge_rows=st.lists(st.lists(csv_cells, max_size=4), max_size=4),
       encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_generated_csv_pairs_load_cleanly_or_are_refused_whole(tmp_path_factory, mini_snapshot, header, rows, edge_rows, encoding):
    import csv
    import io

    tmp = tmp_path_factory.mktemp("c")
    store = fresh_store(tmp, mini_snapshot)
    pair = tmp / "pair"
    pair.mkdir()
    for name, head, body in (("nodes.csv", header, rows), ("edges.csv", ["source", "type", "target"], edge_rows)):
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(head)
        writer.writerows(body)
        (pair / name).write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    load_or_explain(store, pair)


def test_a_huge_name_is_refused_and_nothing_is_stored(tmp_path):
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [MINI])
    path = tmp_path / "huge.yaml"
    path.write_text(yaml.safe_dump({"nodes": [{"type": "Zone", "name_zh": "区" * 2_000_000}]}, allow_unicode=True),
                    encoding="utf-8")
    before = snapshot(store)
    with pytest.raises(InnographError) as refused:  # a name over MAX_NAME_CHARS is refused with the reason
        load_sources(store, [path])
    assert "'name_zh' is 2000000 characters long; at most 500" in str(refused.value.suggestions)
    assert snapshot(store) == before


report_text = st.one_of(
    st.binary(max_size=600),
    st.text(alphabet="怀柔科学城支持聚焦中关村基金出台《》、，。与合作举办牵头\n<>&\"'` ", max_size=300).map(
        lambda t: t.encode("utf-8")),
    st.text(max_size=200).map(lambda t: t.encode("gb18030", errors="replace")),
)


@SETTINGS
@given(raw=report_text, suffix=st.sampled_from([".txt", ".html"]))
def test_generated_reports_load_cleanly_or_are_refused_whole(tmp_path_factory, mini_snapshot, raw, suffix):
    tmp = tmp_path_factory.mktemp("r")
    store = fresh_store(tmp, mini_snapshot)
    path = tmp / f"report{suffix}"
    path.write_bytes(raw)
    load_or_explain(store, path)
