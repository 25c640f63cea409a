"""The real typer app in process against a test's Neo4j (a subprocess per call would cost seconds each).

The CLI reads its settings from the environment and keeps its settings and its store in caches, so a
test sets the environment and clears both caches before its calls and again after them.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path


@contextmanager
def cli_on_neo4j(monkeypatch, settings, data_dir: Path):
    """A CliRunner whose `innograph` uses the Neo4j of `settings`; the caches are cleared on the way out."""
    from typer.testing import CliRunner

    from api import cli
    from graph.settings import get_settings

    env = {"INNOGRAPH_BACKEND": "neo4j", "INNOGRAPH_DATA_DIR": str(data_dir), "NEO4J_URI": settings.neo4j_uri,
           "NEO4J_USER": settings.neo4j_user, "NEO4J_PASSWORD": settings.neo4j_password,
           "NEO4J_DATABASE": settings.neo4j_database}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    cli.queries.cache_clear()
    try:
        yield CliRunner()
    finally:
        get_settings.cache_clear()
        cli.queries.cache_clear()
