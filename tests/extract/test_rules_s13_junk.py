"""Precision rules of session 13 (issue 18, s13-junk3): junk of the dev documents over 10 %, by mechanism.

The sentences are written for these tests; the documents that showed each class are named in
docs/extraction.md, "Precision (session 13)".
"""

from __future__ import annotations


def _scored(extraction_of, body):
    """(name, type) of the nodes the corpus scorer counts: those with a span of their own."""
    x = extraction_of(body)
    return {(n.name_zh, n.type) for n in x.nodes if n.type != "Document" and x.spans.get(n.id)}


def _places(extraction_of, body):
    return {name for name, kind in _scored(extraction_of, body) if kind in ("Region", "District")}


def test_a_place_opening_items_of_a_list_with_a_shared_ending_is_no_mention(extraction_of):
    assert not _places(extraction_of, "今年协同推进杭州滨江、嘉兴秀洲、湖州南太湖等科创大走廊建设。")
    assert not _places(extraction_of, "东坝新城、天津宝坻等项目启动前期工作。")


def test_a_place_opening_an_unread_name_after_a_boundary_is_no_mention(extraction_of):
    assert not _places(extraction_of, "今年,香港企业总部中心实现签约。")
    assert not _places(extraction_of, "园区包括“一区两园”(成都青羊物流开发区和南山软件园)。")


def test_places_of_their_own_stay_mentions(extraction_of):
    assert {"杭州市", "宁波市"} <= _places(extraction_of, "杭州、宁波等城市加快发展。")
    assert "上海市" in _places(extraction_of, "上海建设科技创新中心取得进展。")
    assert "昌平区" in _places(extraction_of, "项目位于昌平区未来科学城。")


def _typed(analysis_of, body):
    return {(m.name, m.type) for m in analysis_of(body).mentions if not m.nested}


def test_a_kind_the_text_then_spells_out_is_no_name(analysis_of):
    found = _typed(analysis_of, "今年加快布局前沿交叉实验平台和技术成果转移平台:材料基因组研究中心正式获批。")
    assert not {name for name, kind in found if name.endswith("平台")}
    found = _typed(analysis_of, "区里新开工的科研仪器设施项目包括:超导量子测试平台、先进光源。")
    assert not {name for name, _ in found if "仪器设施" in name}


def test_a_named_work_before_a_colon_keeps_its_name(analysis_of):
    found = _typed(analysis_of, "今年建成北京脑科学转化平台:三个实验室投入使用。")
    assert ("北京脑科学转化平台", "Project") in found


def test_a_goal_zone_after_a_verb_of_becoming_is_no_name(analysis_of):
    found = _typed(analysis_of, "到2030年,努力建成国家协同发展先行区。")
    assert not {name for name, kind in found if kind == "Zone"}


def test_a_goal_zone_opening_with_a_place_stays_a_name(analysis_of):
    found = _typed(analysis_of, "全力建成深圳先行示范区。")
    assert ("深圳先行示范区", "Zone") in found


def test_a_park_and_its_verb_before_a_company_are_cut_off(analysis_of):
    found = _typed(analysis_of, "今年,海淀园联合京能公司和某某集团注册成立了新公司。")
    assert ("京能公司", "Institution") in found
    assert not {name for name, _ in found if name.startswith("海淀园联合")}


def test_a_company_opening_with_a_park_name_keeps_it(analysis_of):
    found = _typed(analysis_of, "丰台园区投资公司今年注册成立。")
    assert any(name.endswith("投资公司") and name.startswith("丰台园") for name, _ in found)


def test_a_short_form_in_brackets_is_the_name_before_it(extraction_of):
    found = _scored(extraction_of, "以下是文化体育及旅游局(文体及旅游局)局长今日的发言。")
    assert found == {("文化体育及旅游局", "Institution")}


def test_a_bracket_that_is_no_short_form_is_read_as_before(extraction_of):
    found = _scored(extraction_of, "中关村科技园区管理委员会(海淀区)发布通知。")
    assert ("海淀区", "District") in found


def test_a_board_before_a_persons_title_belongs_to_the_title(extraction_of):
    found = _scored(extraction_of, "科学园公司董事局主席表示支持。北京智源科技有限公司党委书记出席。")
    assert {("科学园公司", "Institution"), ("北京智源科技有限公司", "Institution")} <= found
    assert not {name for name, _ in found if name.endswith(("董事局", "党委"))}


def test_common_words_beside_a_generic_kind_in_a_list_are_kinds(analysis_of):
    found = _typed(analysis_of, "今年区里形成先进实验装置、科技研发平台、创业孵化平台、技术转移平台协同发展的格局。")
    assert not {name for name, kind in found if kind == "Project"}


def test_a_list_of_works_with_no_generic_item_keeps_its_names(analysis_of):
    found = _typed(analysis_of, "今年启动的项目包括:先进实验装置、技术转移平台、北京脑科学平台。")
    assert {("先进实验装置", "Project"), ("技术转移平台", "Project"), ("北京脑科学平台", "Project")} <= found


def test_activities_listed_before_a_domain_word_are_no_fields(analysis_of):
    found = _typed(analysis_of, "团队将围绕材料的快速筛选、高效组装、器件的设计与应用等领域开展研究。")
    assert not {name for name, kind in found if kind == "Field"}


def test_domains_listed_before_a_domain_word_stay_fields(analysis_of):
    found = _typed(analysis_of, "人工智能、生物制造、量子信息等领域发展迅速。")
    assert {("人工智能", "Field"), ("生物制造", "Field"), ("量子信息", "Field")} <= found


def _metrics(analysis_of, body):
    return sorted(m.surface for m in analysis_of(body).mentions if m.type == "Metric")


def test_a_headline_figure_the_body_states_again_is_one_indicator(analysis_of):
    body = "新城2025年产值将超三千亿\n到2025年,新城地区生产总值将实现3000亿元以上,工业总产值突破5000亿元。"
    assert _metrics(analysis_of, body) == ["3000亿元以上", "5000亿元"]


def test_a_headline_figure_of_its_own_stays(analysis_of):
    body = "新城引进企业120家\n今年新城地区生产总值实现3000亿元。"
    assert "120家" in _metrics(analysis_of, body)


def test_a_guess_after_an_indefinite_description_is_no_name(analysis_of):
    found = _typed(analysis_of, "湖畔,一座具有国际影响力的“千年创新城”正在加速建设。")
    assert not {name for name, kind in found if kind == "Zone"}


def test_a_definite_quoted_name_stays(analysis_of):
    found = _typed(analysis_of, "湖畔,具有国际影响力的“雁栖创新城”正在加速建设。")
    assert ("雁栖创新城", "Zone") in found


def test_a_category_that_opens_a_zone_ending_types_its_items_as_zones(analysis_of):
    found = _typed(analysis_of, "科技部认定杭州滨江物联网创新型产业集群、宁波鄞州智能制造创新型产业集群等5个产业集群为试点。")
    assert ("宁波鄞州智能制造创新型产业集群", "Zone") in found
    assert not {name for name, kind in found if kind == "Field" and name.endswith("集群")}


def test_an_industry_category_still_types_fields(analysis_of):
    found = _typed(analysis_of, "重点培育光电子、新材料等产业。")
    assert {("光电子", "Field"), ("新材料", "Field")} <= found


def test_words_the_page_uses_as_a_category_name_a_kind_everywhere(analysis_of):
    body = "联动推进滨江、秀洲、南湖等科创大走廊建设。今年推动科创大走廊加快建设。"
    assert not {name for name, kind in _typed(analysis_of, body) if kind == "Zone"}


def test_a_name_the_page_never_uses_as_a_category_stays(analysis_of):
    body = "今年推动滨江科创大走廊加快建设。"
    assert ("滨江科创大走廊", "Zone") in _typed(analysis_of, body)


def test_a_field_heading_the_phrase_that_closes_a_list_is_its_category(analysis_of):
    found = _typed(analysis_of, "区里发展工业设计、检验检测、科技金融等附加值高的现代服务业。")
    assert ("科技金融", "Field") in found
    assert ("现代服务业", "Field") not in found


def test_a_field_after_a_plain_de_phrase_stays(analysis_of):
    found = _typed(analysis_of, "区里发展附加值高的现代服务业。")
    assert ("现代服务业", "Field") in found
