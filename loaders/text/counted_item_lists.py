"""A list whose kind and number are said once, next to it: its items are names of that kind (issue 18, session 17).

Why: lists and tables of Beijing reports name their units and projects in one 、 run and say what they are once, by a
count and a kind word: after the run (共设办公室(行政审批服务处)、法制处(科研处)、…、组织宣传处12个内设机构; 安排A、B、C等4个
城南地区重大项目) or before it (中心内设7个职能科室,分别为办公室、新闻宣传科、…、财务管理科). The suffix grammar reads each
item alone and keeps only those whose own ending names a kind it knows (…中心, …基地), so the divisions (…处, …科, 研究室,
工会) and most projects (…线, …路, …公园, …学校) were lost, or cut before a bracket (…综合保税区(一期)), or taken with the
verb that opens the run (共设办公室). dev15 held 33 of its 54 misses in such runs; dev14's and dev12's lists have the shape too.

The page says the kind, so no name shape is guessed: a count and a kind word (counted_item_lists.yaml) mark the run; the
run is the items between 、 (a 、 inside brackets does not part items) from the clause start, less the verb that opens it
(共设, 安排, 分别为 …), up to 等 or the count. The count checks the reading: it must equal the number of items (more than
them after 等, which says the list is not whole). An item is kept only when it ends as its kind ends (a unit: …处, …科,
…室, 工会 …; a project: …线, …路, …中心, …基地, …工程 …), so a run of activities (道路建设、管网改造等3个项目) types
nothing. A unit's bracket holds its second name (an alias, a name of its own: 法制处(科研处)); a project's bracket its
phase or part (…景观带建设工程(四期)), kept in the name. A guess of the suffix grammar inside an item that the item
supersedes (the same start or end: 共设办公室, 潮白河…建设工程 without (四期)) is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.text.boundaries import PUNCT
from loaders.text.entities import Mention

DATA = Path(__file__).with_suffix(".yaml")
NUMERAL = r"(\d{1,3}|[一二两三四五六七八九十]{1,3})"
SMALL = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
OPEN, CLOSE = "(（", ")）"
#: what ends a run of items: a clause break other than 、 (brackets are inside items)
BREAKS = (set(PUNCT) - {"、"}) | {"的"}
PHRASE = 14  #: characters of modifier + kind word after a count (城南地区重大项目)
ITEM_MAX = 30  #: a project's name with its phase (北京大兴国际机场综合保税区(一期)(北京部分) is 25)
GUESSES = ("suffix", "list", "cell", "quote", "latin")
CONF = 0.7
RUN_MAX = 40 * ITEM_MAX  #: characters a run may take: a text without clause breaks is not walked back over (linear time)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def with_counted_items(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the items of each counted, typed list added and the guesses they supersede dropped."""
    data = _data()
    added: list[Mention] = []
    superseded: list[tuple[int, int, int, int]] = []  # (clause start, item start, main end, item end)
    phrases: list[tuple[int, int]] = []  # the count and kind words after a run: a kind, never a name
    for kind, items, clause, phrase in _runs(text, data):
        if phrase:
            phrases.append(phrase)
        for start, main_end, end, aliases in items:
            name = text[start:end] if kind["keep_brackets"] else text[start:main_end]
            added.append(Mention(start, end if kind["keep_brackets"] else main_end, name, kind["type"], CONF, "list",
                                 name, kind=kind.get("kind"), local=kind.get("local", False)))
            for a, b in aliases:
                added.append(Mention(a, b, text[a:b], kind["type"], CONF, "list", text[a:b],
                                     kind=kind.get("kind"), local=kind.get("local", False)))
            superseded.append((clause, start, main_end, end))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(_supersedes(s, m) for s in superseded)
            and not any(a <= m.start and m.end <= b for a, b in phrases if m.how in GUESSES)]
    return kept + added


def _supersedes(item: tuple[int, int, int, int], m: Mention) -> bool:
    """Whether the item replaces the guess `m`: a guess taking the run's opening verb in (共设|办公室), or a guess
    inside the item that starts or ends with it (潮白河…建设工程 cut before (四期), 北京大兴国际机场综合保税区 as a Zone)."""
    clause, start, main_end, end = item
    if m.how not in GUESSES or m.start < 0:
        return False
    if clause <= m.start < start and m.end in (main_end, end):
        return True
    return start <= m.start and m.end <= end and (m.start == start or m.end in (main_end, end))


def _runs(text: str, data: dict):
    """(kind, items, clause start) for each run a count and a kind word close or announce."""
    kinds = [(word, kind) for kind in data["kinds"] for word in kind["words"]]
    kinds.sort(key=lambda wk: -len(wk[0]))
    closer = re.compile(r"(等)?" + NUMERAL + r"([" + data["measure_words"] + r"])")
    for m in closer.finditer(text):
        found = _kind_after(text, m.end(), kinds)
        if found is None:
            continue
        kind, phrase_end = found
        value = _value(m.group(2))
        lead = re.match(r"[,，:：]?(?:" + "|".join(data["announcers"]) + r")[:：]?", text[phrase_end:phrase_end + 6])
        if lead:  # N个职能科室,分别为A、B、C。
            items, clause = _items_after(text, phrase_end + lead.end(), kind, data)
            if items and len(items) == value:
                yield kind, items, clause, (m.start(), phrase_end)
            continue
        run_end = m.start()
        items, clause = _items_before(text, run_end, kind, data)
        whole = len(items) == value
        if items and (whole and not m.group(1) or m.group(1) and value >= len(items) >= 2):
            yield kind, items, clause, (m.start(), phrase_end)
    yield from _opened_runs(text, data)


def _opened_runs(text: str, data: dict):
    """(kind, items, clause start, None) for each run of units a setting-up verb opens with no count after it
    (另设机关党委、机关纪委、工会(团委)、离退休干部处。): every item must end as a unit ends, two at least."""
    kind = next(k for k in data["kinds"] if k["type"] == "Institution")
    for word in data["unit_openers"]:
        at = text.find(word)
        while at != -1:
            start = at + len(word)
            items, _ = _items_after(text, start, kind, data)
            if len(items) >= 2:
                yield kind, items, at, None
            at = text.find(word, start)


def _value(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + SMALL.get(numeral[1:], 0)
    if numeral.endswith("十"):
        return SMALL.get(numeral[0], 0) * 10
    if "十" in numeral:
        tens, ones = numeral.split("十")
        return SMALL.get(tens, 0) * 10 + SMALL.get(ones, 0)
    return SMALL.get(numeral, 0)


def _kind_after(text: str, at: int, kinds) -> tuple[dict, int] | None:
    """(kind, end of the phrase) when the noun phrase after a count ends with a kind word: 12个|内设机构,
    4个|城南地区重大项目, 4个|轨道交通、市郊铁路重大项目 (a 、 may join the modifiers)."""
    end = at
    while end < len(text) and end - at < PHRASE and text[end] not in BREAKS:
        end += 1
    phrase = text[at:end]
    best = None
    for word, kind in kinds:
        k = phrase.rfind(word)
        if k >= 0 and (best is None or k + len(word) > best[1] - at):
            best = (kind, at + k + len(word))
    if best is None:
        return None
    rest = text[best[1]:best[1] + 1]
    return best if not rest or rest in PUNCT or rest in "和及与为是" else None


def _items_before(text: str, run_end: int, kind: dict, data: dict):
    """The items of the run ending at `run_end` (at 等 or the count), back to the clause start."""
    start, depth = run_end, 0
    while start > 0:
        if run_end - start > RUN_MAX:
            return [], start
        ch = text[start - 1]
        if ch in CLOSE:
            depth += 1
        elif ch in OPEN:
            depth -= 1
        elif depth == 0 and ch in BREAKS:
            break
        start -= 1
    return _split(text, start, run_end, kind, data), start


def _items_after(text: str, at: int, kind: dict, data: dict):
    """The items of the run starting at `at` (after 分别为), up to the clause end."""
    end, depth = at, 0
    while end < len(text):
        if end - at > RUN_MAX:
            return [], at
        ch = text[end]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
        elif depth == 0 and ch in BREAKS:
            break
        end += 1
    return _split(text, at, end, kind, data, opened=True), at


def _split(text: str, start: int, end: int, kind: dict, data: dict, opened: bool = False):
    """[(start, main end, end, alias spans)] of the items between 、 outside brackets; the first item less the
    verb that opens the run. Empty when an item is not a name of the kind."""
    pieces, at, depth = [], start, 0
    for i in range(start, end):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
        elif ch == "、" and depth == 0:
            pieces.append((at, i))
            at = i + 1
    pieces.append((at, end))
    pieces[-1:] = _split_last(text, *pieces[-1], kind)
    if not opened:
        first = _after_opener(text, *pieces[0], data["openers"])
        if first is None:
            return []
        pieces[0] = (first, pieces[0][1])
    items = []
    for a, b in pieces:
        item = _item(text, a, b, kind)
        if item is None:
            return []
        items.append(item)
    return items


def _split_last(text: str, start: int, end: int, kind: dict) -> list[tuple[int, int]]:
    """The last item joined by 和/及/与 (…、科研管理科和成果转化科) as two, when both halves end as the kind ends
    (a unit's 和 is not inside its name: 规划和财务处 would leave 规划, no unit)."""
    endings = tuple(kind["endings"])
    for k in range(end - 1, start, -1):
        if text[k] in "和及与" and text[start:k].endswith(endings) and text[k + 1:end].endswith(endings) \
                and k + 1 < end and not kind["keep_brackets"]:
            return [(start, k), (k + 1, end)]
    return [(start, end)]


def _after_opener(text: str, start: int, end: int, openers) -> int | None:
    """Where the first item starts: after the last opening verb in it (共设|办公室, 安排|轨道交通平谷线), or at
    the clause start when the whole piece is short enough to be the item itself."""
    piece = text[start:end]
    best = None
    for word in openers:
        k = piece.rfind(word)
        if k >= 0 and (best is None or k + len(word) > best):
            best = k + len(word)
    if best is not None:
        return start + best
    return start if end - start <= 12 else None


def _item(text: str, start: int, end: int, kind: dict):
    """(start, main end, end, alias spans) when text[start:end] is a name of the kind, else None."""
    main_end, aliases, at = end, [], start
    bracket = next((i for i in range(start, end) if text[i] in OPEN), None)
    if bracket is not None:
        main_end = bracket
        if text[end - 1] not in CLOSE:
            return None
        inner = text[bracket + 1:end - 1]
        if not kind["keep_brackets"]:
            at = bracket + 1
            for part in re.split(r"[、,，)）(（]", inner):
                if part and part.endswith(tuple(kind["endings"])):
                    aliases.append((at, at + len(part)))
                at += len(part) + 1
    main = text[start:main_end]
    if not 2 <= len(main) <= ITEM_MAX or end - start > ITEM_MAX or any(ch in PUNCT for ch in main) \
            or re.search(r"\d", main) or not main.endswith(tuple(kind["endings"])):
        return None
    return start, main_end, end, aliases
