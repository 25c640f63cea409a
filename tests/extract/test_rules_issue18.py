"""The rule gaps of issue 18, each on a real sentence of a report this project did not write
(the development half of data/eval/extract, and the pages the issue quotes)."""

from __future__ import annotations

from loaders.report_loader import extract_report

from .conftest import analysis_under, names

MINHANG = "上海市闵行区科学技术委员会"


def _analysis(tmp_path, body: str, publisher: str = "北京市科学技术委员会", name: str = "r"):
    return analysis_under(tmp_path, body, publisher, name)



def test_a_district_report_has_district_relative_names(tmp_path):
    a = _analysis(tmp_path, "2023年是全面贯彻落实党的二十大精神的开局之年,在区委、区政府的正确领导下,"
                            "区科委带领全区科技系统坚持高质量创新发展理念。", MINHANG)
    assert (a.context.city, a.context.district) == ("上海市", "闵行区")
    got = {m.surface: m.name for m in a.mentions if not m.nested}
    assert got["区委"] == "中共上海市闵行区委员会" and got["区政府"] == "上海市闵行区人民政府"
    assert got["区科委"] == MINHANG and got["全区"] == "闵行区"
    assert "党的二十大" in names(a.mentions, "Event")


def test_the_publisher_comes_from_a_byline(tmp_path):
    page = ("当前位置:\n关于印发《闵行区科学技术委员会2023年工作总结》的通知\n"
            "来源:上海市闵行区科学技术委员会  发布时间:2024年2月6日\n"
            "现将《闵行区科学技术委员会2023年工作总结》印发给你们,请你们认真总结,积极谋划好2024年工作。\n"
            "在区委、区政府的正确领导下,区科委带领全区科技系统坚持高质量创新发展理念,全力推进建设。\n")
    a = _analysis(tmp_path, page, publisher="")
    assert a.context.publisher == MINHANG
    assert "中共上海市闵行区委员会" in names(a.mentions, "Institution")
    assert a.report.body.text.startswith("关于印发《闵行区")  # the title line is read, the menu is not


def test_abbreviated_bodies_ending_in_wei_ju_ban(tmp_path):
    a = _analysis(tmp_path, "(牵头单位:市发改委,配合单位:各区县市)。支持市工业和信息化局、市场监管局和"
                            "国家发改委开展工作,上海市科委牵头。")
    found = names(a.mentions, "Institution")
    assert {"市工业和信息化局", "市场监管局", "上海市科委"} <= found
    assert "国家发展和改革委员会" in found  # the lexicon's full name
    assert not any(n.startswith(("支持", "各区")) for n in found)


def test_abbreviated_bodies_stop_list(tmp_path):
    a = _analysis(tmp_path, "在科技部等国家部委的关心指导下,紧抓与中央部委单位的协同,市委托第三方办理。")
    assert not names(a.mentions, "Institution") & {"国家部委", "中央部委", "市委托第三方办"}


def test_every_title_is_kept_and_names_inside_are_found(tmp_path):
    a = _analysis(tmp_path, "成功牵头申报国家重点研发计划“变革性技术关键科学问题”重点专项《航空发动机短舱问题的偏微分方程建模与计算》。"
                            "印发《国务院关于积极推进“互联网+”行动的指导意见》。")
    titles = {m.name: m for m in a.mentions if m.how == "book"}
    assert titles["航空发动机短舱问题的偏微分方程建模与计算"].type == "Project"
    assert titles["航空发动机短舱问题的偏微分方程建模与计算"].conf <= 0.5
    assert titles["国务院关于积极推进“互联网+”行动的指导意见"].type == "Policy"
    assert any(m.name == "国务院" and m.nested for m in a.mentions)  # found inside the title
    assert "变革性技术关键科学问题重点专项" in names(a.mentions, "Program")


def test_a_bare_year_range_is_no_part_of_a_title(tmp_path):
    a = _analysis(tmp_path, "发布《北京市加快科技创新构建高精尖经济结构行动计划2018-2020》。")
    policy = next(m for m in a.mentions if m.how == "book")
    assert policy.name == "北京市加快科技创新构建高精尖经济结构行动计划"
    assert "北京市加快科技创新构建高精尖经济结构行动计划2018-2020" in policy.aliases


def test_quoted_names_with_their_name_or_activity(tmp_path):
    a = _analysis(tmp_path, "全力推进“大零号湾”科技创新策源功能区建设。支持近40家高校院所举办43场中关村科技成果转化“火花”活动。",
                  MINHANG)
    assert "大零号湾科技创新策源功能区" in names(a.mentions, "Zone")
    assert "科技创新策源功能区" not in names(a.mentions, "Zone")
    assert any("火花" in n for n in names(a.mentions, "Event"))


def test_left_edges_at_verbs_list_numbers_dates_and_names(tmp_path):
    a = _analysis(tmp_path, "抓好张家湾设计小镇、台湖演艺小镇建设发展。\n"
                            "工作进展:1.宝坻-京津中关村科技城召开科技城高层联席会。\n"
                            "我们将会在三月六日立法会事务委员会联席会议中详细介绍。\n"
                            "协调将创新小镇K楼二层作为应用数学院冬奥会期间临时办公用房。")
    zones, events = names(a.mentions, "Zone"), names(a.mentions, "Event")
    assert "张家湾设计小镇" in zones and "宝坻-京津中关村科技城" in zones
    assert "立法会事务委员会联席会议" in events and "冬奥会" in events
    assert not any(n.startswith(("抓好", "1.", "三月", "应用数学院冬")) for n in zones | events)


def test_table_cells_are_whole_names(tmp_path):
    a = _analysis(tmp_path, "| 科技範疇 | 資助計劃 |\n| 創新及科技支援計劃 | 內地與香港聯合資助計劃 | 創科生活基金 |\n"
                            "| 生物科技 | 314 | 673.5 |\n", "創新及科技局")
    assert {"创新及科技支援计划", "内地与香港联合资助计划"} <= names(a.mentions, "Program")
    assert "资助计划" not in names(a.mentions, "Program")  # a header, not a programme
    assert "创科生活基金" in names(a.mentions, "Fund") and "生物科技" in names(a.mentions, "Field")


def test_indicator_hygiene(tmp_path):
    a = _analysis(tmp_path, "截至目前,应用数学院全职在岗科研、行政人员共83人(科研68人、行政15人)。"
                            "河套地區佔地87公頃,是現時科學園的四倍。深入学习十九届四中全会精神。"
                            "全区规上科学研究和技术服务业累计完成收入19.2亿元,同比2020年增长7.4%。投资约20亿元左右。")
    figures = {(m.attrs["value"], m.attrs["unit"]): m for m in a.mentions if m.type == "Metric"}
    assert {(83, "人"), (68, "人"), (15, "人"), (87, "公顷"), (4, "倍"), (19.2, "亿元"), (20, "亿元")} == set(figures)
    assert figures[(19.2, "亿元")].attrs["growth_pct"] == 7.4  # not an indicator of its own
    assert figures[(83, "人")].name == "行政人员数"
    assert not any(w in m.name for m in figures.values() for w in ("左右", "(", "是", "共数"))


def test_warm_mode_keeps_relative_names_in_their_city(tmp_path, bundled_store):
    """市委 in a Shanghai report is Shanghai's committee, never the Beijing node of the graph."""
    path = tmp_path / "shanghai.txt"
    path.write_text("title: 测试\npublisher: 上海市科学技术委员会\n---\n在市委、市政府的坚强领导下,"
                    "市科委聚焦科技创新中心建设,支持本市企业发展。", encoding="utf-8")
    x = extract_report(path, bundled_store)
    beijing = {n.id for n in bundled_store.iter_nodes() if n.name_zh in ("中共北京市委员会", "北京市人民政府",
                                                                          "北京市科学技术委员会", "全国科技创新中心建设")}
    assert not beijing & {n.id for n in x.nodes}
    assert {"中共上海市委员会", "上海市人民政府", "上海市科学技术委员会"} <= {n.name_zh for n in x.nodes}


def test_no_city_known_relative_names_stay_as_written(tmp_path, bundled_store):
    path = tmp_path / "nowhere.txt"
    path.write_text("在市委、市政府的坚强领导下,各部门共同推进工作落实,取得了积极的进展和成效。", encoding="utf-8")
    x = extract_report(path, bundled_store)
    committee = next(n for n in x.nodes if n.name_zh == "市委")
    assert committee.attrs.get("extracted") and committee.attrs["confidence"] <= 0.6
    assert "中共北京市委员会" not in {n.name_zh for n in x.nodes}


def test_names_inside_a_title_are_nodes_but_its_tail_is_not(tmp_path):
    path = tmp_path / "hz.txt"
    path.write_text("title: 杭州市推进“互联网+”行动实施意见\npublisher: 杭州市人民政府\n---\n"
                    "杭州市推进“互联网+”行动实施意见\n为贯彻落实《国务院关于积极推进“互联网+”行动的指导意见》,"
                    "工作进展:1.落实《北京市促进科技成果转化条例》职务科技成果权属改革。", encoding="utf-8")
    x = extract_report(path)
    got = {n.name_zh: n.type for n in x.nodes}
    assert got.get("国务院") == "Institution"  # inside a title, still a node
    assert "科技成果转化条例" not in got and "北京市促进科技成果转化条例" in got
    assert got.get("杭州市推进互联网+行动实施意见") == "Policy"  # the own title names a policy: also a Policy (session 8)


def test_the_publishers_full_name_is_known(tmp_path):
    a = _analysis(tmp_path, "在二○一五年十一月成立创新及科技局(创科局),从多方面促进创科发展。", "創新及科技局")
    assert any(m.name == "創新及科技局" and m.publisher for m in a.mentions)
