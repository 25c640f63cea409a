"""Page 1 of a briefing tells the zone's own story: the key points name its source report, its own
supporters (the report's author apart, not counted), members, fields and indicators.

Before: page 1 held the title, the picture and counts ("supporters 3 (institution 1 …)", the one
institution being the report's author); no name of a supporter, no source and no year.
"""

from __future__ import annotations

from datetime import date

import pytest

from viz.brief import build_brief
from viz.brief.content import word
from viz.brief.summary import WORDS

DAY = date(2019, 3, 1)
ZONES = ["中关村科学城", "怀柔科学城", "未来科学城", "北京经济技术开发区"]


def points(brief) -> list[str]:
    first = brief.sections[0]
    assert first.heading == WORDS["heading"][brief.lang]  # the first section, before the picture
    return first.paragraphs


@pytest.mark.parametrize("zone", ZONES)
def test_each_zone_briefing_opens_with_its_own_story(bundled, zone):
    brief = build_brief(bundled, zone, "zh", DAY)
    text = "\n".join(points(brief))
    assert "依据：《北京市科学技术委员会关于2018年度绩效管理的自查报告》（2019-01-15）" in text
    supporters = next(p for p in points(brief) if p.startswith("支持方"))
    assert "北京市科学技术委员会" not in supporters  # the author is apart, in its own sentence
    assert "报告发布单位北京市科学技术委员会" in text and "不计入" in text
    others = [z for z in ZONES if z != zone]
    assert not any(f"：{o}" in text or f"、{o}" in text for o in others)  # no other zone's story


def test_the_key_points_name_supporters_members_fields_and_the_indicator(bundled):
    text = "\n".join(points(build_brief(bundled, "怀柔科学城", "zh", DAY)))
    assert "支持方（4 个）：怀柔科学城发展战略专家组（机构）、怀柔科学城规划（政策）" in text
    assert "成员与入驻单位（5 个）：北京纳米能源与系统研究所" in text
    assert "重点领域（2 个）：物质科学、空间科学" in text
    assert "指标（1 项）：怀柔科学城首批重点支持项目数30个" in text


def test_english_key_points_use_official_names_and_english_units(bundled):
    text = "\n".join(points(build_brief(bundled, "北京经济技术开发区", "en", DAY)))
    assert "Supported by (2): Beijing Economic-Technological Development Area (BDA) Plan (Policy)" in text
    assert "The report's author, Beijing Municipal Science & Technology Commission, is listed last" in text
    assert "Indicators: the report gives none for it." in text
    hsc = "\n".join(points(build_brief(bundled, "怀柔科学城", "en", DAY)))
    assert "Projects in the first batch supported in Huairou Science City (2018): 30." in hsc  # no 个
    assert all("个" not in p for p in points(build_brief(bundled, "怀柔科学城", "en", DAY))[2:])


def test_a_hedged_figure_keeps_its_hedge_in_english(bundled_store):
    """近1300条 is "nearly 1300", not an exact 1300; the counting word 条 is dropped in English."""
    from viz.brief.summary import _metric

    hedged = [n for n in bundled_store.nodes_of_type("Metric") if n.attrs.get("qualifier") == "近"]
    assert hedged
    node = hedged[0]
    assert _metric(node, "en") == f"{node.name_en}: nearly {node.attrs['value']}"
    assert _metric(node, "zh") == f"{node.name_zh}近{node.attrs['value']}{node.attrs['unit']}"


def test_a_curators_note_comes_first(bundled):
    first = points(build_brief(bundled, "中关村国家自主创新示范区", "en", DAY))[0]
    assert first == "Note: not the same as 中关村科学城 (Zhongguancun Science City)"


def test_the_overview_says_which_supporter_is_the_author(bundled):
    brief = build_brief(bundled, "中关村科学城", "zh", DAY)
    overview = next(s for s in brief.sections if s.heading == "概况").table.rows
    assert ["支持方", "3 (机构 1, 政策 1, 计划/专项 1；其中 1 个为报告发布单位)"] in overview


def test_a_long_list_names_six_and_says_how_many_more(bundled):
    text = "\n".join(points(build_brief(bundled, "三城一区", "zh", DAY)))
    assert "等（另有 7 个）" in text  # 13 fields: six named, "etc., 7 more" (not "等 7 个", read as "7 in all")
    en = "\n".join(points(build_brief(bundled, "三城一区", "en", DAY)))
    assert " and 7 more." in en


def test_counts_are_the_totals_when_a_list_holds_only_its_first_500(bundled):
    """A city-sized zone's profile lists 500 of each kind; the key points count them all."""
    from viz.brief.summary import key_points

    profile = bundled.profile("怀柔科学城")
    big = profile.model_copy(update={"counts": {**profile.counts, "members": 700, "supporters": 1201}})
    text = "\n".join(key_points(big, [], {"institution-beijing-municipal-science-technology-commission"}, [], "zh"))
    assert "成员与入驻单位（700 个）" in text and "等（另有 695 个）" in text
    assert "支持方（1200 个）" in text and "等（另有 1196 个）" in text  # the author apart: 1201 - 1


#: The report's one sentence on each zone: what the year meant for it, in its own verb.
OWN = {"中关村科学城": "聚焦中关村科学城", "怀柔科学城": "突破怀柔科学城", "未来科学城": "搞活未来科学城",
       "北京经济技术开发区": "升级经济技术开发区"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("zone", ZONES)
def test_the_key_points_quote_the_reports_own_sentence_on_the_zone(bundled, zone, lang):
    """Before: four zones' key points were the same headings with the names changed; the sentence in
    which the report says what 2018 meant for this zone (突破怀柔科学城…, 搞活未来科学城…) was on page 2 or
    later, in the evidence. Now it is quoted on page 1, the zone's and no other's."""
    lead = WORDS["own_sentence"][lang].split("{")[0]
    quoted = [p for p in points(build_brief(bundled, zone, lang, DAY)) if p.startswith(lead)]
    assert len(quoted) == 1 and OWN[zone] in quoted[0], quoted
    assert points(build_brief(bundled, zone, lang, DAY))[0] == quoted[0]  # it opens the key points
    assert not any(verb in quoted[0] for other, verb in OWN.items() if other != zone)


def test_a_heading_is_not_quoted_as_the_reports_sentence(bundled):
    """三城一区's relations rest most on the heading "2.着力服务“三城一区”发展。": not a sentence to quote."""
    text = "\n".join(points(build_brief(bundled, "三城一区", "zh", DAY)))
    assert "报告写道：「持续增加对“三城一区”的支持力度" in text and "2.着力服务" not in text


@pytest.mark.parametrize("lang, line", [("zh", "所在地区：昌平区（Changping District）"),
                                        ("en", "Located in: Changping District (昌平区)")])
def test_the_briefing_says_where_the_zone_is_when_the_graph_does(bundled, lang, line):
    """未来科学城 LOCATED_IN 昌平区 is in the graph (`ask` "Where is Future Science City?" answers it), but the
    briefing never said it: the profile's parents are its PART_OF only. It is in the overview, beside "part of"
    (as a key point it pushed page 1's caption to page 2 in English). The other zones have no district in the graph."""
    overview = next(s for s in build_brief(bundled, "未来科学城", lang, DAY).sections if s.table is not None)
    assert line in overview.paragraphs, overview.paragraphs
    for zone in ("中关村科学城", "怀柔科学城", "北京经济技术开发区"):
        brief = build_brief(bundled, zone, lang, DAY)
        assert not any(p.startswith(line[:4]) for s in brief.sections for p in s.paragraphs)


@pytest.mark.parametrize("lang, members", [
    ("zh", "成员与入驻单位（4 个）：中关村科学城、怀柔科学城、未来科学城、北京经济技术开发区。"),
    ("en", "Members (4): Zhongguancun Science City, Huairou Science City, Future Science City, "
           "Beijing Economic-Technological Development Area."),
])
def test_the_plans_briefing_names_its_zones_in_the_plans_own_order(bundled, lang, members):
    """Before (session 17): by id (北京经济技术开发区、未来科学城、怀柔科学城、中关村科学城), in the key points
    and the members table; the plan's own order is its `member_order` (data/curated/zones.yaml)."""
    brief = build_brief(bundled, "三城一区", lang, DAY)
    assert members in points(brief)
    table = next(s.table for s in brief.sections if s.heading == word("members", lang))
    order = [next(z for z in ZONES if z in row[0]) for row in table.rows]
    assert order == ZONES
