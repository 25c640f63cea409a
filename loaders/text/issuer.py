"""Who issued a page that does not say so in a header: read from its own head lines (session 8).

Why: a pasted excerpt has no `publisher:` header, and a reposted page's header names the site
that reposted it (a forum, a news portal), not the issuer. Without an issuer no city or district
is known, so 区委, 区政协, 全区 and 全市 are switched off (`context.py`). A government work report
says who issues it in its first lines, in the standard forms of the nomenclature:
- the reporting head's line: 北京市昌平区人民政府代区长 支现伟, 北京市大兴区代区长 -> that
  district's (city's) people's government;
- the session line: 在北京市大兴区第六届人民代表大会第五次会议上, 大兴区六届人大五次会议 ->
  the government reporting to that congress;
- the title: 通州区人民政府工作报告, 2022年北京市昌平区政府工作报告 -> that government;
  北京经济技术开发区管委会2021年度工作报告 -> the committee (a zone's, its city read by `home.py`);
- the speaker's own words: 我代表昌平区人民政府.
Only the page's first lines are read (`HEAD` characters), never the whole text: a place named
later in the prose is a subject, not the issuer.
"""

from __future__ import annotations

import re

from loaders.text.context import Context
from loaders.text.rules import Rules

HOME_CITY = "北京市"  #: the city whose districts the lexicon lists (lexicon.yaml `districts`)
HEAD = 400  #: characters of the page's beginning read for the issuer
PLACE = r"((?:[\u4e00-\u9fff]{2,4}市)?[\u4e00-\u9fff]{1,4}?[区县])"
CITY = r"([\u4e00-\u9fff]{2,4}?市)"
GOV = "人民政府"
LINE = r"(?:^|(?<=\s))"  #: a speaker line stands on its own (not 海淀区区长于军做客 inside a sentence)
NAME = r"\s*[\u4e00-\u9fff]{1,2}\s?[\u4e00-\u9fff]{1,2}(?=\s|$|[:：])"  #: 支现伟, 刘 洋
PATTERNS = [  # (pattern, template): the first match in the head wins, in this order
    (re.compile(LINE + PLACE + r"(?:人民政府)?代?(?:区长|县长)" + NAME), "{}" + GOV),
    (re.compile(LINE + CITY + r"(?:人民政府)?代?市长" + NAME), "{}" + GOV),
    (re.compile(r"我代表" + PLACE + r"(?:人民)?政府"), "{}" + GOV),
    (re.compile(r"在" + PLACE + r"第[一二三四五六七八九十]{1,3}届人民代表大会"), "{}" + GOV),
    (re.compile(PLACE + r"[一二三四五六七八九十]{1,3}届人大[一二三四五六七八九十]{1,3}次会议"), "{}" + GOV),
    (re.compile(PLACE + r"(?:人民)?政府工作报告"), "{}" + GOV),
    (re.compile(r"([\u4e00-\u9fff]{2,14}?(?:管委会|管理委员会))(?:\d{4}年度?)?工作报告"), "{}"),
]
NOT_PLACE = re.compile(r"^(?:全|本|我|该|各|地|城|市|区|县)|[的和与及、在]")  #: 全区, 各区, 城区: not a place's name


def from_head(text: str) -> str:
    """The issuing body named in the first lines of `text`, or ""."""
    head = text[:HEAD]
    for pattern, template in PATTERNS:
        for found in pattern.finditer(head):
            place = found.group(1)
            at = found.start(1)
            if place[0] in "年月日" and at and head[at - 1].isdigit() or place[0] == "在":
                place = place[1:]  # 2022年|北京市昌平区 (not 日照市, 上海市: a place may open with 日 or 上)
            if len(place) >= 3 and not NOT_PLACE.search(place):
                return template.format(place)
    return ""


def when_unknown(context: Context, title: str, text: str, rules: Rules) -> Context:
    """The context read from the page's head when the header gave neither a city nor a district."""
    if context.city or context.district:
        return context
    found = from_head(f"{title}\n{text}")
    if not found:
        return context
    context = Context.of(found)
    if context.district and not context.city:  # a bare district of the lexicon's (home) city: 通州区
        listed = {d["name"] for d in rules.lexicon.get("districts", [])}
        return Context(context.publisher, HOME_CITY, context.district) if context.district in listed else context
    from loaders.text import home
    return home.with_home_city(context, rules)
