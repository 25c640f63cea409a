"""Attribute names in Chinese and English, and a Metric's figure as one phrase.

Node attributes are stored under short English keys (value, unit, growth_pct …). A
planner reading `innograph show 全市技术合同成交额` or a node page wants "数值 / value:
4957.8 亿元", not `growth_pct: 10.5`. This table is the one place those names are
translated; the CLI, the pages and the briefings import it. A key not listed here is
shown as it is.
"""

from __future__ import annotations

from typing import Any

from graph.model import Node

#: key -> (Chinese, English); the order is the order attributes are shown in.
ATTR_NAMES: dict[str, tuple[str, str]] = {
    "value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "period": ("时期", "period"),
    "growth_pct": ("同比增长(%)", "growth year on year (%)"),
    "share_pct": ("占比(%)", "share (%)"),
    "qualifier": ("限定词", "qualifier"),
    "kind": ("类别", "kind"),
    "year": ("年份", "year"),
    "count": ("数量", "count"),
    "level": ("级别", "level"),
    "status": ("状态", "status"),
    "role": ("角色", "role"),
    "relation": ("关系", "relation"),
    "parent": ("上级", "parent"),
    "manager": ("管理机构", "manager"),
    "batch": ("批量(一批)", "batch"),
    "edition": ("届次", "edition"),
    "purpose": ("目的", "purpose"),
    "form": ("形式", "form"),
    "partner": ("合作方", "partner"),
    "country": ("国家", "country"),
    "members": ("成员", "members"),
    "member_order": ("成员顺序", "order of members"),
    "note": ("备注", "note"),
    "evaluation": ("评估方式", "evaluation"),
    "modelled_as": ("建模为", "modelled as"),
    "action": ("动作", "action"),
    "collective": ("集体", "collective"),
    "group": ("组别", "group"),
    "publication": ("刊物", "publication"),
    "rating": ("评价", "rating"),
    "report": ("报告", "report"),
    "services": ("服务内容", "services"),
    "signatories": ("签署方", "signatories"),
    "via": ("经由", "via"),
    "extracted": ("自动抽取", "extracted"),
    "confidence": ("置信度", "confidence"),
    "rule": ("抽取规则", "extraction rule"),  # which pattern of loaders/text read the relation
    "implicit_subject": ("隐含主语(报告作者)", "implicit subject (the report's author)"),
}


def attr_label(key: str, lang: str = "zh") -> str:
    """The name of an attribute in `lang` ("zh" or "en"); an unknown key as it is."""
    names = ATTR_NAMES.get(key)
    return key if names is None else names[0 if lang == "zh" else 1]


def attr_items(attrs: dict[str, Any]) -> list[tuple[str, Any]]:
    """Attributes in display order: the known keys in table order, then the rest by key."""
    known = [(k, attrs[k]) for k in ATTR_NAMES if k in attrs]
    return known + sorted((k, v) for k, v in attrs.items() if k not in ATTR_NAMES)


def metric_phrase(node: Node, lang: str = "zh") -> str:
    """A Metric's figure in one phrase: value and unit, period, growth and share where given.

    zh: "近1300 条（2018）" / "4957.8 亿元（2018），同比增长 10.5%"
    en: "4957.8 亿元 (2018), +10.5% year on year"; "" for a node without a value.
    """
    a = node.attrs
    if "value" not in a:
        return ""
    figure = f"{a.get('qualifier', '') if lang == 'zh' else ''}{_number(a['value'])} {a.get('unit', '')}".strip()
    if lang != "zh" and a.get("qualifier"):
        figure += f" ({a['qualifier']})"
    parts = [figure + (f"（{a['period']}）" if lang == "zh" else f" ({a['period']})") if a.get("period") else figure]
    if "growth_pct" in a:
        g = a["growth_pct"]
        sign = "+" if isinstance(g, (int, float)) and g >= 0 else ""
        parts.append(f"同比增长 {_number(g)}%" if lang == "zh" else f"{sign}{_number(g)}% year on year")
    if "share_pct" in a:
        parts.append(f"占比 {_number(a['share_pct'])}%" if lang == "zh" else f"{_number(a['share_pct'])}% of the total")
    return ("，" if lang == "zh" else ", ").join(parts)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
