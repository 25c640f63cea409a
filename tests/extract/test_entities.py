"""Entity patterns: name edges, titles, quotes, lists, shared endings, figures, people."""

from __future__ import annotations

import pytest

from .conftest import names


@pytest.mark.parametrize("body, name, type_", [
    ("推进北京纳米能源与系统研究所整建制搬迁入驻。", "北京纳米能源与系统研究所", "Institution"),
    ("加快建设北京量子信息科学研究院,组建学术顾问委员会。", "北京量子信息科学研究院", "Institution"),
    ("履行北京推进科技创新中心建设办公室秘书处职能。", "北京推进科技创新中心建设办公室", "Institution"),
    ("搞活未来科学城,布局建设氢能技术协同创新平台。", "未来科学城", "Zone"),
    ("搞活未来科学城,布局建设氢能技术协同创新平台。", "氢能技术协同创新平台", "Project"),
    ("经济技术开发区规划已经市政府专题会审议。", "经济技术开发区规划", "Policy"),
    ("支持在顺义区建设第三代半导体材料及应用联合创新基地。", "第三代半导体材料及应用联合创新基地", "Project"),
    ("成功举办中国(北京)跨国技术转移大会等重大活动。", "中国(北京)跨国技术转移大会", "Event"),
    ("组织召开北京办公室第四次全体会议。", "北京办公室第四次全体会议", "Event"),
    ("全面启动市科技创新基金,母基金有序运行。", "市科技创新基金", "Fund"),
    ("发布智源行动计划,推动成立智源人工智能研究院。", "智源行动计划", "Program"),
    ("研究制订科技领域营商环境举措。", "科技领域营商环境举措", "Policy"),
])
def test_suffix_names_find_their_left_edge(analysis_of, body, name, type_):
    assert name in names(analysis_of(body).mentions, type_)


@pytest.mark.parametrize("body, wrong", [
    ("高质量编制完成怀柔科学城科学规划和未来科学城规划。", "怀柔科学城科学规划和未来科学城规划"),
    ("会同昌平区牵头编制未来科学城规划。", "昌平区牵头编制未来科学城规划"),
    ("引导相关高精尖产业向经济技术开发区等集聚。", "高精尖产业向经济技术开发区"),
    ("支持北京生命科学研究所、北京石墨烯研究院等新型研发平台建设。", "新型研发平台"),
    ("中关村上市公司总数达333家。", "中关村上市公司"),
    ("实施16个重点工程和专项。", "重点工程"),
    ("北京量子信息科学研究院落户怀柔科学城。", "北京量子信息科学研究院落户怀柔科学城"),
    ("北京智源人工智能研究院入驻中关村科学城。", "北京智源人工智能研究院入驻中关村科学城"),
])
def test_no_runaway_or_category_names(analysis_of, body, wrong):
    assert wrong not in names(analysis_of(body).mentions)


def test_book_titles(analysis_of):
    found = analysis_of("出台《北京市支持建设世界一流新型研发机构实施办法(试行)》。英国《自然》杂志刊登"
                        "《2018自然指数-科研城市》。").mentions
    assert "北京市支持建设世界一流新型研发机构实施办法(试行)" in names(found, "Policy")
    assert "《自然》杂志" in names(found, "Institution")
    # a title that names no policy is a Document of low confidence (issue 18: titles are not dropped)
    index = next(m for m in found if m.name == "2018自然指数-科研城市")
    assert index.type == "Document" and index.conf <= 0.5


def test_quoted_names(analysis_of):
    found = analysis_of("率先实施“科技冬奥”专项。实施“快乐码农计划”。支持科学家勇闯人工智能科技前沿“无人区”。"
                        "加强“三城一区”规划编制。持续增加对“三城一区”的支持。").mentions
    assert {"科技冬奥专项", "快乐码农计划"} <= names(found, "Program")
    assert "三城一区" in names(found, "Zone")  # quoted twice: a recurring name
    assert "无人区" not in names(found)  # quoted once, no type word: a figure of speech


def test_lists_are_typed_by_their_category(analysis_of):
    found = analysis_of("在前沿新材料、碳基集成电路等领域布局。资助数学和物理等学科发展。"
                        "已为零壹空间、东土科技、时代凌宇等44家开展服务。").mentions
    assert {"前沿新材料", "碳基集成电路", "数学", "物理"} <= names(found, "Field")
    assert {"零壹空间", "东土科技", "时代凌宇"} <= names(found, "Institution")


def test_sub_funds_are_derived_from_their_managers(analysis_of):
    found = analysis_of("全面启动市科技创新基金,已完成对中科创星、君联资本和国新洪泰等3支子基金的投资决策。").mentions
    assert {"中科创星", "君联资本", "国新洪泰"} <= names(found, "Institution")
    assert {"中科创星子基金", "君联资本子基金", "国新洪泰子基金"} <= {m.name for m in found if m.type == "Fund"}


def test_shared_endings_are_expanded(analysis_of):
    found = analysis_of("积极部署物质、空间科学实验室建设。与市委、市政府办公厅共同开展督查。").mentions
    assert {"物质科学实验室", "空间科学实验室"} <= names(found, "Project")
    assert "中共北京市委办公厅" in names(found, "Institution")  # 市委、市政府办公厅 -> 市委办公厅


def test_ji_joins_two_event_names(analysis_of):
    found = analysis_of("成功举办全国科技活动周暨北京科技周。").mentions
    event = next(m for m in found if m.type == "Event" and not m.nested)
    assert event.name == "全国科技活动周暨北京科技周" and set(event.aliases) == {"全国科技活动周", "北京科技周"}


def test_short_forms_join_their_long_form(analysis_of):
    found = analysis_of("推动成立智源人工智能研究院。推动建设北京智源人工智能研究院。").mentions
    assert names(found, "Institution") >= {"北京智源人工智能研究院"}
    assert "智源人工智能研究院" not in names(found, "Institution")


def test_publisher_relative_names(analysis_of):
    found = analysis_of("市科委与市环保局联合发布成果。我委牵头。").mentions
    assert {"北京市科学技术委员会", "北京市环境保护局"} <= names(found, "Institution")


def test_person_names_are_not_institutions(analysis_of):
    found = analysis_of("邀请李强院士、王芳教授出席。张三研究员牵头组建北京石墨烯研究院。").mentions
    assert names(found, "Institution") == {"北京石墨烯研究院"}
    assert not any(m.name.startswith(("李强", "王芳", "张三")) for m in found)


def test_latin_names(analysis_of):
    found = analysis_of("美国知名市场调研公司CB Insights发布《全球科技中心报告》。").mentions
    assert "CB Insights" in names(found, "Institution")
    assert "美国知名市场调研公司" not in names(found)


@pytest.mark.parametrize("body, value, unit, attrs", [
    ("全市技术合同成交额4957.8亿元,同比增长10.5%。", 4957.8, "亿元", {"growth_pct": 10.5}),
    ("北京地区69项成果获得国家科学技术奖励,占全国通用项目总数的30.8%。", 69, "项", {"share_pct": 30.8}),
    ("科普场馆展厅面积200多万平方米。", 200, "万平方米", {"qualifier": "多"}),
    ("主要负责同志两次参加节目。", 2, "次", {}),
    ("主动公开政府信息近1300条。", 1300, "条", {"qualifier": "近"}),
])
def test_figures(analysis_of, body, value, unit, attrs):
    metrics = [m for m in analysis_of(body).mentions if m.type == "Metric"]
    assert len(metrics) == 1
    assert metrics[0].attrs["value"] == value and metrics[0].attrs["unit"] == unit
    assert attrs.items() <= metrics[0].attrs.items()


@pytest.mark.parametrize("body", [
    "举办第九届中意创新合作周。",
    "落实中央八项规定精神。",
    "始终做到“两个坚决维护”。",
    "1-11月,全市专利授权量保持增长。",
    "发布第二轮PM2.5来源解析成果。",
])
def test_not_figures(analysis_of, body):
    assert not [m for m in analysis_of(body).mentions if m.type == "Metric"]
