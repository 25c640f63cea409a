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

