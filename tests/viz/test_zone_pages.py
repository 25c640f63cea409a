"""A zone's page, the home page's zones and questions, the whole graph, translated attribute names.

On the bundled graph through the real app (FastAPI's TestClient): every link the zone
page offers is followed and must answer with the file it names.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.ask import answer
from graph.settings import Settings
from viz.export.registry import FORMATS
from tests.viz.test_page import page_data
from viz.pages.home import EXAMPLE_QUESTIONS

HUAIROU = "zone-huairou-science-city"
PUBLISHER = "北京市科学技术委员会"
HEADLINE = ["中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"]


@pytest.fixture(scope="module")
def client(bundled_store, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("zones"), admin_token="", cors_origins=[])
    with TestClient(create_app(settings, store=bundled_store)) as c:
        yield c


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url, follow_redirects=False)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text
    return response.text


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_zone_page_has_members_supporters_with_paths_partners_fields_and_indicators(client, bundled):
    html = page(client, f"/zones/{quote('怀柔科学城')}")
    profile = bundled.profile(HUAIROU)
    for m in profile.members:
        assert m.node.name_zh in html
    for f in profile.fields:
        assert f.node.name_zh in html
    metric = profile.metrics[0].node
    assert metric.name_zh in html and str(metric.attrs["value"]) in html and metric.attrs["unit"] in html
    # one row per supporter; the publisher once, labelled, with each of its paths
    body = html[html.index('id="supporters"'):html.index('id="partners"')]
    rows = body.split("<tr>")[2:]
    assert sum(f">{PUBLISHER}<" in r for r in rows) == 1
    assert f">{PUBLISHER}<" in rows[-1]  # after the zone's own supporters: the author is context
    assert [s.node.name_zh for s in profile.supporters] == [n for r in rows for n in re.findall(r">([^<>]+)</a>", r)[:1]]
    publisher_row = next(r for r in rows if f">{PUBLISHER}<" in r)
    assert "报告发布单位" in publisher_row and publisher_row.count("<li>") >= 2
    assert 'class="ev"' in publisher_row  # each hop with its evidence
    assert 'src="/view?center=zone-huairou-science-city&amp;depth=2&amp;embed=1"' in html


def test_a_sentence_stating_several_members_is_quoted_once(client):
    html = page(client, f"/zones/{HUAIROU}")
    members = html[html.index('id="members"'):html.index('id="supporters"')]
    sentence = "首批重点支持“可穿戴自供能系统开发及应用”等30个项目落地"
    assert members.count("<tr>") >= 4  # four members rest on that one sentence
    assert members.count(sentence) == 1 and "同上句" in members


def test_every_download_on_the_zone_page_answers_with_its_file(client):
    html = page(client, f"/zones/{HUAIROU}")
    hrefs = links(html)
    briefs = [h for h in hrefs if h.startswith("/brief/")]
    exports = [h for h in hrefs if h.startswith("/api/v1/export")]
    assert {re.search(r"format=(\w+)", h).group(1) for h in briefs} == {"docx", "html", "md"}
    assert {re.search(r"format=(\w+)", h).group(1) for h in exports} == set(FORMATS)
    for href in briefs + exports:
        response = client.get(href)
        assert response.status_code == 200, href
        assert len(response.content) > 500, href
    docx = client.get(next(h for h in briefs if "docx" in h and "lang=zh" in h))
    assert docx.content[:2] == b"PK" and "attachment" in docx.headers["content-disposition"]
    png = client.get(next(h for h in exports if h.endswith("format=png")))
    assert png.content.startswith(b"\x89PNG")


def test_zone_page_for_another_node_or_no_node(client):
    response = client.get(f"/zones/{quote(PUBLISHER)}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/nodes/institution-")
    assert "404" in page(client, "/zones/没有这个园区", 404)


def test_home_page_leads_with_the_four_zones_and_labels_the_others(client):
    html = page(client, "/")
    headline, rest = html.split('class="zone-group"', 1)
    cards = re.findall(r'<div class="card headline">.*?<span class="zh">([^<]+)</span>', headline, re.S)
    assert cards == HEADLINE  # the plan's own order (its member_order)
    for other, what in (("三城一区", "合称"), ("中关村国家自主创新示范区", "示范区"),
                        ("平谷国家农业科技创新示范区", "农业科技园区"), ("北京国家农业科技园区", "农业科技园区")):
        row = next(r for r in rest.split("<tr>") if f">{other}<" in r)
        assert what in row, other
    zone_links = [h for h in links(html) if h.startswith("/zones/")]
    assert len(set(zone_links)) >= 8  # every zone, and each bridge's zones, link to the zone page
    assert "/graph" in links(html)
    bridges = html[html.index("Bridges between zones"):]
    note, table = bridges.split('<table class="list">', 1)
    assert f">{PUBLISHER}<" not in table and "农业科技" in table  # the publisher is context, not a bridge
    assert re.search(rf'报告的发布单位<a href="/nodes/[^"]+">{PUBLISHER}</a>（与 \d+ 个园区有关）作为背景', note)
    key_task = next(r for r in bridges.split("<tr>") if "着力服务" in r)
    assert re.findall(r'<a href="/zones/[^"]+"><span class="zh">([^<]+)</span>', key_task) == [*HEADLINE, "三城一区"]  # as the cards


@pytest.mark.parametrize("question", [q for pair in EXAMPLE_QUESTIONS for q in pair])
def test_example_questions_have_answers(bundled, question):
    found = answer(bundled, question)
    assert found.items or found.paths, (question, found.summary)
    assert PUBLISHER not in found.interpretation


def test_node_pages_translate_attribute_names(client):
    html = page(client, f"/nodes/{quote('怀柔科学城首批重点支持项目数')}")
    zh = re.findall(r'<th><span class="zh">([^<]+)</span>', html)
    assert "数值" in zh and "单位" in zh
    for raw in ("value", "unit", "growth_pct", "kind", "period"):
        assert f"<th>{raw}</th>" not in html and f'<span class="zh">{raw}</span>' not in html
    assert f'href="/zones/{HUAIROU}"' in page(client, f"/nodes/{HUAIROU}")


def test_the_whole_graph_page(client, bundled_store):
    html = page(client, "/graph")
    assert f"{bundled_store.counts().total_nodes} 个节点" in html and "作为背景只画一次" in html
    # 北京市 (the city the report covers) drew as the largest hub by its city-wide indicators: now small
    # context like the publisher, the map laid out around the zones, and the page says so (session 8)
    data = page_data(html)
    sizes = {n["id"]: n["value"] for n in data["nodes"]}
    assert sizes["region-beijing"] < sizes["zone-huairou-science-city"] and "报告所述的城市" in html
    assert data["page"]["physics"] is False and "region-beijing" in data["page"]["context"]
    assert "图以园区为中心" in html and "the map is centred on the zones" in html


def test_a_view_can_walk_through_the_publisher_when_asked(client):
    focused = page(client, f"/view?center={quote('怀柔科学城')}&depth=2")
    through = page(client, f"/view?center={quote('怀柔科学城')}&depth=2&include_publisher=1")
    count = lambda html: int(re.search(r"(\d+) 个节点", html).group(1))  # noqa: E731
    assert count(through) > 3 * count(focused)
    assert "作为背景只画一次" in focused and "作为背景只画一次" not in through


def test_a_zone_page_shows_its_members_partners_apart_with_the_member(client):
    """未来科学城 has no partner of its own; its central SOEs work with two universities (session 6)."""
    html = page(client, f"/zones/{quote('未来科学城')}")
    own = html[html.index('id="partners"'):html.index('id="partners-via"')]
    via = html[html.index('id="partners-via"'):html.index('id="fields"')]
    assert "没有直接合作方" in own and "中国石油大学" not in own
    rows = via.split("<tr>")[2:]
    assert len(rows) == 2 and all("未来科学城央企" in r and ('class="ev"' in r or "同上句" in r) for r in rows)
    assert "中国石油大学" in via and "华北电力大学" in via
    assert 'id="partners-via"' not in page(client, f"/zones/{HUAIROU}")  # none there: no empty table


def test_the_demonstration_zone_page_says_it_is_not_the_science_city(client):
    html = page(client, f"/zones/{quote('中关村示范区')}")
    assert 'class="muted zone-note">not the same as 中关村科学城 (Zhongguancun Science City)<' in html


#: The report's one sentence on each zone, in its own verb (graph/zone_story.py).
OWN = {"中关村科学城": "聚焦中关村科学城", "怀柔科学城": "突破怀柔科学城", "未来科学城": "搞活未来科学城",
       "北京经济技术开发区": "升级经济技术开发区"}


@pytest.mark.parametrize("zone", HEADLINE)
def test_a_zone_page_opens_with_its_own_story(client, zone):
    """Before: every zone page opened with the same download links and a network; what is particular to the
    zone was in tables further down. Now a lead comes first (the briefing's key points, both languages):
    the report's own sentence on this zone, its source, its own supporters, the commission once, apart."""
    html = page(client, f"/zones/{quote(zone)}")
    assert 'id="lead"' in html and html.index('id="lead"') < html.index('id="downloads"')
    lead = html[html.index('id="lead"'):html.index('id="downloads"')]
    items = re.findall(r"<li>(.*?)</li>", lead[lead.index('<ul class="zh">'):lead.index('<ul class="en">')])
    assert OWN[zone] in items[0] and items[1].startswith("依据"), items[:2]  # the zone's story, then its source
    supporters = next(i for i in items if i.startswith("支持方"))  # after where it is, when the graph says
    assert PUBLISHER not in supporters and items.index(supporters) <= 3
    assert PUBLISHER not in items[0] and sum(PUBLISHER in i for i in items[2:]) == 1  # once as a supporter, apart
    assert not any(verb in lead for other, verb in OWN.items() if other != zone)
    english = lead[lead.index('<ul class="en">'):]
    assert "In the report&#39;s words" in english and "Supported by (" in english


def test_the_lead_does_not_repeat_the_curators_note(client):
    html = page(client, f"/zones/{quote('中关村示范区')}")
    lead = html[html.index('id="lead"'):html.index('id="downloads"')]
    assert "not the same as 中关村科学城" not in lead and "依据" in lead


def test_aliases_are_joined_in_the_pages_language(client):
    """Before: the English page read "also Beijing Future Science Park、未来科技城、Beijing Future Science &amp;
    Technology Park" (the Chinese list mark between English names); each language now has its own separator."""
    html = page(client, f"/zones/{quote('未来科学城')}")
    meta = html[html.index('class="zone-meta"'):html.index('id="lead"')]
    assert '<span class="en">Beijing Future Science Park, 未来科技城, Beijing Future Science' in meta
    assert '<span class="zh">Beijing Future Science Park、未来科技城、Beijing Future Science' in meta
    node = page(client, f"/nodes/{quote('北京经济技术开发区')}")
    assert '<span class="en">BDA, 经开区, 经济技术开发区' in node  # the node page's aliases too


def test_the_lead_says_where_the_zone_is(client):
    lead = page(client, f"/zones/{quote('未来科学城')}")
    lead = lead[lead.index('id="lead"'):lead.index('id="downloads"')]
    assert "<li>所在地区：昌平区。</li>" in lead and "<li>Located in: Changping District.</li>" in lead


def test_the_plans_page_lists_its_zones_in_the_plans_own_order(client):
    """Before (session 17): 三城一区's page listed its members by id (北京经济技术开发区, 未来科学城, 怀柔科学城,
    中关村科学城), in its table and in its key points, while the city (and the home page) says
    中关村科学城、怀柔科学城、未来科学城、北京经济技术开发区."""
    html = page(client, f"/zones/{quote('三城一区')}")
    table = html[html.index('id="members"'):html.index('id="supporters"')]
    rows = [r for r in table.split("<tr>")[2:]]
    named = [next(z for z in HEADLINE if f">{z}<" in r) for r in rows]
    assert named == HEADLINE
    lead = html[:html.index('id="members"')]
    assert "成员与入驻单位（4 个）：" + "、".join(HEADLINE) in unescape(lead)


@pytest.mark.parametrize("zone, folded", [("中关村科学城", 3), ("三城一区", 4)])
def test_the_commissions_paths_through_the_zones_members_are_folded(client, zone, folded):
    """Before (session 17): the report's author, last in the supporters table, had its longest row: on
    三城一区's page 5 paths (one through each zone) and 6 sentences under the zone's own supporters. Its direct
    support is shown; its paths through the zone's members are folded under one line."""
    html = page(client, f"/zones/{quote(zone)}")
    body = html[html.index('id="supporters"'):html.index('id="partners"')]
    rows = body.split("<tr>")[2:]
    author = rows[-1]
    assert f">{PUBLISHER}<" in author
    shown, _, hidden = author.partition("<details")
    assert "直接：" in shown and "经由" not in shown
    assert f"另经由 {folded} 个成员支持" in hidden and hidden.count("经由</span>") == folded
    for own in rows[:-1]:  # the zone's own supporters: every path shown
        assert "<details" not in own


def test_a_node_page_gives_the_figure_of_an_indicator_tied_to_it(client):
    """Before (session 17): the fund's page read "市科技创新基金已决策投资子基金数 衡量 北京市科技创新基金" and
    not how many: the figure (6 支, 2018) was on the indicator's own page only."""
    html = unescape(page(client, f"/nodes/{quote('北京市科技创新基金')}"))
    assert "数值：6支（2018）" in html
    assert "value: 6 (2018)" in html


def test_an_english_name_that_runs_in_a_sentence_begins_its_titles_with_a_capital(client, bundled):
    """Before (session 17): 三城一区's official English, "three science cities and one area", began its zone page,
    its network page and its briefing in lower case; in a sentence ("part of …") it stays as it is."""
    from viz.brief import build_brief

    zone_html = page(client, f"/zones/{quote('三城一区')}")
    assert '<span class="en">Three science cities and one area</span></h1>' in zone_html.replace("\n", "")
    view_html = page(client, f"/view?center={quote('三城一区')}")
    assert '<span class="en">Three science cities and one area</span>' in view_html
    assert build_brief(bundled, "三城一区", "en").title.startswith("Briefing: Three science cities and one area")
    huairou = page(client, f"/zones/{quote('怀柔科学城')}")
    assert "part of</span> <a" in huairou and "three science cities and one area</span></a>" in huairou


def test_a_node_page_quotes_each_sentence_once(client):
    """Before (session 17): the fund's page printed the one sentence its nine relations rest on nine times."""
    html = unescape(page(client, f"/nodes/{quote('北京市科技创新基金')}"))
    sentence = "全面启动市科技创新基金,组建市场化专业化基金管理公司"
    assert html.count(sentence) == 1
    assert html.count("（同上句）") == 8


def test_the_export_row_says_why_a_data_file_holds_more_relations_than_the_network(client):
    """三城一区's json held 56 relations where its network drew 50 (the report's author's other 6 ties): the
    page now says which files hold every relation (session 18)."""
    html = page(client, f"/zones/{quote('三城一区')}?lang=en")
    downloads = html[html.index('id="downloads"'):html.index("</section>", html.index('id="downloads"'))]
    assert "The data files hold every relation of the subgraph" in downloads
    assert "数据文件含子图的全部关系" in downloads


def test_the_english_home_page_names_the_publisher_and_lists_zones_in_english(client):
    """The English home page said "published by 北京市科学技术委员会" under its source and joined the bridges' zones
    with 、 (session 18 review)."""
    html = page(client, "/?lang=en")
    en = " ".join(re.findall(r'<span class="en">(.*?)</span>', html, re.S))
    assert "published by Beijing Municipal Science &amp; Technology Commission" in en
    assert "published by 北京市科学技术委员会" not in en
    assert "发布单位：北京市科学技术委员会" in html  # the Chinese page keeps its own
    bridges = html[html.index("Bridges between zones"):]
    bridges = bridges[:bridges.index("</table>")]
    assert '<span class="en">, </span>' in bridges
    assert re.search(r"</a>、<a", bridges) is None


def test_a_node_pages_source_is_titled_in_the_pages_language(client):
    """The English node page listed its source as 北京市科学技术委员会关于2018年度绩效管理的自查报告 (session 18)."""
    html = page(client, f"/nodes/{quote('北京市科技创新基金')}?lang=en")
    row = html[html.index('<span class="en">Sources</span>'):]
    row = row[:row.index("</tr>")]
    assert '<span class="en">Beijing Municipal Science &amp; Technology Commission: self-assessment report' in row
    assert '<span class="zh">北京市科学技术委员会关于2018年度绩效管理的自查报告</span>' in row
