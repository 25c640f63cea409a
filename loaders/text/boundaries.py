"""Where a name may begin: the left edge of a name that ends in a known suffix.

Split from entities.py (which finds the candidate names) because this is one idea of
its own: walking left from a name's ending over the places a name may start (after a
verb, a function word or a hard boundary) and choosing among them. A word segmenter
(segment.py) adds what the word lists cannot know: a name never starts inside a word
(了|解科技基金), and a place after any verb may open a name (走访|澳门大学).

All positions are in the normalised body view. `Boundaries` is a mixin of
`EntityFinder`: it reads the finder's word sets (verbs, function words, anchors).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from loaders.text import facility_edges
from loaders.text.segment import Segmentation

MAX_NAME = 30
JOIN = 6  # how far left of 及 the first half of a joined name (创新及科技局) may reach
JOINERS = ("及",)
SEG_REACH = 12  # past a verb only the segmenter knows, how far an unanchored name may reach
RELAXED = 6  # how long a modifier may grow past a verb when nothing nearer makes a name
LOOKBACK = 40  # how far left of a place the words deciding a boundary can reach (verb + name ending)
PUNCT = set("，,。；;：:、！!？?“”\"‘’'《》〈〉【】[]{}\n\t ·…—|｜「」『』")  # 「」『』: session 7
QUANTITY = re.compile(r"(?:\d+(?:\.\d+)?(?:多|余)?[个项家支名位条件期次部批类所届方场只辆栋宗]|[一二两三四五六七八九十几]+[个批支家场])$")
NUM = r"[\d一二三四五六七八九十〇○零]"
DATE_OR_NUMBER = re.compile(rf"(?:{NUM}{{1,2}}月{NUM}{{1,3}}日|{NUM}{{4}}年{NUM}{{1,2}}月|(?:今|昨|明)日|上月|本月"
                            rf"|[\n:;。]\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})[.．、)）]|[\n:;。]\s*[(（]\d{{1,2}}[)）]"
                            r"|(?<!\d)(?:19|20)\d\d年度?|(?:^|(?<=[\n:;。,、 (]))(?:19|20)\d\d)$")  # a leading year is no part of a name (2016年|天津市…会议)

BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d$")
#: a line ending in a session's ordinal (…石景山区第十七届⏎人民代表大会第五次会议) goes on in the next line
CONTINUED_LINE = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,4}届\n$")
#: prepositions the dictionary glues to the word after them (按计划 "as planned", 按期): that word is their
#: object, an adverbial, never the ending of a name (session 12, dev7: 能够按计划完成 was read as a programme)
PREPOSITIONS = frozenset({"按", "依", "照", "据", "按照", "依照", "依据", "根据", "遵照"})


class Boundaries:
    """Left edges of names; needs rules, word sets and anchors from the finder that mixes it in."""

    _segmentation: Segmentation | None = None

    def words_of(self, text: str) -> Segmentation:
        """The segmentation of the body view, made once per text (the finder sees one text)."""
        if self._segmentation is None or self._segmentation.text is not text:
            self._segmentation = Segmentation(text, self.rules.nominal_verbs)
        return self._segmentation

    def left_edge(self, text: str, at: int, alone: bool = False, facility: bool = False) -> tuple[int | None, bool]:
        """Where a name ending at `at` (its suffix starts there) begins, and whether an anchor opens it.

        Going left from the suffix, every place right after a verb, a function word or a hard
        boundary may start the name; the nearest wins unless a farther one opens with a place
        (北京…) or a field. Only a city, province, country or anchor word may open a name that
        spans a verb (北京推进科技创新中心建设办公室); a function word right after a complete
        name (…规划和…) ends the search. Before a `facility` ending, the words of what it does are
        part of its name (facility_edges.py: 分子材料与器件研究|测试平台 is one name).
        """
        best: tuple[float, int, bool] | None = None
        words = self.words_of(text)
        crossed_verb = False
        verb_at_end = None  # a listed verb right before the ending (…利用|产业集聚区)
        joined_at: int | None = None
        seg_crossed = False  # a verb the segmenter knows (and no list) lies between here and the ending
        floor = max(0, at - MAX_NAME)
        i: int | None = at
        if alone and self._complete_name(text[max(0, at - LOOKBACK):at]):
            return at, False  # 应用数学院|冬奥会: a name ending where another begins
        ours = self._ending_at(text, at)
        while i is not None:
            before = text[max(0, i - LOOKBACK):i] if i > LOOKBACK else "\n" + text[:i]  # a window: linear time
            hard = self._hard_before(before) or i <= floor or bool(ours) and i < at and before.endswith(ours)
            inside_word = self._splits_word(text, i)  # 经济技术开|发区: 开发 is no verb here
            in_word = words.inside(i) and not self._starts_anchor(text, i)  # 了|解科技基金: never a start
            verb_word = None if inside_word else self._verbs.ends(before)
            verb = verb_word is not None and not (facility and facility_edges.activity(self.rules, verb_word)) \
                and not in_word  # 研究|型医院: a listed verb ending inside a word is none (session 8)
            function = None if inside_word else self._functions.ends(before)
            any_verb = not (inside_word or in_word or verb or function or hard) and words.verb_before(i)
            if facility and facility_edges.activity(self.rules, any_verb):
                any_verb = ""  # 立体探测|实验研究设施: what the facility does, not a verb
            if (i < at or alone) and (hard or verb or function or any_verb) and not in_word \
                    and self._starts_name(text, i):
                level = self._anchor_level(text, i)
                if any_verb and level < 1.0 and i < at:  # after a verb no list knows, only a place opens a name (走访|澳门大学)
                    level = -1.0
                    seg_crossed = True
                relaxed = best is None and at - i <= RELAXED  # 设立|重点研究|专题: 研究 was a noun
                relaxed = relaxed and not words.verb_at(i)  # 特制订以下实施意见: a verb opens no name
                relaxed = relaxed and not (verb_at_end and words.word_ending(at)[0] == i)  # 充分利用|产业集聚区: one verb word (session 8)
                joined = best is not None and joined_at is not None and joined_at - i <= JOIN and not crossed_verb
                far = seg_crossed and level <= 0 and at - i > (facility_edges.FACILITY_SEG_REACH if facility else SEG_REACH)  # 让…了解|科技基金: too far past a verb
                if level >= 0 and not far and (not crossed_verb or level >= 1.0 or relaxed) and (
                        best is None or level > best[0] or joined and level >= best[0]):
                    best = (level, i, level > 0)
            if function in (facility_edges.FACILITY_JOINERS if facility else JOINERS) and best is not None and best[1] == i and not self._complete_name(before[:-1]):
                joined_at = i  # 创新|及|科技咨询委员会: A及B before a body's ending is one name when A is no name
            if hard or (function and self._complete_name(before[: -len(function)])):
                break
            arrival = self._arrivals.ends(before)
            if arrival and self._complete_name(before[: -len(arrival)]):
                break  # 北京量子信息科学研究院|落户|怀柔科学城: a name never swallows its subject and verb
            if verb_word and i < at and self._complete_name(before[: -len(verb_word)]):
                break  # 北京市人民政府新闻办公室|召开|新闻发布会: a body, its verb and its object (session 12)
            crossed_verb = crossed_verb or verb
            verb_at_end = verb_at_end or (verb_word if i == at and verb else None)
            i = self._step_left(text, i)
        return (best[1], best[2]) if best else (None, False)

    def _ending_at(self, text: str, at: int) -> str:
        """The longest name ending that starts at `at`: a name never holds a name of the same ending right
        before its own words (…交叉研究平台|介科学与过程仿真交叉研究平台: two platforms written together)."""
        endings = [s.end for s in self.rules.suffixes if len(s.end) > 1 and text.startswith(s.end, at)]
        return max(endings, key=len, default="")

    def glued_to_preposition(self, text: str, at: int) -> bool:
        """Whether the ending at `at` begins inside a dictionary word opened by a preposition (按|计划)."""
        words = self.words_of(text)
        return words.inside(at) and text[words.start_of(at):at] in PREPOSITIONS

    def ends_at_boundary(self, before: str) -> bool:
        """Whether a name may start right after `before` (a verb, a function word or a hard boundary)."""
        return self._hard_before(before) or self._verbs.ends(before) is not None \
            or self._functions.ends(before) is not None

    def _splits_word(self, text: str, i: int) -> bool:
        """Whether position i falls inside a suffix word (开发|区, 研究|院)."""
        for j in range(max(0, i - 5), i):
            for n in range(i - j + 1, 6):
                if text[j:j + n] in self.suffix_ends:
                    return True
        return False

    def _complete_name(self, text: str) -> bool:
        return bool(text) and any(text.endswith(s.end) for s in self.rules.suffixes)

    def _anchor_level(self, text: str, i: int) -> float:
        """1 for a city, province, country or anchor word at i; 0.5 for a district or a field; else 0."""
        level = 0.0
        for n in range(2, self._max_anchor + 1):
            word = text[i:i + n]
            if word in self.strong_anchors:
                return 1.0
            if word in self.anchors:
                level = 0.5
        return level

    def _step_left(self, text: str, i: int) -> int | None:
        ch = text[i - 1]
        if ch == "\n" and CONTINUED_LINE.search(text, max(0, i - 10), i):
            return i - 1  # a session name broken over two lines (session 12, dev7)
        if ch == ")":  # a short parenthesised place inside a name: 中国(北京)跨国技术转移大会
            open_at = text.rfind("(", max(0, i - 8), i)
            return open_at if open_at > 0 else None
        if ch in PUNCT or ch == "(":
            return None
        return i - 1

    def _starts_name(self, text: str, i: int) -> bool:
        first = text[i:i + 1]
        return not (first in PUNCT or first in ")(" or self._stops.starts(text, i))

    def _starts_anchor(self, text: str, i: int) -> bool:
        """A city, province, country or anchor word starts at i (the segmenter may glue it to what precedes)."""
        return any(text[i:i + n] in self.strong_anchors for n in range(2, self._max_anchor + 1))

    def _anchored(self, text: str, i: int) -> bool:
        return any(text[i:i + n] in self.anchors for n in range(2, self._max_anchor + 1))

    def _hard_before(self, before: str) -> bool:
        """Nothing of a name lies left of here: the text start, punctuation, 的/等, a quantity (16个)."""
        if not before or before[-1] in PUNCT and not CONTINUED_LINE.search(before):
            return True
        if before.endswith("..."):
            return True  # 人工智能……|战略…: an ellipsis (…… in the view) ends what came before it (session 13)
        if self._hard_words.ends(before) is not None or DATE_OR_NUMBER.search(before):
            return True  # …的, 三月六日|立法会…, a list number at a line start (1.|规上…)
        if BARE_YEAR.search(before) and self._verbs.ends(before[:-4]) is not None:
            return True  # 圆满完成2024|中关村论坛: a year after a verb opens no name (国家科技创新2030-重大项目 keeps it)
        quantity = QUANTITY.search(before[-8:])
        return bool(quantity) and not before[: len(before) - len(quantity.group())].endswith("第")


class Words:
    """A set of words with the question a boundary asks: which one (the longest) ends or starts here?"""

    def __init__(self, words):
        self.words = frozenset(words)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)

    def ends(self, text: str) -> str | None:
        return next((text[-n:] for n in self.lengths if n <= len(text) and text[-n:] in self.words), None)

    def starts(self, text: str, at: int) -> bool:
        return any(text[at:at + n] in self.words for n in self.lengths)


class Spans:
    """Sorted non-overlapping [start, end) spans (quotes, titles): is a position inside one? In log time."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def covers(self, at: int) -> bool:
        i = bisect_right(self.starts, at) - 1
        return i >= 0 and self.spans[i][0] <= at < self.spans[i][1]
