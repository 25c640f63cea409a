"""What the text around a guessed name shows about it: a kind of thing, or a broken span.

Why: a suffix rule (…平台, …工程, …局) finds a span that ends like a name; whether the
span is one named thing is a question the ending cannot answer. The junk of the
development documents (dev, dev2; classes in docs/extraction.md, "Precision and junk
(session 5)") shows the answer in the span and the few characters around it:

- **a kind, not one thing** (`kind_of`):
  - counted: a count ends the modifier (横琴前海南沙|三大|平台, 专项政策创新|五大|工程), or a plural
    count stands right before the name (布局建设了|18家|国家制造业创新中心), before its opening quote
    (三个“|一号工程”) or before a clause with 的 that picks some of them (157个参与评价的|国家高新区):
    several things of one kind, named by the kind (session 6);
  - related to something (生命健康科技|相关|主题研究院): "institutes related to X" is a kind;
  - coordinated kinds sharing an ending: a bare word and the ending (方案和|举措), or X and what
    goes with it (文化创意和|配套|设施); not a body (创新及科技局 is one bureau);
  - an item of an addressee list opened by 各 (各镇政府、|街道(地区)办事处): each of a kind;
  - a slogan, not a document: a name ending in 战略 or 精神 (新发展格局战略, 浙江工作重要指示精神;
    the corpus guideline: strategies and slogans are no entities);
- **a broken span** (`broken`): a name never holds an adverb (…入库数|分别|居滨海新区) or a light
  verb as a word of its own (…发展情况|进行|专题, 市科委|作|科技工作报告: session 6), never ends
  in a common word that ends like a bureau (发展|大局, 开好局: `not_heads`, now for every path
  that guesses a name, not only suffixes), never ends one character inside a word
  (创新及科技局|局长), and never opens with a measure word after a figure (有 |家|特色小镇).

Only guessed names are doubted (confidence.GUESSED); known names keep their confidence.
"""

from __future__ import annotations

import re

#: a count closing a modifier: 三大, 五项, 十个, 18家 (the name is the kind counted)
COUNT_END = re.compile(r"(?:\d+|[两三四五六七八九十百千几多数]+)[大项个类批种家所]$")
#: a plural count right before a name: 18家, 两个, 十余所, 数家 (not 一个, not 1家)
PLURAL_BEFORE = re.compile(r"(?:(?:[2-9]|\d{2,})|[两三四五六七八九十百千几多数]+)(?:余|多)?[家个所项座批类种][“「]?$")
#: a plural count, then a clause with 的 that picks some of the kind: 157个参与评价的|国家高新区
PLURAL_CLAUSE = re.compile(r"(?:(?:[2-9]|\d{2,})|[两三四五六七八九十百千几多数]+)(?:余|多)?[家个所项座批类种]"
                           r"[^,，。;；:：、“”「」\n\d]{1,10}的$")
KIND_ENDINGS = ("创新中心", "平台", "基地")  # a domain's centre or platform is a kind; its laboratory is named (空间科学实验室)
DOMAIN_WORDS = ("产业", "科技", "技术", "行业")  # with a field: still a domain, not one platform
RELATED = ("相关", "有关")
CONJUNCTIONS = re.compile(r"[和及与]")
COMPANIONS = ("配套", "相关", "有关", "其他", "其它", "各类")  # X和配套设施: what goes with X, a kind
SLOGAN_HEADS = ("战略", "精神")
ADVERBS = ("分别", "已经", "正在", "不断", "进一步", "逐步")
#: light verbs, a word of their own inside a span: a clause, not a name (…情况|进行|专题, 市科委|作|科技工作报告)
LIGHT_VERBS = frozenset({"进行", "作", "做", "作出", "做出", "给予", "予以"})
MEASURE_OPENERS = "家个所项座"
CLAUSE_END = re.compile(r"[,，;；:：。！？!?\n]")
LOOKBACK = 60


def kind_of(finder, text: str, m, modifier: str) -> bool:
    """Whether the guessed name `m` names a kind of thing (see the module doc); of an event only
    a slogan's head counts (a counted event stays: 第二十六届 is handled by the event rules)."""
    if m.name.endswith(SLOGAN_HEADS):
        return True
    if m.type == "Event":
        return False
    if COUNT_END.search(modifier):
        return True
    if PLURAL_BEFORE.search(text, max(0, m.start - 7), m.start):
        return True
    if PLURAL_CLAUSE.search(text, max(0, m.start - 18), m.start):
        return True
    if any(w in modifier[1:] for w in RELATED):
        return True
    if m.type != "Institution" and _coordinated_kinds(finder, modifier):
        return True
    if m.type == "Project" and m.name.endswith(KIND_ENDINGS) and _domain_only(finder, modifier):
        return True
    return _addressed_to_each(text, m.start)


def broken(finder, words, text: str, m) -> bool:
    """Whether the span of the guessed name `m` cannot be one name (see the module doc)."""
    name = m.name if m.end - m.start == len(m.name) else text[m.start:m.end]
    if any(a in name for a in ADVERBS):
        return True
    if _light_verb(words, text, m.start, m.end):
        return True
    if any(name.endswith(w) and len(name) > len(w) for w in finder.rules.not_heads):
        return True
    if words.inside(m.end) and words.end_of(m.end) == m.end + 1:
        return True
    return name[:1] in MEASURE_OPENERS and m.start > 0 and (text[m.start - 1].isspace() or text[m.start - 1].isdigit())


def _light_verb(words, text: str, start: int, end: int) -> bool:
    """Whether a segmenter word inside [start, end), not at its start, is a light verb (进行, 作)."""
    i = start + 1
    while i < end:
        if words.inside(i):
            i += 1
            continue
        word_end = words.end_of(i)
        if word_end <= end and text[i:word_end] in LIGHT_VERBS:
            return True
        i = max(word_end, i + 1)
    return False


def _coordinated_kinds(finder, modifier: str) -> bool:
    """方案和|举措 (a bare word and the ending: two kinds), 文化创意和配套|设施 (X and the facilities
    that go with it). Not 创新及科技支援计划, …关键技术及|路径研究: a specific first part, or a
    specific second one, names one thing."""
    parts = CONJUNCTIONS.split(modifier)
    if len(parts) < 2:
        return False
    before, rest = parts[-2], parts[-1]
    if not rest:
        return len(before) <= 2 or finder._generic(before)
    return rest in COMPANIONS


def _domain_only(finder, modifier: str) -> bool:
    """制造业|创新中心, 产业科技|创新中心: a domain and generic words, no place, no 国家, nothing that
    singles one out: the kind of platform a domain has (国家集成电路创新中心 keeps its 国家)."""
    fields = _fields(finder)
    i, domain = 0, False
    while i < len(modifier):
        word = next((w for w in fields if modifier.startswith(w, i)), None)
        if word is None:
            word = next((w for w in DOMAIN_WORDS if modifier.startswith(w, i)), None)
            if word is None:
                return False
        domain = True
        i += len(word)
    return domain


def _fields(finder) -> list[str]:
    cached = getattr(finder, "_doubt_fields", None)
    if cached is None:
        cached = sorted(finder.rules.lexicon["fields"], key=len, reverse=True)
        finder._doubt_fields = cached
    return cached


def _addressed_to_each(text: str, start: int) -> bool:
    """各镇政府、|街道(地区)办事处: an item of a 、 list whose clause opens with 各 (addressees)."""
    window = text[max(0, start - LOOKBACK):start]
    cut = max((mt.end() for mt in CLAUSE_END.finditer(window)), default=0)
    clause = window[cut:].lstrip()
    return clause.startswith("各") and (clause == "各" or clause.endswith("、"))
