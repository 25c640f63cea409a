"""The CLI as a planner uses it: tables by default, --json for machines, one line and exit 2 on mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from api import cli
from graph.settings import get_settings
from tests.support.cli_runner import mini_cli

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the CLI in-process against a fresh data directory holding the mini graph."""
    yield from mini_cli(tmp_path, monkeypatch, width=200, soft_wrap=True)


def test_zone_json_has_members_supporters_and_evidence(run):
    result = run("zone", "怀柔科学城", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["zone"]["name_en"] == "Huairou Science City"
    assert data["members"][0]["node"]["name_zh"] == "北京纳米能源与系统研究所"
    assert data["members"][0]["edge"]["evidence"][0]["quote"].startswith("聚焦怀柔科学城")


def test_a_zone_table_with_nothing_in_it_says_so(run):
    result = run("zone", "怀柔科学城")
    assert result.exit_code == 0, result.output
    rest = result.stdout[result.stdout.index("indicators"):]
    assert "(none in the graph)" in rest  # the mini graph gives 怀柔科学城 no indicator


@pytest.mark.parametrize("args, expect", [
    (["search", "怀柔"], "怀柔科学城"),
    (["supporters", "HSC"], "怀柔科学城科学规划"),
    (["neighbors", "市科委", "--depth", "2"], "河北省"),
    (["path", "河北", "HSC"], "PARTNERS_WITH"),
    (["stats"], "INVESTS_IN"),
    (["rank", "--by", "degree"], "北京市科学技术委员会"),
    (["bridges"], "nodes tied to more than one zone"),
    (["show", "BINN"], "Beijing Institute of Nanoenergy"),
])
def test_query_commands_print_readable_tables(run, args, expect):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert expect in result.stdout


@pytest.mark.parametrize("args, message", [
    (["zone", "怀柔科学"], "no node named '怀柔科学'"),
    (["neighbors", "HSC", "--depth", "9"], "depth must be between 1 and 3"),
    (["search", "x", "--type", "Planet"], "unknown node type"),
    (["load", "/nonexistent/file.yaml"], "no such file"),
])
def test_mistakes_are_one_clear_line_and_exit_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_name_shows_suggestions(run):
    result = run("supporters", "怀柔科学")
    assert "did you mean" in result.stderr and "怀柔科学城" in result.stderr


def test_export_all_json_is_node_link(run, tmp_path):
    out = tmp_path / "all.json"
    assert run("export", "--all", "--format", "json", "-o", str(out)).exit_code == 0
    import networkx as nx

    g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="links")
    assert g.number_of_nodes() == 7 and g.number_of_edges() == 6


def test_real_subprocess_reads_the_persisted_graph(tmp_path):
    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(tmp_path), "INNOGRAPH_BACKEND": "memory"}
    exe = [sys.executable, "-m", "api.cli"]
    subprocess.run([*exe, "load", str(MINI)], env=env, check=True, capture_output=True)
    done = subprocess.run([*exe, "search", "纳米", "--json"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [n["id"] for n in json.loads(done.stdout)] == ["institution-beijing-institute-of-nanoenergy-and-nanosystems"]
    bad = subprocess.run([*exe, "zone", "不存在的园区"], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "no node named" in bad.stderr


@pytest.mark.parametrize("args", [["show", "[/red]"], ["search", "[/x]"], ["supporters", "市科委[/b]"],
                                  ["path", "[/a]", "河北"]])
def test_markup_in_names_is_text_not_a_crash(run, args):
    result = run(*args)
    assert result.exit_code in (0, 2) and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_a_name_with_brackets_is_printed_as_written(run):
    result = run("show", "[bold]HSC")
    assert result.exit_code == 2 and "[bold]HSC" in result.stderr


@pytest.mark.parametrize("var, value", [("INNOGRAPH_BACKEND", "foo"), ("INNOGRAPH_QUERY_TIMEOUT", "abc"),
                                        ("INNOGRAPH_PORT", "99999")])
def test_a_bad_setting_names_the_variable(run, monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    get_settings.cache_clear()
    result = run("stats")
    assert result.exit_code == 2 and var in result.stderr and "Traceback" not in result.output


def test_zone_of_something_that_is_not_a_zone_lists_the_zones(run):
    result = run("zone", "河北")
    assert result.exit_code == 2 and "is a Region, not a Zone" in result.stderr and "怀柔科学城" in result.stderr


def test_a_second_load_says_it_added_nothing(run):
    result = run("load", str(MINI))
    assert result.exit_code == 0
    assert "the graph gained 0 nodes and 0 edges" in result.stdout


def test_an_empty_typed_answer_says_so_and_shows_what_does_support(run):
    result = run("supporters", "HSC", "--type", "Fund")
    first, rest = result.stdout.split("\n", 1)
    assert result.exit_code == 0 and first.startswith("no Fund (基金) supports 怀柔科学城 in the graph")
    assert "what does support it: Institution 1, Program 1" in first
    assert "怀柔科学城科学规划" in rest and "北京市科学技术委员会" in rest and "【北京纳米能源与系统研究所】" in rest
    assert run("supporters", "HSC", "--type", "Fund", "--json").stdout.strip() == "[]"
    near = run("neighbors", "HSC", "--type", "Fund")
    assert "no Fund (基金) within 1 hop of 怀柔科学城 in the graph" in near.stdout


def test_evidence_shows_the_names_marked_and_a_repeated_sentence_once(run):
    out = run("zone", "HSC").stdout
    assert "【怀柔科学城科学规划】" in out
    table = run("neighbors", "市科委", "--depth", "2").stdout
    assert "【北京纳米能源与系统研究所】" in table


def test_show_of_a_metric_gives_its_figure_and_translated_attributes(run):
    assert run("build").exit_code == 0
    out = run("show", "全市技术合同成交额").stdout
    assert "全市技术合同成交额: 4957.8 亿元（2018），同比增长 10.5%" in out
    assert "+10.5% year on year" in out and "同比增长(%)" in out and "growth year on year (%)" in out


def test_supporters_print_a_cursor_that_gives_the_next_page(run):
    whole = json.loads(run("supporters", "HSC", "--json").stdout)
    first = run("supporters", "HSC", "--limit", "1")
    assert first.exit_code == 0 and f"(1-1 of {len(whole)})" in first.stdout
    after = first.stdout.split("next page: --after ")[1].split()[0]
    rest = run("supporters", "HSC", "--after", after, "--json")
    assert rest.exit_code == 0 and json.loads(rest.stdout) == whole[1:]
    bad = run("supporters", "HSC", "--after", "nonsense")
    assert bad.exit_code == 2 and "not a cursor" in bad.stderr and "Traceback" not in bad.output


def test_reindex_finds_an_index_that_differs_from_the_graph_and_rebuilds_it(run, monkeypatch):
    from graph.memory import zone_index

    assert run("reindex", "--check").exit_code == 0
    monkeypatch.setattr(zone_index, "INDEX_DEGREE", 1)  # as if the index had been kept by other rules
    stale = run("reindex", "--check")
    assert stale.exit_code == 1 and "differs from the graph" in stale.stderr
    assert run("reindex").exit_code == 0
    assert run("reindex", "--check").exit_code == 0 and "consistent" in run("reindex", "--check").stdout


def test_a_path_over_the_search_bound_is_declined_in_one_line_and_through_hubs_answers(run, monkeypatch):
    from graph import limits

    monkeypatch.setattr(limits, "PATH_EXPAND_EDGES", 1)
    declined = run("path", "河北", "HSC")
    assert declined.exit_code == 2 and "--through-hubs" in declined.stderr
    assert len(declined.stderr.strip().splitlines()) == 1 and "Traceback" not in declined.stderr
    found = run("path", "河北", "HSC", "--through-hubs")
    assert found.exit_code == 0 and "PARTNERS_WITH" in found.stdout
