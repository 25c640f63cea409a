"""Two zones compared on the /ask page: a table, one row per kind, a column for each zone's own and one for
the shared (session 17). Before: one paragraph of 120 words over an 18-row list that did not say which zone
each row was for."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings


@pytest.fixture(scope="module")
def client(bundled_store, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("ask-compare"), admin_token="", cors_origins=[])
    with TestClient(create_app(settings, store=bundled_store)) as c:
        yield c


def compare_rows(client, question: str, lang: str) -> dict[str, list[str]]:
    response = client.get(f"/ask?q={quote(question)}")
    assert response.status_code == 200
    html = response.text
    assert 'id="compare"' in html, "no comparison table"
    table = html[html.index('id="compare"'):]
    table = table[:table.index("</table>")]
    keep = "zh" if lang == "zh" else "en"
    drop = "en" if keep == "zh" else "zh"
    table = re.sub(rf'<span class="{drop}">.*?</span>', "", table)

    def text(cell: str) -> str:
        return unescape(re.sub(r"<[^>]+>", "", cell.replace("<br>", " | "))).strip()

    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_two_zones_are_compared_in_a_table_of_their_own_and_shared_relations(client):
    rows = compare_rows(client, "Compare E-Town and Future Science City", "en")
    assert rows[""] == ["Only Beijing Economic-Technological Development Area", "Both", "Only Future Science City"]
    only_bda, both, only_future = rows["Fields"]
    assert "Biomedicine" in only_bda and "Integrated circuits" in only_bda and "Hydrogen energy" not in only_bda
    assert "Hydrogen energy" in only_future and "Smart energy" in only_future
    assert both == "—"
    only_bda, both, only_future = rows["Supporters"]
    assert only_bda == "Beijing Economic-Technological Development Area (BDA) Plan"
    assert only_future == "Future Science City Plan"
    assert both.startswith("Serving the development of the 'three science cities and one area'")
    assert both.endswith("Beijing Municipal Science & Technology Commission (the report's author)")
    assert rows["Indicators"] == ["—", "—", "—"]


def test_the_chinese_comparison_reads_in_chinese(client):
    rows = compare_rows(client, "中关村科学城和怀柔科学城有什么区别？", "zh")
    assert rows[""] == ["仅中关村科学城", "两者都有", "仅怀柔科学城"]
    assert rows["指标"] == ["—", "—", "怀柔科学城首批重点支持项目数：30个（2018）"]  # the figure with its year
    assert "北京石墨烯研究院" in rows["成员"][0] and "北京纳米能源与系统研究所" in rows["成员"][2]
    assert rows["支持方"][1].endswith("北京市科学技术委员会（报告发布单位）")


def test_other_answers_have_no_comparison_table(client):
    assert 'id="compare"' not in client.get(f"/ask?q={quote('谁支持怀柔科学城？')}").text
