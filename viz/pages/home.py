"""The home page's zones: the members of 三城一区 as the headline, every other zone apart, labelled.

Which zones lead is read from the graph, not from a list of names: the zone that
groups the most other zones (PART_OF) is the plan (三城一区), its member zones are
the headline, and the rest are shown below with what they are: the group itself,
a national demonstration zone (a policy area, not a science city), agricultural
science parks, or another zone. Example questions are ones the graph answers
(tests/viz/test_zone_pages.py asks each of them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.model import Node
from graph.queries import GraphQueries
from graph.plan_order import in_plan_order

#: (Chinese, English) questions with answers in the bundled graph
EXAMPLE_QUESTIONS = (
    ("谁支持怀柔科学城？", "Who supports Huairou Science City?"),
    ("中关村科学城聚焦哪些领域？", "Which fields does Zhongguancun Science City focus on?"),
    ("未来科学城有哪些成员？", "What are the members of Future Science City?"),
    ("哪些政策支持北京经济技术开发区？", "Which policies support E-Town?"),
    ("北京经济技术开发区聚焦哪些领域？", "Which fields does E-Town focus on?"),
)


@dataclass
class OtherZone:
    node: Node
    what_zh: str
    what_en: str


@dataclass
class ZoneGroups:
    plan: Node | None          #: the zone grouping the headline ones (三城一区)
    headline: list[Node]       #: its member zones, in the plan's own order (its `member_order`), else by id
    others: list[OtherZone]


def zone_groups(queries: GraphQueries, zones: Sequence[Node]) -> ZoneGroups:
    by_id = {z.id: z for z in zones}
    members: dict[str, list[str]] = {}
    for source, _, target in queries.store.edge_keys(list(by_id), "in", ["PART_OF"]):
        if source in by_id and target in by_id:
            members.setdefault(target, []).append(source)
    plan_id = max(members, key=lambda z: (len(members[z]), z), default=None)
    if plan_id is None or len(members[plan_id]) < 2:
        return ZoneGroups(None, list(zones), [])
    headline = in_plan_order(by_id[plan_id], [by_id[i] for i in sorted(set(members[plan_id]))])
    shown = {plan_id, *members[plan_id]}
    others = [OtherZone(by_id[plan_id], *_what(by_id[plan_id], headline))]
    others += [OtherZone(z, *_what(z, [])) for z in zones if z.id not in shown]
    return ZoneGroups(by_id[plan_id], headline, others)


def in_home_order(groups: ZoneGroups, zones: Sequence[Node]) -> list[Node]:
    """`zones` in the order the home page shows them (the headline in the plan's order, then the plan and
    the other zones), so a bridge's zones read as the cards above it do; a zone not shown goes last, by id."""
    shown = [*groups.headline, *(o.node for o in groups.others)]
    rank = {z.id: i for i, z in enumerate(shown)}
    return sorted(zones, key=lambda z: (rank.get(z.id, len(rank)), z.id))


def _what(zone: Node, grouped: list[Node]) -> tuple[str, str]:
    if grouped:
        names = "、".join(z.name_zh for z in grouped)
        return (f"总体布局：上面 {len(grouped)} 个园区的合称（{names}）",
                f"the plan: the {len(grouped)} zones above taken together")
    if "农业" in zone.name_zh:
        return ("农业科技园区", "agricultural science and technology park(s)")
    if "示范区" in zone.name_zh:
        return ("国家级示范区：覆盖更广的政策区域，不是科学城", "national demonstration zone: a wider policy area, "
                                                             "not a science city")
    return ("其他园区", "other zone")
