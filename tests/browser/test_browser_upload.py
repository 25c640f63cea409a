"""/upload in Chromium, as a planner without a terminal uses it: choose a report, preview it, uncheck a
relation, load, read the counts; a wrong token is said in words; without an admin token the page says
how to enable uploads. Each step is captured at 1280 and 390 pixels wide (test-artifacts/browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.app import create_app
from graph.memory import MemoryStore
from graph.settings import Settings
from loaders.sources import load_sources
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TOKEN = "planner-token-1"
#: A short report of our own: a known zone and agency, two new institutes and fields, and a relation the extractor
#: is less sure of (a facility the rules read with 0.7: LED_BY 0.49), right all the same.
REPORT = """\
title: 2024年怀柔科学城建设情况
date: 2024-03-01
---
2024年，北京市科学技术委员会支持怀柔科学城建设。
聚焦怀柔科学城，支持北京量子信息科学研究院整建制搬迁入驻。
中关村科学城聚焦人工智能和集成电路。
北京市科学技术委员会与怀柔区共同建设综合极端条件实验装置。
"""
WIDTHS = (1280, 390)


@pytest.fixture
def upload_server(tmp_path):
    """The app over a fresh, writable mini graph with the admin routes open; yields (base, store)."""
    store = MemoryStore(tmp_path / "graph.json")
    load_sources(store, [FIXTURES / "mini"])
    settings = Settings(data_dir=tmp_path, admin_token=TOKEN, cors_origins=[], max_upload_bytes=64 * 1024)
    with serve_in_thread(create_app(settings, store=store)) as base:
        yield base, store


@pytest.fixture
def report_file(tmp_path) -> Path:
    path = tmp_path / "huairou-2024.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def capture(page, artifacts: Path, name: str) -> None:
    """The whole page at each width (the viewport grown to the page's height), then back to 1280 x 800."""
    for width in WIDTHS:
        page.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1,
                                                          "mobile": width < 600})
        height = page.evaluate("Math.ceil(document.documentElement.scrollHeight)")
        page.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": min(height, 6000),
                                                          "deviceScaleFactor": 1, "mobile": width < 600})
        page.screenshot(artifacts / f"upload-{name}-{width}.png")
        # against the width asked for: a mobile viewport widens to what overflows it, so innerWidth followed
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 1, f"{name} at {width} px: the page is {overflow} px wider than the window"
    page.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 800, "deviceScaleFactor": 1,
                                                      "mobile": False})


def click(page, selector: str) -> None:
    """A real mouse click in the middle of the element, scrolled into view first."""
    box = page.evaluate(f"(function(){{var e=document.querySelector({json.dumps(selector)});"
                        "e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                        "return [r.left + r.width / 2, r.top + r.height / 2];})()")
    page.click(*box)


def choose(page, selector: str, path: Path) -> None:
    """Pick a file in the file chooser, as the browser's own dialog would."""
    found = page.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"})
    page.send("DOM.enable")
    page.send("DOM.setFileInputFiles", {"files": [str(path)], "objectId": found["result"]["objectId"]})
    page.evaluate(f"document.querySelector({json.dumps(selector)}).dispatchEvent(new Event('change'))")


def fill_token(page, token: str) -> None:
    click(page, "#token")
    page.evaluate("document.getElementById('token').value = ''")
    page.type_text(token)


def send_for_preview(browser, base: str, token: str, path: Path):
    """The planner's first steps on /upload (Chinese side): token, file, 预览. The page, for what follows."""
    page = browser.open(f"{base}/upload")
    page.evaluate("window.innographSetLang('zh')")
    fill_token(page, token)
    choose(page, "#file", path)
    click(page, "#preview")
    return page


def previewed(page) -> None:
    page.wait_for("!document.getElementById('preview-out').hidden", timeout=60)


def message(page) -> str:
    return page.wait_for("(function(){var m=document.getElementById('message');"
                         "return !m.hidden && !m.classList.contains('info') && m.innerText;})()", timeout=60)


def test_preview_uncheck_one_relation_and_load(served_browser, upload_server, report_file, artifacts):
    base, store = upload_server
    page = served_browser.open(f"{base}/upload?lang=zh")
    page.evaluate("window.innographSetLang('zh')")
    capture(page, artifacts, "1-form")
    fill_token(page, TOKEN)
    choose(page, "#file", report_file)
    before = store.counts()
    click(page, "#preview")
    previewed(page)
    assert store.counts() == before  # a preview writes nothing
    rows = page.evaluate("Array.prototype.map.call(document.querySelectorAll('#relations tbody tr'), function(tr){"
                         "return {text: tr.innerText, checked: tr.querySelector('input').checked,"
                         " low: tr.classList.contains('low')};})")
    assert len(rows) >= 3 and all(r["checked"] for r in rows)  # every relation checked to begin with
    assert any(r["low"] and "把握低" in r["text"] for r in rows)  # the low-confidence ones are marked
    assert "怀柔科学城" in page.evaluate("document.getElementById('relations').innerText")
    assert page.evaluate("window.sessionStorage.getItem('innograph.adminToken')") == TOKEN
    assert page.evaluate("document.cookie") == "" and TOKEN not in page.evaluate("location.href")
    capture(page, artifacts, "2-preview")

    lows = sum(r["low"] for r in rows)
    click(page, "#uncheck-low")  # one click leaves out every less sure relation ...
    assert page.evaluate("document.querySelectorAll('#relations input.rel:checked').length") == len(rows) - lows
    click(page, "#check-all")  # ... and one takes them all back
    assert page.evaluate("document.querySelectorAll('#relations input.rel:checked').length") == len(rows)
    click(page, "#relations tbody tr:first-child input.rel")  # leave the first relation out
    dropped = page.evaluate("(function(){var tr=document.querySelector('#relations tbody tr');"
                            "return [tr.dataset.source, tr.dataset.type, tr.dataset.target, tr.classList.contains('off')];})()")
    assert dropped[3] is True
    assert page.evaluate("document.getElementById('load-what').innerText").startswith(f"将载入 {len(rows) - 1} / {len(rows)}")
    capture(page, artifacts, "3-unchecked")
    click(page, "#load")
    page.wait_for("!document.getElementById('result').hidden", timeout=60)
    counts = page.evaluate("(function(){var o={};Array.prototype.forEach.call("
                           "document.querySelectorAll('#counts tr'),function(tr){"
                           "o[tr.dataset.key]=Number(tr.querySelector('td').innerText);});return o;})()")
    after = store.current().counts()
    assert counts["edges"] == len(rows) - 1
    assert counts["graph_nodes"] == sum(after.nodes.values()) and counts["graph_edges"] == sum(after.edges.values())
    assert counts["edges_added"] == sum(after.edges.values()) - sum(before.edges.values()) > 0
    assert "已载入图谱" in message(page)
    zone_links = page.evaluate("Array.prototype.map.call(document.querySelectorAll('#zone-links a'),"
                               "function(a){return a.getAttribute('href');})")
    assert "/zones/zone-huairou-science-city" in zone_links
    page.drain()
    assert page.requests and all(u.startswith(base) or u.startswith("data:") for u in page.requests), page.requests
    assert page.errors == []
    capture(page, artifacts, "4-loaded")
    page.evaluate("window.innographSetLang('en')")
    capture(page, artifacts, "4-loaded-en")
    page.evaluate("window.innographSetLang('zh')")
    # the relation left out is not in the graph; the page's links open the new names' pages
    kept = {e.key for e in store.current().iter_edges() if any(ev.doc == "huairou-2024" for ev in e.evidence)}
    assert len(kept) == len(rows) - 1 and tuple(dropped[:3]) not in kept
    href = page.evaluate("document.querySelector('#node-links a').getAttribute('href')")
    node = served_browser.open(f"{base}{href}")
    assert node.evaluate("document.querySelector('h1').innerText")


def test_a_wrong_token_is_said_in_words(served_browser, upload_server, report_file, artifacts):
    base, store = upload_server
    page = send_for_preview(served_browser, base, "not-the-token", report_file)
    said = message(page)
    assert "管理令牌不对" in said and "{" not in said
    assert page.evaluate("document.getElementById('preview-out').hidden")
    capture(page, artifacts, "wrong-token")
    page.evaluate("window.innographSetLang('en')")
    assert "The admin token is wrong" in page.evaluate("document.getElementById('message').innerText")
    page.evaluate("window.innographSetLang('zh')")


def test_an_unreadable_file_is_said_in_words(served_browser, upload_server, tmp_path, artifacts):
    base, _ = upload_server
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02 not a report")
    page = send_for_preview(served_browser, base, TOKEN, binary)
    said = message(page)
    assert "无法载入这个文件" in said and "a binary file, not text" in said and "{" not in said
    capture(page, artifacts, "binary")


def test_the_home_page_links_to_the_upload_page(served_browser, server):
    page = served_browser.open(f"{server}/")
    assert page.evaluate("!!document.querySelector('main a[href=\"/upload\"]')")


def test_without_an_admin_token_the_page_says_how_to_enable_it(served_browser, server, artifacts):
    page = served_browser.open(f"{server}/upload")
    page.evaluate("window.innographSetLang('zh')")
    text = page.evaluate("document.querySelector('main').innerText")
    assert "本服务器未开放上传" in text and "INNOGRAPH_ADMIN_TOKEN" in text
    assert page.evaluate("document.getElementById('upload-form')") is None  # no form that could only fail
    capture(page, artifacts, "off")


def test_unchecking_a_new_name_leaves_out_its_relations(served_browser, upload_server, report_file, artifacts):
    """The review would be refused (422) if it kept a relation to a name it left out: the page drops them."""
    base, store = upload_server
    page = send_for_preview(served_browser, base, TOKEN, report_file)
    previewed(page)
    institute = "北京量子信息科学研究院"
    row = page.evaluate("Array.prototype.findIndex.call(document.querySelectorAll('#nodes tbody tr'),"
                        f"function(tr){{return tr.innerText.indexOf({json.dumps(institute)}) >= 0;}}) + 1")
    click(page, f"#nodes tbody tr:nth-child({row}) input.node")
    using = page.evaluate("Array.prototype.filter.call(document.querySelectorAll('#relations tbody tr'),"
                          f"function(tr){{return tr.querySelector('td.phrase').innerText.indexOf({json.dumps(institute)}) >= 0;}})"
                          ".map(function(tr){var box=tr.querySelector('input');"
                          "return tr.classList.contains('off') && box.disabled && !box.checked;})")
    assert using and all(using)  # every relation naming it is unchecked, greyed, and cannot be checked
    capture(page, artifacts, "name-unchecked")
    click(page, f"#nodes tbody tr:nth-child({row}) input.node")  # the name back: its relations are checked again
    assert page.evaluate("document.querySelectorAll('#relations input.rel:checked').length") == len(
        page.evaluate("Array.prototype.slice.call(document.querySelectorAll('#relations tbody tr'))"))
    click(page, f"#nodes tbody tr:nth-child({row}) input.node")
    click(page, "#load")
    page.wait_for("!document.getElementById('result').hidden", timeout=60)
    assert not store.current().lookup(institute)
    assert store.current().lookup("怀柔科学城")


def test_a_load_over_the_cap_says_what_to_do(served_browser, report_file, tmp_path, artifacts):
    """The report fits under the cap, the report with its review does not: the 413 names the way out."""
    store = MemoryStore(tmp_path / "capped" / "graph.json")
    load_sources(store, [FIXTURES / "mini"])
    settings = Settings(data_dir=tmp_path / "capped", admin_token=TOKEN, cors_origins=[], max_upload_bytes=2048)
    with serve_in_thread(create_app(settings, store=store)) as base:
        page = send_for_preview(served_browser, base, TOKEN, report_file)
        previewed(page)
        before = store.counts()
        click(page, "#load")
        said = message(page)
        top = page.evaluate("document.getElementById('message').getBoundingClientRect().top")
    assert "超过了上限 2 KB" in said and "少选一些关系" in said
    assert 0 <= top < 800  # in sight, though Load is at the foot of the page
    assert store.current().counts() == before
    capture(page, artifacts, "load-over-cap")
