"""A field or a place inside a name is no mention of its own: 数学 in 应用数学研究院 (issue 18, session 6),
怀柔 in 北京怀柔综合性国家科学中心 (session 12).

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

Places (session 12, dev7): the guideline says the same of a place that prefixes a name (上海市 in
上海市科学技术委员会, 海淀区 in 海淀区政府). The place's node is still made when a relation derived
from the name uses it (北京怀柔综合性国家科学中心 LOCATED_IN 怀柔区), and every nested mention of it
then counted as a mention of the place: 怀柔区 was emitted from a name alone. A place inside a name
now gets no span of its own (the corpus scorer counts only nodes with spans); unlike a field its
node is not marked `in_name`, since the curated graph counts such places as the report's entities.
A place that opens a name whose rest is a known name says where that name is (`locations`) and
stays a mention. Inside a 《》 title a place that opens another name of the title (北京 in
《…推进北京经济技术开发区…》) prefixes that name, so it is no mention either (`openers`). And a place
that opens a name the rules do not read (中国 in 来源:中国科学报, in …大联盟中国大满贯、) is not read
as the place (`heads_unread_name`).
"""

from __future__ import annotations

import re

from loaders.text.boundaries import PUNCT

IN_NAME = "in_name"  # node attribute: the field is named only inside other names in this report


PLACES = ("Region", "District")
INNER = ("Field", *PLACES)  #: types whose mention inside a name is none of their own


def own_mention(m, located: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether the mention `m` names its entity on its own (not a field or a place inside a name);
    `located`: ids of the places that say where a known name is (`locations`), mentions of their own."""
    return not (m.type in INNER and m.nested and not m.titled and id(m) not in located)


def locations(mentions) -> set[int]:
    """ids of the places that open a name whose rest is a known name: 昌平区|未来科学城 is the zone
    未来科学城 and where it lies (位于昌平区未来科学城: the guideline's place of action, a mention), not a
    name that 昌平区 prefixes. Only a place opening the outer name: 怀柔 in 北京怀柔综合性国家科学中心 stays inside."""
    known = {(k.start, k.end) for k in mentions if k.nested and k.type not in PLACES and k.how in ("lexicon", "graph")}
    outer: dict[int, int] = {}
    for o in mentions:
        if not o.nested and o.type not in PLACES:
            outer[o.start] = max(outer.get(o.start, o.end), o.end)
    return {id(m) for m in mentions if m.type in PLACES and m.nested and (m.end, outer.get(m.start, -1)) in known}


def openers(mentions) -> set[int]:
    """ids of the places that only open a longer name found at the same start (北京|经济技术开发区)."""
    reach: dict[int, int] = {}
    for o in mentions:
        if o.type not in PLACES and o.how != "book":
            reach[o.start] = max(reach.get(o.start, o.end), o.end)
    return {id(m) for m in mentions if m.type in PLACES and reach.get(m.start, m.end) > m.end}


def only_in_names(mentions, key_of, ids: dict) -> set[str]:
    """The node ids whose every mention is a field inside a name (`key_of(m)` -> `ids` key).

    Fields only: the curated graph (data/curated, benchmarks/eval_extract.py) counts a place named
    only inside names as an entity of the report, so a place keeps its node unmarked; it only loses
    its spans (`own_mention`), which is what the corpus guideline asks."""
    own, inner = set(), set()
    for m in mentions:
        nid = ids.get(key_of(m)) if m.start >= 0 else None
        if nid is not None:
            (own if own_mention(m) or m.type != "Field" else inner).add(nid)
    return inner - own


#: dictionary tags of a noun that, after a place, runs on to a name (科学报 n, 大满贯 nr); not ns (宁波|甬江: two places)
NAME_TAGS = frozenset({"n", "nr", "nz", "nt"})
TITLE_END = re.compile(r"(?:长|主任|书记|主席)$")  #: 通州区|区长: the head's title line names the district


def heads_unread_name(finder, text: str, start: int, end: int) -> bool:
    """Whether the place at [start, end) only opens a name the rules did not read (来源:中国|科学报).

    The place stands between a boundary (punctuation, a line start, the end of a name: …大联盟|中国)
    and one dictionary noun that runs on to the next boundary (中国|大满贯、): place and noun are one
    name, the place its head. A generic word after the place (中国|市场) names no name, a title
    (区长) makes the line a speaker's, and a place with words on either side is left as it was.
    """
    words = finder.words_of(text)
    if end >= len(text) or words.inside(end) or not words.inside(end + 1):
        return False
    stop = words.end_of(end)
    noun = text[end:stop]
    if stop < len(text) and text[stop] not in PUNCT or len(noun) > 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", noun):
        return False
    if words.word_ending(stop)[1] not in NAME_TAGS or noun in finder.rules.generic or TITLE_END.search(noun):
        return False
    before = text[max(0, start - 40):start]
    return not before or before[-1] in PUNCT or finder._complete_name(before)
