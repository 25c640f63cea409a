"""Session 7's extraction rules on sentences shaped like the development documents: government departments
by the standard nomenclature, a district's relative names with no city named, the first domain of a list."""

from __future__ import annotations

from .conftest import analysis_under, names


def test_departments_joined_by_he_are_whole_names(tmp_path):
    a = analysis_under(tmp_path, "2026年1月9日,龙岗区科技创新局组织召开会议。区科技创新局、教育局、工业和信息化局、"
                                 "城市管理和综合执法局、政务和数据局参加。会议由深圳市龙岗区工业和信息化局主持。",
                       "深圳市龙岗区科技创新局", "d")
    found = names(a.mentions, "Institution")
    assert {"龙岗区科技创新局", "区科技创新局", "教育局", "工业和信息化局", "城市管理和综合执法局",
            "政务和数据局", "深圳市龙岗区工业和信息化局"} <= found


def test_kinds_verbs_and_common_words_are_no_departments(tmp_path):
    a = analysis_under(tmp_path, "开创新局面,各区科技局和全区科技创新局,支持市工业和信息化局开展工作。",
                       "北京市科学技术委员会", "k")
    found = names(a.mentions, "Institution")
    assert "市工业和信息化局" in found
    assert not found & {"科技局", "区科技局", "各区科技局", "支持市工业和信息化局", "开创新局"}


def test_a_district_publisher_without_its_city_keeps_the_districts_relative_names(tmp_path):
    a = analysis_under(tmp_path, "在区委、区政府的正确领导下,全区科技工作取得新进展。", "九龙坡区融媒体中心", "c")
    assert {"区委", "区政府"} <= names(a.mentions, "Institution")


def test_the_first_domain_of_a_list_after_a_clause_is_the_word_not_the_clause(tmp_path):
    a = analysis_under(tmp_path, "全面提升自主创新能力,做大做强软件和集成电路、生物医药与医疗器械等主导产业。",
                       "北京市科学技术委员会", "f")
    found = names(a.mentions, "Field")
    assert {"软件", "集成电路", "生物医药", "医疗器械"} <= found
    assert not any(n.startswith("做") for n in found)


def test_a_guessed_name_starts_after_the_clause_it_swallowed(tmp_path):
    a = analysis_under(tmp_path, "以研究院为载体,合肥积极争创量子信息科学国家实验室。合肥同步辐射光源实现恒流运行。",
                       "合肥市科学技术局", "h")
    found = names(a.mentions, "Project") | names(a.mentions, "Institution")
    assert "量子信息科学国家实验室" in found and "合肥同步辐射光源" in found  # 同步 is no clause
    assert not any("积极" in n for n in found)


def test_a_count_that_closes_a_list_types_its_items(tmp_path):
    a = analysis_under(tmp_path, "培育晶泰、宜搜、佑驾三家科创公司在港上市。支持甲乙、丙丁三家企业发展。",
                       "深圳市福田区科技和工业信息化局", "n")
    found = names(a.mentions, "Institution")
    assert {"晶泰", "宜搜", "佑驾"} <= found
    assert not found & {"甲乙", "丙丁"}  # three, but two listed: the count is not the list's
