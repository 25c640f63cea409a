"""The /ask page quotes each sentence once a table (session 18 review).

"讲讲怀柔科学城" answers with the zone's 14 direct relations; nine of them rest on one sentence of the report
("突破怀柔科学城,积极部署物质、空间科学实验室建设……"), which the page printed nine times, the rows' names lost
between the copies. As on the zone and node pages, a later row says "(the same sentence as above)".
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings


@pytest.fixture(scope="module")
def client(bundled_store, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("ask-quotes"), admin_token="", cors_origins=[])
    with TestClient(create_app(settings, store=bundled_store)) as c:
        yield c


def answer_tables(client, question: str) -> list[str]:
    response = client.get(f"/ask?q={quote(question)}")
    assert response.status_code == 200
    return re.findall(r'<table class="list answer-rows">(.*?)</table>', response.text, re.S)


@pytest.mark.parametrize("question", ["讲讲怀柔科学城", "Tell me about Huairou Science City"])
def test_a_zone_storys_rows_quote_each_sentence_once(client, question):
    tables = answer_tables(client, question)
    assert tables
    rows = re.findall(r"<tr>(.*?)</tr>", tables[0], re.S)[1:]  # less the header
    quotes = Counter(unescape(q) for q in re.findall(r"<q>(.*?)</q>", tables[0], re.S))
    assert len(rows) >= 14 and max(quotes.values()) == 1, quotes.most_common(2)
    assert any(q.startswith("突破怀柔科学城,积极部署物质") for q in quotes)
    same = [r for r in rows if "(the same sentence as above)" in r]
    assert len(same) == len(rows) - len(quotes)  # every row still has its sentence, quoted or pointed to
