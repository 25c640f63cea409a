"""Rules of session 16 (issue 18, s16-dev12): causes of misses on Beijing report text that recur in dev12 and in
dev9 or dev10 (docs/extraction.md, "dev12, first untuned score (session 16)" and "Rules from dev12 (session 16)").

The sentences are written for these tests (other bodies, districts and years than the corpus pages).
"""

from __future__ import annotations

from tests.support.extracted import entities, names


# --- a head line that is a report's whole title (report_lines.py) ----------------------------------------------

def test_a_topic_between_a_body_and_its_yearly_report_is_one_policy(analysis_of):
    analysis = analysis_of("北京市交通委员会2017年政府信息公开工作年度报告\n本报告由北京市交通委员会编制。")
    assert "北京市交通委员会2017年政府信息公开工作年度报告" in names(analysis, "Policy")
    assert "北京市交通委员会" in names(analysis, "Institution")


def test_a_report_title_opening_with_guanyu_is_a_policy(analysis_of):
    analysis = analysis_of("关于本区知识产权保护工作情况的报告\n主任、各位副主任、各位委员:")
    assert "关于本区知识产权保护工作情况的报告" in names(analysis, "Policy")


def test_a_place_and_a_plan_opening_a_report_title_make_one_policy(analysis_of):
    analysis = analysis_of("北京市房山区2021年国民经济和社会发展计划执行情况的报告\n一、计划执行情况")
    assert "北京市房山区2021年国民经济和社会发展计划执行情况的报告" in names(analysis, "Policy")


def test_a_speech_subtitle_is_not_a_report_title(analysis_of):
    analysis = analysis_of("——在2019年全市农业工作会议上的报告\n同志们:")
    assert not any(name.endswith("报告") for name in names(analysis, "Policy"))


def test_a_speaker_line_is_not_a_report_title(analysis_of):
    analysis = analysis_of("市农业农村局局长在2019年全市农业工作会议上的报告\n同志们:")
    assert not any(name.endswith("会议上的报告") for name in names(analysis, "Policy"))


def test_a_sentence_ending_with_a_report_is_not_a_title(analysis_of):
    analysis = analysis_of("会议听取了北京市水务局关于防汛工作的报告\n同志们:")
    assert not any(name.startswith("会议听取") or name.startswith("北京市水务局关于") for name in names(analysis, "Policy"))


def test_a_report_line_far_below_the_head_is_not_the_title(analysis_of):
    filler = "全区上下坚持稳中求进工作总基调,推动经济社会平稳运行。" * 16
    analysis = analysis_of(filler + "\n北京市延庆区2020年政府信息公开工作年度报告\n")
    assert "北京市延庆区2020年政府信息公开工作年度报告" not in names(analysis, "Policy")


# --- people's congress sessions (session_bodies.py) -----------------------------------------------------------

def test_a_standing_committee_opening_its_session_is_a_body_too(analysis_of):
    analysis = analysis_of("——2019年3月28日在北京市第十五届人民代表大会常务委员会第十二次会议上\n主任、各位副主任:")
    assert "北京市第十五届人民代表大会常务委员会第十二次会议" in names(analysis, "Event")
    assert "北京市第十五届人民代表大会常务委员会" in entities(analysis, "Institution")


def test_the_congress_opening_a_congress_session_stays_inside_it(analysis_of):
    analysis = analysis_of("——2021年1月6日在北京市平谷区第十七届人民代表大会第六次会议上\n各位代表:")
    assert not any(name.endswith("人民代表大会") for name in entities(analysis, "Institution"))


def test_a_district_cut_before_its_lone_qu_still_opens_the_session(analysis_of):
    analysis = analysis_of("——2020年1月8日在北京市密云区第四届人民代表大会第五次会议上\n各位代表:")
    events = entities(analysis, "Event")
    assert "北京市密云区第四届人民代表大会第五次会议" in events
    assert not any(name.startswith("区第") for name in events)


def test_a_session_broken_over_two_lines_is_one_event(analysis_of):
    analysis = analysis_of("政府工作报告\n——2022年1月6日在门头沟区第十七届人民代表大会\n\n第一次会议上\n各位代表:")
    events = [name.replace("\n", "") for name in entities(analysis, "Event")]
    assert "门头沟区第十七届人民代表大会第一次会议" in events


# --- a policy known by a quoted nickname (quoted_policies.py) -------------------------------------------------

def test_a_quoted_nickname_before_policy_is_a_policy(analysis_of):
    analysis = analysis_of("区政府修订完善“3+5”产业政策,兑现资金2亿元。")
    assert "“3+5”产业政策" in entities(analysis, "Policy")


def test_a_district_before_a_quoted_policy_is_part_of_its_name(analysis_of):
    analysis = analysis_of("落实顺义区“高精尖产业发展1+4”政策,服务重点企业。")
    assert "顺义区“高精尖产业发展1+4”政策" in entities(analysis, "Policy")


def test_policy_modifying_another_noun_is_no_policy_name(analysis_of):
    analysis = analysis_of("园区享有“三区”政策红利,吸引企业落户。")
    assert not any("政策" in name for name in entities(analysis, "Policy"))


def test_a_policy_cut_inside_its_opening_quote_takes_the_quote(analysis_of):
    analysis = analysis_of("区科委印发“十四五”时期科技创新规划,明确发展目标。")
    policies = entities(analysis, "Policy")
    assert "“十四五”时期科技创新规划" in policies and "十四五”时期科技创新规划" not in policies


# --- a rate of the counted items right after their count (amount_rates.py) ------------------------------------

def test_a_rate_of_the_counted_items_after_their_count_is_no_metric(analysis_of):
    analysis = analysis_of("2019年,本局共受理群众来信256件,其中按期办结率达98%,群众满意度明显提升。")
    metrics = entities(analysis, "Metric")
    assert "256件" in metrics and "98%" not in metrics


def test_a_rate_after_a_money_amount_stays_a_metric(analysis_of):
    analysis = analysis_of("全区软件企业实现营业收入36亿元,毛利率达40%,比上年有所提高。")
    assert "40%" in entities(analysis, "Metric")


def test_a_rate_with_no_count_before_it_stays_a_metric(analysis_of):
    analysis = analysis_of("全社会研究与试验发展经费投入强度达6.1%。")
    assert "6.1%" in entities(analysis, "Metric")


# --- a party committee before a plenum series (plenum_series.py) ----------------------------------------------

def test_a_city_committee_before_a_plenum_series_opens_the_first_plenum(analysis_of):
    analysis = analysis_of("会议传达了天津市委十届九次、十次全会精神。")
    events = entities(analysis, "Event")
    assert "天津市委十届九次" in events and "十次全会" in events
    assert "天津市委" in entities(analysis, "Institution")
    assert "天津市" not in entities(analysis, "Region")  # the place only prefixes the committee's name


def test_a_district_committee_before_a_plenum_series_opens_it_too(analysis_of):
    analysis = analysis_of("全面贯彻区委十二届三次、四次全会部署。")
    assert "区委十二届三次" in entities(analysis, "Event")
    assert "区委" in entities(analysis, "Institution")


def test_a_series_after_another_name_keeps_its_first_item_as_written(analysis_of):
    analysis = analysis_of("落实市委第十一次党代会、十一届二次、三次全会精神。")
    assert "十一届二次" in entities(analysis, "Event")


# --- endings the rules lacked (rules.yaml suffixes) -----------------------------------------------------------

def test_a_named_incubator_is_a_company(analysis_of):
    analysis = analysis_of("区科委支持中科创星硬科技孵化器扩大孵化面积。")
    assert "中科创星硬科技孵化器" in entities(analysis, "Institution")


def test_a_platform_station_in_a_district_is_one_project(analysis_of):
    analysis = analysis_of("建成首都科技条件平台大兴工作站,服务企业120家。")
    projects = entities(analysis, "Project")
    assert "首都科技条件平台大兴工作站" in projects and "首都科技条件平台" not in projects


# --- a quoted five-year period before a name; a programme inside a headline title (period_quotes.py, own_title) -

def test_a_quoted_period_before_a_programme_is_no_part_of_a_name(analysis_of):
    analysis = analysis_of("研究提出“十四五”时期全国科技创新中心建设重点任务。")
    assert "全国科技创新中心建设" in entities(analysis, "Program")
    assert not any("十四五" in name for name in entities(analysis, "Project"))


def test_a_quoted_period_ending_a_plan_title_stays_in_it(analysis_of):
    analysis = analysis_of("区政府印发“十四五”规划,明确发展目标。")
    assert "“十四五”规划" in entities(analysis, "Policy")


def test_a_programme_inside_a_headline_title_stays_an_entity(tmp_path):
    from loaders.report_loader import extract_report
    path = tmp_path / "t.txt"
    title = "凝心聚力,为全国科技创新中心建设再立新功"
    path.write_text(f"title: {title}\npublisher: 北京市科学技术委员会\n---\n{title}\n——在2017年全市科技工作会议上的报告\n"
                    "同志们:全国科技创新中心建设取得新进展。", encoding="utf-8")
    nodes = {(n.name_zh, n.type) for n in extract_report(path).nodes}
    assert ("全国科技创新中心建设", "Program") in nodes
