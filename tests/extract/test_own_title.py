"""The page's own title: also a Policy when it names one; the notice wrapping a draft is not the draft (session 8)."""

from __future__ import annotations

from types import SimpleNamespace

from loaders.report_loader import extract_report
from loaders.text import own_title
from loaders.text.rules import load_rules


def _names(tmp_path, text: str) -> dict[str, str]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return {n.name_zh: n.type for n in extract_report(path).nodes}


def test_a_work_report_title_is_also_a_policy(tmp_path):
    got = _names(tmp_path, "title: 北京市昌平区政府工作报告\npublisher: 北京市昌平区人民政府\n---\n"
                           "北京市昌平区政府工作报告\n各位代表:现在,我代表区人民政府,向大会报告政府工作,请予审议。"
                           "过去一年,全区地区生产总值增长6.6%,科技创新能力持续增强。")
    assert got.get("北京市昌平区政府工作报告") == "Policy"


def test_a_consultation_notice_keeps_its_draft_policy_but_not_the_notice(tmp_path):
    title = "关于对《北京市市级高新技术产业开发区评价办法(试行)(征求意见稿)》公开征求意见的公告"
    got = _names(tmp_path, f"title: {title}\npublisher: 北京市科学技术委员会\n---\n{title}\n"
                           "为规范市级高新区评价工作,特制订《北京市市级高新技术产业开发区评价办法(试行)》,"
                           "现面向社会公开征集意见,欢迎社会各界提出意见建议。")
    assert any(n.startswith("北京市市级高新技术产业开发区评价办法") and t == "Policy" for n, t in got.items())
    assert not any(n.endswith("公告") for n in got)


def test_which_policy_names_in_the_own_title_are_kept():
    rules = load_rules()
    kept = lambda name, type_="Policy": own_title.kept_policy(SimpleNamespace(name=name, type=type_), rules)  # noqa: E731
    assert kept("北京市昌平区政府工作报告") and kept("《北京市市级高新技术产业开发区评价办法(试行)》")
    assert not kept("关于印发X规划的通知")  # the notice wraps the policy; the notice is the Document
    assert not kept("加力提速建设东湖科学城,光谷加快迈向世界光谷的实施方案")  # a headline
    assert not kept("2021年度工作报告")  # a fragment that lost its issuer
    assert not kept("北京市政府工作报告", "Program")


def test_a_congress_session_nested_in_the_own_title_is_an_event(tmp_path):
    title = "大兴区六届人大五次会议政府工作报告"
    got = _names(tmp_path, f"title: {title}\npublisher: 北京市大兴区人民政府\n---\n{title}\n"
                           "各位代表:现在,我代表区人民政府,向大会报告政府工作,请予审议,并请区政协委员提出意见。")
    assert got.get("大兴区六届人大五次会议") == "Event"
