"""Evidence cells show the names an edge ties, marked, and a repeated sentence once."""

from __future__ import annotations

from graph.evidence_window import Quotes, window

HUAIROU = ("突破怀柔科学城,积极部署物质、空间科学实验室建设,推进北京纳米能源与系统研究所整建制搬迁入驻,"
           "首批重点支持“可穿戴自供能系统开发及应用”等30个项目落地。")


def test_the_window_is_around_the_names_not_the_head_of_the_sentence():
    cell = window(HUAIROU, ["北京纳米能源与系统研究所", "BINN"], 40)
    assert "【北京纳米能源与系统研究所】" in cell and cell.startswith("…") and cell.endswith("…")
    assert "突破" not in cell and len(cell) <= 40 + 4


def test_names_far_apart_keep_both_ends_and_leave_out_the_middle():
    cell = window(HUAIROU, ["怀柔科学城", "可穿戴自供能系统开发及应用"], 40)
    assert cell.startswith("突破【怀柔科学城】") and "【可穿戴自供能系统开发及应用】" in cell and " … " in cell


def test_a_sentence_without_the_names_shows_its_head():
    assert window(HUAIROU, ["河北"], 20) == HUAIROU[:19] + "…"


def test_a_repeated_sentence_is_referred_to_the_row_that_shows_it(bundled):
    profile = bundled.zone("怀柔科学城")
    quotes = Quotes({profile.zone.id: profile.zone})
    quotes.add_nodes(m.node for m in profile.members)
    cells = [quotes.cell(m.edge, i) for i, m in enumerate(profile.members, 1)]
    first = cells.index(next(c for c in cells if "【怀柔科学城】" in c)) + 1
    assert cells.count(f"= row {first}, same sentence") >= 3
    assert sum(1 for c in cells if not c.startswith("= row")) == len({m.edge.evidence[0].key for m in profile.members})
