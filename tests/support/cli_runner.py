"""The CLI invoked in-process against a fresh data directory holding the mini graph (memory backend).

Shared by the CLI tests; the console's width is the test's: a wide one for reading rows, a terminal's 80
columns for what a planner sees."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from api import cli
from graph.settings import get_settings

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def mini_cli(tmp_path, monkeypatch, width: int, soft_wrap: bool):
    """A generator for a pytest fixture: yields `invoke(*args)`, each call on a new store handle."""
    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INNOGRAPH_BACKEND", "memory")
    monkeypatch.setattr(cli, "out", Console(width=width, soft_wrap=soft_wrap, markup=False))
    get_settings.cache_clear()
    cli.queries.cache_clear()
    runner = CliRunner()

    def invoke(*args: str):
        cli.queries.cache_clear()
        return runner.invoke(cli.app, list(args))

    assert invoke("load", str(MINI)).exit_code == 0
    yield invoke
    get_settings.cache_clear()
    cli.queries.cache_clear()
