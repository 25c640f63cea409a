"""`innograph extract` read as a planner reads it before loading a new report, at a terminal's 80 columns:
what was found (new, or already in the graph), how sure, and from which sentence of the file.

Session 14 review: the tables cut every name to "大兴区医药健康 …" and every sentence to its head at 80
columns, said nothing of which names the graph already held, and listed an alias twice ("市科委, 市科委").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from api import cli
from graph.settings import get_settings
from tests.support.cli_runner import mini_cli

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
#: a short district note, written for this test: one sentence names three things the mini graph holds
REPORT = ("怀柔区科技工作简报\n\n"
          "2024年,市科委支持北京纳米能源与系统研究所在怀柔科学城建设可穿戴自供能系统研发平台。"
          "北京纳米能源与系统研究所聚焦新能源和新材料领域。区科委举办怀柔科学城科技服务大会,市科委领导出席。\n")
BOX = re.compile(r"[│┃┏┓┗┛┡┩━─┳┻╇└┘┌┐┼┬┴\s]")


@pytest.fixture
def run(tmp_path, monkeypatch):
    yield from mini_cli(tmp_path, monkeypatch, width=80, soft_wrap=False)  # a terminal


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "huairou-note.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def _flat(text: str) -> str:
    """The output with the table's rules and line breaks taken out: a folded cell reads as one text."""
    return BOX.sub("", text)


def test_every_relation_shows_its_whole_sentence_and_where_it_is(run, report):
    data = json.loads(run("extract", str(report), "--json").stdout)
    result = run("extract", str(report))
    assert result.exit_code == 0, result.output
    flat = _flat(result.stdout).replace("【", "").replace("】", "")
    assert data["edges"]
    for edge in data["edges"]:
        ev = edge["evidence"][0]
        assert f"[{ev['start']}-{ev['end']}]" in flat
        assert REPORT[ev["start"]:ev["end"]] == ev["quote"]
    first = data["edges"][0]["evidence"][0]["quote"]
    assert _flat(first) in flat, "the first relation's sentence is shown whole, not cut at its head"
    assert "【市科委】" in _flat(result.stdout), "a graph node's alias is marked in the sentence"


def test_each_name_says_whether_the_graph_holds_it_and_how_sure_a_new_one_is(run, report):
    result = run("extract", str(report))
    lines = result.stdout.splitlines()
    assert re.search(r"\d+ node\(s\): \d+ new, 3 already in the graph", result.stdout)
    row = next(line for line in lines if "北京纳米能源与系统研究" in line)
    assert "in the graph" in row
    row = next(line for line in lines if "新材料" in line)
    assert re.search(r"new, 0\.\d\d", row)
    assert "Nothingwasstored" in _flat(result.stdout)
    stats = json.loads(run("stats", "--json").stdout)
    assert [d["id"] for d in stats["documents"]] == ["mini-report"], "extract stores nothing"


@pytest.mark.parametrize("cold", [False, True])
def test_an_alias_met_twice_is_listed_once(run, tmp_path, cold):
    path = tmp_path / "twice.txt"
    path.write_text("大兴区科技服务大会——北京市科委项目对接\n来源:大兴区融媒体中心\n\n"
                    "大兴区科委积极对接市科委中关村高科技产业促进中心,在生物医药基地举办大兴区科技服务大会。"
                    "区科委将继续加强与市科委的联系。\n", encoding="utf-8")
    data = json.loads(run("extract", str(path), "--json", *(["--cold"] if cold else [])).stdout)
    assert any(n["aliases"] for n in data["nodes"])
    for node in data["nodes"]:
        assert len(node["aliases"]) == len(set(node["aliases"])), node


def test_a_district_report_naming_the_commission_in_full_short_form_keeps_one_commission(tmp_path, monkeypatch):
    """北京市科委 (the city and the short form) is the bundled report's author: a district's news item that
    names it so became a second commission, and after the load `show 市科委` answered "names 2 nodes"."""
    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INNOGRAPH_BACKEND", "memory")
    monkeypatch.setattr(cli, "out", Console(width=200, soft_wrap=True, markup=False))
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str):
        cli.queries.cache_clear()
        return runner.invoke(cli.app, list(args))

    path = tmp_path / "daxing-note.txt"
    path.write_text("大兴区科技服务大会——北京市科委项目对接\n来源:大兴区融媒体中心\n\n"
                    "大兴区科委积极对接市科委,在生物医药基地举办北京市科委项目对接会。\n", encoding="utf-8")
    try:
        assert run("build").exit_code == 0
        nodes = json.loads(run("extract", str(path), "--json").stdout)["nodes"]
        assert "北京市科委" not in [n["name_zh"] for n in nodes]
        assert run("load", str(path)).exit_code == 0
        shown = run("show", "市科委", "--json")
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.stdout)["name_zh"] == "北京市科学技术委员会"
    finally:
        get_settings.cache_clear()
        cli.queries.cache_clear()


def test_the_same_report_under_another_name_or_encoding_is_refused_and_the_graph_stays(run, tmp_path):
    """Loaded as daxing-2023.txt and again saved as GBK under another name, a report added a second document
    and a second copy of every evidence sentence; the same file name adds nothing (one document id)."""
    text = REPORT
    first, copy = tmp_path / "daxing-note.txt", tmp_path / "daxing-note-gbk.txt"
    first.write_text(text, encoding="utf-8")
    copy.write_bytes(text.encode("gb18030"))
    assert run("load", str(first)).exit_code == 0
    before = json.loads(run("stats", "--json").stdout)
    again = run("load", str(first))
    assert again.exit_code == 0 and "gained 0 nodes and 0 edges" in again.stdout
    refused = run("load", str(copy))
    assert refused.exit_code == 2
    assert "already holds this report as 'daxing-note'" in refused.output and "as daxing-note.txt" in refused.output
    after = json.loads(run("stats", "--json").stdout)
    assert [d["id"] for d in after["documents"]] == [d["id"] for d in before["documents"]]
    assert (after["nodes"], after["edges"]) == (before["nodes"], before["edges"])
    edges = json.loads(run("neighbors", "怀柔科学城", "--json").stdout)["edges"]
    docs = [ev["doc"] for e in edges for ev in e["evidence"]]
    assert "daxing-note-gbk" not in docs and docs.count("daxing-note") >= 1


def _graph(run, out: Path) -> dict:
    assert run("export", "--all", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    return {k: sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in data[k]) for k in ("nodes", "links")}


def test_the_review_file_loads_as_the_report_would_and_a_deleted_relation_stays_out(run, report, tmp_path,
                                                                                    monkeypatch):
    """`extract --review F` writes what `load` would store as curated YAML: loading F unchanged gives the graph
    the report gives; with a relation deleted from F, that relation is not stored (there was no way to leave
    one wrong relation out but a confidence floor)."""
    import yaml

    review = tmp_path / "review.yaml"
    result = run("extract", str(report), "--review", str(review))
    assert result.exit_code == 0, result.output
    assert "Nothingwasstored" in _flat(result.stdout) and review.is_file()
    assert run("load", str(review)).exit_code == 0
    from_review = _graph(run, tmp_path / "a.json")

    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path / "other"))
    get_settings.cache_clear()
    assert run("load", str(MINI)).exit_code == 0 and run("load", str(report)).exit_code == 0
    assert _graph(run, tmp_path / "b.json") == from_review

    monkeypatch.setenv("INNOGRAPH_DATA_DIR", str(tmp_path / "corrected"))
    get_settings.cache_clear()
    assert run("load", str(MINI)).exit_code == 0
    data = yaml.safe_load(review.read_text(encoding="utf-8"))
    wrong = next(e for e in data["edges"] if e["type"] == "FOCUSES_ON")
    data["edges"].remove(wrong)
    review.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run("load", str(review)).exit_code == 0
    assert run("export", "--all", "-o", str(tmp_path / "c.json")).exit_code == 0
    links = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["links"]
    stated = {(e["source"], e["type"], e["target"]) for e in links if "huairou-note" in json.dumps(e)}
    assert (wrong["source"], "FOCUSES_ON", wrong["target"]) not in stated
    assert len(stated) == len(data["edges"]) >= 1, "the relations left in the file were stored"


def test_show_of_an_extracted_name_says_yes_not_true(run, report):
    """`show` printed the extracted flag as 'True' (session 14 review): the pages say 是 / yes."""
    data = json.loads(run("extract", str(report), "--json").stdout)
    new = next(n for n in data["nodes"] if n["attrs"].get("extracted") and n["name_zh"] == "新材料")
    assert run("load", str(report)).exit_code == 0
    flat = _flat(run("show", new["id"]).stdout)
    assert "是/yes" in flat and "True" not in flat
