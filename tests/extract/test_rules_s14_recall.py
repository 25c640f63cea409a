"""Recall rules of session 14 (issue 18, s14-recall): mechanisms for the causes of misses that recur across dev..dev8.

The sentences are written for these tests; the documents that showed each cause are named in docs/extraction.md,
"Recall on new text (session 14)".
"""

from __future__ import annotations

import pytest


def _fields(analysis_of, body: str) -> set[str]:
    analysis = analysis_of(body)
    text = analysis.report.body.text
    return {text[m.start:m.end] for m in analysis.mentions if m.type == "Field" and not m.nested}


# --- a domain written as an industry the lexicon lacks (industry_fields.py) ----------------------------------

@pytest.mark.parametrize("body, field", [
    ("该镇将重点发展康养旅游产业,带动农民增收。", "康养旅游产业"),
    ("园区以智能家居产业为主导,吸引企业入驻。", "智能家居产业"),
    ("这里奠定了光纤通信产业的基础。", "光纤通信产业"),
    ("全区高端汽车产业发展良好。", "高端汽车产业"),
])
def test_an_industry_named_by_domain_words_is_a_field(analysis_of, body, field):
    assert field in _fields(analysis_of, body)


def test_a_shared_industry_names_each_domain_by_its_written_part(analysis_of):
    found = _fields(analysis_of, "区里将打造精密仪器装备和激光雷达产业高地,壮大生物医药和大健康产业。")
    assert {"精密仪器装备", "激光雷达", "生物医药", "大健康"} <= found


@pytest.mark.parametrize("body", [
    "推动主导产业和特色产业协同发展,加快传统产业转型。",  # categories, not domains
    "全市科技产业和技术产业规模扩大。",  # too broad alone
    "瞄准全球技术领先产业,布局合成生物关键产业赛道。",  # a modifier right before 产业
])
def test_categories_and_modifiers_before_industry_are_no_fields(analysis_of, body):
    assert not {f for f in _fields(analysis_of, body) if f.endswith("产业")}


def test_an_industry_opening_a_park_or_a_cluster_is_not_a_field(analysis_of):
    found = _fields(analysis_of, "康养旅游产业园和光纤通信产业集群建设加快。")
    assert "康养旅游产业" not in found and "光纤通信产业" not in found
