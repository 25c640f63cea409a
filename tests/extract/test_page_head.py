"""The head of a work report (dev6, session 8): the lines above the prose name the session and the
issuer's office, and two page rules used to drop them: a speaker line as short as a menu word
(通州区区长) ended the page, and a byline carrying chrome words (打印 【字体:) was skipped whole."""

from __future__ import annotations

from .conftest import analysis_under, names

PROSE = ("现在,我代表区人民政府向大会报告政府工作,请予审议,并请区政协各位委员提出意见。\n"
         "一年来,在市委市政府和区委的正确领导下,全区上下奋发进取,经济发展呈现了崭新势头。\n")


def test_a_speaker_line_does_not_end_the_page_but_a_menu_word_still_does(tmp_path):
    page = ("新闻中心\n通州区人民政府工作报告\n—— 2015年1月13日在通州区第五届人民代表大会第五次会议上\n"
            "通州区区长\n各位代表:\n" + PROSE)
    a = analysis_under(tmp_path, page, "北京市通州区人民政府")
    assert "通州区第五届人民代表大会第五次会议" in names(a.mentions, "Event")
    assert a.report.body.text.startswith("通州区人民政府工作报告")  # 新闻中心 (a menu word) stays out


def test_a_byline_with_chrome_words_is_read(tmp_path):
    page = "大兴区政府工作报告\n来源:区政府办  日期:2025-01-26 10:45 打印 【字体:\n" + PROSE
    a = analysis_under(tmp_path, page, "北京市大兴区人民政府")
    assert "区政府办" in names(a.mentions, "Institution")
