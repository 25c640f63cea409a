"""What the pages call a node's or a relation's attributes, in Chinese and English.

The curated data keeps attributes under short English keys (value, unit, growth_pct,
kind …); a Chinese page must not show them raw. Every key the bundled data uses has
a name here; a key from elsewhere falls back to itself with underscores as spaces.
The network page's script gets the same table (viz/pages/network.py puts it in the
page's data), so the side panel and tooltips agree with the node pages. When the
planner-answers work adds graph/attr_names.py, its names take precedence.
"""

from __future__ import annotations

NAMES: dict[str, tuple[str, str]] = {
    "value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "period": ("期间", "period"),
    "growth_pct": ("同比增长（%）", "growth (%)"),
    "share_pct": ("占比（%）", "share (%)"),
    "kind": ("类别", "kind"),
    "year": ("年份", "year"),
    "qualifier": ("限定词", "qualifier"),
    "note": ("备注", "note"),
    "status": ("状态", "status"),
    "role": ("角色", "role"),
    "parent": ("上级", "parent"),
    "manager": ("管理方", "manager"),
    "batch": ("批次", "batch"),
    "count": ("数量", "count"),
    "level": ("级别", "level"),
    "edition": ("届次", "edition"),
    "report": ("报告", "report"),
    "group": ("组别", "group"),
    "collective": ("集体", "collective"),
    "rating": ("评级", "rating"),
    "publication": ("刊物", "publication"),
    "signatories": ("签署方", "signatories"),
    "evaluation": ("评价", "evaluation"),
    "modelled_as": ("建模方式", "modelled as"),
    "services": ("服务", "services"),
    "country": ("国家", "country"),
    "members": ("成员数", "members"),
    "member_order": ("成员顺序", "order of members"),
    "relation": ("关系", "relation"),
    "purpose": ("目的", "purpose"),
    "form": ("形式", "form"),
    "via": ("经由", "via"),
    "partner": ("合作方", "partner"),
    "action": ("动作", "action"),
}


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


def _shared() -> dict[str, tuple[str, str]]:
    try:
        from graph import attr_names  # type: ignore[attr-defined]
    except ImportError:
        return {}
    table = getattr(attr_names, "ATTR_NAMES", None) or getattr(attr_names, "NAMES", None)
    if not isinstance(table, dict):
        return {}
    out = {}
    for key, names in table.items():
        if isinstance(names, dict) and names.get("zh"):
            out[key] = (names["zh"], names.get("en") or key.replace("_", " "))
        elif isinstance(names, (tuple, list)) and len(names) == 2:
            out[key] = (str(names[0]), str(names[1]))
    return out


def table() -> dict[str, tuple[str, str]]:
    return {**NAMES, **_shared()}


def attr_name(key: str, lang: str = "zh") -> str:
    zh, en = table().get(key, (key.replace("_", " "), key.replace("_", " ")))
    return zh if lang == "zh" else en
