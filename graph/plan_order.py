"""A plan's member zones in the plan's own order, wherever the views list them (session 17).

A planner reads 三城一区 as 中关村科学城、怀柔科学城、未来科学城、北京经济技术开发区: the city names them in that
order. The report has no sentence that lists them so, and the store lists members by id, which put
北京经济技术开发区 first on 三城一区's page, in its key points and in its briefing, and in ask's answer to
"三城一区有哪些成员". The order is data (the plan's `member_order`, names joined by 、,
data/curated/zones.yaml), read here once for the home page, the zone page, the briefing and ask's members;
members it does not name follow in the order they came.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Node
from graph.results import ZoneProfile


def plan_rank(plan: Node) -> dict[str, int]:
    """Each Chinese name in the plan's `member_order` and its place (empty when the plan gives none)."""
    order = [name.strip() for name in str((plan.attrs or {}).get("member_order", "")).split("、") if name.strip()]
    return {name: i for i, name in enumerate(order)}


def in_plan_order(plan: Node, zones: Sequence[Node]) -> list[Node]:
    """`zones` as the plan lists them; the ones it does not name after them, in the order given (a stable sort)."""
    rank = plan_rank(plan)
    return sorted(zones, key=lambda z: rank.get(z.name_zh, len(rank)))


def members_in_plan_order(profile: ZoneProfile) -> ZoneProfile:
    """The profile with its members as its zone's plan lists them; unchanged when the zone gives no order."""
    rank = plan_rank(profile.zone)
    if not rank:
        return profile
    members = sorted(profile.members, key=lambda m: rank.get(m.node.name_zh, len(rank)))
    return profile.model_copy(update={"members": members})
