"""A planner's second report, uploaded into the bundled graph and looked for on the pages (session 14 review).

The report below is written for this test in the form of a district's news item (a title, a source line,
a sentence the extractor reads as 大兴区 focusing on 科技服务). Session 16: the field inside the event's
name (举办大兴区科技服务大会) is no longer read as 大兴区's focus, so the report says the focus in words of its own. Before: the /ask page quoted the sentence
with no word of which report it is from, and the home page did not say which reports the graph holds.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from graph.publisher import publisher_ids
from loaders.sources import build_bundled
from tests.api.api_support import make_settings

ADMIN = {"Authorization": "Bearer s3cret-token"}
TITLE = "大兴区科技服务大会——北京市科委项目对接"
PUBLISHER = "大兴区融媒体中心"
REPORT = (f"{TITLE}\n发布时间:2023-08-01 来源:{PUBLISHER}\n\n"
          "大兴区科委积极对接市科委,于近日在生物医药基地举办大兴区科技服务大会。会上介绍,大兴区聚焦科技服务和生物医药。"
          "区科委副主任介绍了有关政策。\n")
FIRST = "北京市科学技术委员会关于2018年度绩效管理的自查报告"
COMMISSION = "institution-beijing-municipal-science-technology-commission"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("second-report")
    store = MemoryStore(tmp / "graph.json")
    build_bundled(store)
    settings = make_settings(tmp, admin_token="s3cret-token")
    with TestClient(create_app(settings, store=store), raise_server_exceptions=False) as c:
        response = c.post("/api/v1/sources", files={"file": ("daxing-note.txt", REPORT.encode())}, headers=ADMIN)
        assert response.status_code == 200, response.text
        assert response.json()["nodes_added"] >= 1
        c.store = store
        yield c


def _ask(client, question: str) -> str:
    page = client.get(f"/ask?q={quote(question)}")
    assert page.status_code == 200
    return page.text


def test_the_ask_page_names_the_report_each_sentence_is_from(client):
    new = _ask(client, "大兴区聚焦哪些领域？")
    assert "科技服务" in new and "大兴区聚焦科技服务和生物医药" in new
    assert f'<cite class="src">— <span class="zh">{TITLE}</span>' in new
    assert FIRST not in new
    old = _ask(client, "哪些计划支持怀柔科学城？")
    assert f'<cite class="src">— <span class="zh">{FIRST}</span>' in old
    assert TITLE not in old


def test_the_home_page_lists_each_report_with_its_publisher(client):
    home = client.get("/").text
    sources = home[home.index('<ul class="sources">'):]
    sources = sources[:sources.index("</ul>")]
    assert sources.count("<li>") == 2
    assert f"《{TITLE}》" in sources and PUBLISHER in sources and "2023-08-01" in sources
    assert f"《{FIRST}》" in sources and "北京市科学技术委员会" in sources
    assert sources.index(TITLE) < sources.index(FIRST), "the newest report first"


def test_the_second_report_has_its_own_publisher_and_the_commission_stays_context(client):
    documents = {d["id"]: d for d in client.get("/api/v1/stats").json()["documents"]}
    assert documents["daxing-note"]["publisher"] == PUBLISHER
    assert documents["bjstc-2018-self-assessment"]["publisher"] == "北京市科学技术委员会"
    context = publisher_ids(client.store)
    assert COMMISSION in context and len(context) == 2
    around = client.get(f"/api/v1/nodes/{quote('大兴区')}/neighbors", params={"depth": 2}).json()
    names = {n["name_zh"] for n in around["nodes"]}
    assert "科技服务" in names and "怀柔科学城" not in names, "the walk did not go on through the commission"


def test_an_extracted_relation_on_a_node_page_names_its_attributes_in_words(client):
    page = client.get(f"/nodes/{quote('大兴区')}").text
    assert "大兴区聚焦科技服务和生物医药" in page
    assert "抽取规则：" in page and "extraction rule: " in page and ">rule：<" not in page
    assert "置信度：" in page and "自动抽取：" in page
