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


def _metrics(analysis_of, body):
    return [(m.attrs["value"], m.attrs["unit"], m.attrs.get("growth_pct"))
            for m in analysis_of(body).mentions if m.type == "Metric"]


def test_a_rise_after_an_amount_describes_it(analysis_of):
    assert _metrics(analysis_of, "软件产业实现营业收入32.5亿元,同比上涨9.6%。") == [(32.5, "亿元", 9.6)]


def test_a_gap_in_points_after_a_bracketed_rate_is_no_indicator(analysis_of):
    found = _metrics(analysis_of, "工业增加值同比增长6.1%,高于全市目标任务(4.5%)1.6个百分点。")
    assert [(v, u) for v, u, _ in found] == [(6.1, "%"), (4.5, "%")]


def test_the_first_two_are_a_rank_not_a_count(analysis_of):
    assert _metrics(analysis_of, "首两个研发平台已经投入运行。") == []


def test_a_title_whose_head_is_a_newspaper_names_the_paper(analysis_of):
    typed = {(m.name, m.type) for m in analysis_of("1月5日,《南方日报》以长篇报道介绍了广州科学城。"
                                                 "印发《广州市科技创新条例》。").mentions}
    assert ("南方日报", "Institution") in typed and ("广州市科技创新条例", "Policy") in typed


def test_a_corner_bracket_is_no_part_of_a_name(analysis_of):
    found = _names(analysis_of, "施政報告指出,「香港科技園創新平台」目前匯聚了多家企業。")
    assert not any("「" in n or "」" in n for n in found)
    assert any(n.endswith("平台") for n in found)


def test_the_last_one_character_item_of_a_shared_ending_list_is_no_name(analysis_of):
    found = _names(analysis_of, "打造产、学、研、城融合发展示范区。建设城市更新示范区。")
    assert not any(n.startswith("城融合") for n in found)
    assert "城市更新示范区" in found


def test_an_activity_noun_after_and_completes_the_list_item(analysis_of):
    fields = {m.name for m in analysis_of("新一代信息技术、软件开发与服务、生物医药等产业加快发展。").mentions
              if m.type == "Field"}
    assert "软件开发与服务" in fields and "服务" not in fields


def test_a_field_followed_by_manufacturing_and_its_industry_is_read_whole(analysis_of):
    fields = {m.name for m in analysis_of("全年高端装备制造产业实现产值57亿元。").mentions if m.type == "Field"}
    assert fields == {"高端装备制造"}


def test_a_benchmark_before_a_level_is_no_name(analysis_of):
    found = _names(analysis_of, "上海光源性能达到国际四代光源先进水平。建设上海光源。")
    assert not any(n.endswith("四代光源") for n in found)
    assert "上海光源" in found


def test_a_count_of_the_names_its_sentence_lists_after_it_is_no_indicator(analysis_of):
    body = ("工信部公布了4个先进制造业集群,分别是深圳新一代信息通信集群、广州智能装备集群、"
            "苏州纳米新材料集群和无锡物联网集群。全年新增5个产业集群,包括深圳集群、广州集群。")
    assert [(v, u) for v, u, _ in _metrics(analysis_of, body)] == [(5, "个")]


def test_a_count_of_the_quoted_words_before_it_is_no_indicator(analysis_of):
    assert _metrics(analysis_of, "做好“科”“创”两篇文章,发表论文12篇。") == [(12, "篇", None)]
