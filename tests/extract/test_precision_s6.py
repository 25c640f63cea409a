"""Precision rules of session 6 (issue 18): what the user of `innograph extract`/`load` relies on."""

from __future__ import annotations

import re

import yaml

from loaders.text.in_names import IN_NAME
from tests.extract.conftest import REPORT

IN_NAMES = REPORT.parent.parent / "eval" / "curated-fields-in-names.yaml"


def _field(extraction, name):
    return next(n for n in extraction.nodes if n.type == "Field" and n.name_zh == name)


def test_a_field_inside_a_name_keeps_its_relation_but_is_no_mention(extraction_of):
    x = extraction_of("服务北京雁栖湖应用数学研究院,协调解决住房需求。")
    field = _field(x, "数学")
    institute = next(n for n in x.nodes if n.name_zh == "北京雁栖湖应用数学研究院")
    edge = next(e for e in x.edges if e.type == "FOCUSES_ON" and e.target == field.id)
    assert edge.source == institute.id and "应用数学研究院" in edge.evidence[0].quote
    assert field.attrs[IN_NAME] is True and field.id in x.in_name
    assert field.id not in x.spans and institute.id in x.spans


def test_a_field_also_named_on_its_own_is_a_mention(extraction_of):
    x = extraction_of("支持北京量子信息科学研究院建设。在量子信息、人工智能等领域布局。")
    field = _field(x, "量子信息")
    assert IN_NAME not in field.attrs and field.id not in x.in_name
    assert len(x.spans[field.id]) == 1  # the list item, not the name


def test_the_bundled_gold_lists_exactly_the_fields_named_only_inside_names():
    text = REPORT.read_text(encoding="utf-8")
    body = text.index("\n---\n")
    for f in yaml.safe_load(IN_NAMES.read_text(encoding="utf-8"))["fields"]:
        hosts = [(m.start(), m.end()) for h in f["inside"] for m in re.finditer(re.escape(h), text)]
        spots = [m.span() for m in re.finditer(re.escape(f["name"]), text) if m.start() > body]
        assert spots and hosts, f
        assert all(any(a <= s and e <= b for a, b in hosts) for s, e in spots), f["name"]


def _metrics(analysis_of, body):
    return [m for m in analysis_of(body).mentions if m.type == "Metric"]


def test_a_completion_rate_after_an_amount_describes_it(analysis_of):
    [amount] = _metrics(analysis_of, "全年完成项目投资128.1亿元,完成率110.3%;")
    assert (amount.attrs["value"], amount.attrs["unit"], amount.attrs["completion_pct"]) == (128.1, "亿元", 110.3)


def test_a_unit_per_area_is_part_of_the_unit(analysis_of):
    [tax, added] = _metrics(analysis_of, "规上工业亩均税收达82.9万元/亩,亩均增加值达770.1万元/亩。")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in (tax, added)] == [(82.9, "万元/亩"), (770.1, "万元/亩")]


def test_a_counted_kind_behind_a_quote_or_a_clause_is_no_name(analysis_of):
    found = {m.name for m in analysis_of("以三个“一号工程”为牵引。高新区在全国157个参与评价的国家高新区中排名上升。"
                                         "实施“一号工程”。").mentions}
    assert "国家高新区" not in found
    assert "一号工程" in found  # the same name, not counted, is still read


def test_a_light_verb_inside_a_span_makes_it_no_name(analysis_of):
    found = {m.name for m in analysis_of("召开新闻发布会,对经济社会发展情况进行专题发布。市科委作科技工作报告。"
                                         "实施科技创新专题。").mentions}
    assert not {"经济社会发展情况进行专题", "市科委作科技工作报告"} & found


def test_a_field_inside_the_name_of_a_statistic_is_no_field(analysis_of):
    fields = {m.name for m in analysis_of("社会消费品零售总额增长8%。推动消费品、新材料等领域发展。").mentions
              if m.type == "Field"}
    assert fields == {"消费品", "新材料"}
    assert len([m for m in analysis_of("社会消费品零售总额67亿元。").mentions if m.type == "Field"]) == 0


def test_a_count_of_the_names_listed_after_it_or_before_it_is_no_indicator(analysis_of):
    body = ("科技部认定北京中关村移动互联网、惠州云计算智能终端创新型产业集群等4个产业集群为试点。"
            "具体名单为:北京中关村移动互联网创新型产业集群、本溪制药创新型产业集群、株洲轨道交通装备制造创新型产业集群、"
            "惠州云计算智能终端创新型产业集群。走廊经过沪苏湖、商合杭高速铁路沿线的上海、苏州、杭州、湖州4个城市。"
            "认定5个产业集群为试点。")
    assert [(m.attrs["value"], m.attrs["unit"]) for m in _metrics(analysis_of, body)] == [(5, "个")]


def test_a_press_conference_is_no_event_but_the_office_holding_it_is_a_body(analysis_of):
    mentions = analysis_of("12月27日,市政府新闻办召开新闻发布会,介绍有关情况。").mentions
    assert "新闻发布会" not in {m.name for m in mentions}
    assert any(m.type == "Institution" and m.surface == "市政府新闻办" for m in mentions)
