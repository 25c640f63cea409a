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


# --- the items of a list beside a known field (field_siblings.py) --------------------------------------------

def test_list_items_beside_a_known_field_are_fields_read_whole(analysis_of):
    found = _fields(analysis_of, "该区已成为继智能家电、工业软件、人工智能之后的又一产业高地。")
    assert {"智能家电", "工业软件", "人工智能"} <= found


def test_a_known_field_inside_a_list_item_is_read_with_its_item(analysis_of):
    found = _fields(analysis_of, "记者了解到,6G卫星通信、新能源汽车……发展迅速。")
    assert "6G卫星通信" in found and "6G" not in found


def test_items_joined_by_yu_after_a_verb_are_read_from_the_verb(analysis_of):
    found = _fields(analysis_of, "园区形成了工业设计、数字创意与人工智能协同的格局。")
    assert {"工业设计", "数字创意"} <= found


@pytest.mark.parametrize("body", [
    "推动人工智能与可持续发展深度融合。",  # an activity, with a verb
    "明确了“十四五”时期科技和信息化发展的思路。",  # a time and a broad word
    "培育新能源新材料和生命健康产业。",  # two known fields written together
    "做大做强软件和集成电路产业。",  # a verb's character is no item
    "会议审议了年度计划,专题研究5G、人工智能等产业的布局。",  # the verb before a known field is none of it (dev9 on merging)
])
def test_list_items_that_name_no_domain_are_left(analysis_of, body):
    lexicon = {"人工智能", "信息化", "新能源", "新材料", "生命健康", "软件", "集成电路", "5G"}
    assert _fields(analysis_of, body) <= lexicon


# --- a body's branch in a zone, a zone's part (zone_branches.py) ---------------------------------------------

def _names(analysis_of, body: str) -> dict[str, str]:
    """Every name the analysis holds as an entity (not nested, or nested and an entity of its own) -> its type."""
    analysis = analysis_of(body)
    text = analysis.report.body.text
    return {text[m.start:m.end]: m.type for m in analysis.mentions if not m.nested or m.titled}


def test_a_bodys_branch_in_a_zone_is_one_name_and_its_body_another(analysis_of):
    found = _names(analysis_of, "今年,北京市科技成果评价中心亦庄新城分中心揭牌运行。")
    assert found.get("北京市科技成果评价中心亦庄新城分中心") == "Institution"
    assert found.get("北京市科技成果评价中心") == "Institution"
    assert "北京市科技成果评价中心亦庄新城" not in found


def test_a_branch_with_a_service_ending_keeps_its_words(analysis_of):
    found = _names(analysis_of, "上海技术交易所张江科学城知识产权服务中心正式成立。")
    assert found.get("上海技术交易所张江科学城知识产权服务中心") == "Institution"
    assert found.get("上海技术交易所") == "Institution"


def test_a_zones_part_is_read_with_the_zone(analysis_of):
    found = _names(analysis_of, "怀柔科学城东区的建设全面提速。")
    assert found.get("怀柔科学城东区") == "Zone" and "怀柔科学城" not in found


def test_a_zone_before_a_region_word_is_no_part(analysis_of):
    found = _names(analysis_of, "怀柔科学城区域内企业增长。")
    assert "怀柔科学城区域" not in found


# --- 和 / 及 inside a name (inner_joins.py) --------------------------------------------------------------

def test_an_events_name_holding_he_is_read_whole(analysis_of):
    found = _names(analysis_of, "9月1日,中关村软件园数字经济和智慧城市论坛在海淀举行。")
    assert found.get("中关村软件园数字经济和智慧城市论坛") == "Event"


@pytest.mark.parametrize("body, kept", [
    ("北京大学和清华大学联合举办论坛。", "清华大学"),  # two complete names
    ("今年,特区政府在上月初与深圳市人民政府签署协议。", "深圳市人民政府"),  # a preposition and a time before 与
    ("会议传达了八次全会精神和全国科技工作会议精神。", "全国科技工作会议"),  # a number before 和
])
def test_two_names_or_a_clause_before_he_are_not_joined(analysis_of, body, kept):
    assert kept in _names(analysis_of, body)


@pytest.mark.parametrize("first, second", [("主导", "优势"), ("优势", "主导"), ("先进", "战略"), ("战略", "先进")])
def test_every_modifier_in_front_is_stripped_whatever_their_order(first, second):
    """优势主导科技产业 is a broad word behind two modifiers, no domain, in either order. The modifiers were tried in
    the order of a frozenset, so one of them could be left in front and the phrase read as a domain: the test
    split's junk was 32 or 33 from run to run, by the process's hash seed (session 14)."""
    from loaders.text.industry_fields import is_domain
    assert not is_domain(first + second + "科技", None, frozenset())
