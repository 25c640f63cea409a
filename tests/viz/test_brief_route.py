"""/brief/{ref}: the briefing as a page, and as a Word download."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture(scope="module")
def client(bundled_store):
    with TestClient(create_app(store=bundled_store)) as c:
        yield c


def test_brief_page_is_html_with_the_zone_and_its_evidence(client):
    r = client.get("/brief/怀柔科学城")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "怀柔科学城" in r.text and "北京纳米能源与系统研究所" in r.text


def test_brief_docx_downloads_in_english(client):
    r = client.get("/brief/HSC", params={"format": "docx", "lang": "en"})
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    doc = Docx(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Huairou Science City" in text


@pytest.mark.parametrize("path, status", [("/brief/不存在的园区", 404), ("/brief/HSC?format=pdf", 422),
                                          ("/brief/HSC?lang=fr", 422)])
def test_bad_brief_requests_are_friendly_pages(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
