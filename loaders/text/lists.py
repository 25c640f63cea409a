"""Structure around mentions: coordinated lists, shared endings, 暨, and short forms.

- "A、B和C等[N个]CATEGORY": the items are typed by the category (领域 -> Field,
  省市自治区 -> Region, 家 -> enterprise …); "等6支子基金" also derives a fund per manager.
- "X、Y+ending" with a shared ending: 物质、空间科学实验室 is also 物质科学实验室;
  市委、市政府办公厅 is also 市委办公厅.
- "A暨B" joins two event names into one event known by both.
- A name that is another name of the same type with a place before it
  (智源人工智能研究院 / 北京智源人工智能研究院) is an alias of the longer one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.text import category_ends, category_modifiers
from loaders.text.entities import PUNCT, EntityFinder, Mention
from loaders.text.list_heads import head_category
from loaders.text.rules import Category

#: an ellipsis in the view (…… is ...... after NFKC) closes a list as 等 does: A、B、C……领域 (session 12)
ELLIPSIS = r"(?:(?:\.{3}){1,2}|…{1,2}|⋯{1,2})"
DENG = re.compile(ELLIPSIS + r"?等((?:\d+|[一二两三四五六七八九十百千几多]+)(?:多|余)?([个项家支名位条件期次部批类所])?)?"
                  r"|" + ELLIPSIS)
SPLIT_LAST = re.compile(r"(?<=.{2})(?:和|及|与|以及)(?=.{2})")
ITEM_MAX = 16
CLAUSE_BREAK = re.compile("[" + re.escape("".join(sorted(set(PUNCT) - {"、"}))) + "]")  # _punctuated, in C


def list_mentions(finder: EntityFinder, text: str, mentions: list[Mention]) -> list[Mention]:
    """New or retyped mentions for the items of typed coordinated lists."""
    by_end: dict[int, Mention] = {}
    for m in mentions:
        if not m.nested and (m.end not in by_end or m.start < by_end[m.end].start):
            by_end[m.end] = m
    out: list[Mention] = []
    for category, items in [*_deng_lists(finder, text, by_end), *counted_lists(finder, text, by_end)]:
        for start, stop in items:
            known = by_end.get(stop)
            known = known if known is not None and known.start <= start else None
            if known is None and category.type == "Field" and _tiled(start, stop, by_end):
                continue  # 新能源新材料: two known domains written together are the items, not one (session 13)
            out.extend(_item_mentions(text, start, stop, category, known))
    return out


def _tiled(start: int, stop: int, by_end: dict) -> bool:
    """Whether known fields cover [start, stop) back to back (新能源|新材料)."""
    at = stop
    while at > start:
        m = by_end.get(at)
        if m is None or m.type != "Field" or m.start < start:
            return False
        at = m.start
    return True


def _deng_lists(finder: EntityFinder, text: str, by_end: dict):
    """(category, items) of each list its category closes: A、B和C等领域 (one item only before 等)."""
    for end, category in _categories(finder, text):
        items = _items(finder, text, end, by_end, category.type == "Field")
        if len(items) >= 2 or text.startswith("等", end):
            yield category, items


COORDINATORS = ("和", "与", "及", "、")  # a category word coordinated with more words is not the head


#: a count of the items just listed, then their kind: 晶泰、宜搜、佑驾|三家|科创公司 (no 等); domains closed by
#: their count (A、B和C|3个|特色产业, session 13) only where the domain word ends the phrase (not 四个|产业功能区)
COUNTED = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z)）])([两三四五六七八九十]|[2-9])([家个所])([\u4e00-\u9fff]{0,4}?)"
                     r"(?=公司|企业|高校|大学|院所|科研院所|基金|省市|城市|活动|(?:产业|行业|领域)(?![\u4e00-\u9fff]))")
SMALL = {c: i for i, c in enumerate("零一两三四五六七八九十")} | {"二": 2}


def counted_lists(finder: EntityFinder, text: str, by_end: dict):
    """(category, items) of a list its count closes: A、B、C三家科创公司. The count
    must equal the number of items, so a figure that is no count of them (培育3家企业) types nothing."""
    for m in COUNTED.finditer(text):
        value = int(m.group(1)) if m.group(1).isdigit() else SMALL.get(m.group(1), 0)
        at = m.end()
        category = next((c for c in finder.rules.categories if text.startswith(c.word, at)), None)
        if category is None or value < 2 or not _punctuated(text, m.start()):
            continue
        items = _items(finder, text, m.start(), by_end, category.type == "Field")
        if len(items) == value and text[m.start() - 1] not in "、,，":
            yield category, items


def _punctuated(text: str, at: int, reach: int = ITEM_MAX * 12) -> bool:
    """Whether a clause break lies within `reach` before `at`: the items' run is then bounded, and
    a text without punctuation does not make every count walk back over all of it (linear time)."""
    return at <= reach or CLAUSE_BREAK.search(text, at - reach, at) is not None


def _categories(finder: EntityFinder, text: str):
    """(end of the last item, category) for each typed list in the text."""
    for m in DENG.finditer(text):
        at = m.end()
        category = next((c for c in finder.rules.categories if text.startswith(c.word, at)
                         and not text.startswith(COORDINATORS, at + len(c.word))), None)  # 等国家和我市重点战略
        if category is not None and category_modifiers.modifies_longer_noun(finder, text, at, category):
            category = None  # 等城市应用场景: the items are scenes, not cities (category_modifiers.py, session 14)
        if category is None:  # 等一批数字经济龙头企业: the head after a modifier (list_heads.py)
            category = head_category(finder.rules.categories, text, at)
        if category is None and m.group(2):
            category = next((c for c in finder.rules.categories if c.word == m.group(2)), None)
        if category:
            yield m.start(), category_ends.retyped(finder, text, at, category)  # 等|产业集群: Zones (session 13)
    taken: dict[int, int] = {}  # start -> end of the category words already used (longer ones first)
    for category in finder.rules.categories:  # longest words first
        if len(category.word) < 4 or not category.word.endswith("领域"):
            continue
        at = text.find(category.word)
        while at != -1:
            span = (at, at + len(category.word))
            inside = any(taken.get(s, -1) >= span[1] for s in range(span[0] - len(category.word) * 2, span[0] + 1))
            if not inside and at > 0 and text[at - 1] != "等" and text[at - 1] not in PUNCT:
                taken[span[0]] = max(taken.get(span[0], 0), span[1])
                yield at, category
            at = text.find(category.word, at + 1)


def _items(finder: EntityFinder, text: str, end: int, by_end: dict, field: bool = False) -> list[tuple[int, int]]:
    """The [start, stop) of each item of the list ending at `end`."""
    start = end
    while start > 0 and (text[start - 1] not in PUNCT or text[start - 1] == "、"):
        start -= 1
    parts, at = [], start
    for piece in text[start:end].split("、"):
        parts.extend(_split_and(text, at, at + len(piece), by_end, finder.rules.nominal_verbs))
        at += len(piece) + 1
    if not parts:
        return []
    first_start, first_end = parts[0]
    edge, _ = finder.left_edge(text, first_end)
    known = by_end.get(first_end)
    if known is not None and first_start <= known.start <= (edge if edge is not None else first_end):
        edge = known.start  # a known name longer than what the left edge finds
    past_verb = field and known is not None and edge is not None and known.start > edge \
        and _verb_in(finder, text, edge, known.start)  # 做大做强|软件: the domain, not the verb run (session 12)
    if field and (known is None or past_verb):
        run = _noun_run(finder, text, edge if edge is not None else first_start, first_end)
        edge = run or edge
    if field and known is not None and edge is not None and edge < known.start \
            and _verb_before(finder, text, known.start):
        edge = known.start  # 重点发展|高端智能制造: a known domain right after a verb (发展 too) starts the item (session 13)
    if edge is None or edge >= first_end:
        parts = parts[1:]
    else:
        parts[0] = (edge, first_end)
    return [(s, e) for s, e in parts if 2 <= e - s <= ITEM_MAX and not any(ch in PUNCT for ch in text[s:e])]


def _verb_before(finder: EntityFinder, text: str, at: int) -> bool:
    """Whether the dictionary word ending at `at` is a verb or a verbal noun (发展, 培育, 做强)."""
    begin, tag = finder.words_of(text).word_ending(at)
    return begin < at and tag.startswith("v")


def _verb_in(finder: EntityFinder, text: str, start: int, end: int) -> bool:
    """Whether a verb of the dictionary lies in [start, end): 做大做强|软件 (session 12), not 前沿|新材料."""
    words = finder.words_of(text)
    at = end
    while at > start:
        begin, tag = words.word_ending(at)
        if begin >= at:
            return False
        if tag.startswith("v") and text[begin:at] not in finder.rules.nominal_verbs:
            return True
        at = begin
    return False


def _noun_run(finder: EntityFinder, text: str, start: int, end: int) -> int | None:
    """做大做强|软件和集成电路等主导产业: in a list of domains, the first item is the run of nouns the
    segmenter ends there (软件), not the clause the left edge reaches back to (做大做强软件)."""
    words = finder.words_of(text)
    at = end
    while at > start:
        begin, tag = words.word_ending(at)
        if begin >= at or begin < start or not (tag.startswith(("n", "vn", "eng"))
                                                or tag in ("a", "b") and at - begin >= 2):
            break  # nouns, and adjectives of two characters (先进|能源), not 做大做|强
        at = begin
    return at if at < end and end - at >= 2 and at > start else None


def _split_and(text: str, start: int, end: int, by_end: dict, nominal=frozenset()) -> list[tuple[int, int]]:
    """量子通信和量子计算机 -> two items, unless the whole is one known name."""
    known = by_end.get(end)
    if known is not None and known.start <= start:
        return [(start, end)]
    cut = SPLIT_LAST.search(text, start, end)
    if cut and text[cut.end():end] in nominal:
        cut = None  # 汽车制造与|服务: an activity noun alone completes the first half, one item (session 7)
    if cut and not (by_end.get(cut.start()) is None and by_end.get(end) is None and end - start > 12):
        return [(start, cut.start()), (cut.end(), end)]
    return [(start, end)]


def _item_mentions(text: str, start: int, stop: int, category: Category, known: Mention | None) -> list[Mention]:
    surface = name = text[start:stop]
    if known is not None:
        start, name, surface = known.start, known.name, text[known.start:stop]
    if known is None or known.how in ("suffix", "latin") and known.type != category.type and known.conf < category.conf:
        item = Mention(start, stop, name, category.type, category.conf, "list", name, kind=category.kind)
    else:
        item = known
    out = [item] if item is not known else []
    if category.derive:
        d = category.derive
        out.append(Mention(start, stop, surface + d["name"], d["type"], float(d["conf"]), "derived",
                           surface, parent=item))
    return out


def ellipses(finder: EntityFinder, text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions for the first member of "X、Y+ending" pairs that share Y's ending."""
    out = []
    replaced: set[int] = set()  # ids of the first members now read as the shared-ending name
    tops = [m for m in mentions if not m.nested and m.how not in ("derived", "metric")]
    starting: dict[int, list[Mention]] = {}  # indexes, so that each pair is found in constant time
    for n in mentions:
        starting.setdefault(n.start, []).append(n)
    ending: dict[int, Mention] = {}
    for m in tops:
        ending.setdefault(m.end, m)
    for e in tops:
        if e.start < 3 or text[e.start - 1] != "、" or e.how not in ("suffix", "relative", "quote", "graph") \
                or e.type == "Field":
            continue
        head = next((n for n in starting.get(e.start, ()) if n.nested and n.end < e.end
                     and n.key != e.key), None)  # a name inside e, not one of e's own aliases
        x = ending.get(e.start - 1)
        if x is not None and head is not None and x.type == head.type:
            if not _bare_ending(finder, text[head.end:e.end]):
                continue  # 2024中关村论坛、中非合作论坛|北京峰会: a place before the ending, not a shared ending
            name = x.surface + text[head.end:e.end]
        elif x is None and head is not None:
            edge, _ = finder.left_edge(text, e.start - 1)
            if edge is None or not 2 <= e.start - 1 - edge <= 4:
                continue
            name = text[edge:e.start - 1] + text[e.start + (e.start - 1 - edge):e.end]
            x = Mention(edge, e.start - 1, "", "", 0.0, "")
        else:
            continue
        known = finder.gazetteer.get(name)
        canonical = known[0].name if known else name
        out.append(replace(e, start=x.start, end=x.end, name=canonical, surface=name, how="ellipsis",
                           conf=round(min(e.conf, 0.7), 2), node_id=known[0].node_id if known else None,
                           aliases=[], nested=False))
        if x.how:
            replaced.add(id(x))
    if replaced:  # in place: the caller joins `mentions` and these
        mentions[:] = [m for m in mentions if id(m) not in replaced]
    return out


def _bare_ending(finder: EntityFinder, shared: str) -> bool:
    """What two names share is an ending of a type (办公厅 in 市委、市政府办公厅), nothing more."""
    suffix = finder._suffix_at_end(shared)
    return suffix is not None and (suffix.end == shared or not finder._anchored(shared, 0))


def join_ji(text: str, mentions: list[Mention]) -> list[Mention]:
    """A暨B (two event names) -> one event known by A暨B, A and B."""
    out: list[Mention] = []
    last = None  # index in `out` of the last top-level mention
    for m in mentions:
        prev = out[last] if last is not None else None
        if prev and not m.nested and prev.type == m.type == "Event" and prev.end + 1 == m.start \
                and text[prev.end] == "暨":
            out[last] = replace(prev, end=m.end, name=text[prev.start:m.end], surface=text[prev.start:m.end],
                                aliases=[prev.name, m.name], conf=min(prev.conf, m.conf))
            continue
        out.append(m)
        if not m.nested:
            last = len(out) - 1
    return out


def unify_names(finder: EntityFinder, mentions: list[Mention]) -> None:
    """Give a short form the name (and graph node) of the longer form it abbreviates: same type,
    only places before it (科技周 -> 全国科技活动周暨北京科技周 via its alias 北京科技周)."""
    forms: dict[tuple[str, str], Mention] = {}  # (type, surface form) -> the mention that owns it
    for m in sorted(mentions, key=lambda m: m.how != "graph"):
        if not m.weak and m.how != "metric":
            for name in (m.name, m.surface, *m.aliases):
                if name:
                    forms.setdefault((m.type, name), m)
    by_tail: dict[tuple[str, str], list[str]] = {}  # (type, a proper ending of a form) -> the forms
    for t, name in forms:
        for k in range(1, len(name)):
            by_tail.setdefault((t, name[k:]), []).append(name)
    for m in mentions:
        if m.how == "graph" or m.weak or m.how == "metric":
            continue
        longer = [name for name in by_tail.get((m.type, m.name), ()) if forms[(m.type, name)] is not m
                  and _place_only(finder, name[: -len(m.name)])]
        if longer:
            owner = forms[(m.type, max(longer, key=len))]
            m.aliases = sorted({*m.aliases, m.name} - {owner.name})
            m.name, m.node_id = owner.name, owner.node_id or m.node_id


def _place_only(finder: EntityFinder, prefix: str) -> bool:
    prefix = prefix.replace("(", "").replace(")", "")
    i = 0
    while i < len(prefix):
        step = next((n for n in range(min(len(prefix) - i, 8), 1, -1) if prefix[i:i + n] in finder.anchors), 0)
        if not step:
            return False
        i += step
    return bool(prefix)
