"""People's congress sessions: the whole place before them, a line break inside them, the bodies opening them
(session 16, s16-dev12).

Why: a session with its own name is an Event and the congress or standing committee opening it is a body (the
guideline's rule b: 区人大常委会 in …常务委员会第十次会议). Three shapes were lost on Beijing report text, each in two
or three blind splits:
- the standing committee opening its session was read but kept nested, so no entity (北京市第十六届人民代表大会
  常务委员会 in its 第五次会议, dev12);
- a district written 延庆区 is cut by the word list into 延庆|区, so the session started at the lone 区 (区第三届
  人民代表大会第三次会议, dev9): the district word before a lone 区/县 (and the city before it) opens the name;
- a speaker line broken between the congress and its meeting (…第十七届人民代表大会⏎⏎第四次会议, dev10): the session
  was not read; a run of line breaks and spaces there is part of the name (the scorer ignores whitespace).
The patterns are the shape of a congress session (届, 人民代表大会 or 人大, 常务委员会 or 常委会, 第N次会议), no names.
"""

from __future__ import annotations

import re

from loaders.text.entities import Mention

CN = "一二三四五六七八九十百零〇0-9"
CONGRESS = rf"第?[{CN}]{{1,3}}届(?:人民代表大会|人大)(?:常务委员会|常委会)?"
BROKEN = re.compile(rf"{CONGRESS}[ \t\u3000]*\n\s*第?[{CN}]{{1,3}}次(?:全体)?会议")
LONE = re.compile(rf"(?<=[区县]){CONGRESS}\s*第?[{CN}]{{1,3}}次(?:全体)?会议")
OPENING = re.compile(r"(?:人民代表大会|人大)(?:常务委员会|常委会)$")  #: a standing committee opening its session
CONGRESS_END = re.compile(r"(?:人民代表大会|人大)$")  #: a congress, kept a body where the line breaks after it
MEETING = re.compile(rf"\s*第?[{CN}]{{1,3}}次(?:全体)?会议")


def _place_start(words, text: str, start: int) -> int:
    """The start of the place words before a session: a district (延庆|区 read as two words) and a city before it."""
    at, _ = words.word_ending(start)
    if at == start - 1 and text[at] in "区县":  # a lone 区/县: the district's name is the word before it
        before, tag = words.word_ending(at)
        if before < at and tag == "ns":
            at = before
    elif not (at < start and text[start - 1] in "省市区县"):
        return start
    city, tag = words.word_ending(at)
    if city <= at - 2 and text[at - 1] in "市省" and tag == "ns":
        at = city
    return at


def session_mentions(finder, text: str) -> list[Mention]:
    """Sessions whose place ends in a lone 区/县 word, and sessions broken over lines, with their place."""
    words = finder.words_of(text)
    out = []
    for pattern in (LONE, BROKEN):
        for m in pattern.finditer(text):
            start = _place_start(words, text, m.start())
            if start < m.start():
                out.append(Mention(start, m.end(), text[start:m.end()], "Event", 0.76, "pattern", text[start:m.end()]))
            elif pattern is BROKEN:
                out.append(Mention(m.start(), m.end(), m.group(), "Event", 0.75, "pattern", m.group()))
    return out


def with_opening_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """A standing committee directly opening its session's name (…常务委员会|第五次会议) is an entity of its own
    (rule b; the corpus annotates it so since dev2). The congress inside the committee's name, or opening a congress
    session on one line, is left nested: the gold of dev2, dev6, dev7 and dev9 does not annotate it there. A congress
    that ends its line before 第N次会议 stays a body as session 8 read it (dev10's gold has it, an alias of 区人大)."""
    sessions = [m for m in mentions if m.type == "Event" and not m.nested and "会议" in m.name]
    if not sessions:
        return mentions
    for m in mentions:
        if m.type != "Institution" or not m.nested:
            continue
        meeting = MEETING.match(text, m.end)
        if not meeting or not any(s.start <= m.start and m.end < s.end for s in sessions):
            continue
        surface = text[m.start:m.end]
        if OPENING.search(surface) or CONGRESS_END.search(surface) and "\n" in meeting.group():
            m.titled = True
    return mentions
