"""Snapshot version 4 opened lazily (the CLI) answers as an eager open does, and stays safe.

A lazily opened store maps the file and reads a part when a question first uses it, so the
checks move to first use: a damaged section must still be a clear error (when touched), a
save by another process must never show through an open mapping, a write from a lazy state
must keep every record, and a version-3 file must still open.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import StoreUnavailable
from graph.memory import MemoryStore, snapshot, zone_index
from graph.memory.lazy import LazyColumns
from graph.memory.rows import Rows
from graph.model import Edge, Evidence, Node
from graph.queries import GraphQueries
from graph.store import Batch
from loaders.sources import load_sources
from loaders.synth import generate

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory) -> Path:
    """A small synthetic city whose zones keep a rollup (zone index) with a lowered threshold."""
    out = tmp_path_factory.mktemp("synth")
    generate(300, seed=3, out_dir=out)
    return out


@pytest.fixture
def saved(tmp_path, synth_dir, monkeypatch) -> Path:
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 16)
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [MINI, synth_dir])
    store.write(Batch(nodes=[Node(id="zone-x", type="Zone", name_zh="測試園區", name_en="Test Park", aliases=["TP", "试园"])],
                      edges=[Edge(source="zone-x", target="zone-huairou-science-city", type="PARTNERS_WITH",
                                  evidence=[Evidence(doc="doc-x", quote="合作", start=1, end=3)])]))
    store.save()  # the write went to the journal (graph/memory/journal.py): fold it into the snapshot
    return tmp_path / "graph.json"


def answers(store: MemoryStore) -> tuple:
    """Everything a user can ask of the store, in one comparable value."""
    q = GraphQueries(store)
    zones = sorted(n.id for n in store.nodes_of_type("Zone"))
    pages = [q.supporters_window(z, t, 7, o) for z in zones for t in (None, "Program", "Institution") for o in (0, 5)]
    return ([n.model_dump_json() for n in store.iter_nodes()], [e.model_dump_json() for e in store.iter_edges()],
            store.lookup("tp"), store.lookup("测试园区"), [n.id for n in store.search("科学城")], store.counts(),
            [q.profile(z) for z in zones], pages, store.documents())


def test_a_lazy_open_answers_as_an_eager_open_and_reads_only_what_it_uses(saved):
    eager, lazy = MemoryStore(saved), MemoryStore(saved, lazy=True)
    assert type(eager._c) is not LazyColumns and type(lazy._c) is LazyColumns
    page = GraphQueries(lazy).supporters_window("zone-huairou-science-city", None, 5)
    assert page == GraphQueries(eager).supporters_window("zone-huairou-science-city", None, 5)
    parts = vars(lazy._c)
    assert isinstance(parts["zh"], Rows) and "by_type" not in parts, "one page decoded whole columns"
    assert "grams" not in vars(lazy._c.names)
    assert answers(lazy) == answers(eager)


def test_a_version_3_snapshot_still_opens_eagerly_and_lazily(saved, tmp_path, monkeypatch):
    expected = answers(MemoryStore(saved))
    monkeypatch.setattr(snapshot, "SNAPSHOT_VERSION", 3)
    MemoryStore(saved).save()
    monkeypatch.undo()
    assert b'"version":3' in saved.read_bytes()[:200]
    assert answers(MemoryStore(saved)) == expected
    assert answers(MemoryStore(saved, lazy=True)) == expected


def _damage(path: Path, section: str) -> None:
    """Flip one byte in the middle of a section."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[len(snapshot.MAGIC): len(snapshot.MAGIC) + 4], "little")
    start = len(snapshot.MAGIC) + 4 + size
    header = orjson.loads(bytes(data[len(snapshot.MAGIC) + 4: start]))
    _, offset, length, _ = next(s for s in header["sections"] if s[0] == section)
    assert length, section
    data[start + offset + length // 2] ^= 0x55
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("section", ["ids", "zh", "evidence", "esrc", "out_edges", "zi_edges", "slots", "id_order"])
def test_a_damaged_section_is_a_clear_error_eagerly_at_open_and_lazily_when_touched(saved, section):
    _damage(saved, section)
    with pytest.raises(StoreUnavailable, match=f"cannot be read: section '{section}' is truncated or damaged"):
        MemoryStore(saved)
    lazy = MemoryStore(saved, lazy=True)  # opens: nothing read yet
    with pytest.raises(StoreUnavailable, match=f"section '{section}' is truncated or damaged"):
        answers(lazy)


def test_a_damaged_part_a_page_does_not_read_fails_only_the_question_that_reads_it(saved):
    _damage(saved, "gram_blocks")
    lazy = MemoryStore(saved, lazy=True)
    assert GraphQueries(lazy).supporters_window("zone-huairou-science-city", "Program", 3)[1]
    with pytest.raises(StoreUnavailable, match="section 'gram_blocks' is truncated or damaged"):
        lazy.search("科学")


def test_the_cli_turns_a_damaged_section_into_one_line_and_exit_2(saved):
    _damage(saved, "zh")
    env = {"INNOGRAPH_DATA_DIR": str(saved.parent), "INNOGRAPH_BACKEND": "memory", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "api.cli", "zone", "怀柔科学城"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "section 'zh' is truncated or damaged" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_lazy_reader_never_sees_a_save_made_under_it(saved):
    reader = MemoryStore(saved, lazy=True)
    before = MemoryStore(saved)
    expected = answers(before)
    writer = MemoryStore(saved)
    for k in range(3):  # saves rename a new file over the one the reader mapped
        writer.write(Batch(nodes=[Node(id=f"zone-new-{k}", type="Zone", name_zh=f"新园区{k}")],
                           edges=[Edge(source="program-beijing-zhiyuan-action-plan", target="zone-huairou-science-city",
                                       type="SUPPORTS")] if k == 0 else []))
    # every part the reader reads now is first read after the saves: still the file it opened
    assert answers(reader) == expected
    assert reader.lookup("新园区0") == [] and MemoryStore(saved, lazy=True).lookup("新园区0") == ["zone-new-0"]
    assert reader.refresh() and reader.lookup("新园区2") == ["zone-new-2"]


def test_a_write_from_a_lazily_opened_store_keeps_every_record(saved):
    lazy = MemoryStore(saved, lazy=True)
    view = lazy.current()
    GraphQueries(lazy).supporters_window("zone-huairou-science-city", None, 3)  # some parts read, most not
    batch = Batch(nodes=[Node(id="program-z", type="Program", name_zh="新计划", aliases=["NP"])],
                  edges=[Edge(source="program-z", target="zone-huairou-science-city", type="SUPPORTS",
                              evidence=[Evidence(doc="doc-z", quote="支持", start=0, end=2)])])
    lazy.write(batch)
    eager = MemoryStore(saved.with_name("copy.json"))
    eager.replace(Batch(nodes=list(MemoryStore(saved).iter_nodes()), edges=list(MemoryStore(saved).iter_edges()),
                        documents=MemoryStore(saved).documents()))
    assert answers(MemoryStore(saved, lazy=True)) == answers(MemoryStore(saved)) == answers(lazy)
    assert lazy.lookup("np") == ["program-z"] and view.lookup("np") == []
    assert answers(eager)[0] == answers(lazy)[0]


def test_the_supporters_and_zone_commands_import_no_web_viz_graph_or_array_library(saved):
    """The CLI's first-time cost: a page should not pay for fastapi, pyvis, networkx, numpy or neo4j
    (a search too, made to read the snapshot's search index, graph/memory/name_grams.py, for any key)."""
    heavy = {"fastapi", "starlette", "uvicorn", "pyvis", "networkx", "numpy", "neo4j", "matplotlib", "yaml"}
    script = ("import sys; from api import cli; from graph.memory import name_grams; name_grams.BROAD = -1\n"
              "try:\n    cli.app(sys.argv[1:], standalone_mode=False)\nfinally:\n"
              f"    print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(heavy)!r})), file=sys.stderr)\n")
    env = {"INNOGRAPH_DATA_DIR": str(saved.parent), "INNOGRAPH_BACKEND": "memory", "PATH": "/usr/bin:/bin"}
    for args in (["supporters", "怀柔科学城", "--limit", "50", "--json"], ["supporters", "HSC", "--type", "Fund"],
                 ["zone", "zone-huairou-science-city", "--json"], ["search", "科", "--json"]):
        done = subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stderr.strip().splitlines()[-1] == "[]", (args, done.stderr)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(min_value=0, max_value=1, exclude_max=True), flip=st.integers(1, 255))
def test_any_damaged_byte_gives_the_same_answers_or_the_clear_error_never_another(mini_store, where, flip):
    """A byte flipped anywhere (header, checksum table, a section, padding): a lazy store either answers
    exactly as before (the byte was padding) or says the snapshot cannot be read; nothing else escapes."""
    path = mini_store.path
    original = path.read_bytes()
    expected = answers(MemoryStore(path))
    damaged = bytearray(original)
    damaged[int(where * len(original))] ^= flip
    path.write_bytes(bytes(damaged))
    try:
        try:
            got = answers(MemoryStore(path, lazy=True))
        except StoreUnavailable as exc:
            assert "cannot be read" in str(exc)
        else:
            assert got == expected
    finally:
        path.write_bytes(original)


def test_a_zone_index_part_the_lazy_reader_does_not_know_is_read_whole(saved, monkeypatch):
    """A later kind of zone index section (another branch's) must not be skipped by the hub-by-hub reader."""
    from graph.memory import zone_build
    from graph.memory.lazy_index import LazyZones

    expected = answers(MemoryStore(saved))
    plain = zone_build.sections
    monkeypatch.setattr(zone_build, "sections", lambda c: {**plain(c), "zi_later": b"\0" * 8})
    MemoryStore(saved).save()
    monkeypatch.undo()
    lazy = MemoryStore(saved, lazy=True)
    assert not isinstance(lazy._c.zindex, LazyZones)
    assert answers(lazy) == expected


def test_a_broad_search_pages_from_the_snapshots_search_index(saved, monkeypatch):
    """A lazy open reads the sg_* sections (graph/memory/name_grams.py) instead of building the index,
    and its pages equal the eager store's ranking of every hit."""
    from graph.memory import name_grams

    lazy = MemoryStore(saved, lazy=True)
    c = lazy._c
    monkeypatch.setattr(name_grams, "BROAD", -1)  # every key through the index (this graph is small)
    monkeypatch.setattr(name_grams, "IN_BACKGROUND", False)
    paged = [[n.id for n in lazy.search("科", (), limit, offset)] for limit, offset in ((20, 0), (7, 30))]
    index = c.__dict__["name_grams"]
    assert type(index.post).__name__ == "Ints"  # views of the snapshot's sections, not a build
    monkeypatch.setattr(name_grams, "BROAD", 10**12)
    eager = MemoryStore(saved)
    assert paged == [[n.id for n in eager.search("科", (), limit, offset)] for limit, offset in ((20, 0), (7, 30))]
    assert paged[0]
