"""Precision rules of session 12 (issue 18, s12-junk2): junk of dev5, dev6 and dev7 by mechanism.

The sentences are written for these tests; the documents that showed each class are named in
docs/extraction.md, "Precision (session 12)".
"""

from __future__ import annotations


def _typed(analysis_of, body):
    return {(m.name, m.type) for m in analysis_of(body).mentions if not m.nested}


def _metrics(analysis_of, body):
    return [m for m in analysis_of(body).mentions if m.type == "Metric"]


def test_a_share_with_its_scope_and_the_level_it_reaches_describe_the_amount(analysis_of):
    found = _metrics(analysis_of, "全区软件业收入由2019年的800亿元增至1200亿元,全市占比由12.5%提高到15%。")
    assert [m.surface for m in found] == ["800亿元", "1200亿元"]
    assert found[-1].attrs["share_pct"] == 15 and found[-1].attrs["share_pct_from"] == 12.5


def test_a_share_that_is_the_statement_stays_an_indicator(analysis_of):
    found = _metrics(analysis_of, "研发投入强度由5.2%提高到6%。")
    assert {m.surface for m in found} == {"5.2%", "6%"}


def test_works_counted_by_kind_are_no_names(analysis_of):
    found = _typed(analysis_of, "今年新开工12个科研仪器平台项目和5个生活配套项目。其中,科研仪器平台项目7个,投资约10亿元。")
    assert not {name for name, kind in found if kind == "Project"}


def test_a_count_of_something_after_a_name_keeps_the_name(analysis_of):
    found = _typed(analysis_of, "新城雁栖实验室牵头3项课题。未来科学城一期2家企业扩建厂房。")
    assert {("新城雁栖实验室", "Project"), ("未来科学城一期", "Project")} <= found


def test_a_verb_before_a_name_the_page_names_on_its_own_is_cut_off(analysis_of):
    found = _typed(analysis_of, "科研团队将结合先进光刻测试平台开展工作。先进光刻测试平台项目今年开工。")
    assert ("先进光刻测试平台", "Project") in found
    assert not {name for name, _ in found if name.startswith("结合")}



def test_one_common_noun_before_a_plan_or_works_ending_names_a_kind(analysis_of):
    found = _typed(analysis_of, "该区已制定产业规划。今年完成园区工程,签订战略合作协议。")
    assert not {name for name, kind in found if kind in ("Policy", "Program", "Project")}


def test_a_report_and_a_quoted_programme_keep_their_names(analysis_of):
    assert ("政府工作报告", "Policy") in _typed(analysis_of, "会议听取了政府工作报告。")
    assert ("火炬计划", "Program") in _typed(analysis_of, "区里实施“火炬”计划。")


def test_a_listed_company_signing_an_agreement_is_still_found(analysis_of):
    found = _typed(analysis_of, "今年区里与比亚迪签署战略合作协议。")
    assert ("比亚迪", "Institution") in found and not {n for n, _ in found if "签署" in n}


def test_a_batch_and_the_citys_own_award_keep_their_names(analysis_of):
    found = _typed(analysis_of, "在集成电路等领域搭建一批技术创新服务平台。128项成果获得本市科学技术奖励。")
    assert {("技术创新服务平台", "Project"), ("本市科学技术奖励", "Program")} <= found


def test_what_a_listed_university_signs_is_no_name_of_it(analysis_of):
    found = _typed(analysis_of, "区科委与清华大学签订合作协议。")
    assert ("清华大学", "Institution") in found and not {n for n, _ in found if "签订" in n or n == "合作协议"}
