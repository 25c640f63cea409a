"""The internal divisions a body lists after 设 (设办公室、规划财务处、人事教育处…N个内设机构) are Institutions, each a
relative name of one of the body's units (issue 18, session 17, s17-names).

Why: a final account or an information report describes the body by its units — 某局设办公室、监测预报与科技处(应急服
务处)、规划财务处、机关党委、纪检室7个内设机构 — and the guideline annotates each named division (dev2, dev14). The suffix rules
read none of them (a bare 规划财务处 has no place or anchor word to open it), and took the body and its verb with the
first item as one name (北京市地震局设办公室): seven misses and one wrong name on one dev14 page. The list is read as a
grammar: a setting-up verb right after the body's name (or opening a clause: 建设|一批…中心 is no list), then two or
more items joined by 、/和/及, each at most `max_item` characters of Chinese
ending in a division word (division_lists.yaml: 处, 室, 科, 办公室, 机关党委 …), each optionally followed by its second
name in brackets (not an entity of its own: the gold keeps it as an alias). A list of one item counts only when a count
or 等 closes it. Rooms and places that end like a division (会议室, 实验室, 办事处) end the list. A name found across the
verb is cut before it (北京市地震局|设) when what is left ends like a body, and dropped otherwise.

A division is named the same way in a person's title written after the body's name (北京市委宣传部|对外新闻处|处长叶昶;
dev2's guideline: a division named in a title is a mention): two to `max_item` characters right after an Institution,
ending in 处/科/室 and followed by the title word that belongs to that rank (处长, 科长, 主任).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.counted_item_lists import NUMERAL, _value
from loaders.text.entities import PUNCT, Mention

DATA = Path(__file__).with_suffix(".yaml")
BRACKET = re.compile(r"[(（][^()（）\n]{1,20}[)）]")
JOIN = re.compile(r"、|和|及|以及")
CLOSE = re.compile(r"\d+个|[一二三四五六七八九十两]+个|等|共")
COUNT = re.compile(rf"{NUMERAL}个")  # the list's own count right after it (a list closed by 等 counts more)
CONF = 0.6


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    data = _data()
    verbs = "|".join(map(re.escape, data["verbs"]))
    ends = "|".join(map(re.escape, data["endings"]))
    item = re.compile(rf"[\u4e00-\u9fff]{{0,{data['max_item'] - 1}}}?(?:{ends})(?=[、(（，,。；;\s]|和|及|等|共|\d|[一二三四五六七八九十两]+个|$)")
    return re.compile(rf"(?:{verbs})(?=[\u4e00-\u9fff])"), item


def with_division_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with every division of a listed set of internal units added (names across the verb cut before it)."""
    verb, item = _patterns()
    added: list[tuple[int, int, Mention]] = []  # (verb start, list end, item)
    body_ends = {m.end for m in mentions if m.type == "Institution" and m.start >= 0}
    for opened in verb.finditer(text):
        at = opened.start()
        if not (at == 0 or at in body_ends or text[at - 1] in PUNCT or text[at - 1] in "\n、 "):
            continue  # 建设|一批…中心: 设 inside another word, no body before it
        items = _items(text, opened.end(), item)
        for at, end in items:
            name = text[at:end]
            added.append((opened.start(), end, Mention(at, end, name, "Institution", CONF, "pattern", name,
                                                       kind="government", local=True)))
    if not added:
        return mentions
    return _settled(text, mentions, added)


def with_titled_divisions(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with each division named between a body's name and a person's title (…部|对外新闻处|处长) added."""
    data = _data()
    titles, endings = tuple(data["titles"]), tuple(data["title_endings"])
    spans = {(m.start, m.end) for m in mentions}
    added = []
    for body in mentions:
        if body.type != "Institution" or body.nested or body.start < 0:
            continue
        run = re.match(r"[\u4e00-\u9fff]+", text[body.end:body.end + data["max_item"] + 3])
        if not run:
            continue
        for n in range(data["max_item"], 1, -1):
            name = run.group()[:n]
            if len(name) == n and name.endswith(endings) and text.startswith(titles, body.end + n) \
                    and (body.end, body.end + n) not in spans:
                added.append(Mention(body.end, body.end + n, name, "Institution", CONF, "pattern", name,
                                     kind="government", local=True))
                break
    if not added:
        return mentions
    return [m for m in mentions if not any(m.crosses(a) for a in added)] + added


def _items(text: str, at: int, item: re.Pattern) -> list[tuple[int, int]]:
    """The (start, end) of each division listed from `at`, or none when the run is no list of divisions."""
    data = _data()
    out = []
    pos = at
    while True:
        found = item.match(text, pos)
        if not found or found.group().endswith(tuple(data["not_items"])) or len(found.group()) < 2:
            break
        out.append((found.start(), found.end()))
        pos = found.end()
        bracket = BRACKET.match(text, pos)
        if bracket:
            pos = bracket.end()
        join = JOIN.match(text, pos)
        if not join:
            break
        pos = join.end()
    close = CLOSE.match(text, pos)
    counted = COUNT.match(text, pos)
    if counted and _value(counted.group(1)) != len(out):
        return []  # 设立预算科、国库科3个内设机构: a count that is not the list's (counted_item_lists.py's guard too)
    return out if len(out) >= data["min_items"] or (out and close) else []


def _settled(text: str, mentions: list[Mention], added: list[tuple[int, int, Mention]]) -> list[Mention]:
    """The mentions with the divisions in: a name across a list's verb cut before it, names crossing a division
    dropped, names inside one nested."""
    body_ends = tuple(_data()["body_ends"])
    spans = {(m.start, m.end) for m in mentions}
    divisions = [d for _, _, d in added if (d.start, d.end) not in spans]
    out = []
    for m in mentions:
        verb_at = next((v for v, end, _ in added if m.start < v < m.end <= end), None)
        if verb_at is not None and not m.nested:
            if text[m.start:verb_at].endswith(body_ends) and (m.start, verb_at) not in spans:
                m.end, m.name, m.surface = verb_at, text[m.start:verb_at], text[m.start:verb_at]
                m.node_id, m.aliases = None, []
            else:
                continue
        if any(m.crosses(d) for d in divisions):
            continue
        out.append(m)
    for m in out:
        if any(m.start < verb_at and verb_at < m.end for verb_at, _, _ in added):
            continue
        if any(m.inside(d) for d in divisions):
            m.nested = True
        elif m.nested and m.how != "derived":
            m.nested = any(m.inside(k) for k in out if k is not m and k.how != "derived" and not k.nested)
    return out + divisions
