"""A Metric's figure and every attribute name, in Chinese and English (`show`, pages, briefs)."""

from __future__ import annotations

from graph.attr_names import ATTR_NAMES, attr_items, attr_label, metric_phrase


def test_a_metric_gives_value_unit_period_and_growth_in_both_languages(bundled):
    node = bundled.resolve("全市技术合同成交额")
    assert metric_phrase(node, "zh") == "4957.8 亿元（2018），同比增长 10.5%"
    assert metric_phrase(node, "en") == "4957.8 亿元 (2018), +10.5% year on year"
    share = bundled.resolve("北京地区获国家科学技术奖励成果数")
    assert metric_phrase(share, "en").endswith("30.8% of the total") and "占比 30.8%" in metric_phrase(share)
    assert metric_phrase(bundled.resolve("怀柔科学城")) == ""


def test_every_attribute_of_the_bundled_graph_has_both_names(bundled):
    keys = {k for n in bundled.store.iter_nodes() for k in n.attrs} | {k for e in bundled.store.iter_edges() for k in e.attrs}
    assert keys <= set(ATTR_NAMES)
    assert attr_label("growth_pct", "zh") == "同比增长(%)" and attr_label("growth_pct", "en") == "growth year on year (%)"
    assert attr_label("no_such_key", "en") == "no_such_key"
    assert [k for k, _ in attr_items({"z": 1, "unit": "项", "value": 3})] == ["value", "unit", "z"]
