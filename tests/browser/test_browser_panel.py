"""The network page's side panel in Chromium: attribute values in the page's language.

Before: the panel showed a Metric's unit (个) on the English page and an institution's kind as the data's
code ("research") on the Chinese one.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

BINN = "institution-beijing-institute-of-nanoenergy-and-nanosystems"


def panel_rows(page, node_id: str) -> dict[str, str]:
    page.evaluate(f"innograph.focusNode({json.dumps(node_id)})")
    page.wait_for("!document.getElementById('panel').hidden")
    return page.evaluate("(function(){var o={};Array.prototype.forEach.call("
                         "document.querySelectorAll('#panel table.attrs tr'),function(r){"
                         "o[r.querySelector('th').innerText]=r.querySelector('td').innerText;});return o;})()")


def test_the_panel_says_kinds_and_units_in_the_page_language(served_browser, server):
    page = served_browser.open(f"{server}/view?center={quote('怀柔科学城')}&depth=2")
    page.wait_for("window.innograph && innograph.state.ready", 60)
    metric = page.evaluate("Object.keys(innograph.meta.nodes).filter(function(i){"
                           "return innograph.meta.nodes[i].zh === '怀柔科学城首批重点支持项目数';})[0]")
    try:
        page.evaluate("innograph.setLang('en')")
        assert panel_rows(page, BINN)["kind"] == "research institute"
        en = panel_rows(page, metric)
        assert en["unit"] == "—" and en["value"] == "30"
        page.evaluate("innograph.setLang('zh')")
        assert panel_rows(page, BINN)["类别"] == "科研机构"
        assert panel_rows(page, metric)["单位"] == "个"
    finally:
        page.evaluate("innograph.setLang('zh')")  # the choice is remembered by the next tests
