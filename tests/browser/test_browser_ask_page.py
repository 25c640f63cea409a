"""The answer page of a path question, read in Chromium in each language.

Before: the path line showed Chinese names on the English page, and each evidence line the schema's
code for the relation ("北京市科学技术委员会 / … — PARTNERS_WITH → 河北省 / Hebei"), which a director
does not read. Now the path and the evidence say the relation in words, in the page's language.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from graph.schema import EDGE_TYPES

pytestmark = pytest.mark.browser

QUESTION = "河北和怀柔科学城有什么关系？"


@pytest.mark.parametrize("lang", ["en", "zh"])  # Chinese last: the choice is remembered by the next tests
def test_a_path_answer_says_each_relation_in_words_in_the_page_language(served_browser, server, artifacts, lang):
    page = served_browser.open(f"{server}/ask?q={quote(QUESTION)}&lang={lang}")
    page.wait_for("document.readyState === 'complete' && !!document.querySelector('p.path')")
    page.evaluate(f"window.innographSetLang({lang!r})")
    path = page.evaluate("document.querySelector('p.path').innerText")
    evidence = page.evaluate("document.querySelector('ul.evidence').innerText")
    page.screenshot(artifacts / f"ask-path-{lang}.png")
    codes = [code for code in EDGE_TYPES if code in path + evidence]
    assert codes == []
    if lang == "en":
        assert path == "Hebei — partners with — Beijing Municipal Science & Technology Commission — supports — " \
                       "Huairou Science City"
        assert "Beijing Municipal Science & Technology Commission — partners with → Hebei:" in evidence
        assert "北京市" not in evidence.split("“")[0]  # the names in English (were "河北省 / Hebei")
    else:
        assert path == "河北省 — 合作 — 北京市科学技术委员会 — 支持 — 怀柔科学城"
        assert "— 支持 → 怀柔科学城" in evidence
    hrefs = page.evaluate("Array.prototype.map.call(document.querySelectorAll('p.path a'),"
                          "function(a){return a.getAttribute('href');})")
    assert hrefs[-1] == "/zones/zone-huairou-science-city"  # a zone's link opens its zone page


def test_an_english_question_is_answered_in_an_english_page(served_browser, server, artifacts):
    """Session 13 review: asked in English on a browser that last read Chinese, the answer sentence was
    English and everything around it Chinese (提问, 节点 / 类型 / 经由 / 依据, the rows' names). The page
    now follows the question's language unless the address gives ?lang=."""
    page = served_browser.open(f"{server}/ask?q={quote('哪些计划支持怀柔科学城？')}&lang=zh")  # remembered: zh
    page.wait_for("document.readyState === 'complete' && !!document.querySelector('table.answer-rows')")
    page = served_browser.open(f"{server}/ask?q={quote('What fields does Zhongguancun Science City focus on?')}")
    page.wait_for("document.readyState === 'complete' && !!document.querySelector('table.answer-rows')")
    page.screenshot(artifacts / "ask-fields-en.png")
    assert "lang-en" in page.evaluate("document.body.className")
    heads = page.evaluate("document.querySelector('table.answer-rows thead').innerText")
    assert heads.split() == ["Node", "Type", "Via", "Evidence"]
    first = page.evaluate("document.querySelector('table.answer-rows tbody td').innerText")
    assert first == "Carbon-based integrated circuits"  # graphene and life sciences come via BGI and NIBS
    assert page.evaluate("document.querySelector('form.big-search button').innerText") == "Ask"
    page = served_browser.open(f"{server}/ask?q={quote('未来科学城聚焦哪些领域？')}")  # and back: Chinese
    page.wait_for("document.readyState === 'complete' && !!document.querySelector('table.answer-rows')")
    assert "lang-zh" in page.evaluate("document.body.className")


def test_answer_rows_are_readable(served_browser, server, artifacts):
    """The quote column took the width: names broke one or two characters a line ("怀柔科学" / "城",
    "领" / "域"), and a row reached via a member printed one sentence twice in its cell."""
    page = served_browser.open(f"{server}/ask?q={quote('中关村科学城聚焦哪些领域？')}&lang=zh")  # rows via a member
    page.wait_for("document.readyState === 'complete' && !!document.querySelector('table.answer-rows')")
    page.screenshot(artifacts / "ask-fields-zh.png")
    rows = page.evaluate("""Array.prototype.map.call(document.querySelectorAll('table.answer-rows tbody tr'),
        function (tr) { var c = tr.cells, line = parseFloat(getComputedStyle(c[1]).lineHeight);
          return {name: c[0].innerText, typeLines: Math.round(c[1].getBoundingClientRect().height / line),
                  nameWidth: c[0].getBoundingClientRect().width, quotes: Array.prototype.map.call(
                    c[3].querySelectorAll('q'), function (q) { return q.innerText; })}; })""")
    assert rows and len(rows) >= 3
    for row in rows:
        assert "\n" not in row["name"], row  # 碳基集成电路, 前沿新材料, 石墨烯, 生命科学 on one line
        assert row["nameWidth"] >= 120, row
        assert len(row["quotes"]) == len(set(row["quotes"])), row
    page = served_browser.open(f"{server}/ask?q={quote('市科委支持了哪些项目？')}&lang=zh")
    page.wait_for("document.readyState === 'complete' && !!document.querySelector('table.answer-rows')")
    types = page.evaluate("Array.prototype.map.call(document.querySelectorAll('table.answer-rows tbody tr'),"
                          "function (tr) { return tr.cells[1].innerText; })")
    assert types and all("\n" not in t for t in types), types  # "计划/专项" on one line
