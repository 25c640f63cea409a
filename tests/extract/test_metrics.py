"""Indicators read from real report sentences: units, numerals, attributes, non-figures, names.

Sentences come from the development half of the corpus (data/eval/extract/dev), the
bundled 2018 report, and public texts with Chinese numerals; each case is one rule of
data/eval/extract/README.md ("Indicators").
"""

from __future__ import annotations

import pytest


def figures_of(analysis_of, body: str) -> list[dict]:
    return [m.attrs for m in analysis_of(body).mentions if m.type == "Metric"]


def metrics_of(analysis_of, body: str):
    return [m for m in analysis_of(body).mentions if m.type == "Metric"]


@pytest.mark.parametrize("body, expected", [
    # bare multiplier, then 亿元 (Huairou 2021)
    ("截止11月底,全区技术合同成交额达12.5亿,预计到2021年底全区技术合同成交额达15亿元,同比上升15,可完成2021年任务。",
     [(12.5, "亿"), (15, "亿元")]),
    # 人 in a total and its parts (Huairou 2021)
    ("截至目前,应用数学院全职在岗科研、行政人员共83人(科研68人、行政15人)。", [(83, "人"), (68, "人"), (15, "人")]),
    # 门, 场次 with 余, 人次 (Huairou 2021)
    ("2021年共开设公开课33门,常态化开展学术“交流角”、讨论班等学术活动100余场次,听课人数达到8400人次。",
     [(33, "门"), (100, "场次"), (8400, "人次")]),
    # 场 after a count of 家 (Beijing key-task progress)
    ("支持近40家高校院所、大企业科研机构、研究型医院等举办43场中关村科技成果转化“火花”活动,重点推介230项优质科技成果。",
     [(40, "家"), (43, "场"), (230, "项")]),
    # Traditional script: 公頃, a Chinese numeral with 倍 (Hong Kong 2017)
    ("河套地區佔地87公頃,是現時科學園的四倍。", [(87, "公顷"), (4, "倍")]),
    # Chinese numerals with a multiplier and with 余
    ("第六水源新建工程利用外资近两千万元,供水能力可达十五万吨日。", [(2000, "万元")]),
    ("平台内置了32大类、三百余项细分废标检测规则。", [(300, "项")]),
    # thousands separator
    ("全年新认定高新技术企业1,600家。", [(1600, "家")]),
])
def test_units_and_numerals(analysis_of, body, expected):
    assert [(f["value"], f["unit"]) for f in figures_of(analysis_of, body)] == expected


def test_qualifiers_before_and_after_the_figure(analysis_of):
    found = figures_of(analysis_of, "预计2021全年达到20.1亿元以上,同比增长10.4%。支持近40家高校院所。发布4300余项新技术成果。")
    assert [f.get("qualifier") for f in found] == ["以上", "近", "余"]


def test_growth_and_share_of_an_amount_are_its_attributes(analysis_of):
    found = figures_of(analysis_of, "全社会研发投入达2236.6亿元、增长18.9%,连续9年实现两位数增长,研发投入强度提升至6.46%,"
                                    "其中企业研发投入达2085.78亿元、占比93.3%、总量居全国城市第一。")
    assert [(f["value"], f["unit"]) for f in found] == [(2236.6, "亿元"), (6.46, "%"), (2085.78, "亿元")]
    assert found[0]["growth_pct"] == 18.9 and found[2]["share_pct"] == 93.3


@pytest.mark.parametrize("body, growth", [
    ("截止11月底,全区规上科学研究和技术服务业累计完成收入19.2亿元,同比2020年增长7.4%。", 7.4),
    ("预计2021全年达到20.1亿元以上,同比增长10.4%,可按计划完成同比增长10%的年度指标任务。", 10.4),
])
def test_growth_after_a_year_or_a_target_is_no_indicator(analysis_of, body, growth):
    found = figures_of(analysis_of, body)
    assert len(found) == 1 and found[0]["growth_pct"] == growth


def test_a_share_of_a_rate_and_a_level_reached_are_indicators(analysis_of):
    found = figures_of(analysis_of, "“十二五”以来,北京技术合同成交额年均增长16.3%,占全国总量的比重年均超37.2%。"
                                    "2010-2015年,技术交易额占技术合同成交额的比重由67.5%增长到80.2%,增长12.7个百分点;")
    assert [(f["value"], f["unit"]) for f in found] == [(16.3, "%"), (37.2, "%"), (67.5, "%"), (80.2, "%")]
    assert "share_pct" not in found[0] and found[1]["qualifier"] == "超"
    assert found[3]["growth_pts"] == 12.7


def test_a_decline_is_a_negative_growth(analysis_of):
    found = figures_of(analysis_of, "1-8月份全国房地产开发投资60309亿元，同比下降12.9%。")  # National Bureau of Statistics
    assert len(found) == 1 and found[0]["growth_pct"] == -12.9


@pytest.mark.parametrize("body", [
    # a count that sums up the items just listed (Beijing key-task progress; 2018 report)
    "从支持重点场景开放、支持企业落地集聚、支持企业做大做强、实施企业精准服务4方面研提措施。",
    "探索在政府放权、财政资金支持与使用、绩效评价、知识产权和固定资产管理等五个方面的制度突破。",
    # a Chinese count before another number; a word (两位数) (Beijing 2015, Shenzhen 2024)
    "二是首次在一个五年规划期间突破两个千亿元大关。",
    "连续9年实现两位数增长。",
    # a phase, an article, sessions (Shenzhen 2024, Hong Kong 2017)
    "国家超算深圳中心二期点亮。",
    "政府资讯科技总监办公室已于去年九月开展一项顾问研究。",
    "深入学习贯彻市委十二届十次全会精神。",
])
def test_counts_that_state_no_quantity(analysis_of, body):
    assert figures_of(analysis_of, body) == []


def test_a_count_with_more_than_its_examples_is_an_indicator(analysis_of):
    body = "北京市落实优化科技创新环境、促进科技成果转移转化等7方面工作、5项典型经验做法获国务院通报表扬。"
    assert [(f["value"], f["unit"]) for f in figures_of(analysis_of, body)] == [(7, "方面"), (5, "项")]


@pytest.mark.parametrize("body, name", [
    ("常态化开展学术“交流角”、讨论班等学术活动100余场次。", "学术活动数"),
    ("工作进展:3.累计调研了400家企业,其中65家企业明确落地意向,完成企业内部决策的28家。", "累计调研企业数"),
    ("第二十六届高交会,首次以GOCO(政府所有但承包人使用)方式回归“市场化”本质,发布4300余项新技术成果,成交金额突破1200亿元。",
     "发布新技术成果数"),
    ("2021年共开设公开课33门。", "开设公开课数"),
    # the 2018 report: a list of modifiers before the counted noun; a preposition is no measure
    ("牵头形成自查报告,凝练13个叫得响、立得住、具有北京特色的典型案例,获得督查组高度肯定。", "凝练典型案例数"),
    ("与38个国家级贫困地区对接。", "国家级贫困地区数"),
])
def test_a_measure_is_a_noun_phrase(analysis_of, body, name):
    assert metrics_of(analysis_of, body)[0].name == name


def test_names_carry_no_list_number_approximation_or_dangling_word(analysis_of):
    found = metrics_of(analysis_of, "2.支持近40家高校院所举办活动。预计2021全年达到20.1亿元以上。完成企业内部决策的28家。")
    for m in found:
        assert not m.name.startswith("2.") and "以上" not in m.name and "近" not in m.name and "的数" not in m.name


def test_a_figure_named_by_nothing_around_it_takes_the_paragraphs_last_like_measure(analysis_of):
    """Huairou 2021: the forecast measures what the figure before it in the paragraph measured."""
    found = metrics_of(analysis_of, "截止11月底,全区规上科学研究和技术服务业累计完成收入19.2亿元,同比2020年增长7.4%。"
                                    "预计2021全年达到20.1亿元以上,同比增长10.4%。")
    assert [m.name for m in found] == ["全区规上科学研究和技术服务业累计完成收入"] * 2


def test_a_space_between_number_and_unit(analysis_of):
    """Ningbo Yinzhou district S&T bureau, 2023 progress report (nbyz.gov.cn): figures typeset with spaces."""
    found = figures_of(analysis_of, "2022 年全区 R&D 经费占 GDP 比重达 3.02%;全年区本级高新技术产业实现增加值 286.61 亿元,"
                                    "同比增长 10.5%,占规上工业增加值的 72.8%;区本级完成高新技术产业投资 65.35 亿元,同比增长 42.3%。")
    assert [(f["value"], f["unit"]) for f in found] == [(3.02, "%"), (286.61, "亿元"), (65.35, "亿元")]
    assert "growth_pct" not in found[0]  # a ; ends the statement the 3.02% was in
    assert (found[1]["growth_pct"], found[1]["share_pct"], found[2]["growth_pct"]) == (10.5, 72.8, 42.3)


def test_respective_figures_and_rates(analysis_of):
    """A city S&T bureau's 2022 report: 分别 pairs a list of measures, figures and rates in order."""
    found = metrics_of(analysis_of, "高新技术企业、科技型中小企业达 6588 家 、 6403 家,分别增长26.3%、44.4%;"
                                    "技术合同成交额、登记项数分别为 823.57 亿元、23003 项,分别增长 54.31%、117.15%。")
    assert [(m.name, m.attrs["value"], m.attrs["growth_pct"]) for m in found] == [
        ("高新技术企业数", 6588, 26.3), ("科技型中小企业数", 6403, 44.4),
        ("技术合同成交额", 823.57, 54.31), ("登记项数", 23003, 117.15)]


def test_one_of_n_is_no_count(analysis_of):
    body = "无锡先进技术研究院获批省新型研发机构,为我省获批省级新型研发机构项目的四家之一。"
    assert figures_of(analysis_of, body) == []


def test_a_numbered_paragraph_is_read_a_title_heading_is_not(analysis_of):
    """Hong Kong Policy Address 2024, paragraph 78 (policyaddress.gov.hk): a short numbered line ending in 。."""
    body = "擴大研究資助\n78. 政府會推出新一輪15億元的「研究配對補助金計劃」,鼓勵更多機構資助院校研究。\n(二)六个着力:推进六个方面重点任务\n"
    assert [(f["value"], f["unit"]) for f in figures_of(analysis_of, body)] == [(15, "亿元")]


@pytest.mark.parametrize("body, expected", [
    # Economic Daily 2017-05-12 (paper.ce.cn): 近 before, 余 after, 3大类 is no unit
    ("届时将安排近260个展项和3大类22项主题活动。全国3000余个科研机构、大学、国家重点实验室将向公众开放。",
     [(260, "个", "近"), (22, "项", None), (3000, "个", "余")]),
    # Ma'anshan S&T bureau 2015: a Chinese numeral with 近; 十四届 is no count
    ("自2001年以来,科技活动周已在马鞍山市成功举办了十四届,组织开展了近四千项科技、科普活动。", [(4000, "项", "近")]),
    ("科技活动周已在马鞍山市组织开展了近四千项", [(4000, "项", "近")]),  # the figure ends the text
    # CCTV 2017: 超过 … 亿人次, 约 … 平方米
    ("累计参与公众超过13亿人次。北京科技周主场展览面积约6000平方米。", [(13, "亿人次", "超过"), (6000, "平方米", "约")]),
    # a count of Chinese hundreds with 余 (Tianshui 2025 in Traditional script writes 50余家單位)
    ("活動現場,50余家單位和企業通過宣傳車、展板全面展示最新科技創新成果。", [(50, "家", "余")]),
])
def test_figures_of_science_week_reports(analysis_of, body, expected):
    assert [(f["value"], f["unit"], f.get("qualifier")) for f in figures_of(analysis_of, body)] == expected


def test_a_count_of_quoted_items_just_listed_is_no_indicator(analysis_of):
    """Jinshan district 2021 S&T report (wenhui.whb.cn): six quoted tasks, then 等六个重点部署."""
    body = ("围绕“优化区域创新布局,提升显示度”“凸显科技引领产业,培育新引擎”“聚焦创新主体,引领新发展”“完善创新体系,打造新生态”"
            "“加强科学普及,践行新理念”“深化协同创新,构建新格局”等六个重点部署实施。2020年金山地方财政科技拨款5.85亿元,比2015年增长10.7%。")
    found = figures_of(analysis_of, body)
    assert [(f["value"], f["unit"], f.get("growth_pct")) for f in found] == [(5.85, "亿元", 10.7)]
