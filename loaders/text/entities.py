"""Entity mentions: known names (graph and lexicon) plus patterns that find new ones.

Patterns, each with its own confidence (docs/extraction.md):

- names ending in a type's suffix (…研究院, …科学城, …计划, …基金, …大会 …), whose left
  edge is chosen among the places a name may start (after a verb, after a
  function word, at a hard boundary), preferring a start that opens with a
  place, a field or an anchor word;
- titles in 《》 (policies; 《自然》杂志 is a journal);
- quoted names “…” that end like a name or are followed by a type word (“科技冬奥”专项);
- Latin-script organisation names (CB Insights);
- coordinated lists typed by their category (A、B等领域, A、B等6支子基金 …) — lists.py;
- figures (number + unit + what is measured) — metrics.py.

All positions here are in the normalised body view.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graph.text import normalize
from loaders.text import budget, counted_kinds, facility_edges, in_names, not_names
from loaders.text.boundaries import LOOKBACK, PUNCT, Boundaries, Spans, Words
from loaders.text.gazetteer import Context, Entry, Gazetteer, anchors, region_abbreviations, strong_anchors
from loaders.text.rules import Rules, Suffix

BOOK = re.compile(r"《([^《》\n]{2,80})》")
# “…” and, in Hong Kong, Macau and Taiwan text, 「…」 (session 16: 「臺灣AI 行動計畫」, 「產學研 1+計劃」 on dev13, 「產業創新方案」
# on dev11 were not read while the same names in “” are); group 1 is the inside either way, a pair never mixes its marks.
QUOTE = re.compile(r"[“「]((?<=“)[^“”\n]{2,40}(?=”)|(?<=「)[^「」\n]{2,40}(?=」))[”」]")
LATIN = re.compile(r"[A-Z][A-Za-z&\-]+(?: [A-Z][A-Za-z&\-]+)+")
YEAR = re.compile(r"\d{4}年度?")
LEADING_YEAR = re.compile(r"(?:19|20)\d\d(?:年度?)?$")
HOST_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d年$")  #: 北京|2022年|冬奥会: the year between a host and its event
SLOGAN_AFTER_PLACE = ("特色", "式", "成立")
LOCAL_LEVELS = ("省政府", "市政府", "区政府", "县政府", "省", "市", "区", "县")
GROUP_COUNT = re.compile(r"[两三四五六七八九十几]+[省市区地国]")
COUNTED = re.compile(r"[两三四五六七八九十几]大$")  # 横琴前海南沙|三大|平台, 五大|工程: a count of items, no name
YEAR_RANGE_END = re.compile(r"\s*(?:19|20)\d\d\s*[-—–~至]\s*(?:19|20)?\d\d\s*年?$")  # …规划2016-2020
PERSON_TITLES = ("院士", "教授", "博士", "同志", "先生", "女士", "主任", "书记", "市长", "局长", "部长", "研究员")
PRIORITY = {"graph": 6, "book": 5, "quote": 5, "ellipsis": 5, "relative": 4, "lexicon": 4,
            "abbr": 4, "pattern": 4, "cell": 4, "list": 3, "derived": 3, "department": 3, "abbr-body": 2, "suffix": 2, "latin": 1, "metric": 0}


@dataclass
class Mention:
    start: int
    end: int
    name: str  # canonical name_zh
    type: str
    conf: float
    how: str
    surface: str = ""
    node_id: str | None = None
    name_en: str = ""
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    nested: bool = False
    publisher: bool = False
    weak: bool = False
    parent: Mention | None = None  # derived mentions: the list item they come from
    local: bool = False  # a relative name of no known city: never resolved to a graph node
    titled: bool = False  # a name inside a 《》 title: an entity of its own although nested

    @property
    def key(self) -> tuple[str, str]:
        return (normalize(self.name), self.type)

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.how, 0)

    def inside(self, other: Mention) -> bool:
        return other.start <= self.start and self.end <= other.end and (self.start, self.end) != (other.start, other.end)

    def crosses(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end and not (
            self.inside(other) or other.inside(self) or (self.start, self.end) == (other.start, other.end))


def from_entry(entry: Entry, start: int, end: int, surface: str) -> Mention:
    return Mention(start, end, entry.name, entry.type, entry.conf, entry.how, surface, entry.node_id,
                   entry.name_en, entry.kind, publisher=entry.publisher, weak=entry.weak, local=entry.local)


class EntityFinder(Boundaries):
    def __init__(self, rules: Rules, gazetteer: Gazetteer, context: Context):
        self.rules = rules
        self.gazetteer = gazetteer
        self.context = context
        self.anchors = anchors(rules)
        self.strong_anchors = strong_anchors(rules)
        self.suffix_ends = {s.end for s in rules.suffixes}
        #: endings of works and plans, and 项目: the kind words a count may reach over (counted_kinds.py)
        self.kind_endings = frozenset({s.end for s in rules.suffixes if s.type in ("Project", "Program")} | {"项目"})
        self.places = self.anchors - {w for w in rules.lexicon["fields"]}
        self.anchor_words = frozenset(rules.lexicon["anchors"])
        self._generic_words = sorted(rules.generic | self.places, key=len, reverse=True)
        self._generic_lookup = Words(self._generic_words)
        self.abbr = region_abbreviations(rules)
        self._max_anchor = max(map(len, self.anchors))
        self.weak_surfaces = {w for item in rules.relative if item.get("weak") for w in item["surface"]}
        #: verbs of arrival (落户, 入驻 …): a complete name before one is its subject, never part of a name
        self.arrivals = frozenset(rules.verbs_by_kind.get("locate", ())) | {"迁入"}
        # word sets looked up by slicing at each length, not by trying every word: linear in the text
        self._verbs, self._functions = Words(rules.verbs), Words(rules.functions)
        self._hard_words, self._not_before = Words(rules.hard_words), Words(rules.not_before)
        self._stops, self._arrivals = Words(rules.stops), Words(self.arrivals)

    # ---- known names ------------------------------------------------------

    def known(self, text: str) -> list[Mention]:
        out = []
        for start, end, entries in self.gazetteer.scan(_lower(text)):
            entry = self.pick(entries)
            if entry and entry.type == "Region" and text.startswith(SLOGAN_AFTER_PLACE, end):
                continue  # 中国特色社会主义, 中国式现代化, 中华人民共和国成立75周年: a slogan or a date, no place
            if entry and entry.type in ("Region", "District") and in_names.heads_unread_name(self, text, start, end):
                continue  # 来源:中国科学报: the head of a name, not the place (in_names.py)
            if entry and entry.how == "lexicon" and entry.type == "Institution" and end - start <= 4 \
                    and text.endswith(LOCAL_LEVELS, 0, start):
                continue  # 省政府|国资委, 市|发改委: a national body's short name after a local level is a local body
            if entry:
                mention = from_entry(entry, start, end, text[start:end])
                mention.weak = mention.weak or text[start:end] in self.weak_surfaces  # 本市 is never an object
                out.append(mention)
        out.extend(self._home_abbreviations(text))
        return out

    def pick(self, entries: list[Entry]) -> Entry | None:
        """The entry a surface form stands for; graph names first, ambiguity settled by the city."""
        for how in ("graph", "relative", "lexicon"):
            found = [e for e in entries if e.how == how]
            if len(found) == 1:
                return found[0]
            local = [e for e in found if self.context.city and self.context.city[:2] in e.name]
            if len(local) == 1:
                return local[0]
            if found:
                return None
        return None

    def _home_abbreviations(self, text: str) -> list[Mention]:
        """在京 -> the city whose one-character abbreviation is 京."""
        out = []
        for m in re.finditer(r"(?<=在)(.)(?=[揭落设举召建成])", text):
            name = self.abbr.get(m.group(1))
            if name:
                entries = self.gazetteer.get(name)
                entry = self.pick(entries) if entries else None
                mention = from_entry(entry, m.start(), m.end(), m.group(1)) if entry else \
                    Mention(m.start(), m.end(), name, "Region", 0.8, "abbr", m.group(1))
                mention.how = "abbr"
                out.append(mention)
        return out

    # ---- patterns ---------------------------------------------------------

    def books(self, text: str) -> tuple[list[Mention], list[tuple[int, int]]]:
        """Titles in 《》, and the spans opaque to the suffix patterns (journals' names only).

        A title ending like a policy is a Policy (0.85); any other title is a Policy of low
        confidence (0.5: a report, a project's title, a work summary); names inside a title are
        still found (nested: 《关于港深推进落马洲河套地区共同发展的合作备忘录》 names a zone).
        A bare year range closing a title is not part of its name (an alias keeps it).
        """
        out, spans = [], []
        for m in BOOK.finditer(text):
            title = m.group(1).strip()
            bare = re.sub(r"\([^()]*\)$", "", title)  # …实施办法(试行), …行动计划(2018-2020年)
            after = next((w for w in self.rules.periodical_after if text.startswith(w, m.end())), None)
            if after:
                spans.append(m.span())
                out.append(Mention(m.start(), m.end() + len(after), m.group(0) + after, "Institution", 0.7,
                                   "book", m.group(0) + after, kind="enterprise", aliases=[title + after]))
                continue
            if bare.endswith(self.rules.periodical_ends) and len(bare) > 2:  # 《湖北日报》: the paper
                out.append(Mention(m.start(1), m.end(1), bare, "Institution", 0.7, "book", title, kind="enterprise"))
                continue
            name = YEAR_RANGE_END.sub("", title) if len(YEAR_RANGE_END.sub("", title)) >= 4 else title
            type_, conf = self._title_type(text, m.start(), bare)
            out.append(Mention(m.start(1), m.end(1), name, type_, conf, "book", title,
                               aliases=[title] if name != title else []))
        return out, spans

    def _title_type(self, text: str, at: int, bare: str) -> tuple[str, float]:
        """Policy by its ending; a report, index or list is a Document; a project's title after 课题/项目."""
        if bare.endswith(self.rules.policy_ends):
            return "Policy", 0.85
        if any(w in bare for w in self.rules.document_words):
            return "Document", 0.5
        if text[max(0, at - 4):at].endswith(("专项", "课题", "项目", "子课题")):
            return "Project", 0.5
        return "Policy", 0.5

    def quotes(self, text: str) -> list[Mention]:
        out = []
        counts = Counter(m.group(0) for m in QUOTE.finditer(text))
        for m in QUOTE.finditer(text):
            inner = m.group(1).strip()
            follower = next((w for w in sorted(self.rules.quote_followers, key=len, reverse=True)
                             if text.startswith(w, m.end())), None)
            if follower:
                type_ = self.rules.quote_followers[follower]
                head = self.anchored_head(text, m.start())  # 中关村科技成果转化|“火花”活动
                out.append(Mention(m.start(1) - len(head) - 1 if head else m.start(1), m.end() + len(follower),
                                   head + inner + follower, type_, 0.75, "quote",
                                   text[m.start() - len(head): m.end() + len(follower)],
                                   aliases=[head + m.group(0) + follower]))
                continue
            suffix = self._suffix_at_end(inner)
            type_ = suffix.type if suffix and len(inner) > len(suffix.end) else None
            if type_ is None and counts[m.group(0)] >= 2:  # a recurring quoted name: “三城一区”
                type_ = next((t for end, t in self.rules.quote_types.items() if inner.endswith(end)), None)
            if type_:
                out.append(Mention(m.start(1), m.end(1), inner, type_, 0.75, "quote", inner,
                                   kind=suffix.kind if suffix else None))
        return out

    def anchored_head(self, text: str, at: int) -> str:
        """The words right before a quote that belong to its name: only when they open with a place or an
        anchor word (杭州市推进|“互联网+”行动实施意见 -> 杭州市推进…; 开展|“…”活动 -> nothing)."""
        edge, anchored = self.left_edge(text, at)
        if edge is None or not anchored or edge >= at or any(ch in PUNCT for ch in text[edge:at]) \
                or self._complete_name(text[edge:at]):
            return ""  # 国家重点研发计划|“…”重点专项: a name of its own, not a head
        return text[edge:at]

    def _suffix_at_end(self, name: str) -> Suffix | None:
        return next((s for s in self.rules.suffixes if name.endswith(s.end)), None)

    def latin(self, text: str) -> list[Mention]:
        return [Mention(m.start(), m.end(), m.group(), "Institution", 0.6, "latin", m.group(), kind="enterprise")
                for m in LATIN.finditer(text)]

    def suffixed(self, text: str, opaque: list[tuple[int, int]]) -> list[Mention]:
        out: dict[tuple[int, int], Mention] = {}
        covered = Spans(opaque)
        for suffix in self.rules.suffixes:
            at = text.find(suffix.end)
            while at != -1:
                end = at + len(suffix.end)
                budget.check()
                if not covered.covers(at):
                    mention = self._name_ending(text, at, end, suffix)
                    if mention and (mention.start, end) not in out:
                        out[(mention.start, end)] = mention
                at = text.find(suffix.end, at + 1)
        return list(out.values())

    def _name_ending(self, text: str, at: int, end: int, suffix: Suffix) -> Mention | None:
        words = self.words_of(text)
        if self._not_before.starts(text, end) and not (text[end:end + 1] == "会" and words.inside(end + 1)):
            return None  # 专题组, 规划编制: the suffix word is not the end of a name here (立法会|会议 is)
        if any(text.startswith(w, end - len(w)) and len(w) > len(suffix.end) for w in self.rules.not_heads):
            return None  # 新发展格局, 工作部署: a common word that ends like a bureau
        if words.inside(end) and words.end_of(end) == end + 1:
            return None  # …工程|师, …大学|生: the name would end inside a word (基金|项目 is a name and a head)
        if self.glued_to_preposition(text, at):
            return None  # 能够按计划完成: "as planned", the ending is the preposition's object (boundaries.py)
        start, anchored = self.left_edge(text, at, suffix.alone, facility_edges.is_facility(suffix))
        year = LEADING_YEAR.search(text, max(0, at - 7), at) if start in (None, at) and not suffix.alone else None
        if year:
            start = year.start()  # 2019年度|工作方案: a year is the only modifier left, so it stays
        if start is None or (start == at and not suffix.alone):
            return None
        if suffix.type == "Event":
            start = self._host_and_year(text, start)
        if suffix.placed and not any(text[start:start + n] in self.places - self.anchor_words for n in range(2, 8)):
            return None  # 世界级集群: only a city or province makes such an ending a name
        place_at, tag = self.words_of(text).word_ending(end)
        if start < place_at <= start + 2 and tag in ("ns", "nt") and end - place_at >= 3 \
                and not self._anchored(text, start):
            start = place_at  # 分别居|滨海新区: a word or two before a place the dictionary knows is no part of it
        if GROUP_COUNT.search(text[start:at]) or COUNTED.search(text[start:at]) or counted_kinds.counted(text, start, end, endings=self.kind_endings):
            return None  # 苏浙皖三省科技厅: several bodies counted, not one name; 16个|…平台: a kind (counted_kinds.py)
        if len(suffix.end) == 1 and text[start - 1:start] in ("和", "及", "与") \
                and not self._complete_name(text[max(0, start - LOOKBACK):start - 1]):
            return None  # 工业和|信息化局: the half of a coordinated bureau's name is no bureau
        verb = self.words_of(text).verb_at(start)
        if verb and self.gazetteer.get(text[start + len(verb):end]):
            return None  # 联合|市环保局: a verb before a known name is no part of it
        name = text[start:end]
        if (name in self.suffix_ends and not suffix.alone) or text[start - 1:start] == "等" \
                or self._is_person(text, start, end) or text[end:end + 1].isdigit():
            return None  # a bare ending, a category (…等新型研发平台), a person, a thing counted (…实验室88家)
        if name in self.rules.not_names or self._not_a_name(name) or not_names.none(self, text, start, at, end, suffix):
            return None  # not_names.py: a common noun, a description, an occurrence, a goal
        modifier = text[start:at]
        generic = bool(modifier) and self._generic(modifier)
        if modifier and (len(modifier) < 2 or generic and (suffix.type not in ("Project", "Event")
                                                            or modifier.startswith(("重点", "各类", "相关")))):
            return None
        conf = suffix.conf + (0.05 if anchored else 0.0) - (0.15 if len(modifier) == 1 else 0.0)
        year = LEADING_YEAR.search(text, max(0, start - 7), start)  # 2016年|天津市科技工作会议: kept as an alias
        return Mention(start, end, name, suffix.type, round(min(conf, 0.9), 2), "suffix", name, kind=suffix.kind,
                       aliases=[year.group() + name] if year else [])

    def _host_and_year(self, text: str, start: int) -> int:
        """举办|北京2022年冬奥会: a host city and the year right before an event are its name (session 12)."""
        year = HOST_YEAR.search(text, max(0, start - 5), start)
        if not year:
            return start
        host = next((n for n in range(self._max_anchor, 1, -1)
                     if text[max(0, year.start() - n):year.start()] in self.strong_anchors), 0)
        return year.start() - host if host else start

    def _not_a_name(self, name: str) -> bool:
        """Names that end in a listed non-name after a generic modifier (市级科普基地)."""
        return any(name.endswith(word) and self._generic(name[: -len(word)], True) for word in self.rules.not_names)

    def _generic(self, modifier: str, places_suffice: bool = False) -> bool:
        """A modifier of generic words (places and years allowed beside them) names a category:
        中关村上市公司. With `places_suffice`, places and years alone do too (2018年|科技创新中心)."""
        i, generic_seen = 0, places_suffice
        while i < len(modifier):
            year = YEAR.match(modifier, i)
            word = year.group() if year else self._generic_at(modifier, i)
            if word is None:
                return False
            generic_seen = generic_seen or word in self.rules.generic
            i += len(word)
        return generic_seen

    def _generic_at(self, modifier: str, i: int) -> str | None:
        """The longest generic word or place starting at i, by slicing at each length (the list grew
        with the lexicon's cities: a scan of it per position was a tenth of the extraction time)."""
        words = self._generic_lookup
        return next((modifier[i:i + n] for n in words.lengths if modifier[i:i + n] in words.words), None)

    @staticmethod
    def _is_person(text: str, start: int, end: int) -> bool:
        return end - start <= 4 and text.startswith(PERSON_TITLES, end)


def _lower(text: str) -> str:
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep non-crossing mentions: graph names first, then longer, then stronger; contained ones become nested.

    Kept mentions are indexed by start, so each candidate is checked only against those that
    can touch it (a start within the longest span before its end): linear in the text.
    """
    order = sorted(mentions, key=lambda m: (m.how != "graph", -(m.end - m.start), -m.priority, -m.conf, m.start))
    reach = max((m.end - m.start for m in order), default=0)
    kept: list[Mention] = []
    by_start: dict[int, list[Mention]] = {}  # kept non-derived mentions by start
    spans: dict[tuple[int, int], Mention] = {}
    for m in order:
        if (m.start, m.end) in spans and spans[(m.start, m.end)].how != "derived" and m.how != "derived":
            continue
        near = [k for at in range(m.start - reach, m.end) for k in by_start.get(at, ())]
        if m.how != "derived" and any(m.crosses(k) for k in near):
            continue
        m.nested = any(m.inside(k) for k in near)
        kept.append(m)
        if m.how != "derived":
            by_start.setdefault(m.start, []).append(m)
        spans.setdefault((m.start, m.end), m)
    _contained(kept, by_start, reach)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def _contained(kept: list[Mention], by_start: dict[int, list[Mention]], reach: int) -> None:
    """A graph name kept first and a longer name kept after it around it (北京|雁栖湖应用数学研究院):
    the graph name is nested too, as it would be had the longer one come first."""
    for m in kept:
        if not m.nested and m.how == "graph":
            m.nested = any(m.inside(k) for at in range(m.start - reach, m.start + 1) for k in by_start.get(at, ()))
