"""Indicators on unseen Beijing text (session 8, issue 18, dev6 cause 5): counting words from the
standard measure-word list (units.yaml), amounts written with a numeral word only, and figures that
state nothing (an issue number, an amount with no value, the second rate of a 分别 pair).

Each case is one rule of data/eval/extract/README.md ("Indicators"); the sentences are written like the
dev6 reports (Changping 2022, E-Town 2021, Tongzhou 2015) and public texts, one rule per case.
"""

from __future__ import annotations

import pytest


def figures_of(analysis_of, body: str) -> list[tuple]:
    return [(m.attrs["value"], m.attrs["unit"]) for m in analysis_of(body).mentions if m.type == "Metric"]


@pytest.mark.parametrize("body, expected", [
    # counting words with a measure noun phrase before them (Changping 2022)
    ("全区清理腾退滞留户563宗,整改超标大棚6310栋。", [(563, "宗"), (6310, "栋")]),
    # 剂, 例, 剂次 after a multiplier (E-Town 2021)
    ("新冠疫苗生产车间年产能达50亿剂,单管检测能力14万例,累计接种100万剂次。",
     [(50, "亿剂"), (14, "万例"), (100, "万剂次")]),
    # a Chinese numeral before a counting word that allows one (五十间)
    ("全区改造老旧厂房五十间。", [(50, "间")]),
    # 圆 written for the currency, after a thousands-separated amount (Macau FDCT 2015)
    ("科普项目方面,批准了204个项目,金额为19,496,155.7圆。", [(204, "个"), (19496155.7, "圆")]),
    # a numeral word alone before 亿元: a stated threshold is a figure (Changping 2022)
    ("地区生产总值年均增长6.6%,突破千亿元大关。", [(6.6, "%"), (1000, "亿元")]),
])
def test_counting_words_and_numeral_words_are_read(analysis_of, body, expected):
    assert figures_of(analysis_of, body) == expected


@pytest.mark.parametrize("body", [
    # an issue number after a year (a magazine's masthead)
    "中关村 2017年3期\n中关村科学城扩大至海淀全域。",
    # an amount with no value
    "区内集聚了数十家研发机构和上百家企业。",
    # a numeral word in a class or slogan
    "着力打造两个千亿元级产业集群。",
    # a table's unit header (README: a bare number with its unit in a header row is not annotated)
    "| 項目 | 數目 | 百萬元 |\n| 甲 | 3 | 4 |",
    # a place in a set, not a count (Huairou 2019)
    "将建设怀柔科学城列为四项区域发展定位之首。",
    # a counting word that no measure noun phrase names
    "3起。",
    # counting words that start words
    "举办3座谈会,推动5起步区建设。",
    "召开2圆桌会议。",
])
def test_no_figure_is_read(analysis_of, body):
    assert figures_of(analysis_of, body) == []


def test_respective_rates_over_two_clauses_are_attributes(analysis_of):
    """分别增长10.2%和12% after two incomes in two clauses: the growth of each, no indicator of its own."""
    body = "城镇居民人均可支配收入实现37095元,农村居民人均纯收入实现20076元,分别增长10.2%和12%。"
    metrics = [m.attrs for m in analysis_of(body).mentions if m.type == "Metric"]
    assert [(a["value"], a.get("growth_pct")) for a in metrics] == [(37095, 10.2), (20076, 12)]
