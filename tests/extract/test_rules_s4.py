"""Rules that generalise (issue 18, session 4): word boundaries from a segmenter, and the
suffix grammar, currencies and confidences added with it. Each sentence is of a kind the
development documents show; the names asserted are what a reader of the sentence would list."""

from __future__ import annotations

from loaders.text.segment import Segmentation

from .conftest import analysis_under, names, names_but_metrics


def _analysis(tmp_path, body: str, publisher: str = "北京市科学技术委员会", name: str = "r"):
    return analysis_under(tmp_path, body, publisher, name)


_all = names_but_metrics


def test_the_segmenter_knows_words_the_lists_do_not():
    s = Segmentation("让高校了解科技基金,分别走访澳门大学")
    assert s.inside(s.text.index("解"))  # 了|解 is inside 了解
    assert s.verb_before(s.text.index("澳门")) == "走访"
    assert not s.inside(s.text.index("科技"))


def test_a_name_never_starts_inside_a_word(tmp_path):
    a = _analysis(tmp_path, "让高校更深入了解科技基金的资助计划体系。")
    assert not any(n.startswith("解") for n in _all(a))


def test_a_place_after_a_verb_no_list_knows_opens_the_name(tmp_path):
    a = _analysis(tmp_path, "科学技术发展基金分别于9月10及11日走访澳门大学、澳门城市大学进行项目资助说明会。",
                  publisher="科学技术发展基金")
    got = names(a.mentions, "Institution")
    assert "澳门大学" in got and not any(n.startswith("11日") for n in got)


def test_a_name_never_ends_inside_a_word(tmp_path):
    a = _analysis(tmp_path, "培养高级工程师和大学生三百名。")
    assert not ({"高级工程", "培养高级工程"} & _all(a))
    assert not any(n.endswith("大学") for n in names(a.mentions, "Institution"))


def test_a_segmenter_verb_opens_no_name_but_a_noun_verb_stays_in_one(tmp_path):
    a = _analysis(tmp_path, "结合我市实际,特制订以下实施意见。(一)实施创新主体培育工程,梯次化培育科技型企业。")
    assert "特制订以下实施意见" not in _all(a)
    assert "创新主体培育工程" in names(a.mentions, "Program")


def test_bodies_by_their_ending_bureaus_departments_legislatures(tmp_path):
    a = _analysis(tmp_path, "特區政府與深圳市人民政府簽署備忘錄。由我領導的創新及科技諮詢委員會已完成檢視。"
                            "香港科技園公司、生產力促進局等機構參與。我們將在立法會會議中介紹。",
                  publisher="創新及科技局")
    got = names(a.mentions, "Institution")
    assert {"特区政府", "创新及科技咨询委员会", "生产力促进局", "立法会"} <= got
    assert "科技咨询委员会" not in got


def test_words_that_end_like_a_bureau_are_not_bureaus(tmp_path):
    a = _analysis(tmp_path, "加快构建新发展格局,做好工作部署。联合市工业和信息化局举办大赛。苏浙皖三省科技厅共同签署协议。",
                  publisher="深圳市科技创新委员会")
    got = names(a.mentions, "Institution")
    assert not {n for n in got if n.endswith(("格局", "部署"))}
    assert "信息化局" not in got and "苏浙皖三省科技厅" not in got
    assert not any(n.startswith("联合") for n in got)


def test_province_bodies_in_a_city_report_expand_with_the_city_province(tmp_path):
    a = _analysis(tmp_path, "深入贯彻落实省委、省政府决策部署。", publisher="深圳市科技创新局")
    got = {m.surface: m.name for m in a.mentions}
    assert got["省委"] == "中共广东省委员会" and got["省政府"] == "广东省人民政府"
    b = _analysis(tmp_path, "深入贯彻落实省委决策部署。", publisher="某某市科技局")
    local = [m for m in b.mentions if m.surface == "省委"]
    assert local and local[0].name == "省委" and local[0].local  # no province known: as written, never resolved


def test_currencies_and_compound_numerals(tmp_path):
    a = _analysis(tmp_path, "科技基金批准科研项目金额为一亿○六十万三千九百八十七元。资助总金额有三千二百多万澳門元。"
                            "預留五十五億港元發展數碼港。", publisher="科學技術發展基金")
    figures = {(m.attrs.get("value"), m.attrs.get("unit")) for m in a.mentions if m.type == "Metric"}
    assert {(100603987, "元"), (3200, "万澳门元"), (55, "亿港元")} <= figures


def test_plenums_sharing_their_ending_are_one_event_each(tmp_path):
    a = _analysis(tmp_path, "深入学习贯彻党的十八届四中、五中全会和市委十届七次、八次全会精神,落实市委第十次党代会部署。",
                  publisher="天津市科学技术委员会")
    # session 16: the committee written right before the series opens its first item (市委十届七次), as dev2's
    # Zhejiang gold (省委十四届三次) and dev12's (北京市委十一届八次) write it (plenum_series.py)
    assert {"十八届四中", "五中全会", "市委十届七次", "八次全会", "市委第十次党代会"} <= names(a.mentions, "Event")


def test_ranks_sessions_and_parts_of_the_text_are_no_indicators(tmp_path):
    a = _analysis(tmp_path, "以下主要从六个方面展开汇报。圆满完成区十七届人大四次会议确定的目标。"
                            "科技型中小企业排名前五位的区是滨海新区。全市高新技术企业达到3612家。")
    figures = {(m.attrs.get("value"), m.attrs.get("unit")) for m in a.mentions if m.type == "Metric"}
    assert figures == {(3612, "家")}


def test_clusters_are_zones_only_when_a_place_names_them(tmp_path):
    a = _analysis(tmp_path, "工信部公布国家先进制造业集群名单,包括无锡市物联网集群等,紧紧围绕集群发展打造世界级集群。",
                  publisher="中华人民共和国工业和信息化部")
    assert names(a.mentions, "Zone") == {"无锡市物联网集群"}


def test_categories_get_a_low_confidence_and_fall_under_the_floor(tmp_path):
    from loaders.text import confidence
    a = _analysis(tmp_path, "建设交流平台和国家重点实验室。推进重大共性技术研发创新平台建设,召开全国科技创新中心建设会议。")
    got = {m.name: m.conf for m in a.mentions}
    assert "交流平台" not in got and "国家重点实验室" not in got
    assert got["重大共性技术研发创新平台"] >= confidence.FLOOR
    assert "全国科技创新中心建设会议" in got


def test_a_list_category_coordinated_with_more_words_types_nothing(tmp_path):
    a = _analysis(tmp_path, "在科技型中小企业发展、国家自主创新示范区建设、京津冀协同创新发展等国家和我市重点战略上取得进展。",
                  publisher="天津市科学技术委员会")
    assert not any("发展" in n or "建设" in n for n in names(a.mentions, "Region"))


def test_districts_of_any_city_from_the_dictionary(tmp_path):
    a = _analysis(tmp_path, "科技型中小企业评价入库数分别居滨海新区、西青区、武清区前列,北京地区企业数量增长。",
                  publisher="天津市科学技术局")
    assert {"滨海新区", "西青区", "武清区"} <= names(a.mentions, "District")
    assert "北京地区" not in names(a.mentions, "District") and not names(a.mentions, "Zone")


def test_sessions_of_a_peoples_congress_are_events_with_their_place(tmp_path):
    a = _analysis(tmp_path, "2025年1月已经海淀区第十七届人民代表大会第五次会议审议通过。圆满完成区十七届人大四次会议确定的目标。",
                  publisher="北京市海淀区人民政府")
    assert {"海淀区第十七届人民代表大会第五次会议", "区十七届人大四次会议"} <= names(a.mentions, "Event")


def test_pinyin_after_converted_characters_is_not_read(tmp_path):
    a = _analysis(tmp_path, "海淀區(qū)人大十四屆一次會議審議通過。全面推進奧運(yùn)工程建設(shè)。", publisher="")
    assert "海淀区人大十四届一次会议" in names(a.mentions, "Event")
    assert not any("(" in n for n in _all(a))


def test_a_place_opening_a_slogan_is_no_mention_and_a_bracketed_figure_counts_the_name_before_it(tmp_path):
    a = _analysis(tmp_path, "坚持中国特色社会主义,推进中国式现代化。排名前五位的区是滨海新区(3487家)、武清区(611家)。"
                            "为滨海新区3487家、武清区611家。", publisher="天津市科学技术局")
    assert "中国" not in names(a.mentions, "Region")
    figures = [(m.attrs.get("value"), m.attrs.get("unit")) for m in a.mentions if m.type == "Metric"]
    assert sorted(figures) == [(611, "家"), (3487, "家")]


def test_a_rank_or_a_count_before_the_ending_marks_a_kind(tmp_path):
    a = _analysis(tmp_path, "实施五项重大工程,建成15家左右国家级制造业创新中心和国家动力电池创新中心。",
                  publisher="中华人民共和国工业和信息化部")
    got = _all(a)
    assert "国家动力电池创新中心" in got
    assert not {n for n in got if "国家级" in n or n.endswith("重大工程")}


def test_a_national_body_short_name_after_a_local_level_is_the_local_body(tmp_path):
    a = _analysis(tmp_path, "联合省政府国资委召开省属国有高新技术企业申报政策宣讲会。", publisher="湖北省科学技术厅")
    got = names(a.mentions, "Institution")
    assert "省政府国资委" in got and "国务院国有资产监督管理委员会" not in got
