"""Rules of session 15, second round (issue 18, s15-cities2): other cities' and Traditional text.

The sentences are written for these tests (made-up circulars of other provinces and cities); the documents that
showed each cause are named in docs/extraction.md, "Other cities, second round (session 15)".
"""

from __future__ import annotations

from tests.support.extracted import names


# --- a title cited inside a notice's title (inner_titles.py) ------------------------------------------------

def test_a_plan_cited_in_angle_marks_inside_a_notice_is_the_policy(analysis_of):
    analysis = analysis_of("依据《四川省人民政府办公厅关于印发〈成都市机构改革实施方案〉的通知》,组建市科技局。")
    policies = names(analysis, "Policy")
    assert "成都市机构改革实施方案" in policies
    assert not any("印发" in name for name in policies)


def test_a_plan_cited_in_ascii_angle_brackets_loses_the_bracket(analysis_of):
    analysis = analysis_of("依据《武汉市人民政府办公厅关于转发<武汉市科技创新促进条例实施办法>的通知》执行。")
    policies = names(analysis, "Policy")
    assert "武汉市科技创新促进条例实施办法" in policies
    assert not any(name.startswith("<") or "转发" in name for name in policies)


def test_a_body_after_a_stray_bracket_is_read_without_it(analysis_of):
    analysis = analysis_of("按照<长沙市科学技术局主要职责>,推进科技管理改革。")
    bodies = names(analysis, "Institution")
    assert "长沙市科学技术局" in bodies
    assert not any(name.startswith("<") for name in bodies)


def test_a_notice_in_plain_title_marks_is_kept(analysis_of):
    analysis = analysis_of("市政府印发《成都市促进科技成果转化实施办法》,明确了奖励比例。")
    assert "成都市促进科技成果转化实施办法" in names(analysis, "Policy")


# --- issuers written together (joined_issuers.py) ------------------------------------------------------------

def test_two_issuing_offices_written_together_are_two_bodies(analysis_of):
    analysis = analysis_of("中共湖南省委办公厅湖南省人民政府办公厅联合印发实施意见。")
    bodies = names(analysis, "Institution")
    assert {"中共湖南省委办公厅", "湖南省人民政府办公厅"} <= bodies
    assert "中共湖南省委办公厅湖南省人民政府办公厅" not in bodies
    assert "中共湖南省委办公厅湖南省人民政府" not in bodies


def test_a_government_office_and_a_party_office_written_together_are_split(analysis_of):
    analysis = analysis_of("福州市人民政府办公厅中共福州市委办公厅发文部署科技工作。")
    bodies = names(analysis, "Institution")
    assert {"福州市人民政府办公厅", "中共福州市委办公厅"} <= bodies


def test_a_bureau_with_its_own_office_is_one_body(analysis_of):
    analysis = analysis_of("长沙市科学技术局办公室负责日常工作。")
    assert "长沙市科学技术局办公室" in names(analysis, "Institution")


# --- a listed short name bound to its place (place_bound.py) -------------------------------------------------

def _analysis_by(write_report, publisher: str, body: str):
    from loaders.text.extract import analyse
    from loaders.text.reading import read_report

    path = write_report("")
    path.write_text(f"title: 测试报告\npublisher: {publisher}\ndate: 2020-01-15\nyear: 2020\n---\n{body}",
                    encoding="utf-8")
    return analyse(read_report(path))


def test_another_citys_park_ending_like_a_hong_kong_alias_is_not_hong_kongs(write_report):
    analysis = _analysis_by(write_report, "成都市科学技术局", "推动锦江科学园建设,新引进企业20家。")
    assert "香港科学园" not in {m.name for m in analysis.mentions}


def test_hong_kongs_park_named_in_full_on_another_citys_page_is_kept(write_report):
    analysis = _analysis_by(write_report, "成都市科学技术局", "代表团参观了香港科学园。")
    assert "香港科学园" in names(analysis, "Zone")


def test_the_short_name_on_a_page_of_no_known_city_is_still_hong_kongs(write_report):
    analysis = _analysis_by(write_report, "创新科技署", "进驻科学园的初创企业超过一百家。")
    assert "香港科学园" in {m.name for m in analysis.mentions if m.type == "Zone"}


# --- fields as Hong Kong, Macau and Taiwan write them (regional_forms.py) ------------------------------------

def test_a_taiwan_spelling_of_a_field_is_the_mainland_field(analysis_of):
    analysis = analysis_of("行政院推動人工智慧與數位經濟相關計畫。")
    fields = {m.name for m in analysis.mentions if m.type == "Field"}
    assert {"人工智能", "数字经济"} <= fields


def test_a_regional_spelling_keeps_its_own_text_as_the_mention(analysis_of):
    analysis = analysis_of("本年度補助晶片設計人才培育。")
    body = analysis.report.body.text
    assert any(m.name == "芯片" and body[m.start:m.end] == "晶片" for m in analysis.mentions if m.type == "Field")


def test_a_regional_spelling_that_is_a_field_of_its_own_stays_itself(analysis_of):
    analysis = analysis_of("政府加強資訊科技教育。")
    assert "资讯科技" in {m.name for m in analysis.mentions if m.type == "Field"}


# --- an amount in 亿 and 万 written with Arabic digits (units.py) ------------------------------------------

def _metrics(analysis):
    body = analysis.report.body.text
    return {body[m.start:m.end]: m for m in analysis.mentions if m.type == "Metric"}


def test_an_amount_in_yi_and_wan_with_arabic_digits_is_one_figure(analysis_of):
    metrics = _metrics(analysis_of("市财政安排科技专项资金4亿2,600万元,支持企业研发。"))
    assert "4亿2,600万元" in metrics
    assert metrics["4亿2,600万元"].attrs.get("value") == 42600
    assert metrics["4亿2,600万元"].attrs.get("unit") == "万元"
    assert not any(surface in metrics for surface in ("4亿", "2,600万元"))


def test_an_amount_in_traditional_script_is_one_figure_too(analysis_of):
    metrics = _metrics(analysis_of("政府將撥款1億3500萬元推行資助計劃。"))
    assert any(m.attrs.get("value") == 13500 for m in metrics.values())


def test_two_amounts_in_yi_and_in_wan_stay_two_figures(analysis_of):
    metrics = _metrics(analysis_of("全年投入5亿元,其中3,200万元用于基础研究。"))
    assert {"5亿元", "3,200万元"} <= set(metrics)
