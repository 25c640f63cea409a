"""Precision rules of session 11 (issue 18, s10-junk): junk of dev5 and dev6 a user of `innograph extract` would see.

The sentences are written for these tests; the documents that showed each class are named in
docs/extraction.md, "Precision (session 11)".
"""

from __future__ import annotations


def _typed(analysis_of, body):
    return {(m.name, m.type) for m in analysis_of(body).mentions if not m.nested}


def test_a_domain_opening_a_statistic_is_no_field(analysis_of):
    found = _typed(analysis_of, "全区数字经济营业收入年均增长12%,高精尖产业总产值突破5000亿元,社会消费品零售额实现200亿元。")
    assert not {("数字经济", "Field"), ("高精尖产业", "Field"), ("消费品", "Field")} & found


def test_the_same_domain_named_on_its_own_is_still_a_field(analysis_of):
    found = _typed(analysis_of, "重点发展数字经济和高精尖产业,战新产业产值增长10%。")
    assert {("数字经济", "Field"), ("高精尖产业", "Field")} <= found


def test_a_field_made_of_two_halves_of_two_words_is_none(analysis_of):
    found = _typed(analysis_of, "强化学科、基地和团队建设。支持化学、物理等基础学科。")
    assert ("化学", "Field") in found  # the second sentence names it
    assert [m for m in analysis_of("强化学科、基地和团队建设。").mentions if m.name == "化学"] == []


def test_a_verb_before_a_known_name_is_cut_off(analysis_of):
    found = _typed(analysis_of, "今天上午,也标志着怀柔科学城进入新阶段。将进一步壮大中关村科学城重大科技研发平台集群规模。"
                                "为规范北京市市级高新技术产业开发区管理,制定本办法。")
    assert not any(n.startswith(("标志着", "壮大", "规范")) for n, _ in found)
    assert ("怀柔科学城", "Zone") in found


def test_a_subject_and_its_verb_do_not_open_a_name(analysis_of):
    found = {n for n, _ in _typed(analysis_of, "怀柔科学城搭平台,未来科学城搭平台。")}
    assert not any("搭平台" in n for n in found)


def test_names_the_dictionary_reads_as_verbs_stay_whole(analysis_of):
    found = {n for n, _ in _typed(analysis_of, "积极谋划能源国家实验室建设;聚变堆主机关键系统综合研究设施开工建设,武汉超算中心投入使用。"
                                               "落地中关村合成生物制造产业集聚区。")}
    assert "中关村合成生物制造产业集聚区" in found
    assert "武汉超算中心" in found and not any(n.startswith(("堆主机", "算中心")) for n in found)
