"""Precision rules of session 7 (issue 18): junk of unseen text that users of `innograph extract` would see."""

from __future__ import annotations


def _names(analysis_of, body):
    return {m.name for m in analysis_of(body).mentions}


def test_a_predicate_read_into_a_name_declines_it(analysis_of):
    found = _names(analysis_of, "武汉积极争创人工智能国家实验室。江苏正式启动建设以苏州科学城为核心的创新走廊。"
                                "而脑科学创新平台则专注于研究。支持人工智能国家实验室建设。")
    assert not {"武汉积极争创人工智能国家实验室", "江苏正式启动建设以苏州科学城", "而脑科学创新平台"} & found
    assert "人工智能国家实验室" in found  # the same name, written alone, is still read


def test_the_nth_of_a_kind_is_no_name(analysis_of):
    found = _names(analysis_of, "南京获批建设全国第三个综合性国家科学中心。深圳正筹备第四个鹏城研发平台。")
    assert not any("第三个" in n or "第四个" in n for n in found)


def test_a_name_joining_two_halves_with_a_preposition_like_word_stays(analysis_of):
    found = _names(analysis_of, "认定宁波激光与光电创新型产业集群为试点。合肥同步辐射光源实现恒流运行。")
    assert "宁波激光与光电创新型产业集群" in found
