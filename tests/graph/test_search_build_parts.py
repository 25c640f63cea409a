"""The search blocks of a large graph are built a hash part at a time from one pass over the names
(graph/neo4j/search_build.by_part): each part must hold exactly the entries the one-part build gives
it, or a search page on Neo4j would miss or repeat a name."""

from graph.neo4j import search_build


def names(n: int) -> list[tuple[str, str, str]]:
    out = []
    for i in range(n):
        kind = ("Institution", "Program", "Fund")[i % 3]
        out.append((f"node-{i}", kind, f"北京{i % 17}号科技创新中心{i}"))
        out.append((f"node-{i}", kind, f"centre {i} of beijing"))
    return out


def test_each_part_holds_what_the_one_part_build_gives_it(monkeypatch):
    monkeypatch.setattr(search_build, "SPILL", 7)  # many small batches per part file
    given = names(300)
    whole = search_build.expected(given)
    parts = list(search_build.by_part(given, 4))
    assert len(parts) == 4
    merged = {}
    for p, streams in enumerate(parts):
        assert streams == search_build.expected(given, p, 4)
        assert not set(streams) & set(merged)  # a stream lives in one part only
        merged.update(streams)
    assert merged == whole


def test_the_blocks_do_not_depend_on_the_number_of_parts(monkeypatch):
    given = names(200)
    one = list(search_build.block_chunks(given))
    monkeypatch.setattr(search_build, "parts_for", lambda n: 5)
    five = list(search_build.block_chunks(given))
    rows = lambda chunks: sorted(r["k"] for _, params, _ in chunks for r in params.get("rows", []))  # noqa: E731
    assert rows(one) == rows(five)
    assert one[-1][0] == five[-1][0] == search_build.MARK_READY
