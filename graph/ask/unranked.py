"""Zones with no supporter named are no rank of "which zone has the most supporters" (session 18).

Why (session 17's left-over, blind again in session 18): `除了市科委，哪个园区的支持方最多` answered "…各园区：怀柔科学城 4；
北京经济技术开发区 2；未来科学城 2；中关村科学城 2；北京国家农业科技园区 0；平谷… 0；中关村示范区 0", three rows of zones the
report names no supporter of (besides its author). A row of a ranking reads as a zone that ranks; the ranking of
the most members (most_members.py) already leaves zero rows out. These rows are taken out of the answer's rows
and said in one sentence after the ranking, by name, so nothing is hidden.
"""

from __future__ import annotations

from graph.ask.model import Item
from graph.ask.words import say, short


def split(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """The rows with a count, and the rows of zero."""
    return [i for i in items if i.value], [i for i in items if not i.value]


def sentence(lang: str, unranked: list[Item]) -> str:
    if not unranked:
        return ""
    names = say(lang, "、", "; ").join(short(i.node, lang) for i in unranked)
    return say(lang, f"另有 {len(unranked)} 个没有这样的支持者，未列入排名：{names}。",
               f" {len(unranked)} more have no such supporter and are not ranked: {names}.")
