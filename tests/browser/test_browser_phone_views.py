"""The network page (`/view`) on a 390 x 800 phone, as a planner opens a zone's link on one (session 17).

Before: the type list kept its 190 px column beside the canvas, so the network was drawn in the 200 px
left over, and the labels that would not fit were left off: Huairou's view in English named none of its
20 nodes, not even Huairou Science City at its centre. On a phone the type list is now a strip above the
canvas and the network has the screen's width. Screenshots under test-artifacts/browser/.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.labels import measure

pytestmark = pytest.mark.browser

ZONES = {
    "中关村科学城": "zone-zhongguancun-science-city",
    "怀柔科学城": "zone-huairou-science-city",
    "未来科学城": "zone-future-science-city",
    "北京经济技术开发区": "zone-beijing-economic-technological-development-area",
    "三城一区": "zone-three-science-cities-and-one-area",
}
PHONE = 390
READY = "window.innograph && innograph.state.ready"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("zone", list(ZONES))
def test_a_zone_view_on_a_phone_draws_the_network_across_the_screen_and_names_its_centre(
        served_browser, server, artifacts, zone, lang):
    page = served_browser.phone(PHONE, 800)
    try:
        page.navigate(f"{server}/view?center={quote(zone)}&depth=2&lang={lang}")
        page.wait_for(READY, 60)
        page.evaluate("new Promise(function(r){setTimeout(r,500)})")
        m = measure(page)
        hidden = page.evaluate("Object.keys(innograph.hiddenLabels())"
                               ".filter(function(k){return k.charAt(0)==='n';}).map(function(k){return k.slice(1);})")
        nodes = page.evaluate("Object.keys(innograph.meta.nodes).length")
        print(f"\n{zone} ({lang}) at {PHONE} px: canvas {m['width']:.0f} x {m['height']:.0f}, "
              f"{nodes - len(hidden)}/{nodes} names drawn, cut {m['cut']}")
        page.screenshot(artifacts / f"view-phone-{ZONES[zone]}-{lang}.png")
        assert m["width"] >= 0.9 * PHONE, m["width"]
        assert m["height"] >= 300, m["height"]
        assert ZONES[zone] not in hidden, "the centre's own name is left off"
        assert not m["cut"], m["cut"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        # the type filter is still there, above the network
        assert page.evaluate("document.querySelectorAll('#legend input[type=checkbox]').length") >= 4
        assert page.evaluate("(function(){var r=document.getElementById('legend').getBoundingClientRect();"
                             "return r.width > 0 && r.height > 0;})()")
    finally:
        page.close()


def test_a_language_chosen_in_the_address_is_remembered_on_the_network_page(served_browser, server):
    """Before (session 17): /view?…&lang=zh after an English page showed Chinese but kept the English choice,
    so the next page opened without a language came up in English."""
    zone = quote("怀柔科学城")
    for lang in ("en", "zh"):
        page = served_browser.open(f"{server}/view?center={zone}&lang={lang}")
        try:
            page.wait_for(READY, 60)
            assert page.evaluate("innograph.state.lang") == lang
        finally:
            page.close()
    page = served_browser.open(f"{server}/search?q={quote('怀柔科学成')}")
    try:
        page.wait_for("document.readyState === 'complete'")
        assert page.evaluate("document.body.classList.contains('lang-zh')")
    finally:
        page.close()
