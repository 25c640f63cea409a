"""A page without a header (a pasted excerpt, a repost) names its issuer in its head lines (session 8)."""

from __future__ import annotations

from loaders.report_loader import extract_report
from loaders.text.issuer import from_head


def test_the_issuer_is_read_from_a_speaker_session_or_title_line():
    assert from_head("2022年北京市昌平区政府工作报告 ——2021年12月15日在北京市昌平区第六届人民代表大会第一次会议上 "
                     "北京市昌平区人民政府代区长 支现伟 各位代表:") == "北京市昌平区人民政府"
    assert from_head("政府工作报告\n── 2025年1月8日在北京市大兴区\n第六届人民代表大会第五次会议上\n北京市大兴区代区长 刘 洋\n") \
        == "北京市大兴区人民政府"
    assert from_head("通州区人民政府工作报告\n各位代表:") == "通州区人民政府"
    assert from_head("北京经济技术开发区管委会2021年度工作报告\n一、2021年工作") == "北京经济技术开发区管委会"
    assert from_head("2024年上海市闵行区政府工作报告\n各位代表:") == "上海市闵行区人民政府"


def test_a_head_named_inside_a_sentence_or_a_relative_place_is_not_the_issuer():
    assert from_head("会议指出,要加快建设全国科技创新中心。海淀区区长于军做客市民对话一把手节目。") == ""
    assert from_head("全区政府工作报告的各项任务全面完成。") == ""
    assert from_head("2023年全市科技工作会议召开,各区科委负责同志参加。") == ""


def test_without_a_header_the_districts_own_bodies_are_that_districts(tmp_path):
    path = tmp_path / "excerpt.txt"
    path.write_text("通州区人民政府工作报告\n各位代表:现在,我代表区人民政府向大会报告工作,请予审议,"
                    "并请区政协委员提出意见。在市委、市政府和区委的坚强领导下,全区经济平稳增长。", encoding="utf-8")
    x = extract_report(path)
    assert x.analysis.context.district == "通州区" and x.analysis.context.city == "北京市"
    names = {n.name_zh for n in x.nodes}
    assert "区委" in names or any("通州区委员会" in n for n in names)


def test_a_districts_congress_and_government_by_their_other_short_forms(tmp_path):
    path = tmp_path / "daxing.txt"
    path.write_text("title: 大兴区政府工作报告\npublisher: 北京市大兴区人民政府\n---\n"
                    "在区委的坚强领导下,在区人大、区政协的监督支持下,区人民政府团结带领全区人民,"
                    "圆满完成各项目标任务。", encoding="utf-8")
    names = {n.name_zh for n in extract_report(path).nodes}
    assert {"北京市大兴区人民代表大会", "北京市大兴区人民政府"} <= names
