"""`innograph load` into Neo4j: an empty database takes the bulk load, one with a graph the merging write.

On the real server of tests/graph/conftest.py, through the CLI (INNOGRAPH_BACKEND=neo4j): a load into
an empty database goes through `Neo4jStore.bulk_load` (from BULK_MIN_ROWS rows, lowered here) and stores
what `replace` stores; a smaller one, and a second load, go in one transaction (no bulk load); a bulk
load that fails on the server leaves the database empty and says so in one line, exit code 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api import cli
from graph.neo4j import cypher
from graph.neo4j import store as store_module
from graph.neo4j.store import Neo4jStore
from graph.settings import get_settings
from loaders.sources import read_sources
from tests.graph.test_neo4j_bulk import stored, stored_empty

pytestmark = pytest.mark.neo4j

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def neo4j_cli(neo4j_store, neo4j_settings, monkeypatch, tmp_path):
    """Runs `innograph ...` on the test server; yields the list of bulk loads it made."""
    for name, value in (("INNOGRAPH_BACKEND", "neo4j"), ("INNOGRAPH_DATA_DIR", str(tmp_path)),
                        ("NEO4J_URI", neo4j_settings.neo4j_uri), ("NEO4J_USER", neo4j_settings.neo4j_user),
                        ("NEO4J_PASSWORD", neo4j_settings.neo4j_password),
                        ("NEO4J_DATABASE", neo4j_settings.neo4j_database)):
        monkeypatch.setenv(name, value)
    bulk_loads: list[int] = []
    real = Neo4jStore.bulk_load

    def counted(self, batch, *args, **kwargs):
        bulk_loads.append(len(batch.nodes))
        return real(self, batch, *args, **kwargs)

    monkeypatch.setattr(Neo4jStore, "bulk_load", counted)
    monkeypatch.setattr(store_module, "BULK_MIN_ROWS", 1)  # the mini fixture stands for a large load
    get_settings.cache_clear()
    cli.queries.cache_clear()

    def run(*args: str):
        cli.queries.cache_clear()
        return CliRunner().invoke(cli.app, list(args))

    try:
        yield run, bulk_loads
    finally:
        get_settings.cache_clear()
        cli.queries.cache_clear()


def test_a_load_into_an_empty_database_is_a_bulk_load_and_the_next_one_merges(neo4j_store, neo4j_cli):
    run, bulk_loads = neo4j_cli
    batch = read_sources([MINI]).kept
    neo4j_store.replace(batch)
    want = stored(neo4j_store)
    neo4j_store.clear()

    result = run("load", str(MINI))
    assert result.exit_code == 0, result.output
    assert bulk_loads == [len(batch.nodes)]
    assert stored(neo4j_store) == want

    again = run("load", str(MINI))  # a database with a graph: the merging write (a reload changes nothing)
    assert again.exit_code == 0, again.output
    assert bulk_loads == [len(batch.nodes)]
    assert stored(neo4j_store) == want


def test_a_failed_bulk_load_leaves_the_database_empty_and_says_so(neo4j_store, neo4j_cli, monkeypatch):
    run, bulk_loads = neo4j_cli
    real = cypher.bulk_edges
    calls = iter(range(10 ** 6))
    monkeypatch.setattr(cypher, "bulk_edges", lambda type_: real(type_) if next(calls) == 0 else
                        "UNWIND range(0, size($s) - 1) AS i RETURN 1 / 0 AS boom")  # the second edge type fails

    result = run("load", str(MINI))
    assert result.exit_code == 2, result.output
    assert bulk_loads and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "could not write the graph" in lines[0], result.stderr
    assert "the bulk load stopped and what it wrote was deleted: the database is empty" in lines[0]
    assert stored(neo4j_store) == stored_empty(neo4j_store)


def test_a_small_load_into_an_empty_database_is_one_transaction(neo4j_store, neo4j_cli, monkeypatch):
    run, bulk_loads = neo4j_cli
    monkeypatch.setattr(store_module, "BULK_MIN_ROWS", 20_000)
    result = run("load", str(MINI))
    assert result.exit_code == 0, result.output
    assert bulk_loads == [] and neo4j_store.counts().total_nodes == len(read_sources([MINI]).kept.nodes)
