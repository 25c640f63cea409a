"""A field inside a name is no mention of its own: 数学 in 应用数学研究院 (issue 18, session 6).

Why: the corpus guideline (data/eval/extract/README.md) says a field inside a name
(人工智能 in 人工智能试验区, 先進製造業 in 先進製造業中心) is not a mention of the field,
and the team settled the disagreement with the curated graph that way. The relation the
name carries stays: 北京量子信息科学研究院 FOCUSES_ON 量子信息 is derived from the name
(name_relations.py) with the name's sentence as evidence, and its target must be a node.
So the field is still a node when that relation uses it, but it is marked as named only
inside another name (`attrs["in_name"]`), it gets no span of its own, and a scorer does
not count it as an extracted entity. A field the text also names on its own (集成电路、生物医药
等领域) is a mention as before; so is a field inside a 《》 title (`titled`), which the
guideline annotates as a nested name of the title.
"""

from __future__ import annotations

IN_NAME = "in_name"  # node attribute: the field is named only inside other names in this report


def own_mention(m) -> bool:
    """Whether the mention `m` names its entity on its own (not a field inside a name)."""
    return not (m.type == "Field" and m.nested and not m.titled)


def only_in_names(mentions, key_of, ids: dict) -> set[str]:
    """The node ids whose every mention is a field inside a name (`key_of(m)` -> `ids` key)."""
    own, inner = set(), set()
    for m in mentions:
        nid = ids.get(key_of(m)) if m.start >= 0 else None
        if nid is not None:
            (own if own_mention(m) else inner).add(nid)
    return inner - own
