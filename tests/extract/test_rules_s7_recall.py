"""Recall on unseen text (issue 18, session 7): a list typed by the head of the noun phrase after 等
(loaders/text/list_heads.py) and works being built named as Projects (rules.yaml, Project endings).
The sentences are written for these tests (none is from the corpus); the names asserted are what a
reader of the sentence would list."""

from __future__ import annotations

from tests.support.extracted import extracted_nodes


def _nodes(tmp_path, body: str, publisher: str = "北京市昌平区科学技术委员会") -> set[tuple[str, str]]:
    return extracted_nodes(tmp_path, body, publisher)


def test_a_list_is_typed_by_the_head_after_a_modifier(tmp_path):
    nodes = _nodes(tmp_path, "今年推动星河智联、云帆数据、启明芯等一批人工智能龙头企业相继落户;"
                             "聚焦深海装备、先进储能等主导产业。")
    assert {("星河智联", "Institution"), ("云帆数据", "Institution"), ("启明芯", "Institution")} <= nodes
    assert {("深海装备", "Field"), ("先进储能", "Field")} <= nodes


def test_a_category_word_inside_a_longer_noun_types_nothing(tmp_path):
    nodes = _nodes(tmp_path, "邀请星河智联、云帆数据等知名企业家参加。")
    assert ("星河智联", "Institution") not in nodes and ("云帆数据", "Institution") not in nodes


def test_works_being_built_are_projects_not_programmes(tmp_path):
    nodes = _nodes(tmp_path, "开工建设北方材料研究院二期工程和清河沿线综合治理工程,完成回兴路道路工程。")
    assert {("北方材料研究院二期工程", "Project"), ("清河沿线综合治理工程", "Project"),
            ("回兴路道路工程", "Project")} <= nodes
    assert not {t for n, t in nodes if n.endswith("工程") and t == "Program"}


def test_a_verb_no_list_knows_does_not_lengthen_a_known_zone(tmp_path):
    nodes = _nodes(tmp_path, "全区坚持融入大战略怀柔科学城,充分展现未来科学城的带动作用。")
    assert {("怀柔科学城", "Zone"), ("未来科学城", "Zone")} <= nodes
    assert not any(name.startswith(("融入", "充分")) for name, _ in nodes)
