"""`innograph sync` copies the embedded graph into a real Neo4j and back, unchanged."""

from __future__ import annotations

import hashlib
import json

import pytest
from typer.testing import CliRunner

from api import cli
from graph.memory import MemoryStore
from graph.settings import get_settings
from graph.store import Batch
from loaders.sources import build_bundled


def fingerprint(store) -> str:
    """A hash of every node and edge, order-free."""
    rows = sorted(json.dumps(r.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
                  for r in (*store.iter_nodes(), *store.iter_edges()))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@pytest.mark.neo4j
def test_sync_to_neo4j_and_back_keeps_every_record(neo4j_store, neo4j_settings, tmp_path, monkeypatch):
    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INNOGRAPH_BACKEND", "memory")
    for key, value in (("NEO4J_URI", neo4j_settings.neo4j_uri), ("NEO4J_USER", neo4j_settings.neo4j_user),
                       ("NEO4J_PASSWORD", neo4j_settings.neo4j_password),
                       ("NEO4J_DATABASE", neo4j_settings.neo4j_database)):
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    local = MemoryStore(tmp_path / "graph.json")
    build_bundled(local)
    before, nodes = fingerprint(local), local.counts().total_nodes
    runner = CliRunner()
    try:
        result = runner.invoke(cli.app, ["sync"])
        assert result.exit_code == 0, result.output
        assert fingerprint(neo4j_store) == before

        local.replace(Batch())
        result = runner.invoke(cli.app, ["sync", "--from-neo4j", "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["nodes"] == nodes > 280
        assert fingerprint(MemoryStore(tmp_path / "graph.json")) == before
    finally:
        get_settings.cache_clear()


def test_sync_with_neo4j_down_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["sync"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "Neo4j at bolt://127.0.0.1:1 is not reachable" in result.stderr
