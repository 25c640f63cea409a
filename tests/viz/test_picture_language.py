"""A picture export in the reader's language (session 13 review).

The English zone page's "png" and "svg" links, `innograph export … -o x.png` and
`/api/v1/export?format=png` drew Chinese labels only: an English briefing's author
had no English picture but the one inside the briefing. Now `--lang en` / `lang=en`
draws the English names, and the English zone page links to it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from api.app import create_app
from graph.settings import Settings
from viz.export.cli_support import export_subgraph

SVG = "{http://www.w3.org/2000/svg}"
CJK = re.compile(r"[\u3400-\u9fff]")


def texts(data: bytes) -> list[str]:
    return ["".join(t.itertext()) for t in etree.fromstring(data).iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def client(bundled_store, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("lang"), admin_token="", cors_origins=[])
    with TestClient(create_app(settings, store=bundled_store)) as c:
        yield c


def test_cli_export_draws_english_labels_with_lang_en(bundled, tmp_path):
    export_subgraph(bundled, "怀柔科学城", False, 2, None, None, tmp_path / "en.svg", lang="en")
    export_subgraph(bundled, "怀柔科学城", False, 2, None, None, tmp_path / "zh.svg")
    en, zh = texts((tmp_path / "en.svg").read_bytes()), texts((tmp_path / "zh.svg").read_bytes())
    assert "Huairou Science City" in en and "怀柔科学城" in zh
    labels = [t for t in en if not t.startswith(("Legend", "Zone", "Institution", "Program", "Project", "Policy",
                                                 "Field", "Metric"))]  # the legend keeps both languages
    assert labels and not [t for t in labels if CJK.search(t)]


def test_api_export_and_the_english_zone_page_link(client):
    page = client.get("/zones/zone-huairou-science-city").text
    hrefs = re.findall(r'<a class="dl en" href="([^"]+)"', page)
    assert sorted(parse_qs(urlparse(h.replace("&amp;", "&")).query)["format"][0] for h in hrefs) == ["png", "svg"]
    svg = client.get(hrefs[1].replace("&amp;", "&"))
    assert svg.status_code == 200 and "Huairou Science City" in texts(svg.content)
    assert client.get("/api/v1/export", params={"center": "怀柔科学城", "format": "png", "lang": "fr"}).status_code == 422
