"""Relation patterns, each tied to its sentence, all allowed by the schema."""

from __future__ import annotations

from graph.schema import pattern_error

from .conftest import triples

BMSTC = "北京市科学技术委员会"


def test_topic_zone_support_and_location(analysis_of):
    found = triples(analysis_of("聚焦中关村科学城,支持北京生命科学研究所、北京石墨烯研究院等新型研发平台建设,"
                                "在前沿新材料、碳基集成电路等领域布局一批项目。").relations)
    assert {(BMSTC, "SUPPORTS", "中关村科学城"), (BMSTC, "SUPPORTS", "北京生命科学研究所"),
            (BMSTC, "SUPPORTS", "北京石墨烯研究院"), ("北京石墨烯研究院", "LOCATED_IN", "中关村科学城"),
            ("北京生命科学研究所", "LOCATED_IN", "中关村科学城"), ("中关村科学城", "FOCUSES_ON", "前沿新材料"),
            ("北京石墨烯研究院", "FOCUSES_ON", "石墨烯")} <= found


def test_issuing_and_leading(analysis_of):
    found = triples(analysis_of("出台《北京市促进科技成果转化条例》。研究起草《北京市科技奖励制度改革方案》。"
                                "发布智源行动计划。实施“快乐码农计划”。").relations)
    assert {("北京市促进科技成果转化条例", "ISSUED_BY", BMSTC), ("北京市科技奖励制度改革方案", "LED_BY", BMSTC),
            ("智源行动计划", "ISSUED_BY", BMSTC), ("快乐码农计划", "LED_BY", BMSTC)} <= found


def test_explicit_subject_and_co_leader(analysis_of):
    found = triples(analysis_of("市科委牵头编制怀柔科学城科学规划,会同昌平区牵头编制未来科学城规划。").relations)
    assert {("怀柔科学城科学规划", "LED_BY", BMSTC), ("未来科学城规划", "LED_BY", BMSTC),
            ("未来科学城规划", "LED_BY", "昌平区"), (BMSTC, "PARTNERS_WITH", "昌平区"),
            ("怀柔科学城科学规划", "SUPPORTS", "怀柔科学城"), ("未来科学城规划", "SUPPORTS", "未来科学城")} <= found


def test_partnerships(analysis_of):
    found = triples(analysis_of("与河北、新疆等18个省市自治区建立合作关系。与励讯集团加强合作。"
                                "推动中国石油大学、华北电力大学等与未来科学城央企开展实质性合作。"
                                "会同津冀两地科技主管部门共同签订合作协议。").relations)
    assert {(BMSTC, "PARTNERS_WITH", "河北省"), (BMSTC, "PARTNERS_WITH", "新疆维吾尔自治区"),
            (BMSTC, "PARTNERS_WITH", "励讯集团"), ("中国石油大学", "PARTNERS_WITH", "未来科学城央企"),
            ("华北电力大学", "PARTNERS_WITH", "未来科学城央企"), (BMSTC, "PARTNERS_WITH", "天津市")} <= found
    assert (BMSTC, "SUPPORTS", "中国石油大学") not in found  # partners' subjects are not objects


def test_partnership_needs_a_cooperation_word(analysis_of):
    found = triples(analysis_of("与昌平区的距离较远。").relations)
    assert not any(t == "PARTNERS_WITH" for _, t, _ in found)


def test_investment_and_managers(analysis_of):
    found = triples(analysis_of("全面启动市科技创新基金,已完成对中科创星、君联资本等2支子基金的投资决策。").relations)
    assert {("市科技创新基金", "INVESTS_IN", "中科创星子基金"), ("市科技创新基金", "INVESTS_IN", "君联资本子基金"),
            ("中科创星子基金", "LED_BY", "中科创星"), ("市科技创新基金", "LED_BY", BMSTC)} <= found


def test_hosting_location_and_leadership(analysis_of):
    found = triples(analysis_of("在市委、市政府的坚强领导下,市科委推进工作。举办北京国际学术交流季、京港科技创新合作论坛。"
                                "支持在顺义区建设第三代半导体材料及应用联合创新基地。"
                                "联合国教科文组织二类中心“国际创意与可持续发展中心”在京揭牌。").relations)
    base = "第三代半导体材料及应用联合创新基地"
    assert {(BMSTC, "LED_BY", "中共北京市委员会"), (BMSTC, "LED_BY", "北京市人民政府"),
            ("北京国际学术交流季", "HOSTED_BY", BMSTC), ("北京市", "PARTNERS_WITH", "香港"),
            (BMSTC, "SUPPORTS", base), (base, "LOCATED_IN", "顺义区"), (base, "FOCUSES_ON", "第三代半导体"),
            ("国际创意与可持续发展中心", "LOCATED_IN", "北京市")} <= found
    assert (BMSTC, "SUPPORTS", "顺义区") not in found  # 在顺义区 is where, not whom


def test_fields_of_the_previous_clause(analysis_of):
    found = triples(analysis_of("积极承接国家科技创新2030-重大项目,争取大数据、类脑计算等领域更多任务落地北京。").relations)
    assert {("国家科技创新2030-重大项目", "FOCUSES_ON", "大数据"),
            ("国家科技创新2030-重大项目", "FOCUSES_ON", "类脑计算")} <= found


def test_figures_measure_the_city_or_the_publisher(analysis_of):
    found = triples(analysis_of("全市技术合同成交额4957.8亿元。\n市科委承担督查任务59项。\n中关村示范区实现总收入4.784万亿元。")
                    .relations)
    assert {("全市技术合同成交额", "MEASURES", "北京市"), ("市科委承担督查任务数", "MEASURES", BMSTC),
            ("中关村示范区实现总收入", "MEASURES", "中关村国家自主创新示范区")} <= found  # the zone by its listed name


def test_every_relation_fits_the_schema(analysis_of):
    from .conftest import REPORT
    body = REPORT.read_text(encoding="utf-8").split("---\n", 1)[1]
    for r in analysis_of(body).relations:
        assert pattern_error(r.source.type, r.type, r.target.type) is None, r
        assert 0 < r.conf <= 1
