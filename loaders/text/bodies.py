"""Patterns that are names without a name ending: abbreviated bodies, party congresses, quoted names.

- Abbreviated commissions, bureaus and offices (rules.yaml `abbreviated_bodies`):
  市经信局, 区科委, 市发改委, 国家发改委, 市工业和信息化局, 上海市科委 — a level word
  (市, 区, 省, 县, 国家, 中央), one to eight characters, then 委/局/办, at a left
  boundary (punctuation, a verb, a function word, the start of a line) or right after a
  place that then opens the name. A stop-list keeps out what only looks like one
  (委员, 委托, 局面, 办法, 办理 after the ending; 的/等/在 … inside). They are government
  Institutions named as written and never resolved to a graph node by name: 市发改委 in a
  Shanghai report is not Beijing's.
- Events written as ordinals (`event_patterns`): 党的二十大, 十九届四中全会.
- A quoted name run into the name it belongs to: “大零号湾”科技创新策源功能区 is one Zone,
  not a quote and a generic 科技创新策源功能区.
"""

from __future__ import annotations

import re

from loaders.text.entities import PUNCT, EntityFinder, Mention

CJK = "\u4e00-\u9fff"
CELL = re.compile(r"(?<=\|)[ \t]*([^|\n]{2,40}?)[ \t]*(?=\|)")


def abbreviated_bodies(finder: EntityFinder, text: str) -> list[Mention]:
    spec = finder.rules.abbreviated_bodies
    pattern = re.compile(rf"(?:{'|'.join(spec['levels'])})[{CJK}]{{1,8}}?(?:{'|'.join(spec['endings'])})"
                         rf"(?!{'|'.join(spec['not_after'])})")
    inside = tuple(spec["not_inside"])
    out = []
    for m in pattern.finditer(text):
        start, name = m.start(), m.group()
        middle = name[1:-1]
        if any(w in middle for w in inside) or name in spec["stop"]:
            continue
        place = _place_before(finder, text, start)
        if place:
            start -= len(place)
        elif not _boundary(finder, text, start):
            continue
        surface = text[start:m.end()]
        out.append(Mention(start, m.end(), surface, "Institution", 0.6, "abbr-body", surface, kind="government",
                           local=True))
    return out


def _place_before(finder: EntityFinder, text: str, at: int) -> str:
    window = text[max(0, at - 6):at]
    return next((window[-n:] for n in range(min(6, len(window)), 1, -1) if window[-n:] in finder.places), "")


def _boundary(finder: EntityFinder, text: str, at: int) -> bool:
    if at == 0 or text[at - 1] in PUNCT:
        return True
    before = text[max(0, at - 8):at]
    return finder.ends_at_boundary(before) or bool(finder.words_of(text).verb_before(at))  # 联合|省政府国资委


def table_cells(finder: EntityFinder, text: str) -> list[Mention]:
    """A table cell that ends like a name is that name, whole: | 創新及科技支援計劃 | (not 科技支援計劃)."""
    out = []
    for m in CELL.finditer(text):
        cell = m.group(1)
        bare = re.sub(r"\([^()]*\)$", "", cell).strip()
        suffix = next((s for s in finder.rules.suffixes if bare.endswith(s.end) and len(bare) > len(s.end)), None)
        if suffix is None or any(ch in PUNCT for ch in bare) or finder._generic(bare[: -len(suffix.end)]):
            continue
        start = m.start(1)
        out.append(Mention(start, start + len(bare), bare, suffix.type, suffix.conf, "cell", bare, kind=suffix.kind))
    return out


CN = "一二三四五六七八九十"
#: 十八届四中、五中全会; 市委十届七次、八次全会: plenums sharing 届 and 全会, one Event per item as written
SHARED_PLENUMS = re.compile(rf"((?:[{CN}]{{1,3}}届)?[{CN}]{{1,3}}(?:中|次))((?:、[{CN}]{{1,3}}(?:中|次))*)"
                            rf"(?:、|和|及)([{CN}]{{1,3}}(?:中|次))全会")


def shared_plenums(text: str) -> list[Mention]:
    """十八届四中、五中全会 -> 十八届四中, 五中全会 (named as written: the README's shared endings)."""
    out = []
    for m in SHARED_PLENUMS.finditer(text):
        spans = [m.span(1)]
        at = m.start(2)
        for part in filter(None, m.group(2).split("、")):
            at = text.index(part, at)
            spans.append((at, at + len(part)))
            at += len(part)
        spans.append((m.start(3), m.end()))
        out += [Mention(a, b, text[a:b], "Event", 0.7, "pattern", text[a:b]) for a, b in spans]
    return out


#: a session of a people's congress (a government work report's first line); the place before it is found apart;
#: the line may break after 届 (…石景山区第十七届⏎人民代表大会第五次会议: session 12, dev7)
SESSION = re.compile(rf"(?:第?[{CN}]{{1,3}}届\n?(?:人民代表大会|人大)|(?:人民代表大会|人大)第?[{CN}]{{1,3}}届)"
                     rf"(?:常务委员会|常委会)?第?[{CN}]{{1,3}}次(?:全体)?会议")


def congress_sessions(finder: EntityFinder, text: str) -> list[Mention]:
    """海淀区第十七届人民代表大会第五次会议, 区十七届人大四次会议: the place word before it opens the name."""
    words = finder.words_of(text)
    out = []
    for m in SESSION.finditer(text):
        start = m.start()
        place_at, _ = words.word_ending(start)
        if place_at < start and text[start - 1] in "省市区县" and (start - place_at >= 2 or place_at == start - 1):
            start = place_at
            city_at, tag = words.word_ending(start)  # 北京市|昌平区第六届…: the city before the district too (session 8)
            if text[m.start() - 1] in "区县" and city_at <= start - 2 and text[start - 1] in "市省" and tag == "ns":
                start = city_at
        out.append(Mention(start, m.end(), text[start:m.end()], "Event", 0.75, "pattern", text[start:m.end()]))
    return out


def event_patterns(finder: EntityFinder, text: str) -> list[Mention]:
    out = shared_plenums(text) + congress_sessions(finder, text)
    for item in finder.rules.event_patterns:
        for m in re.finditer(item["pattern"], text):
            out.append(Mention(m.start(), m.end(), m.group(), item.get("type", "Event"), float(item["conf"]),
                               "pattern", m.group()))
    return out


def quoted_names(finder: EntityFinder, text: str, suffixed: list[Mention]) -> list[Mention]:
    """“X”+name: a suffixed name starting right after a closing quote takes the quote in."""
    out = []
    for m in suffixed:
        if m.start >= 1 and text[m.start - 1] == "”":
            opening = text.rfind("“", max(0, m.start - 42), m.start - 1)
            if opening != -1 and "”" not in text[opening + 1:m.start - 1]:
                inner = text[opening + 1:m.start - 1]
                head = finder.anchored_head(text, opening)
                name = head + inner + m.name
                out.append(Mention(opening - len(head) if head else opening + 1, m.end, name, m.type,
                                   round(min(m.conf + 0.05, 0.85), 2), "quote", text[opening - len(head):m.end],
                                   kind=m.kind, aliases=[f"{head}“{inner}”{m.name}"]))
    return out


#: Dictionary words ending in 区/县 that name no district (开发区, 社区 …); the rest tagged a place are districts.
NOT_DISTRICTS = frozenset("""开发区 高新区 经开区 新区 城区 市区 郊区 辖区 园区 社区 景区 湾区 片区 功能区 示范区 保税区 自贸区
    试验区 产业区 工业区 商业区 住宅区 风景区 旅游区 保护区 生活区 核心区 集聚区 服务区 无人区 禁区 灾区 山区 牧区
    矿区 老城区 主城区 中心城区 经济区 行政区 特区 地区 小区 校区 街区 东区 西区 南区 北区 全区 本区 各区 县区
    区县 市县 郊县 各县 全县 本县 边区 老区 苏区 库区 林区 垦区 港区 厂区 营区 展区 赛区 考区 选区 政区 警区""".split())
PLACE_TAGS = ("ns", "nr", "nt")


def districts(finder: EntityFinder, text: str) -> list[Mention]:
    """Districts of any city by the segmenter's dictionary: 滨海新区, 西青区, 余杭区 (a place word ending in 区/县)."""
    words = finder.words_of(text)
    out = []
    for m in re.finditer("[区县]", text):
        end = m.end()
        start, tag = words.word_ending(end)
        name = text[start:end]
        if 3 <= len(name) <= 5 and tag in PLACE_TAGS and name not in NOT_DISTRICTS and not name.endswith("地区") \
                and not finder.gazetteer.get(name):
            out.append(Mention(start, end, name, "District", 0.7, "lexicon", name))
    return out
