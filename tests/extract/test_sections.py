"""Sections, paragraphs, sentences and clauses."""

from __future__ import annotations

from loaders.text.sections import clause_spans, heading_level, split

TEXT = """前言第一句。前言第二句!
一、基本情况
第一段。
(一)一个统领:以规划为统领
1.着力承接重大科技任务
加快建设研究院,组建委员会。
2.着力服务“三城一区”发展。
聚焦科学城。
二、主要工作
最后一句"""


def test_heading_levels():
    assert heading_level("一、基本情况") == 0
    assert heading_level("(二)六个着力:推进六个方面重点任务") == 1
    assert heading_level("2.着力服务“三城一区”发展。") == 2
    assert heading_level("(3)细项") == 3
    assert heading_level("1-11月,全市专利授权量同比增长20.76%。") is None
    assert heading_level("2018年,市科委承担任务59项。") is None


def test_sentences_know_their_section():
    sentences = split(TEXT)
    by_text = {TEXT[s.start:s.end]: s for s in sentences}
    assert by_text["前言第一句。"].section == "" and by_text["前言第二句!"].paragraph == 0
    assert by_text["第一段。"].section == "一、"
    assert by_text["加快建设研究院,组建委员会。"].section == "一、/(一)/1."
    assert by_text["聚焦科学城。"].section == "一、/(一)/2."
    assert by_text["最后一句"].section == "二、"
    assert by_text["2.着力服务“三城一区”发展。"].heading


def test_clauses():
    text = "聚焦中关村科学城,支持北京石墨烯研究院;在前沿新材料等领域布局。"
    assert [text[a:b] for a, b in clause_spans(text, 0, len(text))] == [
        "聚焦中关村科学城", "支持北京石墨烯研究院", "在前沿新材料等领域布局。"]
