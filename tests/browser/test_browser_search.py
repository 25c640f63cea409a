"""The search boxes, as a planner uses them in Chromium on the served pages.

Before: the boxes (the start page's, every page's header, the error page's) sent the text to
/view?center=…, so a part of a name gave "404 · no node named '中关村'" although two zones begin
with it, and "huairou" found nothing. Now they send it to /search: a text that names one node opens
its page; any other lists what it finds, each with its page and its network.
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.browser


def submit(page, form_selector: str, text: str) -> None:
    page.evaluate("(function(sel, text){var f=document.querySelector(sel);"
                  "f.querySelector('input[type=search]').value=text;f.submit();})"
                  f"({form_selector!r}, {text!r})")


def wait_loaded(page, path_start: str) -> None:
    page.wait_for(f"location.pathname.indexOf({path_start!r}) === 0 && document.readyState === 'complete'")


def test_the_start_page_search_lists_both_zhongguancun_zones(served_browser, server, artifacts):
    page = served_browser.open(f"{server}/")
    page.wait_for("document.readyState === 'complete'")
    submit(page, "main form[action='/search']", "中关村")
    wait_loaded(page, "/search")
    hits = page.evaluate("Array.prototype.map.call(document.querySelectorAll('table.search-hits a.hit'),"
                         "function(a){return [a.querySelector('.zh').textContent, a.getAttribute('href')];})")
    assert ["中关村科学城", "/zones/zone-zhongguancun-science-city"] in hits
    assert ["中关村国家自主创新示范区", "/zones/zone-zhongguancun-national-innovation-demonstration-zone"] in hits
    assert page.evaluate("document.querySelector('table.search-hits').getBoundingClientRect().height") > 100
    page.screenshot(artifacts / "search-zhongguancun.png")
    page.navigate(server + hits[0][1])
    page.wait_for("document.readyState === 'complete'")
    assert "404" not in page.evaluate("document.title")


def test_the_header_search_opens_the_page_of_the_one_node_a_name_names(served_browser, server):
    page = served_browser.open(f"{server}/nodes/{quote('市科委')}")
    page.wait_for("document.readyState === 'complete'")
    submit(page, "header form.search", "经开区")
    wait_loaded(page, "/zones/")
    assert page.evaluate("location.pathname") == "/zones/zone-beijing-economic-technological-development-area"


def test_english_and_a_typo_find_the_zone(served_browser, server):
    page = served_browser.open(f"{server}/search?q=huairou")  # an alias since session 16: it opens the zone
    wait_loaded(page, "/zones/")
    assert page.evaluate("location.pathname") == "/zones/zone-huairou-science-city"
    page.navigate(f"{server}/search?q={quote('huairou science')}")  # part of the English name: a list of hits
    page.wait_for("document.readyState === 'complete'")
    first = page.evaluate("document.querySelector('table.search-hits a.hit').getAttribute('href')")
    assert first == "/zones/zone-huairou-science-city"
    page.navigate(f"{server}/search?q={quote('怀柔科学成')}")
    page.wait_for("document.readyState === 'complete'")
    text = page.evaluate("document.body.innerText")
    assert "没有名称、英文名或别名包含「怀柔科学成」的节点" in text
    assert page.evaluate("document.querySelector('ul.suggestions a').getAttribute('href')") == \
        "/zones/zone-huairou-science-city"


@pytest.mark.parametrize("q, status", [("", 200), ("x" * 201, 422)])
def test_an_empty_or_overlong_search_is_a_page_not_a_trace(server, q, status):
    r = httpx.get(f"{server}/search", params={"q": q}, timeout=30)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text
