"""A name that begins with a zone's name is also found with the zone's other names: "未来科技城规划" is
未来科学城规划, "经开区规划" and "亦庄规划" are 经济技术开发区规划, "怀柔规划" is 怀柔科学城规划.

Why (session 16): a director writes a zone by any of its names, and then its plan, its enterprises, its
first batch of projects by the same loose name. The gazetteer found the zone's alias (未来科技城) and read
the rest (规划) as a type word, so "未来科技城规划是谁牵头编制的" answered the plans related to the zone
(the plan itself) instead of who led the plan. The variants are derived from the graph's own names: a
node whose name starts with one of a zone's names gets that name's place taken by each other name of the
zone written in the same script. A variant that is already a name of another node is not added (it would make that name ambiguous).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from graph.model import Node

_CJK = re.compile(r"[\u3400-\u9fff]")


_BRACKETS = re.compile(r"\s*[(（][^()（）]*[)）]")


def _unbracketed(name: str) -> str:
    """"… Development Area (BDA) Plan" is also "… Development Area Plan", so "E-Town Plan" is found."""
    return _BRACKETS.sub("", name)


def _cjk(text: str) -> bool:
    return bool(_CJK.search(text))

#: Only the shorter names of a place are stood in for: the rest of the name must say something more.
MIN_REST_CHARS = 2


def variants(nodes: list[Node], key: Callable[[str], str]) -> Iterable[tuple[str, str]]:
    """(matching key, node id) pairs: each name of a node that opens with a zone's name, written with the
    zone's other names; keys that already name a node are left out."""
    taken = {key(n) for node in nodes for n in node.names}
    zones = [[key(n) for n in zone.names if key(n)] for zone in nodes if zone.type == "Zone"]
    for node in nodes:
        if node.type == "Zone":
            continue
        for name in dict.fromkeys(key(n) for n in (*node.names, *map(_unbracketed, node.names))):
            for names in zones:
                opening = max((n for n in names if name.startswith(n) and len(name) - len(n) >= MIN_REST_CHARS),
                              key=len, default=None)
                if opening is None:
                    continue
                rest = name[len(opening):]
                for other in names:
                    if _cjk(other) != _cjk(opening):  # a name in the other script: "HSC规划" is no one's spelling
                        continue
                    joined = key(other + (" " if other[-1:].isascii() and rest[:1].isascii() else "") + rest)
                    if joined not in taken:
                        yield joined, node.id
