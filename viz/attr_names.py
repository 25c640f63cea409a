"""What the pages call a node's attributes and their coded values, in Chinese and English.

The curated data keeps attributes under short English keys (value, unit, growth_pct,
kind …); a Chinese page must not show them raw. The names come from graph/attr_names.py,
the one table the CLI, the pages and the briefings share (a second table here was fully
shadowed by it, and dropped in session 13); a key from elsewhere falls back to itself
with underscores as spaces. The network page's script gets the same table
(viz/pages/network.py puts it in the page's data), so the side panel and tooltips agree
with the node pages. What is the pages' own: coded values in words (`VALUES`) and the
report's units and qualifiers in English.
"""

from __future__ import annotations

from graph.attr_names import ATTR_NAMES

#: An attribute's value in words where the data keeps a code: an institution's `kind` showed "government"
#: or "research" on a Chinese page.
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {
        "government": ("政府部门", "government"),
        "enterprise": ("企业", "enterprise"),
        "research": ("科研机构", "research institute"),
        "university": ("高校", "university"),
        "international": ("国际组织", "international organisation"),
        "association": ("社会组织", "association"),
        "project": ("项目", "project"),
        "platform": ("平台", "platform"),
        "lab": ("实验室", "laboratory"),
        "facility": ("设施", "facility"),
        "country": ("国家", "country"),
        "province": ("省", "province"),
        "municipality": ("直辖市", "municipality"),
        "city": ("城市", "city"),
        "autonomous_region": ("自治区", "autonomous region"),
        "prefecture": ("地区", "prefecture"),
        "province, city": ("直辖市（省级、城市）", "municipality (a province-level city)"),
        "area": ("区域", "area"),
    },
}


#: The report's units in English: a counting word (个, 项, 家 …) says nothing in English and is dropped.
UNITS_EN = {"%": "%", "倍": "×", "人次": " person-times", "万家": " ten thousand", "亿元": " hundred million yuan",
            "万亿元": " trillion yuan", "万平方米": " ten thousand m²"}
#: The report's hedges on a figure in English, so "近1300" does not become an exact 1300 (余/多: "over").
QUALIFIERS_EN = {"近": "nearly ", "将达": "expected to reach ", "超过": "over ", "余": "over ", "多": "over ",
                 "翻番": "doubled to "}


def figure_en(attrs: dict) -> tuple[str, str]:
    """A Metric's value and unit in English: the hedge in words (近1300 -> "nearly 1300"), the unit
    translated or, a counting word (个, 项, 家 …), dropped."""
    value = attrs.get("value", "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    qualifier = str(attrs.get("qualifier", ""))
    hedge = QUALIFIERS_EN.get(qualifier, "about " if qualifier else "")
    return f"{hedge}{value}", UNITS_EN.get(str(attrs.get("unit", "")), "").strip()


def attr_value(key: str, value, lang: str = "zh") -> str | None:
    """The value in `lang` when it is a code with a name here, else None (show it as it is)."""
    names = VALUES.get(key, {}).get(value) if isinstance(value, str) else None
    if names is None:
        return None
    return names[0] if lang == "zh" else names[1]


def table() -> dict[str, tuple[str, str]]:
    """key -> (Chinese, English): graph/attr_names.py's table, the one the CLI and the briefings use too."""
    return dict(ATTR_NAMES)


def attr_name(key: str, lang: str = "zh") -> str:
    zh, en = table().get(key, (key.replace("_", " "), key.replace("_", " ")))
    return zh if lang == "zh" else en
