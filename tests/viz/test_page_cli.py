"""`innograph view NAME -o page.html`: one self-contained file; a bad name is one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api import cli
from graph.memory import MemoryStore
from graph.queries import GraphQueries
from loaders.sources import load_sources

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture
def runner(monkeypatch):
    store = MemoryStore()
    load_sources(store, [MINI])
    monkeypatch.setattr(cli, "queries", lambda: GraphQueries(store))
    return CliRunner()


def test_view_writes_one_offline_file(runner, tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(cli.app, ["view", "怀柔科学城", "--depth", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "vis.Network" in html
    assert "怀柔科学城" in html and "Huairou Science City" in html
    assert "https://" not in html.split("<script>")[0]  # the head links nothing


def test_view_with_a_type(runner, tmp_path):
    out = tmp_path / "p.html"
    result = runner.invoke(cli.app, ["view", "HSC", "--type", "Program", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'data-type="Program"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["view", "没有这个地方"], ["view", "HSC", "--depth", "7"],
                                  ["view", "HSC", "--type", "Spaceship"]])
def test_view_errors(runner, tmp_path, args):
    result = runner.invoke(cli.app, [*args, "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_view_unwritable_output(runner, tmp_path):
    result = runner.invoke(cli.app, ["view", "HSC", "-o", str(tmp_path / "no" / "such" / "dir.html")])
    assert result.exit_code == 2 and "cannot write" in result.output
