"""A node's page as a director reads it in Chromium: attribute values in words, not code.

Before: an edge the report states with itself as the implicit subject showed
"implicit subject (the report's author): True" (Python's bool) on the commission's page.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang, yes, label", [("en", "yes", "implicit subject (the report's author): "),
                                              ("zh", "是", "隐含主语(报告作者)：")])
def test_a_yes_no_attribute_reads_as_a_word_in_the_page_language(served_browser, server, lang, yes, label):
    page = served_browser.open(f"{server}/nodes/{quote('市科委')}?lang={lang}")
    page.wait_for("document.readyState === 'complete'")
    page.evaluate(f"window.innographSetLang({lang!r})")
    text = page.evaluate("document.querySelector('main').innerText")
    assert "True" not in text and "False" not in text
    assert f"{label}{yes}" in text


def test_the_zone_page_groups_each_briefing_format_with_its_two_languages(served_browser, server):
    """Before: "Word (.docx) · 中文 Word (.docx) · English HTML · 中文 …" ran together, each language
    reading as the next format's. Now: "Word (.docx)：中文 · English", one group per format."""
    page = served_browser.open(f"{server}/zones/{quote('北京经济技术开发区')}?lang=zh")
    page.wait_for("document.readyState === 'complete'")
    page.evaluate("window.innographSetLang('zh')")
    groups = page.evaluate("Array.prototype.map.call(document.querySelectorAll('#downloads .dl-group'),"
                           "function(g){return g.innerText.trim();})")
    assert groups == ["Word (.docx)：中文 · English", "HTML：中文 · English", "Markdown：中文 · English"]
    hrefs = page.evaluate("Array.prototype.map.call(document.querySelectorAll('#downloads .dl-group a'),"
                          "function(a){return a.getAttribute('href');})")
    assert [("lang=zh" in h, "format=docx" in h) for h in hrefs[:2]] == [(True, True), (False, True)]


def test_no_table_begins_with_the_same_sentence_as_above(served_browser, server):
    """Before: the Huairou page's one indicator row said "（同上句）", pointing at a sentence two
    tables up. Each table now quotes a sentence the first time it uses it."""
    page = served_browser.open(f"{server}/zones/{quote('怀柔科学城')}")
    page.wait_for("document.readyState === 'complete'")
    first_rows = page.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('main table'), function(t){"
        "var r=t.querySelector('tbody tr'); return r ? [!!r.querySelector('.ev-same'), !!r.querySelector('blockquote.ev')]"
        " : null;})")
    rows = [r for r in first_rows if r is not None]
    assert rows and all(not same for same, _ in rows), first_rows
    indicator = page.evaluate("document.querySelector('#indicators').nextElementSibling.innerText")
    assert "首批重点支持" in indicator and "同上句" not in indicator


@pytest.mark.parametrize("ref, zh, en", [("BINN", "科研机构", "research institute"),
                                         ("市科委", "政府部门", "government"),
                                         ("天津", "直辖市（省级、城市）", "municipality (a province-level city)")])
def test_a_kind_reads_in_words_in_each_language(served_browser, server, ref, zh, en):
    """Before: 类别 "research", "government", "province, city" on the Chinese page."""
    page = served_browser.open(f"{server}/nodes/{quote(ref)}")
    page.wait_for("document.readyState === 'complete'")
    for lang, word in (("en", en), ("zh", zh)):  # Chinese last: the choice is remembered
        page.evaluate(f"window.innographSetLang({lang!r})")
        row = page.evaluate("Array.prototype.filter.call(document.querySelectorAll('table.attrs tr'),"
                            "function(r){return /类别|kind/.test(r.querySelector('th').innerText);})[0].innerText")
        assert row.split("\t")[-1].strip() == word, row


def test_an_indicator_reads_in_english_on_the_english_page(served_browser, server):
    """Before: the English zone page showed the unit 个 (and a hedge like 近 before the value)."""
    page = served_browser.open(f"{server}/zones/{quote('怀柔科学城')}")
    page.wait_for("document.readyState === 'complete'")
    cells = {}
    for lang in ("en", "zh"):  # Chinese last: the choice is remembered
        page.evaluate(f"window.innographSetLang({lang!r})")
        cells[lang] = page.evaluate("Array.prototype.map.call(document.querySelector('#indicators')"
                                    ".nextElementSibling.querySelectorAll('tbody td'), function(c){return c.innerText;})")
    assert cells["en"][1:3] == ["30", ""] and cells["zh"][1:3] == ["30", "个"]


def test_the_english_zone_page_uses_english_colons(served_browser, server):
    """Before: "1. direct：" and "via …：" with the full-width colon on the English page."""
    page = served_browser.open(f"{server}/zones/{quote('怀柔科学城')}")
    page.wait_for("document.readyState === 'complete'")
    page.evaluate("window.innographSetLang('en')")
    page.evaluate("document.querySelectorAll('details.folded-paths').forEach(function(d){d.open=true;})")
    text = page.evaluate("document.querySelector('#supporters').nextElementSibling.innerText")
    page.evaluate("window.innographSetLang('zh')")  # the choice is remembered
    assert "direct:" in text and "via Beijing Institute of Nanoenergy and Nanosystems:" in text
    assert "direct：" not in text and "Nanosystems：" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])  # Chinese last: the choice is remembered
def test_the_home_page_links_each_zone_briefing_in_the_page_language(served_browser, server, lang):
    """Before: the English start page's "Briefing (.docx)" downloaded the Chinese briefing."""
    page = served_browser.open(f"{server}/")
    page.wait_for("document.readyState === 'complete'")
    page.evaluate(f"window.innographSetLang({lang!r})")
    hrefs = page.evaluate("Array.prototype.filter.call(document.querySelectorAll('.card a[download]'),"
                          "function(a){return a.offsetParent !== null;}).map(function(a){return a.getAttribute('href');})")
    assert len(hrefs) == 4 and all(f"lang={lang}" in h and "format=docx" in h for h in hrefs), hrefs
    heading = page.evaluate("document.querySelector('main h2').innerText")
    assert heading.startswith("Three science cities and one area" if lang == "en" else "三城一区")


@pytest.mark.parametrize("zone", ["中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"])
def test_a_zone_page_fits_a_phone_in_both_languages(served_browser, server, artifacts, zone):
    """Before: on a 390 px phone the English Huairou page was 455 px wide: the indicators table kept its
    headers on one line ("growth year on year (%)"). A header may now wrap below 600 px."""
    page = served_browser.phone()
    try:
        for lang in ("en", "zh"):  # Chinese last: the choice is remembered
            page.navigate(f"{server}/zones/{quote(zone)}?lang={lang}")
            page.wait_for("document.readyState === 'complete'")
            page.evaluate(f"window.innographSetLang({lang!r})")
            # against the screen's 390, not window.innerWidth: a mobile viewport widens to what overflows it
            overflow = page.evaluate("document.documentElement.scrollWidth") - 390
            assert overflow <= 1, f"{zone} ({lang}) at 390 px: {overflow} px wider than the screen"
        page.screenshot(artifacts / f"zone-phone-{zone}.png")
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_html_briefing_fits_a_phone(browser, bundled, tmp_path, artifacts, lang):
    """Before: on a 390 px phone the HTML briefings were wider than the screen (中关村科学城: 430 px in Chinese,
    638 px in English; the six-column supporters table: "[1][2]" and long English names do not break).
    A cell may now break anywhere below 600 px."""
    from viz.brief import build_brief
    from viz.brief.html import generate_html

    page = browser.phone()
    try:
        for zone in ("中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"):
            path = tmp_path / f"{zone}-{lang}.html"
            path.write_text(generate_html(build_brief(bundled, zone, lang)), encoding="utf-8")
            page.navigate(path.as_uri())
            page.wait_for("document.readyState === 'complete'")
            overflow = page.evaluate("document.documentElement.scrollWidth") - 390
            assert overflow <= 1, f"{zone} ({lang}) briefing at 390 px: {overflow} px wider than the screen"
        page.screenshot(artifacts / f"brief-phone-{lang}.png")
    finally:
        page.close()


def test_the_address_language_wins_over_the_remembered_one_on_the_page_and_its_network(served_browser, server):
    """Before (session 17): after one English page, a zone page opened as ?lang=zh was Chinese but its
    network was English (the page kept the remembered choice, which the network then read)."""
    frame = "document.querySelector('iframe').contentWindow"
    ready = f"(function(){{var w={frame};return w&&w.innograph&&w.innograph.state.ready;}})()"
    zone = quote("怀柔科学城")
    for lang, title in (("en", "Huairou Science City"), ("zh", "怀柔科学城")):
        page = served_browser.open(f"{server}/zones/{zone}?lang={lang}")
        try:
            page.wait_for(ready, 60)
            assert page.evaluate("document.body.classList.contains('lang-' + %r)" % lang)
            assert page.evaluate(f"{frame}.innograph.state.lang") == lang
            assert page.evaluate(f"{frame}.document.getElementById('title').innerText.trim()") == title
        finally:
            page.close()
    page = served_browser.open(f"{server}/zones/{zone}")  # no language in the address: the last one chosen
    try:
        page.wait_for(ready, 60)
        assert page.evaluate("document.body.classList.contains('lang-zh')")
        assert page.evaluate(f"{frame}.innograph.state.lang") == "zh"
    finally:
        page.close()


@pytest.mark.parametrize("zone", ["北京经济技术开发区", "三城一区"])
def test_on_a_phone_a_zone_pages_sentences_take_the_screens_width(served_browser, server, zone):
    """Before (session 18 review): on a 390 px phone the members table kept its four columns and left the report's
    sentence about 100 px (two or three characters a line; BDA's English page 4,340 px tall). Each row of the
    members, supporters and partners tables is now a block: the name, then type and relation, then the sentence
    across the screen. On a laptop the tables keep their columns."""
    widths = "Array.prototype.map.call(document.querySelectorAll('table.stack blockquote.ev'), " \
             "function(q){return q.getBoundingClientRect().width;})"
    page = served_browser.phone()
    try:
        page.navigate(f"{server}/zones/{quote(zone)}?lang=en")
        page.wait_for("document.readyState === 'complete'")
        phone = page.evaluate(widths)
        assert phone and min(phone) >= 300, phone
        assert page.evaluate("document.documentElement.scrollWidth") - 390 <= 1
    finally:
        page.close()
    page = served_browser.open(f"{server}/zones/{quote(zone)}?lang=en")
    try:
        page.wait_for("document.readyState === 'complete'")
        header = page.evaluate("getComputedStyle(document.querySelector('table.stack thead')).display")
        assert header == "table-header-group"  # columns on a laptop
    finally:
        page.close()
