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
        assert "— partners with → 河北省 / Hebei" in evidence
    else:
        assert path == "河北省 — 合作 — 北京市科学技术委员会 — 支持 — 怀柔科学城"
        assert "— 支持 → 怀柔科学城" in evidence
    hrefs = page.evaluate("Array.prototype.map.call(document.querySelectorAll('p.path a'),"
                          "function(a){return a.getAttribute('href');})")
    assert hrefs[-1] == "/zones/zone-huairou-science-city"  # a zone's link opens its zone page
