"""A body that opens another body's name or a policy's title is a mention of its own (guideline rule (b);
session 13, issue 18).

Why: the guideline annotates a body inside a body and a body opening a policy's name (立法會 in
立法會資訊科技及廣播事務委員會, 北京市政府 in 北京市政府工作报告). `own_title.mark_nested` keeps such a body
when some rule found it inside the policy; two kinds are found by no rule, because nothing ends them:

- a university opening its school or institute (X大学|…研究院, X大學|中國研究院): the longer name ends in
  研究院 and swallows the university;
- a party committee written 中共 + place + 委 opening a resolution's title (《中共北京市委关于制定…的建议》):
  委 alone ends no name.

Two blind splits lost these (dev7: a Dutch university opening its China institute; dev8: two party
committees opening proposals, a university opening its institute). The rule reads the start of every
Institution and Policy name found; a university needs a complete name before 大学 (two characters or more:
not 大学生, 大学城, 大学科技园, which go on as other words) and a rest of its own; a committee needs its place
(a city, district, county or province) and a rest.
"""

from __future__ import annotations

import re

from graph.text import to_simplified
from loaders.text.entities import Mention

#: a university's complete name at the start of a longer name; the rest must not make 大学 part of a word
UNIVERSITY = re.compile(r"[\u4e00-\u9fff]{2,12}?[大][学學](?![生城园園科])")
#: 中共 + a place + 委 at the start of a longer name (中共北京市委, 中共北京市东城区委, 中共浙江省委)
COMMITTEE = re.compile(r"中共[\u4e00-\u9fff]{1,10}?[市区區县縣省]委(?![员員会會])")
HOSTS = ("Institution", "Policy")  #: names a body may open
CONF = 0.7


def opening_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the bodies that open an Institution's or a Policy's name added (nested, kept)."""
    have = {(m.start, m.end): m for m in mentions if m.type == "Institution"}
    added = []
    for host in mentions:
        if host.type not in HOSTS or host.nested or host.start < 0:
            continue
        start = host.start + (1 if text.startswith("《", host.start) else 0)
        written = text[start:host.end]
        found = (COMMITTEE if host.type == "Policy" else UNIVERSITY).match(written) \
            or host.type == "Policy" and UNIVERSITY.match(written)
        if not found or found.end() >= len(written.rstrip("》")):
            continue
        span = (start, start + found.end())
        if span in have:
            have[span].titled = True  # found by another rule, nested: now an entity of its own
            continue
        body = Mention(span[0], span[1], to_simplified(found.group(0)), "Institution", CONF, "opening",
                       surface=found.group(0), nested=True, titled=True, parent=host)
        have[span] = body
        added.append(body)
    return mentions + added
